/** The .env parser line by line, and what an import does with empty and odd values; expected values written out. */
import { describe, expect, it } from 'vitest';
import { parseDotEnv as parseToMap, planEnvImport } from '../../../src-main/core/credentials/envImport.js';
import { ValidationError } from '../../../src-main/core/errors.js';

const SKIPPED = 'not a KEY=value line; skipped';
const KEPT = 'empty value; the current one is kept (an import never clears a setting or a secret)';

/** The parse with its Map of variables as a plain object, so expectations read as written. */
function parseDotEnv(content: string) {
  const { vars, malformed } = parseToMap(content);
  return { vars: Object.fromEntries(vars), malformed };
}
/** One environment's config: both kinds present and empty, the default monitor settings. */
const DEFAULTS = {
  databases: { supabase: { url: null, probeTable: null }, neo4j: { uri: null, user: 'neo4j', database: null } },
  monitor: { intervalSec: 30, timeoutMs: 5_000, retries: 2, backoffInitialMs: 1_000, backoffMaxMs: 4_000, slowMs: 1_000, recoverySuccesses: 2 },
};

describe('parseDotEnv: names', () => {
  it.each([
    ['A=1', { A: '1' }],
    ['export A=1', { A: '1' }],
    ['export\t\tA=1', { A: '1' }],
    ['exportA=1', { exportA: '1' }],
    ['a.b-c_D9=1', { 'a.b-c_D9': '1' }],
    ['_A=1', { _A: '1' }],
    ['  A  =  spaced value  ', { A: 'spaced value' }],
    ['A=1\nA=2', { A: '2' }],
    // "export" alone before "=" is the variable's name, as in python-dotenv
    ['export =x', { export: 'x' }],
  ])('%j → %j', (content, vars) => {
    expect(parseDotEnv(content)).toEqual({ vars, malformed: [] });
  });

  it.each(['=value', 'NOEQUALS', '1A=x', 'A B=x', '-A=x', 'A!=x', 'Xexport A=1'])('%j is malformed, reported by line number only', (line) => {
    expect(parseDotEnv(`# first\n\n${line}`)).toEqual({ vars: {}, malformed: [{ name: 'line 3', reason: SKIPPED }] });
  });

  it('skips blank lines and comments, indented ones too, and strips a leading byte-order mark only', () => {
    expect(parseDotEnv('\uFEFFA=1\n   # B=2\n\t\nC=x\uFEFFy')).toEqual({ vars: { A: '1', C: 'x\uFEFFy' }, malformed: [] });
    expect(parseDotEnv('A=x\uFEFFy').vars).toEqual({ A: 'x\uFEFFy' });
  });

  it('splits CRLF and LF lines alike', () => {
    expect(parseDotEnv('A=1\r\nB=2\nC=3\r\n').vars).toEqual({ A: '1', B: '2', C: '3' });
  });
});

describe('parseDotEnv: values', () => {
  it.each([
    ['KEY=', ''],
    ['KEY=""', ''],
    ["KEY=''", ''],
    ['KEY=   ', ''],
    ['KEY=x # comment', 'x'],
    ['KEY=x\t# comment', 'x'],
    ['KEY=x#not-a-comment', 'x#not-a-comment'],
    ['KEY=a b  c', 'a b  c'],
    ['KEY="x" # comment', 'x'],
    ['KEY="x"trailing', 'x'],
    ['KEY=  "padded"', 'padded'],
    ['KEY=" keep spaces "', ' keep spaces '],
    ['KEY="a # b"', 'a # b'],
    ['KEY="n\\nr\\rt\\tq\\"b\\\\"', 'n\nr\rt\tq"b\\'],
    ['KEY="unknown \\x escape"', 'unknown \\x escape'],
    ["KEY='literal \\n and \" kept'", 'literal \\n and " kept'],
    ["KEY='ends with backslash\\'", 'ends with backslash\\'],
    ['KEY="say \\"hi\\""', 'say "hi"'],
    ['KEY="\\tfirst"', '\tfirst'],
  ])('%j → %j', (content, value) => {
    expect(parseDotEnv(content)).toEqual({ vars: { KEY: value }, malformed: [] });
  });

  it('a quoted value may span lines, kept as written, and line numbers go on after it', () => {
    expect(parseDotEnv('A="one\n  two\nthree"\nnonsense\nB=\'x\ny\'')).toEqual({
      vars: { A: 'one\n  two\nthree', B: 'x\ny' },
      malformed: [{ name: 'line 4', reason: SKIPPED }],
    });
  });

  it('a value that starts with a line break counts that line too', () => {
    expect(parseDotEnv('A="\nx"\nnonsense')).toEqual({ vars: { A: '\nx' }, malformed: [{ name: 'line 3', reason: SKIPPED }] });
  });

  it('an escaped quote does not close a multi-line value', () => {
    expect(parseDotEnv('A="one\\"\ntwo"').vars).toEqual({ A: 'one"\ntwo' });
  });

  it("a quote never closed skips the rest of the file and names the variable, not the value", () => {
    expect(parseDotEnv('A=1\nPASSWORD="hunter2\nB=2\n')).toEqual({
      vars: { A: '1' },
      malformed: [{ name: 'PASSWORD', reason: 'line 2: the " quote is never closed; the rest of the file was skipped' }],
    });
    expect(parseDotEnv("PASSWORD='hunter2").malformed).toEqual([{ name: 'PASSWORD', reason: "line 1: the ' quote is never closed; the rest of the file was skipped" }]);
  });
});

