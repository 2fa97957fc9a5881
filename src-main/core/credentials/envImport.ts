/**
 * Import from the original service's .env file: non-secrets into settings, secrets into the
 * keychain. Everything is parsed and validated before anything is written, and the report never
 * carries a secret's value.
 */
import type { ImportReport } from '../../common/settings-schema.js';
import type { EnvironmentConfig, SecretValues } from '../environmentConfig.js';
import { applyEnvVariables, KNOWN_VARIABLES } from '../settings/envVariables.js';

export interface DotEnvParse {
  /** In file order; a later line for the same name wins. */
  vars: Map<string, string>;
  /** Lines that are not KEY=value, as "line N". */
  malformed: { name: string; reason: string }[];
}

// Sticky, run at a line's start in the whole text; [^\S\n] is a blank that does not end the line.
// NAME and blanks never overlap, so a failed match backtracks at most once per character.
const BLANKS = /[^\S\n]*/y;
const ASSIGNMENT = /(?:export[^\S\n]+)?([A-Za-z_][A-Za-z0-9_.-]*)[^\S\n]*=[^\S\n]*/y;
/** A report, not a dump: past this many, bad lines are counted. */
export const REPORTED_LINES = 100;
const DECODED = new Map([['n', '\n'], ['r', '\r'], ['t', '\t'], ['"', '"'], ['\\', '\\']]);

/**
 * Parses the .env syntax of python-dotenv, which the original service read: comments, blank lines,
 * `export `, '…' literal and "…" escaped values (both may span lines), inline ` # comments`.
 * One pass over the text: each character is looked at a bounded number of times, whatever the input
 * (an unclosed quote, a 250,000-blank value), so a 256 KB file parses in milliseconds.
 */
export function parseDotEnv(content: string): DotEnvParse {
  const text = content.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  // A Map: __proto__ is a name like any other, and many distinct names insert fast.
  const vars = new Map<string, string>();
  const malformed: DotEnvParse['malformed'] = [];
  let unreported = 0;
  let lineNo = 0;
  // Stryker disable next-line EqualityOperator: past the last line (start = length) there is only an empty line, which is skipped like any blank one
  for (let start = 0, end = 0; start <= text.length; start = end + 1) {
    lineNo++;
    end = lineEnd(text, start);
    BLANKS.lastIndex = start;
    BLANKS.exec(text);
    if (BLANKS.lastIndex === end || text[BLANKS.lastIndex] === '#') continue;
    ASSIGNMENT.lastIndex = BLANKS.lastIndex;
    const assignment = ASSIGNMENT.exec(text);
    if (!assignment) {
      // Never echo the line: it may hold a secret.
      if (malformed.length < REPORTED_LINES) malformed.push({ name: `line ${lineNo}`, reason: 'not a KEY=value line; skipped' });
      else unreported++;
      continue;
    }
    const name = assignment[1]!;
    const valueStart = ASSIGNMENT.lastIndex;
    const quote = text[valueStart];
    if (quote !== '"' && quote !== "'") {
      const value = text.slice(valueStart, end);
      const comment = value.search(/\s#/);
      // Stryker disable next-line EqualityOperator: ASSIGNMENT ate the blanks after "=", so a value never starts with one and a comment is never at 0
      vars.set(name, (comment < 0 ? value : value.slice(0, comment)).trim());
      continue;
    }
    const close = closingQuote(text, valueStart + 1, quote);
    // Stryker disable next-line EqualityOperator: a closing quote is found at valueStart + 1 or later, never at 0
    if (close < 0) {
      malformed.push({ name, reason: `line ${lineNo}: the ${quote} quote is never closed; the rest of the file was skipped` });
      break;
    }
    const raw = text.slice(valueStart + 1, close);
    vars.set(name, quote === '"' ? decodeEscapes(raw) : raw);
    lineNo += countLineBreaks(raw);
    // The rest of the closing quote's line is ignored (usually a comment).
    end = lineEnd(text, close);
  }
  if (unreported > 0) malformed.push({ name: `${unreported} more lines`, reason: 'not KEY=value lines; skipped' });
  return { vars, malformed };
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/** Index of the quote that closes a value opened just before `from`; in "…" a backslash escapes the next character. */
function closingQuote(text: string, from: number, quote: string): number {
  if (quote === "'") return text.indexOf("'", from);
  // Stryker disable next-line EqualityOperator: text[text.length] is undefined, neither a backslash nor a quote
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

/** \n \r \t \" \\ in a "…" value; any other backslash stays. (A loop: a replace callback per escape is slow.) */
function decodeEscapes(raw: string): string {
  let out = '';
  let copied = 0;
  // Stryker disable next-line ConditionalExpression,ArithmeticOperator: a backslash last in raw looks up undefined, which is no escape, and the next search ends the loop
  for (let i = raw.indexOf('\\'); i >= 0 && i + 1 < raw.length; i = raw.indexOf('\\', i)) {
    const decoded = DECODED.get(raw[i + 1]!);
    if (decoded === undefined) {
      i++;
      continue;
    }
    out += raw.slice(copied, i) + decoded;
    i += 2;
    copied = i;
  }
  // Stryker disable next-line ConditionalExpression: with nothing decoded out is '' and raw.slice(0) is raw
  return copied === 0 ? raw : out + raw.slice(copied);
}

function countLineBreaks(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

export interface EnvImportPlan {
  /** The environment's config with the file applied. */
  config: EnvironmentConfig;
  secrets: SecretValues;
  /** Which environment it went into is the caller's to add. */
  report: Omit<ImportReport, 'environment'>;
  /** What a preview lists besides the changes: unknown names once, and the lines skipped for another reason. */
  skipped: { unused: { names: string[]; more: number }; ignored: { name: string; reason: string }[] };
}

/** A preview names this many unknown variables, then counts the rest: one line, not a list. */
export const PREVIEWED_UNUSED = 20;

/**
 * Works out what an import into one environment would change, without writing anything.
 * Throws a ValidationError naming the variable when a value is invalid (e.g. a bad endpoint URL).
 */
export function planEnvImport(content: string, base: EnvironmentConfig): EnvImportPlan {
  const { vars, malformed } = parseDotEnv(content);
  const applied = applyEnvVariables(vars, base);
  return {
    config: applied.config,
    secrets: applied.secrets,
    report: {
      settings: applied.applied,
      secrets: applied.secretNames.map((name) => ({ name, stored: false })),
      ignored: [...malformed, ...applied.ignored],
    },
    skipped: {
      unused: { names: applied.unknown.names.slice(0, PREVIEWED_UNUSED), more: Math.max(0, applied.unknown.count - PREVIEWED_UNUSED) },
      // Ours but skipped (an empty value); unknown names are in `unused`.
      ignored: [...malformed, ...applied.ignored.filter((i) => KNOWN_VARIABLES.includes(i.name))],
    },
  };
}
