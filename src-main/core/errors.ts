/**
 * The original service's exception hierarchy (story 1.2). Messages name the database and endpoint,
 * never a secret: callers pass only non-secret context, and `cause` is kept off JSON output.
 */
import type { DatabaseId, FailureKind } from '../common/schemas.js';

export class WallTrackError extends Error {
  /** Operator-facing next step, e.g. "check NEO4J_PASSWORD in Settings". */
  readonly hint: string | undefined;
  constructor(message: string, options: { cause?: unknown; hint?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...(this.hint ? { hint: this.hint } : {}) };
  }
}

export class DatabaseConnectionError extends WallTrackError {
  constructor(
    readonly database: DatabaseId,
    readonly kind: FailureKind,
    /** Non-secret endpoint, e.g. "bolt://127.0.0.1:7687" or "https://x.supabase.co". */
    readonly endpoint: string | null,
    message: string,
    options: { cause?: unknown; hint?: string } = {},
  ) {
    super(`${database}${endpoint ? ` (${endpoint})` : ''}: ${message}`, options);
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), database: this.database, kind: this.kind, endpoint: this.endpoint };
  }
}

/** Missing or unusable configuration; the message says what to set. */
export class ConfigurationError extends WallTrackError {}

/**
 * A stored secret was to be kept while its endpoint changed; it is never sent elsewhere.
 * `field` names the secret to enter again: "secrets.neo4jPassword" from a form, "NEO4J_PASSWORD" from a .env file.
 */
export class EndpointChangedError extends ConfigurationError {
  constructor(
    readonly field: string,
    message: string,
    options: { cause?: unknown; hint?: string } = {},
  ) {
    super(message, options);
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field };
  }
}

/**
 * A value that failed its schema; `field` is the dotted path, e.g. "monitor.intervalSec", for code
 * (the form finds the input by it); the message names `place` instead when given, as people say it.
 */
export class ValidationError extends WallTrackError {
  constructor(
    readonly field: string,
    message: string,
    options: { cause?: unknown; hint?: string; place?: string } = {},
  ) {
    super(`${options.place ?? field}: ${message}`, options);
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field };
  }
}

/** The OS keychain could not be used; there is deliberately no plaintext fallback. */
export class CredentialStoreError extends WallTrackError {}

/** A service outside our databases (e.g. the OS notification service) failed. */
export class ExternalServiceError extends WallTrackError {}
