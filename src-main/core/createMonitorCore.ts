/**
 * Composes the core every host uses: the settings file and the keychain -> one EnvironmentMonitor per
 * environment -> the Snapshot of all of them. Saves and imports are validated whole, written
 * all-or-nothing, and applied live (only what changed reconnects).
 */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { secretNames } from '../common/databases.js';
import { type DatabaseId, type EnvironmentId, type ProbeResult, type Snapshot } from '../common/schemas.js';
import {
  SettingsDraftSchema,
  type EnvironmentSettings,
  type ImportEnvRequest,
  type ImportPreview,
  type ImportReport,
  type SecretEdits,
  type SecretName,
  type Settings,
  type SettingsDraftInput,
  type SettingsView,
  type TestConnectionRequest,
} from '../common/settings-schema.js';
import { defaultEnvironment } from '../common/settings-schema.js';
import { CredentialVault, type SecretVault } from './credentials/CredentialVault.js';
import { withLegacyAccounts } from './credentials/legacyAccounts.js';
import { planEnvImport } from './credentials/envImport.js';
import { importPreview } from './importPreview.js';
import { SECRET_VARIABLES } from './settings/envVariables.js';
import { Secret } from './credentials/Secret.js';
import type { SecretCacheOptions } from './credentials/SecretCache.js';
import { EnvironmentMonitor } from './environment/EnvironmentMonitor.js';
import type { SecretValues } from './environmentConfig.js';
import { ConfigurationError, EndpointChangedError, ValidationError, WallTrackError } from './errors.js';
import { createLogger, type Logger } from './logging.js';
import { buildSnapshot } from './monitor/snapshot.js';
import { ConnectivityTracker, everyTargetUnreachable } from './connectivity.js';
import { staleAfterMs } from '../common/freshness.js';
import type { HistoryRequest, HistoryView, IncidentList, IncidentsRequest } from '../common/history.js';
import { CoreHistory } from './history/coreHistory.js';
import type { MonitorSettings } from './monitor/types.js';
import type { MonitorCore, MonitorCoreEvents } from './MonitorCore.js';
import { appPaths, defaultDataDir } from './paths.js';
import { refuseMovedSecretInDraft, refuseMovedSecretInEnv, type SecretUse } from './secretBinding.js';
import { writeSecretsThen, type SecretWrite } from './secretWrites.js';
import { migrateToEnvironments } from './settings/migrateToEnvironments.js';
import { SettingsStore, type ConfFactory, type ConfLike } from './settings/SettingsStore.js';
import { assertNoSecretKeys, parseSettings, validationErrorFrom } from './settings/validation.js';
import { logStateChange } from './stateChangeLog.js';
import { APP_VERSION } from './version.js';
import { rawRetentionDays } from './history/retentionSetting.js';
import { AttentionStore } from './attention/AttentionStore.js';
import { withAttention } from './attention/withAttention.js';
import { maintenanceIntervals, nextMaintenanceChange } from '../common/maintenance.js';
import { WINDOW_HOST, type HintHost } from '../common/hints.js';
import { collectDiagnostics } from './diagnostics/collectDiagnostics.js';
import type { HostMode } from './diagnostics/formatDiagnostics.js';

/** Configuration that replaces the saved settings, e.g. from environment variables or `--config FILE`. */
export interface ConfigOverride {
  settings: Settings;
  /** Per environment, secrets given with the override (e.g. WALLTRACK_PRODUCTION_NEO4J_PASSWORD). */
  secrets: Partial<Record<EnvironmentId, Partial<Record<SecretName, Secret>>>>;
  /** Shown in errors, e.g. "environment variables". */
  source: string;
  /** true: secrets missing from `secrets` are read from the keychain. */
  readKeychain: boolean;
}

