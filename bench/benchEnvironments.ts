/** The core bench (i) and (j) run: N environments × (Supabase stand-in + Neo4j), from an override (no keychain). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret } from '../src-main/core/credentials/Secret.js';
import { createMonitorCore } from '../src-main/core/createMonitorCore.js';
import { createLogger } from '../src-main/core/logging.js';
import type { MonitorCore } from '../src-main/core/MonitorCore.js';
import type { MonitorSettings } from '../src-main/core/monitor/types.js';

export interface Services {
  neo4j: { uri: string; user: string; password: string };
  supabase: { url: string; key: string };
}

export const environmentIds = (count: number): string[] => Array.from({ length: count }, (_, i) => `env-${String(i + 1).padStart(2, '0')}`);

/** A core over `count` environments; `neo4jUri` may send one environment's Neo4j elsewhere (e.g. through a proxy). */
export function benchCore(options: {
  count: number;
  services: Services;
  monitor: MonitorSettings;
  neo4jUri?: (id: string) => string;
}): { core: MonitorCore; dataDir: string; closeLog: () => void } {
  const { services } = options;
  const ids = environmentIds(options.count);
  const dataDir = mkdtempSync(join(tmpdir(), 'wt-bench-envs-'));
  const { logger, close } = createLogger({ file: join(dataDir, 'bench.log') });
  const core = createMonitorCore({
    dataDir,
    logger,
    version: 'bench',
    env: {
      source: 'bench',
      readKeychain: false,
      settings: {
        version: 2,
        environments: ids.map((id) => ({
          id,
          name: id,
          colour: null,
          databases: {
            supabase: { url: services.supabase.url, probeTable: 'wallets' },
            neo4j: { uri: options.neo4jUri?.(id) ?? services.neo4j.uri, user: services.neo4j.user, database: null },
          },
        })),
        monitor: options.monitor,
        app: { notifications: false, startAtLogin: false },
      },
      secrets: Object.fromEntries(ids.map((id) => [id, { supabaseKey: new Secret(services.supabase.key), neo4jPassword: new Secret(services.neo4j.password) }])),
    },
  });
  return { core, dataDir, closeLog: close };
}
