/**
 * Composes the core every host uses: settings file + keychain secrets -> probes -> HealthMonitor,
 * with state changes logged (one line each) and settings edits applied live (only the probes
 * whose inputs changed reconnect).
 */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { DatabaseId, ProbeResult } from '../common/schemas.js';
import { DATABASE_IDS } from '../common/schemas.js';
import {
  SECRET_NAMES,
  SecretEditsSchema,
  type ImportReport,
  type SecretName,
  type Settings,
  type SettingsDraft,
  type SettingsView,
} from '../common/settings-schema.js';
import { checkOnce } from './checkOnce.js';
import { buildProbe, endpointOf, probeInputsChanged, secretOf, type ProbeInputs, type SecretValues } from './buildProbes.js';
import { CredentialVault, type SecretVault } from './credentials/CredentialVault.js';
import { planEnvImport } from './credentials/envImport.js';
import { SecretCache, type SecretCacheOptions } from './credentials/SecretCache.js';
import { Secret } from './credentials/Secret.js';
import { ConfigurationError, WallTrackError } from './errors.js';
import { createLogger, type Logger } from './logging.js';
import { HealthMonitor } from './monitor/HealthMonitor.js';
import type { HealthMonitorApi, MonitorSettings } from './monitor/types.js';
import type { MonitorCore, MonitorCoreEvents, StateChange } from './MonitorCore.js';
import { appPaths, defaultDataDir } from './paths.js';
import { refuseMovedSecretInDraft, refuseMovedSecretInEnv, type SecretUse } from './secretBinding.js';
import { SettingsStore, type ConfFactory, type ConfLike } from './settings/SettingsStore.js';
import { assertNoSecretKeys, parseSettings, validationErrorFrom } from './settings/validation.js';
import { APP_VERSION } from './version.js';

/** Configuration that replaces the saved settings and keychain, e.g. from environment variables. */
export interface ConfigOverride {
  settings: Settings;
  secrets: Partial<Record<SecretName, Secret>>;
  /** Shown in errors, e.g. "environment variables". */
  source: string;
}

