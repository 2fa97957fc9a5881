import { describe, expect, it } from 'vitest';
import { MonitorSettingsSchema } from '../../../src-main/common/settings-schema.js';
import { parseDotEnv, planEnvImport } from '../../../src-main/core/credentials/envImport.js';
import type { EnvironmentConfig } from '../../../src-main/core/environmentConfig.js';
import { ValidationError } from '../../../src-main/core/errors.js';

const MONITOR = MonitorSettingsSchema.parse({});
/** One environment with both kinds present and empty, as a new one starts. */
const DEFAULTS: EnvironmentConfig = {
  databases: { supabase: { url: null, probeTable: null }, neo4j: { uri: null, user: 'neo4j', database: null } },
  monitor: MONITOR,
};
const SUPABASE_KEY = 'sb_secret_ZYX987abc-very-private';
const NEO4J_PASSWORD = 'p@ss "word" #1';

const ORIGINAL_ENV = `
# WallTrack .env (original Python service)
SUPABASE_URL=https://abcd.supabase.co
export SUPABASE_KEY='${SUPABASE_KEY}'
NEO4J_URI="neo4j://graph.example.com:7687"   # prod graph
NEO4J_USER=walltrack
NEO4J_PASSWORD="p@ss \\"word\\" #1"
SUPABASE_PROBE_TABLE=wallets
LOG_LEVEL=debug
this line is nonsense
`;

describe('parseDotEnv', () => {
  it('handles comments, export, quotes, escapes, inline comments and CRLF', () => {
    const { vars, malformed } = parseDotEnv(ORIGINAL_ENV.replace(/\n/g, '\r\n'));
    expect(Object.fromEntries(vars)).toEqual({
      SUPABASE_URL: 'https://abcd.supabase.co',
      SUPABASE_KEY,
      NEO4J_URI: 'neo4j://graph.example.com:7687',
      NEO4J_USER: 'walltrack',
      NEO4J_PASSWORD,
      SUPABASE_PROBE_TABLE: 'wallets',
      LOG_LEVEL: 'debug',
    });
    expect(malformed).toEqual([{ name: 'line 10', reason: 'not a KEY=value line; skipped' }]);
  });

  it('reads multi-line double-quoted values and keeps # inside unquoted values', () => {
    expect(Object.fromEntries(parseDotEnv('A="one\ntwo"\nB=x#y\nC=\n').vars)).toEqual({ A: 'one\ntwo', B: 'x#y', C: '' });
  });

  it('reports an unclosed quote without echoing the value', () => {
    const { vars, malformed } = parseDotEnv(`NEO4J_PASSWORD="${'secret-unclosed'}\n`);
    expect(vars).toEqual(new Map());
    expect(JSON.stringify(malformed)).not.toContain('secret-unclosed');
    expect(malformed[0]!.name).toBe('NEO4J_PASSWORD');
  });

  it('keeps blanks inside quotes, also at the end of the first line of a multi-line value', () => {
    expect(Object.fromEntries(parseDotEnv('A="  one  \n  two  "\nB=\'  x  \'\n').vars)).toEqual({ A: '  one  \n  two  ', B: '  x  ' });
  });

  // Worst cases within the 256 KB the import accepts (their time is bench figure (g)).
  it('reads an unclosed quote followed by 130,000 line breaks as one unclosed value', () => {
    expect(parseDotEnv('NEO4J_PASSWORD="' + '\n'.repeat(130_000))).toEqual({
      vars: new Map(),
      malformed: [{ name: 'NEO4J_PASSWORD', reason: 'line 1: the " quote is never closed; the rest of the file was skipped' }],
    });
  });

  it('reads a value with 250,000 blanks inside and no comment', () => {
    const blanks = ' '.repeat(250_000);
    expect(parseDotEnv(`A=a${blanks}b #c\n`)).toEqual({ vars: new Map([['A', `a${blanks}b`]]), malformed: [] });
  });

  it('reads 65,536 lines, reporting the first 100 bad ones and counting the rest', () => {
    const { vars, malformed } = parseDotEnv('A=1\n'.repeat(32_768) + 'bad\n'.repeat(32_768));
    expect(vars).toEqual(new Map([['A', '1']]));
    expect(malformed).toHaveLength(101);
    expect(malformed[0]).toEqual({ name: 'line 32769', reason: 'not a KEY=value line; skipped' });
    expect(malformed[99]).toEqual({ name: 'line 32868', reason: 'not a KEY=value line; skipped' });
    expect(malformed[100]).toEqual({ name: '32668 more lines', reason: 'not KEY=value lines; skipped' });
  });
});

