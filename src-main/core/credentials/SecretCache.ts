/**
 * One environment's secrets read from the keychain, and why a read failed, per secret name. A
 * failed read heals by itself: it is retried with backoff, when asked (Check now, resume) and when
 * the database waiting for it is checked, until it succeeds; listeners then rebuild that database's
 * probe. Reads of one secret never overlap: callers join the read in flight. Nothing here logs or
 * emits a secret value.
 */
import type { EnvironmentId } from '../../common/schemas.js';
import type { SecretName } from '../../common/settings-schema.js';
import type { SecretErrors, SecretValues } from '../environmentConfig.js';
import { WallTrackError } from '../errors.js';
import type { Logger } from '../logging.js';
import type { SecretVault } from './CredentialVault.js';

export const FIRST_RETRY_MS = 2_000;
export const MAX_RETRY_MS = 5 * 60_000;

export interface SecretCacheOptions {
  vault: SecretVault;
  /** The environment whose keychain entries this cache reads (one cache per environment). */
  environment: EnvironmentId;
  logger: Logger;
  /** Whether a failed secret is still needed when its retry is due; one that is not stops retrying. */
  wanted?: (name: SecretName) => boolean;
  firstRetryMs?: number;
  maxRetryMs?: number;
}

interface Failure {
  /** When the last failed read ended (Date.now()). */
  at: number;
  /** The wait before the next scheduled retry; doubles after each failure up to maxRetryMs. */
  delayMs: number;
  timer: NodeJS.Timeout | null;
}

export class SecretCache {
  private readonly secrets: SecretValues = {};
  private readonly errors: SecretErrors = {};
  private readonly failures = new Map<SecretName, Failure>();
  private readonly reads = new Map<SecretName, Promise<void>>();
  /** Bumped when a value is remembered, so a read that started before it cannot overwrite it. */
  private readonly generations = new Map<SecretName, number>();
  private readonly listeners = new Set<(name: SecretName) => void>();
  private readonly firstRetryMs: number;
  private readonly maxRetryMs: number;
  private closed = false;

  constructor(private readonly options: SecretCacheOptions) {
    this.firstRetryMs = options.firstRetryMs ?? FIRST_RETRY_MS;
    this.maxRetryMs = options.maxRetryMs ?? MAX_RETRY_MS;
  }

  /** Copies of the values read (null = none stored) and of the read errors. */
  view(): { secrets: SecretValues; errors: SecretErrors } {
    return { secrets: { ...this.secrets }, errors: { ...this.errors } };
  }

  /** Reads each name not read yet or whose last read failed; joins reads in flight. Never rejects. */
  async load(names: readonly SecretName[]): Promise<void> {
    await Promise.all(names.filter((name) => !(name in this.secrets)).map((name) => this.read(name)));
  }

  /** Retries every failed read at once (Check now, resume after sleep or unlock). Never rejects. */
  async retryNow(): Promise<void> {
    await Promise.all([...this.failures.keys()].map((name) => this.read(name)));
  }

  /**
   * Retries a failed read unless one is in flight or the last ended less than the first retry delay
   * ago (a check of the database waiting for it; checks can come every second).
   */
  retrySoon(name: SecretName): void {
    const failure = this.failures.get(name);
    if (!failure || this.reads.has(name) || Date.now() - failure.at < this.firstRetryMs) return;
    void this.read(name);
  }

  /** Resolves when the reads in flight have ended. */
  async settled(): Promise<void> {
    await Promise.all([...this.reads.values()]);
  }

  /** Values just written (null = removed): known without a read, and no longer failing. */
  remember(changes: SecretValues): void {
    for (const [name, value] of Object.entries(changes) as [SecretName, (typeof changes)[SecretName]][]) {
      if (value === undefined) continue;
      this.generations.set(name, (this.generations.get(name) ?? 0) + 1);
      this.reads.delete(name);
      this.clearFailure(name);
      delete this.errors[name];
      this.secrets[name] = value;
    }
  }

  /** Called with the name when a failed read's outcome changes: it healed, or failed differently. */
  onChange(listener: (name: SecretName) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Stops every retry; reads in flight are ignored when they end. */
  close(): void {
    this.closed = true;
    for (const name of this.failures.keys()) this.clearFailure(name);
    this.listeners.clear();
  }

  private read(name: SecretName): Promise<void> {
    const running = this.reads.get(name);
    if (running) return running;
    if (this.closed) return Promise.resolve();
    const generation = this.generations.get(name) ?? 0;
    const current = () => !this.closed && (this.generations.get(name) ?? 0) === generation;
    const read: Promise<void> = this.options.vault.get(this.options.environment, name).then(
      (value) => {
        if (current()) this.succeeded(name, value);
      },
      (error: unknown) => {
        if (current()) this.failed(name, error);
      },
    );
    const done = () => {
      if (this.reads.get(name) === read) this.reads.delete(name);
    };
    this.reads.set(name, read);
    void read.then(done);
    return read;
  }

  private succeeded(name: SecretName, value: SecretValues[SecretName]): void {
    const healed = name in this.errors;
    this.clearFailure(name);
    delete this.errors[name];
    this.secrets[name] = value ?? null;
    if (!healed) return;
    this.options.logger.info({ environment: this.options.environment, secretName: name }, 'Read a secret from the OS keychain after it had failed');
    this.emit(name);
  }

  private failed(name: SecretName, error: unknown): void {
    const e = error instanceof WallTrackError ? error : new WallTrackError(String(error));
    const before = this.errors[name];
    const previous = this.failures.get(name);
    this.clearFailure(name);
    delete this.secrets[name];
    this.errors[name] = { message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
    const delayMs = previous ? Math.min(previous.delayMs * 2, this.maxRetryMs) : this.firstRetryMs;
    const failure: Failure = { at: Date.now(), delayMs, timer: null };
    failure.timer = setTimeout(() => {
      failure.timer = null;
      if (this.options.wanted && !this.options.wanted(name)) return;
      void this.read(name);
    }, delayMs);
    failure.timer.unref?.();
    this.failures.set(name, failure);
    // Logged when it starts failing or fails differently, not on every retry.
    const fields = { environment: this.options.environment, secretName: name, reason: e.message, hint: e.hint, retryInMs: delayMs };
    if (before?.message === e.message) {
      this.options.logger.debug(fields, 'Could not read a secret from the OS keychain (still)');
      return;
    }
    this.options.logger.error(fields, 'Could not read a secret from the OS keychain');
    if (before) this.emit(name);
  }

  private clearFailure(name: SecretName): void {
    const failure = this.failures.get(name);
    if (failure?.timer) clearTimeout(failure.timer);
    this.failures.delete(name);
  }

  private emit(name: SecretName): void {
    for (const listener of this.listeners) listener(name);
  }
}
