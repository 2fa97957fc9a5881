/** The shipped systemd unit passes systemd's own checks, with no warning, and keeps its hardening. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const UNIT = fileURLToPath(new URL('../../deploy/systemd/walltrack-monitor.service', import.meta.url));

function systemdAnalyze(args: string[]) {
  const run = spawnSync('systemd-analyze', args, { encoding: 'utf8' });
  if (run.error) throw new Error(`systemd-analyze could not run (${run.error.message}): install Debian's systemd package (.ci/run does)`);
  return { status: run.status, output: run.stdout + run.stderr };
}

const directives = (text: string) =>
  text
    .split('\n')
    .filter((l) => /^[A-Za-z]+=/.test(l))
    .map((l) => l.trim());

describe('deploy/systemd/walltrack-monitor.service', () => {
  it('passes systemd-analyze verify without a single warning (unknown keys and bad values only warn)', () => {
    expect(systemdAnalyze(['verify', UNIT])).toEqual({ status: 0, output: '' });
  });

  it('runs as a dynamic user with the hardening options, secrets from an env file and a credential', () => {
    const unit = directives(readFileSync(UNIT, 'utf8'));
    expect(unit).toEqual(
      expect.arrayContaining([
        'DynamicUser=yes',
        'NoNewPrivileges=yes',
        'ProtectSystem=strict',
        'ProtectHome=yes',
        'PrivateTmp=yes',
        'CapabilityBoundingSet=',
        'EnvironmentFile=/etc/walltrack-monitor/secrets.env',
        'LoadCredential=metrics-token:/etc/walltrack-monitor/metrics-token',
        'RestartPreventExitStatus=2',
      ]),
    );
    const exec = unit.find((l) => l.startsWith('ExecStart='));
    expect(exec).toBe(
      'ExecStart=/usr/bin/node /opt/walltrack-monitor/cli.mjs serve --config /etc/walltrack-monitor/settings.json --no-ui --port 8765 --listen ${METRICS_LISTEN} --metrics-token-file %d/metrics-token',
    );
  });

  it('rates "OK" in systemd-analyze security (exposure 1.4 of 10 today; fails above 2.0)', () => {
    const run = systemdAnalyze(['security', '--offline=yes', '--no-pager', UNIT]);
    const exposure = /Overall exposure level for walltrack-monitor\.service: (\d+\.\d)/.exec(run.output);
    expect(exposure, run.output).not.toBeNull();
    expect(Number(exposure![1])).toBeLessThanOrEqual(2);
  });
});