export interface CreateMonitorCoreOptions {
  /** Defaults to WALLTRACK_DATA_DIR or the folder Electron uses as userData. */
  dataDir?: string;
  /** A Conf-compatible store, or (better: corrupt files are handled before it opens) a factory for one. */
  store?: ConfLike | ConfFactory;
  vault?: SecretVault;
  logger?: Logger;
  version?: string;
  /** When set, saved settings are not used at all, and saving is refused. */
  env?: ConfigOverride;
  /** Applied on top of the monitor settings without being saved (CLI flags such as --interval). */
  monitorOverrides?: Partial<MonitorSettings>;
  /** When failed keychain reads are retried (default: after 2 s, doubling up to 5 min). */
  keychainRetry?: Pick<SecretCacheOptions, 'firstRetryMs' | 'maxRetryMs'>;
  /** Who hosts this core, for the diagnostics report (default "cli"), and how its hints name a setting (default: the windows' words). */
  host?: HostMode;
  hintHost?: (environmentId: EnvironmentId) => HintHost;
  /** Only read history.sqlite as it is, never create or write it (a CLI that reports). */
  readOnlyHistory?: boolean;
}

const DEFAULT_STOP_MS = 5_000;

export function createMonitorCore(options: CreateMonitorCoreOptions = {}): MonitorCore {
  return new ComposedMonitorCore(options);
}

class ComposedMonitorCore implements MonitorCore {
  private readonly events = new EventEmitter();
  private readonly paths;
  private readonly logger: Logger;
  private readonly closeLogger: () => void;
  private readonly logFile: string | null;
  private readonly version: string;
  private readonly override: ConfigOverride | undefined;
  private readonly store: SettingsStore | null = null;
  private readonly vault: SecretVault | null = null;
  private settings: Settings;
  /** In settings order. */
  private environments: EnvironmentMonitor[] = [];
  private started = false;
  private stopping: Promise<void> | null = null;
  private lastSnapshot: Snapshot | null = null;
  /** Opened with the core, so the CLI can read history without start(). */
  private readonly history: CoreHistory;
  private readonly attention: AttentionStore;
  /** Republishes when a mute ends or a maintenance window starts or ends (nothing else would). */
  private attentionTimer: NodeJS.Timeout | null = null;
  /** Saves and imports run one at a time, so each checks the secrets' binding against the settings it replaces. */
  private edits: Promise<unknown> = Promise.resolve();
  private readonly connectionTests = new Map<string, { key: string; result: Promise<ProbeResult>; timeoutMs: number }>();
  /** Moving a version-1 install into "default"; edits wait for it, so a typed secret is never overwritten by an old one. */
  private migration: Promise<unknown> = Promise.resolve();
  private migrationPending = false;
  private readonly connectivity = new ConnectivityTracker();

  constructor(private readonly options: CreateMonitorCoreOptions) {
    this.paths = appPaths(options.dataDir ?? defaultDataDir());
    if (options.logger) {
      this.logger = options.logger;
      this.logFile = this.paths.logFile;
      this.closeLogger = () => {};
    } else {
      const handle = createLogger({ file: this.paths.logFile });
      this.logger = handle.logger;
      this.logFile = handle.logFile;
      this.closeLogger = handle.close;
    }
    this.version = options.version ?? APP_VERSION;
    this.override = options.env;
    if (this.override) {
      this.settings = parseSettings(this.override.settings);
      if (this.override.readKeychain) this.vault = options.vault ?? new CredentialVault();
    } else {
      const store = options.store;
      const createStore: ConfFactory | undefined = typeof store === 'function' ? store : store ? () => store : undefined;
      this.store = new SettingsStore({ dir: this.paths.dataDir, createStore, logger: this.logger });
      // Until a version-1 install is migrated, "default" still reads its secrets from the version-1 accounts.
      this.vault = withLegacyAccounts(options.vault ?? new CredentialVault());
      this.settings = this.store.get();
    }
    this.history = new CoreHistory({ file: this.paths.historyFile, logger: this.logger, readOnly: options.readOnlyHistory ?? false, rawRetentionDays: rawRetentionDays(process.env, this.logger), onIncident: () => {
        if (!this.stopping) this.publish();
      },
    });
    this.attention = new AttentionStore({ file: this.paths.attentionFile, logger: this.logger });
    this.environments = this.settings.environments.map((env) => this.createEnvironment(env));
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.migrate();
    await this.migration;
    await Promise.all(this.environments.map((env) => env.start()));
    if (this.stopping) return;
    this.logger.info(
      {
        version: this.version,
        dataDir: this.paths.dataDir,
        source: this.override?.source ?? 'saved settings and OS keychain',
        environments: Object.fromEntries(this.environments.map((env) => [env.id, env.targets()])),
      },
      'WallTrack Monitor starting',
    );
    this.publish();
  }

