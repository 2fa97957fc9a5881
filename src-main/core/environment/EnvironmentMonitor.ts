/**
 * One environment at run time: its secrets (read once, failed reads retried by the cache), the probes
 * built from its settings, and the HealthMonitor that checks them. Settings edits are applied live:
 * only the probes whose inputs changed reconnect.
 */
import { databaseKind, kindSecrets } from '../../common/databases.js';
import type { DatabaseId, EnvironmentId, EnvironmentStatus, ProbeResult } from '../../common/schemas.js';
import type { EnvironmentSettings, SecretName } from '../../common/settings-schema.js';
import { buildProbe, neededSecrets, probeInputsChanged, type ProbeInputs } from '../buildProbes.js';
import { checkOnce } from '../checkOnce.js';
import type { SecretVault } from '../credentials/CredentialVault.js';
import type { Secret } from '../credentials/Secret.js';
import { SecretCache, type SecretCacheOptions } from '../credentials/SecretCache.js';
import type { EnvironmentConfig, SecretValues } from '../environmentConfig.js';
import type { Logger } from '../logging.js';
import { HealthMonitor } from '../monitor/HealthMonitor.js';
import { environmentPhase } from '../monitor/spread.js';
import type { HealthMonitorApi, HealthMonitorEvents, MonitorSettings } from '../monitor/types.js';
import type { SecretUse } from '../secretBinding.js';

export interface EnvironmentMonitorOptions {
  environment: EnvironmentSettings;
  monitor: MonitorSettings;
  logger: Logger;
  /** Where secrets come from: the keychain (through a cache), fixed values (an override), or both (fixed first). */
  vault: SecretVault | null;
  fixedSecrets?: Partial<Record<SecretName, Secret>>;
  keychainRetry?: Pick<SecretCacheOptions, 'firstRetryMs' | 'maxRetryMs'>;
  /** Forwarded from the HealthMonitor, whichever one is current. */
  events: { [E in keyof HealthMonitorEvents]: HealthMonitorEvents[E] };
}

const DEFAULT_STOP_MS = 5_000;

export class EnvironmentMonitor {
  readonly id: EnvironmentId;
  private environment: EnvironmentSettings;
  private monitorSettings: MonitorSettings;
  private readonly cache: SecretCache | null;
  private readonly fixed: SecretValues;
  private inputs: ProbeInputs;
  private monitor: HealthMonitorApi;
  private unsubscribe: () => void = () => {};
  private started = false;
  private running = false;
  private stopping: Promise<void> | null = null;
  /** Probe rebuilds after a secret read healed, in order. */
  private healing: Promise<void> = Promise.resolve();

  constructor(private readonly options: EnvironmentMonitorOptions) {
    this.id = options.environment.id;
    this.environment = options.environment;
    this.monitorSettings = options.monitor;
    this.fixed = { ...(options.fixedSecrets ?? {}) };
    this.cache = options.vault
      ? new SecretCache({
          ...options.keychainRetry,
          vault: options.vault,
          environment: this.id,
          logger: options.logger,
          wanted: (name) => this.needed(this.inputs.config).includes(name),
        })
      : null;
    this.cache?.onChange((name) => this.secretReadChanged(name));
    this.inputs = { config: this.config(), secrets: { ...this.fixed }, errors: {} };
    // Until start() has read the keychain, nothing is probed.
    const placeholders = Object.fromEntries(Object.keys(this.inputs.config.databases).map((db) => [db, null]));
    this.monitor = this.attach(new HealthMonitor({ probes: placeholders, settings: this.monitorSettings, environment: this.meta(), phase: this.phaseOf }));
  }

  get settings(): EnvironmentSettings {
    return this.environment;
  }

