/** The shipped alerting rules load in Prometheus (promtool check rules) and do what their unit tests say. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const RULES_DIR = fileURLToPath(new URL('../../deploy/prometheus', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'walltrack-rules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function promtool(args: string[], cwd = RULES_DIR) {
  const run = spawnSync('promtool', args, { cwd, encoding: 'utf8' });
  if (run.error) throw new Error(`promtool could not run (${run.error.message}): install Debian's prometheus package (.ci/run does)`);
  return { status: run.status, output: run.stdout + run.stderr };
}

describe('deploy/prometheus/walltrack.rules.yml', () => {
  it('passes promtool check rules: five alerts', () => {
    expect(promtool(['check', 'rules', 'walltrack.rules.yml'])).toEqual({
      status: 0,
      output: 'Checking walltrack.rules.yml\n  SUCCESS: 5 rules found\n\n',
    });
  });

  it('passes promtool test rules (down 2 min, flapping, slow p95, one monitor unreachable, none at all)', () => {
    expect(promtool(['test', 'rules', 'walltrack.rules.test.yml'])).toEqual({ status: 0, output: 'Unit Testing:  walltrack.rules.test.yml\n  SUCCESS\n\n' });
  });

  it('whose unit tests fail when a rule is loosened (so this test would notice)', () => {
    cpSync(RULES_DIR, scratch, { recursive: true });
    const rules = readFileSync(join(scratch, 'walltrack.rules.yml'), 'utf8');
    writeFileSync(join(scratch, 'walltrack.rules.yml'), rules.replace('changes(walltrack_probe_success[15m]) > 4', 'changes(walltrack_probe_success[15m]) > 6'));
    const run = promtool(['test', 'rules', 'walltrack.rules.test.yml'], scratch);
    expect(run.status).toBe(1);
    expect(run.output).toContain('alertname: WallTrackDatabaseFlapping, time: 8m');
  });
});