  stop(timeoutMs = DEFAULT_STOP_MS): Promise<void> {
    this.stopping ??= (async () => {
      this.events.emit('stopped', { at: new Date().toISOString() });
      if (this.attentionTimer) clearTimeout(this.attentionTimer);
      try {
        await Promise.all(this.environments.map((env) => env.stop(timeoutMs)));
      } finally {
        this.history.close();
        this.logger.info('WallTrack Monitor stopped');
        this.closeLogger();
      }
    })();
    return this.stopping;
  }

  /** The same object until the next change: callers treat it as read-only. */
  snapshot(): Snapshot {
    if (this.lastSnapshot) return this.lastSnapshot;
    const now = Date.now();
    const statuses = this.environments.map((e) => e.status());
    // Pause, resume or new settings can change it too, not only a check.
    this.connectivity.infer(everyTargetUnreachable(statuses), now);
    this.lastSnapshot = buildSnapshot({
      version: this.version,
      now,
      staleAfterMs: staleAfterMs(this.monitorSettings(this.settings)),
      lastIncident: this.history.lastIncident(),
      environments: statuses.map((s, i) => withAttention(this.history.withDurableSince(s), this.environments[i]!.settings.maintenance, this.attention, now)),
      connectivity: this.connectivity.view(),
    });
    this.scheduleAttentionChange(now);
    return this.lastSnapshot;
  }

  acknowledge({ environment, database }: { environment: EnvironmentId; database: DatabaseId }, by?: string): Snapshot {
    const settings = this.environmentOf(environment).settings.databases;
    this.attention.acknowledge(environment, this.history.withRecordedState(environment, this.databaseOf(environment, database), settings), by);
    this.publish();
    return this.snapshot();
  }

  mute({ environment, database, hours }: { environment: EnvironmentId; database: DatabaseId; hours: 1 | 4 | 8 }): Snapshot {
    this.databaseOf(environment, database);
    this.attention.mute(environment, database, hours);
    this.publish();
    return this.snapshot();
  }

  unmute({ environment, database }: { environment: EnvironmentId; database: DatabaseId }): Snapshot {
    this.databaseOf(environment, database);
    this.attention.unmute(environment, database);
    this.publish();
    return this.snapshot();
  }

  /** A monitored database's current status; unknown ids are a ValidationError naming the known ones. */
  private databaseOf(environment: EnvironmentId, database: DatabaseId) {
    const status = this.environmentOf(environment).status().databases[database];
    if (!status) throw new ValidationError('database', `${database} is not monitored in environment "${environment}"`);
    return status;
  }

  private scheduleAttentionChange(now: number): void {
    if (this.attentionTimer) clearTimeout(this.attentionTimer);
    this.attentionTimer = null;
    if (this.stopping) return;
    const edges = [this.attention.nextExpiry(), ...this.environments.map((e) => nextMaintenanceChange(e.settings.maintenance, now))].filter((t): t is number => t !== null);
    if (edges.length === 0) return;
    // setTimeout holds at most ~24.8 days; an hour at most keeps the timer small and re-checks the edges.
    const wait = Math.min(Math.max(0, Math.min(...edges) - now) + 1, 3_600_000);
    this.attentionTimer = setTimeout(() => this.publish(), wait);
    this.attentionTimer.unref();
  }