  /** Reads the needed secrets, builds the probes and starts the schedules; never throws because a database is down. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.loadMissingSecrets(this.inputs.config);
    if (this.stopping) return;
    const placeholder = this.monitor;
    this.unsubscribe();
    await placeholder.stop(DEFAULT_STOP_MS);
    this.inputs = { ...this.inputs, ...this.secretsWith({}) };
    const probes = Object.fromEntries(Object.keys(this.inputs.config.databases).map((db) => [db, this.probe(db, this.inputs)]));
    this.monitor = this.attach(new HealthMonitor({ probes, settings: this.monitorSettings, environment: this.meta(), phase: this.phaseOf }));
    this.running = true;
    this.monitor.start();
  }

  /** Non-secret description of what is checked, per database, for the start-up log line. */
  targets(): Record<DatabaseId, string> {
    const status = this.monitor.snapshot();
    return Object.fromEntries(Object.entries(status.databases).map(([db, s]) => [db, s?.target ?? 'not configured']));
  }

  stop(timeoutMs = DEFAULT_STOP_MS): Promise<void> {
    this.stopping ??= (async () => {
      this.cache?.close();
      try {
        await this.monitor.stop(timeoutMs);
      } finally {
        this.unsubscribe();
      }
    })();
    return this.stopping;
  }

  status(): EnvironmentStatus {
    return this.monitor.snapshot();
  }

  /** Also retries every failed keychain read first, so a keychain unlocked since is used at once. */
  async checkNow(): Promise<void> {
    await this.cache?.retryNow();
    await this.healing;
    await this.monitor.checkNow();
  }

  pause(hours?: number): void {
    this.monitor.pause(hours);
  }

  resume(): void {
    void this.cache?.retryNow();
    this.monitor.resume();
  }

  history(database: DatabaseId, limit?: number) {
    return this.monitor.history(database, limit);
  }

  /** Whether each secret of a kind this environment monitors is stored (as far as the keychain told). */
  secretPresence(): Partial<Record<SecretName, 'stored' | 'not_set'>> {
    return Object.fromEntries(
      // An extra secret (e.g. the Supabase access token) is listed once stored: views of before stay as they were.
      Object.keys(this.environment.databases).flatMap((db) => {
        const kind = databaseKind(db);
        const extras = (kind.extraSecrets ?? []).filter(({ name }) => this.inputs.secrets[name]).map(({ name }) => [name, 'stored']);
        return [[kind.secret.name, this.inputs.secrets[kind.secret.name] ? 'stored' : 'not_set'], ...extras];
      }),
    );
  }

  /**
   * For the diagnostics report: each secret of the kinds monitored here as "stored", "missing" or "unreadable: …"
   * (read from the keychain first where this environment has not yet), and the values, only so the report can mask them.
   */
  async secretReport(): Promise<{ states: Record<SecretName, string>; values: string[] }> {
    await this.loadMissingSecrets(this.inputs.config);
    const { secrets, errors } = this.secretsWith({});
    const states: Record<SecretName, string> = {};
    for (const db of Object.keys(this.environment.databases)) {
      for (const { name } of kindSecrets(databaseKind(db))) {
        const error = errors[name];
        states[name] = secrets[name] ? 'stored' : error ? `unreadable: ${error.message}` : 'missing';
      }
    }
    return { states, values: Object.values(secrets).flatMap((s) => (s ? [s.reveal()] : [])) };
  }

  /** Reads the secrets `config` needs that are not known yet (a change being written needs no read). */
  async loadMissingSecrets(config: EnvironmentConfig, changing: SecretValues = {}): Promise<void> {
    await this.cache?.load(this.needed(config).filter((name) => !(name in changing)));
  }

  /** What the binding check needs: the saved sections the stored (or unreadable) secrets belong to, and where they would go next. */
  secretUse(next: EnvironmentConfig['databases'], changes: SecretValues): SecretUse {
    const { secrets, errors } = this.secretsWith({});
    return { stored: this.environment.databases, next, storedSecrets: secrets, unreadable: errors, changes };
  }