describe('planEnvImport', () => {
  it('maps non-secrets to settings and secrets aside; the report has no secret values', () => {
    const plan = planEnvImport(ORIGINAL_ENV, DEFAULTS);
    expect(plan.config.databases.supabase).toEqual({ url: 'https://abcd.supabase.co', probeTable: 'wallets' });
    expect(plan.config.databases.neo4j).toEqual({ uri: 'neo4j://graph.example.com:7687', user: 'walltrack', database: null });
    expect(plan.secrets.supabaseKey!.reveal()).toBe(SUPABASE_KEY);
    expect(plan.secrets.neo4jPassword!.reveal()).toBe(NEO4J_PASSWORD);
    expect(plan.report.settings.map((s) => s.name).sort()).toEqual(['NEO4J_URI', 'NEO4J_USER', 'SUPABASE_PROBE_TABLE', 'SUPABASE_URL']);
    expect(plan.report.secrets.map((s) => s.name).sort()).toEqual(['NEO4J_PASSWORD', 'SUPABASE_KEY']);
    expect(plan.report.ignored.map((s) => s.name)).toEqual(['line 10', 'LOG_LEVEL']);
    expect(plan.report.ignored[1]!.reason).toMatch(/not a WallTrack Monitor setting/);
    const text = JSON.stringify(plan.report) + JSON.stringify(plan);
    for (const secret of [SUPABASE_KEY, NEO4J_PASSWORD, Buffer.from(SUPABASE_KEY).toString('base64')]) expect(text).not.toContain(secret);
  });

  it('lists the first 100 unknown variables by name and counts the rest', () => {
    const plan = planEnvImport(Array.from({ length: 30_000 }, (_, i) => `X${i}=1`).join('\n'), DEFAULTS);
    expect(plan.report.ignored).toHaveLength(101);
    expect(plan.report.ignored[0]).toEqual({
      name: 'X0',
      reason:
        'not a WallTrack Monitor setting (known: SUPABASE_URL, SUPABASE_PROBE_TABLE, SUPABASE_PROJECT_REF, SUPABASE_MANAGEMENT_API_URL, NEO4J_URI, NEO4J_USER, NEO4J_DATABASE, WALLTRACK_TIMEOUT_MS, WALLTRACK_SLOW_MS, WALLTRACK_RECOVERY_SUCCESSES, SUPABASE_KEY, SUPABASE_ACCESS_TOKEN, NEO4J_PASSWORD)',
    });
    expect(plan.report.ignored[99]!.name).toBe('X99');
    expect(plan.report.ignored[100]).toEqual({ name: '29900 more variables', reason: 'not WallTrack Monitor settings; skipped' });
  });

  it('gives a preview the unknown names once (the first 20, then a count) and the other skipped lines with their reason', () => {
    const few = planEnvImport(`${ORIGINAL_ENV}NEO4J_DATABASE=\nOTHER=1\n`, DEFAULTS);
    expect(few.skipped).toEqual({
      unused: { names: ['LOG_LEVEL', 'OTHER'], more: 0 },
      ignored: [
        { name: 'line 10', reason: 'not a KEY=value line; skipped' },
        { name: 'NEO4J_DATABASE', reason: 'empty value; the current one is kept (an import never clears a setting or a secret)' },
      ],
    });
    const many = planEnvImport(Array.from({ length: 150 }, (_, i) => `X${i}=1`).join('\n'), DEFAULTS);
    expect(many.skipped).toEqual({ unused: { names: Array.from({ length: 20 }, (_, i) => `X${i}`), more: 130 }, ignored: [] });
    expect(planEnvImport(Array.from({ length: 20 }, (_, i) => `X${i}=1`).join('\n'), DEFAULTS).skipped.unused.more).toBe(0);
  });

  it('reads names of Object.prototype members as unknown variables, not as settings or secrets', () => {
    const plan = planEnvImport('constructor=x\ntoString=1\n__proto__=p\nhasOwnProperty=h\n', DEFAULTS);
    expect(plan.config).toEqual(DEFAULTS);
    expect(plan.secrets).toEqual({});
    expect(plan.report.secrets).toEqual([]);
    expect(plan.report.ignored.map((i) => i.name)).toEqual(['constructor', 'toString', '__proto__', 'hasOwnProperty']);
  });

  it('keeps current settings that the file does not mention', () => {
    const current = { databases: { ...DEFAULTS.databases, neo4j: { uri: 'bolt://old:7687', user: 'neo4j', database: 'graph' } }, monitor: { ...MONITOR, intervalSec: 12 } };
    const plan = planEnvImport('SUPABASE_URL=https://x.supabase.co\n', current);
    expect(plan.config.databases.neo4j).toEqual({ uri: 'bolt://old:7687', user: 'neo4j', database: 'graph' });
    expect(plan.config.monitor.intervalSec).toBe(12);
  });

  it('adds a kind the environment does not have when the file sets one of its variables, and only then', () => {
    const supabaseOnly = { databases: { supabase: { url: 'https://x.supabase.co', probeTable: null } }, monitor: MONITOR };
    const plan = planEnvImport('NEO4J_DATABASE=graph\nNEO4J_PASSWORD=pw\n', supabaseOnly);
    expect(plan.config.databases).toEqual({ supabase: { url: 'https://x.supabase.co', probeTable: null }, neo4j: { uri: null, user: 'neo4j', database: 'graph' } });
    expect(planEnvImport('NEO4J_PASSWORD=pw\n', supabaseOnly).config.databases).toEqual({ supabase: { url: 'https://x.supabase.co', probeTable: null } });
    expect(Object.keys(plan.report)).toEqual(['settings', 'secrets', 'ignored']);
  });

  it.each([
    ['NEO4J_URI=http://graph:7474', 'NEO4J_URI', /neo4j:\/\//],
    ['SUPABASE_URL=abcd.supabase.co', 'SUPABASE_URL', /https:\/\//],
    ['WALLTRACK_TIMEOUT_MS=fast', 'WALLTRACK_TIMEOUT_MS', /whole number/],
    ['NEO4J_URI=neo4j://u:hunter2@graph:7687', 'NEO4J_URI', /must not contain credentials/],
  ])('rejects %s naming %s', (line, variable, message) => {
    let error: unknown;
    try {
      planEnvImport(`SUPABASE_KEY=k\n${line}\n`, DEFAULTS);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(variable);
    expect((error as ValidationError).message).toMatch(message);
    expect((error as ValidationError).message).not.toContain('hunter2');
  });

  it('treats KEY="" and KEY=\'\' like KEY=: the current value is kept, and the report says so', () => {
    const current = { ...DEFAULTS, databases: { ...DEFAULTS.databases, supabase: { url: 'https://old.supabase.co', probeTable: null } } };
    const plan = planEnvImport('SUPABASE_URL=""\nSUPABASE_KEY=\'\'\nNEO4J_PASSWORD="   "\n', current);
    expect(plan.config).toEqual(current);
    expect(plan.secrets).toEqual({});
    expect(plan.report).toEqual({
      settings: [],
      secrets: [],
      ignored: [
        { name: 'SUPABASE_URL', reason: 'empty value; the current one is kept (an import never clears a setting or a secret)' },
        { name: 'SUPABASE_KEY', reason: 'empty value; the current one is kept (an import never clears a setting or a secret)' },
        { name: 'NEO4J_PASSWORD', reason: 'empty value; the current one is kept (an import never clears a setting or a secret)' },
      ],
    });
  });

  it('ignores empty values instead of clearing settings', () => {
    const plan = planEnvImport('NEO4J_PASSWORD=\nNEO4J_URI=\n', { ...DEFAULTS, databases: { neo4j: { uri: 'bolt://a:1', user: 'neo4j', database: null } } });
    expect(plan.config.databases.neo4j!.uri).toBe('bolt://a:1');
    expect(plan.secrets).toEqual({});
    expect(plan.report.ignored.map((i) => i.name)).toEqual(['NEO4J_PASSWORD', 'NEO4J_URI']);
  });
});