  setHostConnectivity(online: boolean): void {
    if (typeof online !== 'boolean') throw new ValidationError('online', `online must be true or false, got ${typeof online}`);
    if (this.connectivity.setHost(online, Date.now())) {
      this.logger.info({ online }, online ? 'The host says this computer is online again' : 'The host says this computer is offline');
      this.publish();
    }
  }

  getSnapshot(): Snapshot {
    return this.snapshot();
  }

  async checkNow({ environment }: { environment?: EnvironmentId } = {}): Promise<Snapshot> {
    // A migration the keychain held up (locked at start) is tried again with every other keychain read.
    if (this.migrationPending) this.migrate();
    await Promise.all(this.scope(environment).map((env) => env.checkNow()));
    return this.snapshot();
  }

  pause({ hours, environment }: { hours?: number; environment?: EnvironmentId } = {}): Snapshot {
    const envs = this.scope(environment);
    for (const env of envs) env.pause(hours);
    const which = environment ?? 'all environments';
    this.logger.info({ hours: hours ?? null, environment: environment ?? null }, hours ? `Checks of ${which} paused for ${hours} h` : `Checks of ${which} paused until resumed`);
    return this.snapshot();
  }

  resume({ environment }: { environment?: EnvironmentId } = {}): Snapshot {
    for (const env of this.scope(environment)) env.resume();
    this.logger.info({ environment: environment ?? null }, `Checks of ${environment ?? 'all environments'} resumed`);
    return this.snapshot();
  }

  getHistory(request: HistoryRequest): HistoryView {
    const env = this.environmentOf(request.environment);
    // Uptime leaves the database's maintenance windows out (as configured now).
    return this.history.view(env.status(), env.settings.databases, request, (from, to) => maintenanceIntervals(env.settings.maintenance, request.database, from, to));
  }

  getIncidents(request?: IncidentsRequest): IncidentList {
    return this.history.incidents(request);
  }

  async getSettings(): Promise<SettingsView> {
    return {
      settings: structuredClone(this.settings),
      secrets: Object.fromEntries(this.environments.map((env) => [env.id, env.secretPresence()])),
      paths: { settingsFile: this.paths.settingsFile, logFile: this.logFile ?? this.paths.logFile },
    };
  }

  /**
   * One test per database at a time, so repeated clicks (or a hostile window) cannot pile up sockets:
   * an identical draft joins the running test, a different one is refused until it ends.
   */
  async testConnection(request: TestConnectionRequest): Promise<ProbeResult> {
    const { environment, database } = request;
    const { settings, edits } = parseDraft(request);
    const next = settings.environments.find((e) => e.id === environment);
    if (!next) throw new ValidationError('environment', `Environment "${environment}" is not in the settings being tested`);
    if (!(database in next.databases)) throw new ValidationError('database', `${database} is not configured in environment "${environment}"`);
    const slot = `${environment}/${database}`;
    // A digest, so the running test's key holds no secret.
    const key = createHash('sha256').update(JSON.stringify([next, settings.monitor, edits[environment] ?? {}])).digest('hex');
    const running = this.connectionTests.get(slot);
    if (running?.key === key) return running.result;
    if (running) {
      throw new WallTrackError(`${slot}: a connection test is already running; wait for its result, then test again`, {
        hint: `It ends within the timeout (${running.timeoutMs} ms)`,
      });
    }
    const result = this.runConnectionTest(next, database, settings, secretChanges(edits[environment]));
    this.connectionTests.set(slot, { key, result, timeoutMs: settings.monitor.timeoutMs });
    try {
      return await result;
    } finally {
      this.connectionTests.delete(slot);
    }
  }