  /** One check with unsaved settings; `changes` are the form's new secrets, the rest are this environment's stored ones. */
  testOnce(database: DatabaseId, config: EnvironmentConfig, changes: SecretValues): Promise<ProbeResult> {
    const { secrets, errors } = this.secretsWith({});
    return checkOnce(database, config, { ...secrets, ...changes }, errors);
  }

  /** Swaps in new settings (and secrets just written): a new probe only where its inputs changed; kinds added or removed follow. */
  async apply(environment: EnvironmentSettings, monitor: MonitorSettings, changes: SecretValues): Promise<void> {
    const renamed = environment.name !== this.environment.name || environment.colour !== this.environment.colour;
    this.environment = environment;
    this.monitorSettings = monitor;
    const before = this.inputs;
    this.inputs = { config: this.config(), ...this.secretsWith(changes) };
    this.monitor.updateSettings(monitor);
    if (renamed) this.monitor.updateEnvironment(this.meta());
    if (!this.started) return;
    await this.rebuildChanged(before, this.inputs);
  }

  private async rebuildChanged(before: ProbeInputs, after: ProbeInputs): Promise<void> {
    const kinds = new Set([...Object.keys(before.config.databases), ...Object.keys(after.config.databases)]);
    for (const db of kinds) {
      const present = db in after.config.databases;
      if (present && db in before.config.databases && !probeInputsChanged(db, before, after)) continue;
      const probe = present ? this.probe(db, after) : undefined;
      const target = probe === undefined ? 'removed' : (probe?.target ?? 'not configured');
      this.options.logger.info({ environment: this.id, database: db, target }, `${this.id}/${db}: settings changed, reconnecting`);
      await this.monitor.replaceProbe(db, probe);
    }
  }

  private probe(database: DatabaseId, inputs: ProbeInputs) {
    return buildProbe(database, inputs.config, inputs.secrets, inputs.errors, this.retryRead);
  }

  /** Given to a probe waiting for its secret: each check of it may retry the read. */
  private readonly retryRead = (name: SecretName): void => this.cache?.retrySoon(name);

  private config(): EnvironmentConfig {
    return { databases: this.environment.databases, monitor: this.monitorSettings };
  }

  /** Each environment keeps its own place in the interval, so many are not checked all at once; its databases share it. */
  private readonly phaseOf = (): number => environmentPhase(this.id);

  private meta() {
    return { id: this.id, name: this.environment.name, colour: this.environment.colour };
  }

  /** Fixed secrets first, then the keychain's answers with `changes` (just written) remembered. */
  private secretsWith(changes: SecretValues): Pick<ProbeInputs, 'secrets' | 'errors'> {
    if (!this.cache) return { secrets: { ...this.inputs.secrets, ...changes }, errors: { ...this.inputs.errors } };
    this.cache.remember(changes);
    const { secrets, errors } = this.cache.view();
    for (const name of Object.keys(this.fixed)) delete errors[name];
    return { secrets: { ...secrets, ...this.fixed }, errors };
  }

  private needed(config: EnvironmentConfig): SecretName[] {
    return neededSecrets(config).filter((name) => !(name in this.fixed));
  }

  /** A failed read healed (or failed differently): rebuild the probe that waits for it, without user action. */
  private secretReadChanged(name: SecretName): void {
    if (!this.running) return;
    const rebuild = async () => {
      if (this.stopping) return;
      const before = this.inputs;
      this.inputs = { ...before, ...this.secretsWith({}) };
      await this.rebuildChanged(before, this.inputs);
    };
    this.healing = this.healing.then(rebuild).catch((error: unknown) => {
      this.options.logger.error(
        { environment: this.id, secretName: name, reason: (error as Error).message },
        'Could not rebuild a probe after its secret was read',
      );
    });
  }

  private attach(monitor: HealthMonitorApi): HealthMonitorApi {
    const { events } = this.options;
    const offs = [monitor.on('snapshot', events.snapshot), monitor.on('stateChange', events.stateChange), monitor.on('check', events.check)];
    this.unsubscribe = () => offs.forEach((off) => off());
    return monitor;
  }
}
