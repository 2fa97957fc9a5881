/**
 * The diagnostics report from the real core: real secrets in the run's private keyring, the run's Neo4j and
 * Supabase stand-in, a real failure recorded in history.sqlite. Literal headings and lines; no secret, and a
 * credential a setting carries inside a URL reads ***; the same text through the contract's handler (what IPC
 * and the WebSocket bridge run); a report over the bound ends in a "truncated" line.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DIAGNOSTICS_MAX_CHARS } from '../../../src-main/common/contract.js';
import { invokeContractMethod } from '../../../src-main/core/contractCalls.js';
import { CredentialVault } from '../../../src-main/core/credentials/CredentialVault.js';
import { createMonitorCore } from '../../../src-main/core/createMonitorCore.js';
import { formatDiagnostics } from '../../../src-main/core/diagnostics/formatDiagnostics.js';
import { createLogger } from '../../../src-main/core/logging.js';
import { createRendererHandlers } from '../../../src-main/core/rendererHandlers.js';
import { testServices } from '../../support/services.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const hex = () => randomBytes(4).toString('hex');
/** Everything but the time it was made. */
const timeless = (report: string) => report.replace(/^Generated: .*$/m, 'Generated: …');

describe('the diagnostics report', () => {
  it('says what runs where, with settings but no secret, each last result with its hint, attention and the state changes', async () => {
    const services = testServices();
    const dataDir = mkdtempSync(join(tmpdir(), 'wt-diagnostics-'));
    dirs.push(dataDir);
    const vault = new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` });
    const log = createLogger({ file: join(dataDir, 'logs', 'walltrack-monitor.log'), console: false });
    const core = createMonitorCore({ dataDir, vault, logger: log.logger, host: 'electron' });
    const wrongPassword = `wrong-${hex()}${hex()}`;
    const urlPassword = `pw${hex()}`;
    const urlKey = `k${hex()}`;
    const label = `ops neo4j://ops:${urlPassword}@db/?apikey=${urlKey}`;
    const settings = {
      environments: [
        {
          id: 'production',
          name: 'Production',
          databases: { supabase: { url: services.supabase.url, probeTable: 'wallets' }, neo4j: { uri: services.neo4j.uri, user: 'neo4j', database: null } },
          maintenance: [{ kind: 'weekly' as const, label, day: 'sun' as const, start: '02:00', end: '03:00', timeZone: 'UTC' }],
        },
      ],
      // A slow threshold no loaded machine reaches: the healthy check must read healthy, not slow.
      monitor: { intervalSec: 60, timeoutMs: 3_000, retries: 0, backoffInitialMs: 100, backoffMaxMs: 200, slowMs: 10_000, recoverySuccesses: 1 },
      app: { notifications: true, startAtLogin: false },
    };
    try {
      await core.start();
      await core.saveSettings({
        settings,
        secrets: { production: { supabaseKey: { action: 'replace', value: services.supabase.serviceRoleKey }, neo4jPassword: { action: 'replace', value: services.neo4j.password } } },
        removeEnvironments: ['default'],
      });
      await core.checkNow();
      await core.saveSettings({ settings, secrets: { production: { neo4jPassword: { action: 'replace', value: wrongPassword } } } });
      const down = await core.checkNow();
      expect(down.environments[0]!.databases.neo4j).toMatchObject({ status: 'down', kind: 'auth_failed' });
      core.acknowledge({ environment: 'production', database: 'neo4j' }, 'alice');

      const report = await core.getDiagnostics();
      const lines = report.split('\n');
      expect(lines.slice(0, 2)).toEqual(['WallTrack Monitor diagnostics', '=============================']);
      expect(lines.filter((l) => l.startsWith('== '))).toEqual([
        '== Application ==',
        '== Monitor settings ==',
        '== Environments and settings (no secrets: only whether each is stored) ==',
        "== Targets (each database's last result) ==",
        '== Attention (acknowledged, muted, maintenance) ==',
        '== State changes (the last 50, newest first, from the history) ==',
      ]);
      expect(lines).toContain('Host:        electron');
      expect(lines).toContain(`Data folder: ${dataDir}`);
      expect(lines).toContain('Settings:    saved settings and OS keychain');
      expect(lines).toContain(`Node:        ${process.versions.node}`);
      expect(lines).toContain('Electron:    -');
      expect(lines).toContain('recoverySuccesses: 1');
      expect(lines).toContain('timeoutMs: 3000');
      expect(lines).toContain(`    Neo4j URI: ${services.neo4j.uri}`);
      expect(lines).toContain('    Supabase API key: stored');
      expect(lines).toContain('    Supabase access token: missing');
      expect(lines).toContain('    Neo4j password: stored');
      expect(lines).toContain('  Maintenance: "ops neo4j://***@db/?apikey=***" weekly sun 02:00–03:00 UTC');
      expect(lines).toContain('Production / Neo4j: ✕ Down — authentication failed');
      expect(lines).toContain('  What to do: Check Settings → Neo4j → User and Password');
      expect(lines).toContain('Production / Supabase: ✓ Healthy');
      expect(report).toMatch(/^Production \/ Neo4j: Acknowledged \d{4}-\d\d-\d\dT[\d:.]+Z by alice$/m);
      expect(report).toMatch(new RegExp(`^\\S+Z Production / Neo4j: healthy -> down \\(auth_failed\\) at ${services.neo4j.uri.replace(/[.]/g, '\\.')}$`, 'm'));
      expect(lines.filter((l) => l.length > 100)).toEqual([]);
      for (const secret of [services.neo4j.password, services.supabase.serviceRoleKey, wrongPassword, urlPassword, urlKey]) expect(report).not.toContain(secret);

      // What the windows get (Electron IPC and the browser-mode WebSocket run this same call).
      const handlers = createRendererHandlers(core, { appInfo: () => ({ version: '0.1.0', host: 'electron', capabilities: { startAtLogin: false, notifications: false } }), openWindow: () => undefined });
      const reply = await invokeContractMethod(handlers, 'getDiagnostics', undefined);
      expect(reply.ok).toBe(true);
      expect(timeless(reply.ok ? (reply.value as string) : '')).toBe(timeless(await core.getDiagnostics()));

      // Over the bound: cut at a line end, with the line that says so.
      const snapshot = core.snapshot();
      const env = snapshot.environments[0]!;
      const huge = { ...snapshot, environments: [{ ...env, databases: { ...env.databases, neo4j: { ...env.databases.neo4j!, message: 'word '.repeat(60_000) } } }] };
      const cut = formatDiagnostics({
        generatedAt: '2026-01-01T00:00:00.000Z',
        version: '0.1.0',
        host: 'cli',
        system: { platform: 'linux', release: '6.1', arch: 'x64', node: '20.20.2', electron: null },
        dataDir,
        configSource: 'saved settings and OS keychain',
        settings: (await core.getSettings()).settings,
        monitor: settings.monitor,
        secrets: {},
        snapshot: huge,
        recorded: new Set(),
        hintHost: () => ({ kind: 'window' }),
        stateChanges: { unavailable: 'not asked' },
        secretValues: [],
      });
      expect(cut.length).toBeLessThanOrEqual(DIAGNOSTICS_MAX_CHARS);
      const note = /\n… truncated: the report was (\d+) characters, over the limit of 262144; the rest is left out\n$/.exec(cut);
      expect(Number(note?.[1])).toBeGreaterThan(300_000);
    } finally {
      await core.stop();
      log.close();
    }
  });
});