  private async runConnectionTest(next: EnvironmentSettings, database: DatabaseId, settings: Settings, changes: SecretValues): Promise<ProbeResult> {
    // An environment not saved yet has no stored secrets of its own; a throwaway monitor reads none it is not given.
    const created = new Map<EnvironmentId, EnvironmentMonitor>();
    const env = this.environmentOrNew(next, created);
    try {
      const config = { databases: next.databases, monitor: this.monitorSettings(settings) };
      await env.loadMissingSecrets(config, changes);
      bindingFor(env, () => refuseMovedSecretInDraft([database], secretUse(env, created, next, changes)));
      return await env.testOnce(database, config, changes);
    } finally {
      await discard(created);
    }
  }

  saveSettings(draft: SettingsDraftInput): Promise<SettingsView> {
    return this.oneEditAtATime(() => this.withNewEnvironments((created) => this.save(draft, created)));
  }

  private async save(draft: SettingsDraftInput, created: Map<EnvironmentId, EnvironmentMonitor>): Promise<SettingsView> {
    const { store, vault } = this.editable();
    assertNoSecretKeys(draft.settings);
    const { settings, edits, removeEnvironments } = parseDraft(draft);
    const removed = this.removedEnvironments(settings, removeEnvironments);
    const writes: SecretWrite[] = [];
    const changes = new Map<EnvironmentId, SecretValues>();
    for (const next of settings.environments) {
      const env = this.environmentOrNew(next, created);
      const envChanges = secretChanges(edits[next.id]);
      // Read first: whether a kept secret exists decides whether the endpoint may change without it.
      await env.loadMissingSecrets({ databases: next.databases, monitor: this.monitorSettings(settings) }, envChanges);
      bindingFor(env, () => refuseMovedSecretInDraft(Object.keys(next.databases), secretUse(env, created, next, envChanges)));
      writes.push(...toWrites(next.id, envChanges));
      changes.set(next.id, envChanges);
    }
    // Every kind's secret, not only those of kinds it monitors now: one it stopped monitoring may still be stored.
    for (const env of removed) writes.push(...secretNames().map((name) => ({ environment: env.id, name, value: null })));
    await writeSecretsThen(vault, writes, () => store.save(settings));
    this.logger.info(
      {
        settingsFile: this.paths.settingsFile,
        environments: settings.environments.map((e) => e.id),
        removed: removed.map((e) => e.id),
        secrets: writes.map((w) => `${w.environment}/${w.name}: ${w.value ? 'replace' : 'remove'}`),
      },
      'Settings saved',
    );
    await this.applySettings(settings, { created, changes, removed });
    return this.getSettings();
  }

  previewImportEnv(request: ImportEnvRequest): Promise<ImportPreview> {
    return this.oneEditAtATime(() => this.withNewEnvironments(async (created) => (await this.planImport(request, created)).preview));
  }

  importEnv(request: ImportEnvRequest): Promise<ImportReport> {
    return this.oneEditAtATime(() => this.withNewEnvironments((created) => this.importFrom(request, created)));
  }

  /** Parses, validates and checks the secrets' endpoints; reads the keychain, writes nothing. */
  private async planImport({ content, into }: ImportEnvRequest, created: Map<EnvironmentId, EnvironmentMonitor>) {
    this.editable();
    const existing = this.environments.find((e) => e.id === into.id);
    if (into.kind === 'existing' && !existing) throw new ValidationError('into.id', `There is no environment "${into.id}" to import into (known: ${this.knownIds()})`);
    if (into.kind === 'new' && existing) throw new ValidationError('into.id', `Environment id "${into.id}" is taken; choose another id for the new environment`);
    const base: EnvironmentSettings = existing?.settings ?? { ...defaultEnvironment(), id: into.id, name: into.kind === 'new' ? into.name : into.id };
    // Everything is validated before the first write.
    const plan = planEnvImport(content, { databases: base.databases, monitor: this.settings.monitor });
    const next: EnvironmentSettings = { ...base, databases: plan.config.databases };
    const environments = existing ? this.settings.environments.map((e) => (e.id === next.id ? next : e)) : [...this.settings.environments, next];
    const settings = parseSettings({ ...this.settings, environments, monitor: plan.config.monitor });
    const env = this.environmentOrNew(next, created);
    // Every secret it needs, those the file replaces too: whether one is stored is part of the preview.
    await env.loadMissingSecrets({ databases: next.databases, monitor: this.monitorSettings(settings) });
    const use = secretUse(env, created, next, plan.secrets);
    bindingFor(env, () => refuseMovedSecretInEnv(use));
    const stored = (variable: string) => {
      const name = SECRET_VARIABLES[variable]!;
      return !created.has(next.id) && (use.storedSecrets[name] != null || name in use.unreadable);
    };
    const preview = importPreview({ plan, base, newEnvironment: !existing, monitor: this.settings.monitor, stored });
    return { plan, next, settings, env, existing, preview };
  }