export interface CreateMonitorCoreOptions {
  /** Defaults to WALLTRACK_DATA_DIR or the folder Electron uses as userData. */
  dataDir?: string;
  /** A Conf-compatible store, or (better: corrupt files are handled before it opens) a factory for one. */
  store?: ConfLike | ConfFactory;
  vault?: SecretVault;
  logger?: Logger;
  version?: string;
  /** When set, saved settings and the keychain are not used at all, and saving is refused. */
  env?: ConfigOverride;
  /** Applied on top of the monitor settings without being saved (CLI flags such as --interval). */
  monitorOverrides?: Partial<MonitorSettings>;
  /** When failed keychain reads are retried (default: after 2 s, doubling up to 5 min). */
  keychainRetry?: Pick<SecretCacheOptions, 'firstRetryMs' | 'maxRetryMs'>;
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
  private store: SettingsStore | null = null;
  private vault: SecretVault | null = null;
  /** The keychain's answers; null when an override supplies the secrets. */
  private secretCache: SecretCache | null = null;
  /** What the running probes were built from. */
  private inputs: ProbeInputs;
  private monitor: HealthMonitorApi;
  private unsubscribe: () => void = () => {};
  private started = false;
  /** True once start() has swapped in the real monitor. */
  private running = false;
  /** Probe rebuilds after a secret read healed, in order. */
  private healing: Promise<void> = Promise.resolve();
  private stopping: Promise<void> | null = null;
  /** Saves and imports run one at a time, so each checks the secrets' binding against the settings it replaces. */
  private edits: Promise<unknown> = Promise.resolve();
  private readonly connectionTests = new Map<DatabaseId, { key: string; result: Promise<ProbeResult>; timeoutMs: number }>();

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
    let settings: Settings;
    if (this.override) {
      settings = parseSettings(this.override.settings);
    } else {
      const store = options.store;
      const createStore: ConfFactory | undefined = typeof store === 'function' ? store : store ? () => store : undefined;
      this.store = new SettingsStore({ dir: this.paths.dataDir, createStore, logger: this.logger });
      this.vault = options.vault ?? new CredentialVault();
      this.secretCache = new SecretCache({
        ...options.keychainRetry,
        vault: this.vault,
        logger: this.logger,
        wanted: (name) => this.neededSecrets(this.inputs.settings).includes(name),
      });
      this.secretCache.onChange((name) => this.secretReadChanged(name));
      settings = this.store.get();
    }
    this.inputs = { settings, secrets: { ...(this.override?.secrets ?? {}) }, errors: {} };
    // Until start() has read the keychain, nothing is probed.
    this.monitor = this.attach(
      new HealthMonitor({ probes: { supabase: null, neo4j: null }, settings: this.monitorSettings(settings), version: this.version }),
    );
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.loadMissingSecrets(this.inputs.settings);
    // stop() may have been called while the keychain was being read.
    if (this.stopping) return;
    const previous = this.monitor;
    this.unsubscribe();
    await previous.stop(DEFAULT_STOP_MS);
    this.inputs = { ...this.inputs, ...this.withSecretChanges({}) };
    const probes = this.buildProbes(this.inputs);
    this.monitor = this.attach(new HealthMonitor({ probes, settings: this.monitorSettings(this.inputs.settings), version: this.version }));
    this.logger.info(
      {
        version: this.version,
        dataDir: this.paths.dataDir,
        source: this.override?.source ?? 'saved settings and OS keychain',
        supabase: probes.supabase?.target ?? 'not configured',
        neo4j: probes.neo4j?.target ?? 'not configured',
      },
      'WallTrack Monitor starting',
    );
    this.running = true;
    this.monitor.start();
  }

  stop(timeoutMs = DEFAULT_STOP_MS): Promise<void> {
    this.stopping ??= (async () => {
      this.secretCache?.close();
      try {
        await this.monitor.stop(timeoutMs);
      } finally {
        this.unsubscribe();
        this.logger.info('WallTrack Monitor stopped');
        this.closeLogger();
      }
    })();
    return this.stopping;
  }

  snapshot() {
    return this.monitor.snapshot();
  }

  /** Also retries every failed keychain read first, so a keychain unlocked since is used at once. */
  async checkNow() {
    await this.secretCache?.retryNow();
    await this.healing;
    return this.monitor.checkNow();
  }

  pause(hours?: number) {
    const snapshot = this.monitor.pause(hours);
    this.logger.info({ hours: hours ?? null }, hours ? `Checks paused for ${hours} h` : 'Checks paused until resumed');
    return snapshot;
  }

  resume() {
    void this.secretCache?.retryNow();
    const snapshot = this.monitor.resume();
    this.logger.info('Checks resumed');
    return snapshot;
  }

  history(database: DatabaseId, limit?: number) {
    return this.monitor.history(database, limit);
  }

  async getSettingsView(): Promise<SettingsView> {
    const presence = (name: SecretName) => (this.inputs.secrets[name] ? 'stored' : 'not_set') as 'stored' | 'not_set';
    return {
      settings: structuredClone(this.inputs.settings),
      secrets: { supabaseKey: presence('supabaseKey'), neo4jPassword: presence('neo4jPassword') },
      paths: { settingsFile: this.paths.settingsFile, logFile: this.logFile ?? this.paths.logFile },
    };
  }

  /**
   * One test per database at a time, so repeated clicks (or a hostile window) cannot pile up sockets:
   * an identical draft joins the running test, a different one is refused until it ends.
   */
  async testConnection(draft: SettingsDraft & { database: DatabaseId }): Promise<ProbeResult> {
    const { database } = draft;
    const settings = parseSettings(draft.settings);
    const edits = parseEdits(draft.secrets);
    // A digest, so the running test's key holds no secret.
    const key = createHash('sha256').update(JSON.stringify([settings, edits])).digest('hex');
    const running = this.connectionTests.get(database);
    if (running?.key === key) return running.result;
    if (running) {
      throw new WallTrackError(`${database}: a connection test is already running; wait for its result, then test again`, {
        hint: `It ends within the timeout (${running.timeoutMs} ms)`,
      });
    }
    const result = this.runConnectionTest(database, settings, secretChanges(edits));
    this.connectionTests.set(database, { key, result, timeoutMs: settings.monitor.timeoutMs });
    try {
      return await result;
    } finally {
      this.connectionTests.delete(database);
    }
  }

  private async runConnectionTest(database: DatabaseId, settings: Settings, changes: SecretValues): Promise<ProbeResult> {
    await this.loadMissingSecrets(settings, changes);
    refuseMovedSecretInDraft([database], this.secretUse(settings, changes));
    const { secrets, errors } = this.withSecretChanges({});
    return checkOnce(database, settings, { ...secrets, ...changes }, errors);
  }

  saveSettings(draft: SettingsDraft): Promise<SettingsView> {
    return this.oneEditAtATime(() => this.save(draft));
  }

  private async save(draft: SettingsDraft): Promise<SettingsView> {
    const { store, vault } = this.editable();
    assertNoSecretKeys(draft.settings);
    const settings = parseSettings(draft.settings);
    const edits = parseEdits(draft.secrets);
    const changes = secretChanges(edits);
    // Read first: whether a kept secret exists decides whether the endpoint may change without it.
    await this.loadMissingSecrets(settings, changes);
    refuseMovedSecretInDraft(DATABASE_IDS, this.secretUse(settings, changes));
    await this.writeSecretsThen(vault, changes, () => store.save(settings));
    const { secrets, errors } = this.withSecretChanges(changes);
    const changed = Object.entries(edits)
      .filter(([, e]) => e.action !== 'keep')
      .map(([name, e]) => `${name}: ${e.action}`);
    this.logger.info({ settingsFile: this.paths.settingsFile, secrets: changed }, 'Settings saved');
    await this.apply({ settings, secrets, errors });
    return this.getSettingsView();
  }

  importEnv(content: string): Promise<ImportReport> {
    return this.oneEditAtATime(() => this.importFrom(content));
  }

  private async importFrom(content: string): Promise<ImportReport> {
    const { store, vault } = this.editable();
    // Everything is validated before the first write.
    const plan = planEnvImport(content, this.inputs.settings);
    await this.loadMissingSecrets(plan.settings, plan.secrets);
    refuseMovedSecretInEnv(this.secretUse(plan.settings, plan.secrets));
    await this.writeSecretsThen(vault, plan.secrets, () => {
      if (plan.report.settings.length > 0) store.save(plan.settings);
    });
    const { secrets, errors } = this.withSecretChanges(plan.secrets);
    const report: ImportReport = { ...plan.report, secrets: plan.report.secrets.map((s) => ({ ...s, stored: true })) };
    this.logger.info(
      {
        settings: report.settings.map((s) => s.name),
        secrets: report.secrets.map((s) => s.name),
        ignored: report.ignored.map((s) => s.name),
      },
      '.env file imported',
    );
    await this.apply({ settings: plan.settings, secrets, errors });
    return report;
  }

  on<E extends keyof MonitorCoreEvents>(event: E, listener: MonitorCoreEvents[E]): () => void {
    this.events.on(event, listener);
    return () => this.events.off(event, listener);
  }

  private oneEditAtATime<T>(edit: () => Promise<T>): Promise<T> {
    const next = this.edits.then(edit, edit);
    this.edits = next.catch(() => undefined);
    return next;
  }

  /**
   * Writes secret changes (null = remove), then `commit` (the settings write). If anything fails,
   * the secrets already written are put back, so a failed save leaves keychain and file as they were.
   */
  private async writeSecretsThen(vault: SecretVault, changes: SecretValues, commit: () => void): Promise<void> {
    // Each previous value is read from the keychain itself, not the cache: a database configured after
    // start() never had its secret read, and putting back "nothing" would delete a stored secret.
    const written: { name: SecretName; previous: Secret | null | undefined }[] = [];
    try {
      for (const [name, value] of Object.entries(changes) as [SecretName, Secret | null][]) {
        const previous = await vault.get(name).catch(() => undefined);
        if (value) await vault.set(name, value);
        else await vault.delete(name);
        written.push({ name, previous });
      }
      commit();
    } catch (error) {
      for (const { name, previous } of written.reverse()) {
        // A secret whose previous value could not be read is left as written rather than deleted.
        if (previous === undefined) continue;
        await (previous ? vault.set(name, previous) : vault.delete(name)).catch(() => undefined);
      }
      throw error;
    }
  }


  /** The cached secrets and read errors with `changes` (just written) remembered. */
  private withSecretChanges(changes: SecretValues): Pick<ProbeInputs, 'secrets' | 'errors'> {
    if (!this.secretCache) return { secrets: { ...this.inputs.secrets, ...changes }, errors: { ...this.inputs.errors } };
    this.secretCache.remember(changes);
    return this.secretCache.view();
  }

  /** What the binding check needs: the saved settings the stored (or unreadable) secrets belong to, and where they would go next. */
  private secretUse(next: Settings, changes: SecretValues): SecretUse {
    const { secrets, errors } = this.withSecretChanges({});
    return { stored: this.inputs.settings, next, storedSecrets: secrets, unreadable: errors, changes };
  }

  /** Given to a probe waiting for its secret: each check of it may retry the read. */
  private readonly retryRead = (name: SecretName): void => this.secretCache?.retrySoon(name);

  private editable(): { store: SettingsStore; vault: SecretVault } {
    if (!this.store || !this.vault) {
      throw new ConfigurationError(
        `Settings come from ${this.override?.source ?? 'an override'} and cannot be changed here`,
        { hint: 'Unset those variables to use the saved settings, or change the variables and restart' },
      );
    }
    return { store: this.store, vault: this.vault };
  }

  private monitorSettings(settings: Settings): MonitorSettings {
    return { ...settings.monitor, ...(this.options.monitorOverrides ?? {}) };
  }

  private buildProbes(inputs: ProbeInputs) {
    const probes = { supabase: null, neo4j: null } as Record<DatabaseId, ReturnType<typeof buildProbe>>;
    for (const db of DATABASE_IDS) probes[db] = buildProbe(db, { ...inputs.settings, monitor: this.monitorSettings(inputs.settings) }, inputs.secrets, inputs.errors, this.retryRead);
    return probes;
  }

  /**
   * Reads the secrets of configured databases not read yet, or whose last read failed (in parallel: a hung
   * keychain costs one timeout); a failure is kept and shown per database, not thrown, and retried by the
   * cache. Nothing configured = the keychain is never touched, so a first run on a machine without a
   * Secret Service starts quietly.
   */
  private async loadMissingSecrets(settings: Settings, changing: SecretValues = {}): Promise<void> {
    // A secret being replaced or removed right now needs no read: its new value is already known.
    await this.secretCache?.load(this.neededSecrets(settings).filter((name) => !(name in changing)));
  }

  private neededSecrets(settings: Settings): SecretName[] {
    return DATABASE_IDS.filter((db) => endpointOf(db, settings) !== null).map(secretOf);
  }

  /** A failed read healed (or failed differently): rebuild the probe that waits for it, without user action. */
  private secretReadChanged(name: SecretName): void {
    // Before the real monitor runs, start() takes the cache as it is then.
    if (!this.running) return;
    const rebuild = async () => {
      if (this.stopping || !this.secretCache) return;
      // Taken when it runs: a save applied meanwhile is kept, only this secret's state is new.
      const { secrets, errors } = this.secretCache.view();
      const next: ProbeInputs = { ...this.inputs, secrets: { ...this.inputs.secrets }, errors: { ...this.inputs.errors } };
      if (name in secrets) next.secrets[name] = secrets[name];
      else delete next.secrets[name];
      if (errors[name]) next.errors[name] = errors[name];
      else delete next.errors[name];
      await this.apply(next);
    };
    this.healing = this.healing.then(rebuild).catch((error: unknown) => {
      this.logger.error({ secretName: name, reason: (error as Error).message }, 'Could not rebuild a probe after its secret was read');
    });
  }

  /** Swaps in new settings: monitor settings at once, and a new probe only where its inputs changed. */
  private async apply(next: ProbeInputs): Promise<void> {
    const before = this.inputs;
    this.inputs = next;
    this.monitor.updateSettings(this.monitorSettings(next.settings));
    if (!this.started) return;
    const merged = { ...next.settings, monitor: this.monitorSettings(next.settings) };
    const beforeMerged = { ...before.settings, monitor: this.monitorSettings(before.settings) };
    for (const db of DATABASE_IDS) {
      if (probeInputsChanged(db, { ...before, settings: beforeMerged }, { ...next, settings: merged })) {
        const probe = buildProbe(db, merged, next.secrets, next.errors, this.retryRead);
        this.logger.info({ database: db, target: probe?.target ?? 'not configured' }, `${db}: settings changed, reconnecting`);
        await this.monitor.replaceProbe(db, probe);
      }
    }
  }

  private attach(monitor: HealthMonitorApi): HealthMonitorApi {
    const offs = [
      monitor.on('snapshot', (s) => this.events.emit('snapshot', s)),
      monitor.on('stateChange', (c) => {
        this.logStateChange(c);
        this.events.emit('stateChange', c);
      }),
      monitor.on('check', (r) => this.logger.debug({ database: r.database, state: r.state, latencyMs: r.latencyMs, kind: r.kind }, 'check')),
    ];
    this.unsubscribe = () => offs.forEach((off) => off());
    return monitor;
  }

  /** One line per state change; healthy checks are not logged above debug. */
  private logStateChange(change: StateChange): void {
    const { database, from, to, result } = change;
    const fields = {
      database,
      from,
      to,
      latencyMs: result.latencyMs,
      ...(result.kind ? { kind: result.kind } : {}),
      ...(result.message ? { reason: result.message } : {}),
      ...(result.hint ? { hint: result.hint } : {}),
    };
    const line = `${database}: ${from} -> ${to}`;
    if (to === 'down') this.logger.error(fields, line);
    else if (to === 'retrying' || to === 'degraded' || to === 'not_configured') this.logger.warn(fields, line);
    else this.logger.info(fields, line);
  }
}

function parseEdits(input: unknown) {
  const r = SecretEditsSchema.safeParse(input ?? {});
  if (!r.success) throw validationErrorFrom(r.error, 'secrets');
  return r.data;
}


/** A form's secret edits as values: replace → the new Secret, remove → null, keep → absent. */
function secretChanges(edits: ReturnType<typeof parseEdits>): SecretValues {
  const changes: SecretValues = {};
  for (const name of SECRET_NAMES) {
    const edit = edits[name];
    if (edit.action === 'replace') changes[name] = new Secret(edit.value);
    else if (edit.action === 'remove') changes[name] = null;
  }
  return changes;
}