describe('planEnvImport', () => {
  it('KEY="" and KEY= keep the current value, and a secret left empty is not stored', () => {
    const plan = planEnvImport('NEO4J_PASSWORD=""\nSUPABASE_KEY=\nNEO4J_USER=""\nNEO4J_URI=bolt://db:7687', DEFAULTS);
    expect(plan.secrets).toEqual({});
    expect(plan.config.databases.neo4j).toEqual({ uri: 'bolt://db:7687', user: 'neo4j', database: null });
    expect(plan.report).toEqual({
      settings: [{ name: 'NEO4J_URI', value: 'bolt://db:7687' }],
      secrets: [],
      ignored: [
        { name: 'NEO4J_PASSWORD', reason: KEPT },
        { name: 'SUPABASE_KEY', reason: KEPT },
        { name: 'NEO4J_USER', reason: KEPT },
      ],
    });
  });

  it('reports malformed lines first, then ignored variables; secrets by name, not yet stored', () => {
    const plan = planEnvImport('OTHER=1\nnonsense\nNEO4J_PASSWORD=pw-93\nWALLTRACK_TIMEOUT_MS=2500', DEFAULTS);
    expect(plan.secrets.neo4jPassword?.reveal()).toBe('pw-93');
    expect(plan.config.monitor.timeoutMs).toBe(2_500);
    expect(plan.report.secrets).toEqual([{ name: 'NEO4J_PASSWORD', stored: false }]);
    expect(plan.report.settings).toEqual([{ name: 'WALLTRACK_TIMEOUT_MS', value: '2500' }]);
    expect(plan.report.ignored.map((i) => i.name)).toEqual(['line 2', 'OTHER']);
    expect(plan.report.ignored[1]!.reason).toBe(
      'not a WallTrack Monitor setting (known: SUPABASE_URL, SUPABASE_PROBE_TABLE, SUPABASE_PROJECT_REF, SUPABASE_MANAGEMENT_API_URL, NEO4J_URI, NEO4J_USER, NEO4J_DATABASE, WALLTRACK_TIMEOUT_MS, WALLTRACK_SLOW_MS, WALLTRACK_RECOVERY_SUCCESSES, SUPABASE_KEY, SUPABASE_ACCESS_TOKEN, NEO4J_PASSWORD)',
    );
    expect(JSON.stringify(plan.report)).not.toContain('pw-93');
  });

  it('leaves the current settings untouched when nothing applies', () => {
    const current = { ...DEFAULTS, databases: { neo4j: { uri: 'bolt://kept:7687', user: 'kept', database: 'graph' } } };
    const plan = planEnvImport('# nothing here\n', current);
    expect(plan.config).toEqual(current);
    expect(plan.report).toEqual({ settings: [], secrets: [], ignored: [] });
  });

  it.each([
    ['WALLTRACK_TIMEOUT_MS=5s', 'WALLTRACK_TIMEOUT_MS: must be a whole number of milliseconds, e.g. WALLTRACK_TIMEOUT_MS=5000'],
    ['WALLTRACK_SLOW_MS=-1', 'WALLTRACK_SLOW_MS: must be a whole number of milliseconds, e.g. WALLTRACK_SLOW_MS=5000'],
    ['WALLTRACK_TIMEOUT_MS=50', 'WALLTRACK_TIMEOUT_MS: Timeout must be at least 100 ms'],
    ['NEO4J_URI=bolt://neo4j:pw@db:7687', 'NEO4J_URI: Neo4j URI must not contain credentials ("user:password@"); put the user in NEO4J_USER (the Neo4j user field) and the password in NEO4J_PASSWORD (the Neo4j password field)'],
  ])('%j is a ValidationError naming the variable', (content, message) => {
    let error: unknown;
    try {
      planEnvImport(content, DEFAULTS);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toBe(message);
  });
});