  private async importFrom(request: ImportEnvRequest, created: Map<EnvironmentId, EnvironmentMonitor>): Promise<ImportReport> {
    const { store, vault } = this.editable();
    const { plan, next, settings, existing, preview } = await this.planImport(request, created);
    if (request.previewed !== undefined && request.previewed !== preview.fingerprint) {
      throw new ValidationError('previewed', `the settings of "${next.name}" changed since the preview; nothing was imported`, {
        place: 'Import',
        hint: 'Check the new preview of the file, then import again',
      });
    }
    await writeSecretsThen(vault, toWrites(next.id, plan.secrets), () => {
      if (plan.report.settings.length > 0 || !existing) store.save(settings);
    });
    const report: ImportReport = { ...plan.report, environment: next.id, secrets: plan.report.secrets.map((s) => ({ ...s, stored: true })) };
    this.logger.info(
      {
        environment: next.id,
        settings: report.settings.map((s) => s.name),
        secrets: report.secrets.map((s) => s.name),
        ignored: report.ignored.map((s) => s.name),
      },
      '.env file imported',
    );
    await this.applySettings(settings, { created, changes: new Map([[next.id, plan.secrets]]), removed: [] });
    return report;
  }

  /** `environments` (ids the caller checked) narrows the report; every environment by default. */
  async getDiagnostics(scope: { environments?: readonly EnvironmentId[] } = {}): Promise<string> {
    const wanted = (id: EnvironmentId) => scope.environments?.includes(id) ?? true;
    const environments = this.environments.filter((env) => wanted(env.id));
    const secrets = await Promise.all(environments.map(async (env) => [env.id, await env.secretReport()] as const));
    const snapshot = this.snapshot();
    return collectDiagnostics({
      version: this.version,
      host: this.options.host ?? 'cli',
      hintHost: this.options.hintHost ?? (() => WINDOW_HOST),
      dataDir: this.paths.dataDir,
      configSource: this.override?.source ?? 'saved settings and OS keychain',
      settings: { ...this.settings, environments: this.settings.environments.filter((e) => wanted(e.id)) },
      monitor: this.monitorSettings(this.settings),
      snapshot: { ...snapshot, environments: snapshot.environments.filter((e) => wanted(e.id)) },
      history: this.history,
      secrets,
    });
  }

  on<E extends keyof MonitorCoreEvents>(event: E, listener: MonitorCoreEvents[E]): () => void {
    this.events.on(event, listener);
    return () => this.events.off(event, listener);
  }

  /** Applies saved settings: removed environments stop, new ones start, the rest reconnect only what changed. */
  private async applySettings(
    settings: Settings,
    plan: { created: Map<EnvironmentId, EnvironmentMonitor>; changes: Map<EnvironmentId, SecretValues>; removed: EnvironmentMonitor[] },
  ): Promise<void> {
    const current = new Map(this.environments.map((e) => [e.id, e]));
    this.settings = settings;
    this.environments = settings.environments.map((e) => current.get(e.id) ?? plan.created.get(e.id)!);
    this.publish();
    await Promise.all(plan.removed.map((env) => env.stop(DEFAULT_STOP_MS)));
    await Promise.all(
      settings.environments.map(async (next, i) => {
        const env = this.environments[i]!;
        await env.apply(next, this.monitorSettings(settings), plan.changes.get(next.id) ?? {});
        if (plan.created.has(next.id) && this.started && !this.stopping) await env.start();
      }),
    );
    this.publish();
  }

