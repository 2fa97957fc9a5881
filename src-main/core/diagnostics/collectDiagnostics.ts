/**
 * Gathers what the diagnostics report shows from a core's parts (host-agnostic: the Electron version is
 * whatever process.versions says) and formats it. A database this process has not checked (the CLI never
 * starts its core) is shown as its last recorded check, with the open incident's message.
 */
import { arch, platform, release } from 'node:os';
import { endpointIn, publicTarget } from '../../common/endpointIdentity.js';
import { knowsHint, type HintHost } from '../../common/hints.js';
import type { DatabaseStatus, EnvironmentId, Snapshot } from '../../common/schemas.js';
import type { Settings } from '../../common/settings-schema.js';
import type { CoreHistory } from '../history/coreHistory.js';
import type { MonitorSettings } from '../monitor/types.js';
import { formatDiagnostics, recordedKey, STATE_CHANGES_SHOWN, type HostMode } from './formatDiagnostics.js';

export interface DiagnosticsSources {
  version: string;
  host: HostMode;
  hintHost: (environmentId: EnvironmentId) => HintHost;
  dataDir: string;
  configSource: string;
  settings: Settings;
  monitor: MonitorSettings;
  snapshot: Snapshot;
  history: CoreHistory;
  secrets: ReadonlyArray<readonly [EnvironmentId, { states: Record<string, string>; values: string[] }]>;
}

export function collectDiagnostics(sources: DiagnosticsSources): string {
  const { snapshot, recorded } = withRecordedChecks(sources.snapshot, sources.settings, sources.history);
  return formatDiagnostics({
    generatedAt: new Date().toISOString(),
    version: sources.version,
    host: sources.host,
    system: { platform: platform(), release: release(), arch: arch(), node: process.versions.node, electron: process.versions.electron ?? null },
    dataDir: sources.dataDir,
    configSource: sources.configSource,
    settings: sources.settings,
    monitor: sources.monitor,
    secrets: Object.fromEntries(sources.secrets.map(([id, s]) => [id, s.states])),
    snapshot,
    recorded,
    hintHost: sources.hintHost,
    stateChanges: sources.history.stateChanges(STATE_CHANGES_SHOWN, sources.snapshot.environments.map((e) => e.id)),
    secretValues: sources.secrets.flatMap(([, s]) => s.values),
  });
}

function withRecordedChecks(snapshot: Snapshot, settings: Settings, history: CoreHistory): { snapshot: Snapshot; recorded: Set<string> } {
  const recorded = new Set<string>();
  const environments = snapshot.environments.map((env) => {
    const sections = settings.environments.find((e) => e.id === env.id)?.databases ?? {};
    const databases = Object.fromEntries(
      Object.entries(env.databases).map(([id, db]) => {
        if (!db || db.checkedAt !== null) return [id, db];
        const configured = endpointIn(id, sections);
        const endpoint = db.target ?? (configured === null ? null : publicTarget(configured));
        const last = endpoint === null ? null : history.lastCheck(env.id, id, endpoint);
        if (!last || endpoint === null) return [id, db];
        recorded.add(recordedKey(env.id, id));
        const [open] = history.incidents({ environment: env.id, database: id, limit: 1 }).incidents.filter((i) => i.endedAt === null);
        const failed = last.state === 'down' || last.state === 'retrying';
        const kind = failed ? last.kind : undefined;
        const shown: DatabaseStatus = {
          ...db,
          status: last.state,
          target: endpoint,
          checkedAt: last.at,
          latencyMs: failed ? null : last.latencyMs,
          ...(kind ? { kind, ...(knowsHint(id, kind) ? { hintKey: kind } : {}) } : {}),
          ...(failed && open?.message ? { message: open.message } : {}),
        };
        return [id, shown];
      }),
    );
    return { ...env, databases };
  });
  return { snapshot: { ...snapshot, environments }, recorded };
}
