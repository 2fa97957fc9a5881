/**
 * Everything the E2E runs need, real: the real core with its own keychain service in the run's
 * private keyring, configured for a real Neo4j and the run's Supabase stand-in over PostgreSQL,
 * and the real health server with browser mode plugged in. startStack starts its own Neo4j (it is
 * stopped and started); startHost takes any Neo4j, e.g. the run's shared one (only read).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMonitorCore } from '../../../src-main/core/createMonitorCore.js';
import { CredentialVault } from '../../../src-main/core/credentials/CredentialVault.js';
import type { MonitorCore } from '../../../src-main/core/MonitorCore.js';
import { createBrowserMode, type BrowserMode } from '../../../src-main/headless/browser/browserMode.js';
import { createHealthServer, type HealthServer } from '../../../src-main/headless/healthServer.js';
import { startNeo4j, type Neo4jServer } from '../../support/neo4j.js';
import { testServices } from '../../support/services.js';

export interface Host {
  supabase: { url: string; key: string };
  core: MonitorCore;
  vault: CredentialVault;
  dataDir: string;
  mode: BrowserMode;
  server: HealthServer;
  /** The monitor settings used, for the detection bound. */
  monitor: { intervalSec: number; timeoutMs: number; retries: number; backoffInitialMs: number; backoffMaxMs: number; slowMs: number };
  dispose(): Promise<void>;
}

export interface Stack extends Host {
  neo4j: Neo4jServer;
}

export async function startHost(rendererDir: string, neo4j: { uri: string; password: string }): Promise<Host> {
  const cleanups: (() => Promise<void>)[] = [];
  const dispose = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
    const shared = testServices().supabase;
    const supabase = { url: shared.url, key: shared.serviceRoleKey };
    const dataDir = mkdtempSync(join(tmpdir(), 'walltrack-e2e-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const vault = new CredentialVault({ service: `walltrack-monitor-e2e-${process.pid}-${Date.now()}` });
    cleanups.push(async () => {
      await vault.delete('default', 'neo4jPassword').catch(() => undefined);
      await vault.delete('default', 'supabaseKey').catch(() => undefined);
    });
    // As `serve` makes it: browser mode's windows are who ask for diagnostics.
    const core = createMonitorCore({ dataDir, vault, host: 'browser' });
    cleanups.push(() => core.stop());
    await core.start();
    // Short interval and timeouts so outages show within seconds.
    const monitor = { intervalSec: 1, timeoutMs: 2_000, retries: 1, backoffInitialMs: 200, backoffMaxMs: 400, slowMs: 1_000 };
    await core.saveSettings({
      settings: {
        environments: [
          {
            id: 'default',
            name: 'default',
            databases: { supabase: { url: supabase.url, probeTable: 'wallets' }, neo4j: { uri: neo4j.uri, user: 'neo4j', database: null } },
          },
        ],
        monitor,
        app: { notifications: true, startAtLogin: false },
      },
      secrets: {
        default: {
          supabaseKey: { action: 'replace', value: supabase.key },
          neo4jPassword: { action: 'replace', value: neo4j.password },
        },
      },
    });
    const mode = createBrowserMode({ core, rendererDir, version: core.snapshot().version, log: { warn: () => undefined, error: () => undefined } });
    cleanups.push(() => mode.close());
    const server = await createHealthServer({ core, port: 0, routes: mode.handleRequest, onUpgrade: mode.handleUpgrade });
    cleanups.push(() => server.close());
    return { supabase, core, vault, dataDir, mode, server, monitor, dispose };
  } catch (e) {
    await dispose();
    throw e;
  }
}

export async function startStack(rendererDir: string): Promise<Stack> {
  const neo4j = await startNeo4j();
  try {
    const host = await startHost(rendererDir, neo4j);
    return {
      ...host,
      neo4j,
      async dispose() {
        await host.dispose();
        await neo4j.dispose().catch(() => undefined);
      },
    };
  } catch (e) {
    await neo4j.dispose().catch(() => undefined);
    throw e;
  }
}