  /** Moves a version-1 install into "default" before any secret is read; never rejects. */
  private migrate(): void {
    if (!this.store || !this.vault) return;
    this.migration = migrateToEnvironments({ store: this.store, vault: this.vault, logger: this.logger }).then((outcome) => {
      this.migrationPending = outcome.status === 'pending';
    });
  }

  /** Runs an edit that may create environments; those the edit did not adopt (it failed) are closed. */
  private async withNewEnvironments<T>(edit: (created: Map<EnvironmentId, EnvironmentMonitor>) => Promise<T>): Promise<T> {
    const created = new Map<EnvironmentId, EnvironmentMonitor>();
    try {
      return await edit(created);
    } finally {
      for (const [id, env] of created) if (this.environments.includes(env)) created.delete(id);
      await discard(created);
    }
  }

  /** The running environment with this id, or a new one (not started) remembered in `created`. */
  private environmentOrNew(settings: EnvironmentSettings, created: Map<EnvironmentId, EnvironmentMonitor>): EnvironmentMonitor {
    const env = this.environments.find((e) => e.id === settings.id) ?? this.createEnvironment(settings);
    if (!this.environments.includes(env)) created.set(settings.id, env);
    return env;
  }

  /** Saved environments missing from the draft: each must be confirmed in removeEnvironments. */
  private removedEnvironments(settings: Settings, confirmed: readonly EnvironmentId[]): EnvironmentMonitor[] {
    const kept = new Set(settings.environments.map((e) => e.id));
    const removed = this.environments.filter((e) => !kept.has(e.id));
    const unconfirmed = removed.filter((e) => !confirmed.includes(e.id));
    if (unconfirmed.length > 0) {
      const names = unconfirmed.map((e) => `"${e.settings.name}" (${e.id})`).join(', ');
      throw new ValidationError('removeEnvironments', `The settings would remove ${names} without confirmation; nothing was saved`, {
        hint: 'Remove an environment with its Remove button (it asks first), or keep it in the list',
      });
    }
    return removed;
  }

  private oneEditAtATime<T>(edit: () => Promise<T>): Promise<T> {
    const run = () => this.migration.then(edit);
    const next = this.edits.then(run, run);
    this.edits = next.catch(() => undefined);
    return next;
  }

  private createEnvironment(environment: EnvironmentSettings): EnvironmentMonitor {
    const env: EnvironmentMonitor = new EnvironmentMonitor({
      environment,
      monitor: this.monitorSettings(this.settings),
      logger: this.logger,
      vault: this.vault,
      fixedSecrets: this.override?.secrets[environment.id] ?? {},
      ...(this.options.keychainRetry ? { keychainRetry: this.options.keychainRetry } : {}),
      events: {
        snapshot: () => this.publish(),
        stateChange: (change) => {
          logStateChange(this.logger, change);
          // The check that made this change was just assessed (check comes before stateChange).
          this.events.emit('stateChange', this.connectivity.online ? change : { ...change, offline: true });
        },
        check: (result) => {
          // The CLI may have acknowledged something meanwhile; a recovery (or another failure) ends an acknowledgement.
          const changed = this.attention.refresh();
          if (this.attention.settle(environment.id, result) || changed) this.lastSnapshot = null;
          this.logger.debug({ environment: environment.id, database: result.database, state: result.state, latencyMs: result.latencyMs, kind: result.kind }, 'check');
          const statuses = this.environments.map((e) => e.status());
          this.connectivity.infer(everyTargetUnreachable(statuses, { environment: environment.id, result }), Date.parse(result.checkedAt));
          this.history.record(environment.id, env.status().databases[result.database]?.target ?? null, result, { offline: !this.connectivity.online });
          this.events.emit('check', { environment: environment.id, result });
        },
      },
    });
    return env;
  }

