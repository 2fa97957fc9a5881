/**
 * Import from the original service's .env file: non-secrets into settings, secrets into the
 * keychain. Everything is parsed and validated before anything is written, and the report never
 * carries a secret's value.
 */
import type { ImportReport, SecretName, Settings } from '../../common/settings-schema.js';
import { applyEnvVariables } from '../settings/envVariables.js';
import type { Secret } from './Secret.js';

export interface DotEnvParse {
  vars: Record<string, string>;
  /** Lines that are not KEY=value, as "line N". */
  malformed: { name: string; reason: string }[];
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Parses KEY=value lines: comments, blank lines, `export ` prefix, '…' literal and "…" escaped (multi-line) values. */
export function parseDotEnv(content: string): DotEnvParse {
  const vars: Record<string, string> = {};
  const malformed: DotEnvParse['malformed'] = [];
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const name = (eq > 0 ? line.slice(0, eq) : '').replace(/^export\s+/, '').trim();
    if (eq <= 0 || !KEY.test(name)) {
      // Never echo the line: it may hold a secret.
      malformed.push({ name: `line ${lineNo}`, reason: 'not a KEY=value line; skipped' });
      continue;
    }
    let rest = line.slice(eq + 1).trimStart();
    const quote = rest[0];
    if (quote === '"' || quote === "'") {
      let body = rest.slice(1);
      let end = findClosingQuote(body, quote);
      while (end < 0 && i + 1 < lines.length) {
        body += '\n' + lines[++i]!;
        end = findClosingQuote(body, quote);
      }
      if (end < 0) {
        malformed.push({ name, reason: `line ${lineNo}: the ${quote} quote is never closed; skipped` });
        continue;
      }
      const raw = body.slice(0, end);
      vars[name] = quote === '"' ? unescapeDoubleQuoted(raw) : raw;
      continue;
    }
    // Unquoted: an inline comment starts at whitespace followed by #.
    rest = rest.replace(/\s+#.*$/, '');
    vars[name] = rest.trim();
  }
  return { vars, malformed };
}

function findClosingQuote(body: string, quote: string): number {
  for (let j = 0; j < body.length; j++) {
    if (quote === '"' && body[j] === '\\') {
      j++;
      continue;
    }
    if (body[j] === quote) return j;
  }
  return -1;
}

function unescapeDoubleQuoted(raw: string): string {
  return raw.replace(/\\([nrt"\\])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' })[c]!);
}

export interface EnvImportPlan {
  settings: Settings;
  secrets: Partial<Record<SecretName, Secret>>;
  report: ImportReport;
}

/**
 * Works out what an import would change, without writing anything.
 * Throws a ValidationError naming the variable when a value is invalid (e.g. a bad NEO4J_URI).
 */
export function planEnvImport(content: string, current: Settings): EnvImportPlan {
  const { vars, malformed } = parseDotEnv(content);
  const applied = applyEnvVariables(vars, current);
  return {
    settings: applied.settings,
    secrets: applied.secrets,
    report: {
      settings: applied.applied,
      secrets: applied.secretNames.map((name) => ({ name, stored: false })),
      ignored: [...malformed, ...applied.ignored],
    },
  };
}