  /** Rebuilds the snapshot and tells listeners; environments not (or no longer) listed are not shown. */
  private publish(): void {
    this.lastSnapshot = null;
    this.events.emit('snapshot', this.snapshot());
  }

  private scope(environment: EnvironmentId | undefined): EnvironmentMonitor[] {
    return environment === undefined ? this.environments : [this.environmentOf(environment)];
  }

  private environmentOf(id: EnvironmentId): EnvironmentMonitor {
    const env = this.environments.find((e) => e.id === id);
    if (!env) throw new ValidationError('environment', `There is no environment "${id}" (known: ${this.knownIds()})`);
    return env;
  }

  private knownIds(): string {
    return this.environments.map((e) => e.id).join(', ');
  }

  private editable(): { store: SettingsStore; vault: SecretVault } {
    if (!this.store || !this.vault) {
      throw new ConfigurationError(`Settings come from ${this.override?.source ?? 'an override'} and cannot be changed here`, {
        hint: 'Unset those variables (or drop --config) to use the saved settings, or change them and restart',
      });
    }
    return { store: this.store, vault: this.vault };
  }

  private monitorSettings(settings: Settings): MonitorSettings {
    return { ...settings.monitor, ...(this.options.monitorOverrides ?? {}) };
  }
}

/** Closes environment monitors made for an edit or a test that were never adopted. */
async function discard(created: Map<EnvironmentId, EnvironmentMonitor>): Promise<void> {
  await Promise.all([...created.values()].map((env) => env.stop()));
}

function parseDraft(input: unknown) {
  const r = SettingsDraftSchema.safeParse(input);
  // The path already starts at the draft ("settings.monitor.intervalSec", "secrets.staging.neo4jPassword").
  if (!r.success) throw validationErrorFrom(r.error, '', input);
  const ids = new Set(r.data.settings.environments.map((e) => e.id));
  // A secret for an environment the draft does not have would be dropped silently: refuse it instead.
  const stray = Object.keys(r.data.secrets).find((id) => !ids.has(id));
  if (stray) throw new ValidationError(`secrets.${stray}`, `There is no environment "${stray}" in these settings to store secrets for`);
  return { settings: r.data.settings, edits: r.data.secrets, removeEnvironments: r.data.removeEnvironments };
}

/** A form's secret edits as values: replace → the new Secret, remove → null, keep (or absent) → absent. */
function secretChanges(edits: SecretEdits[string] | undefined): SecretValues {
  const changes: SecretValues = {};
  for (const [name, edit] of Object.entries(edits ?? {})) {
    if (edit?.action === 'replace') changes[name] = new Secret(edit.value);
    else if (edit?.action === 'remove') changes[name] = null;
  }
  return changes;
}

function toWrites(environment: EnvironmentId, changes: SecretValues): SecretWrite[] {
  return Object.entries(changes).flatMap(([name, value]) => (value === undefined ? [] : [{ environment, name, value }]));
}

/**
 * What the binding check needs. An environment not saved yet (made for this edit) has no endpoint
 * its stored secrets belong to: one left in the keychain under its id is kept for none.
 */
function secretUse(env: EnvironmentMonitor, created: Map<EnvironmentId, EnvironmentMonitor>, next: EnvironmentSettings, changes: SecretValues): SecretUse {
  const use = env.secretUse(next.databases, changes);
  return created.get(env.id) === env ? { ...use, stored: {} } : use;
}

/** A binding refusal names the environment and points the form at that environment's secret. */
function bindingFor(env: EnvironmentMonitor, check: () => void): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof EndpointChangedError)) throw error;
    const field = error.field.startsWith('secrets.') ? `secrets.${env.id}.${error.field.slice('secrets.'.length)}` : error.field;
    throw new EndpointChangedError(field, `${env.settings.name}: ${error.message}`, error.hint ? { hint: error.hint } : {});
  }
}
