/**
 * Secrets live only in the OS keychain (macOS Keychain, Windows Credential Manager, Linux Secret
 * Service) via @napi-rs/keyring. There is deliberately no plaintext fallback: when the keychain
 * cannot be used, every call fails with a CredentialStoreError that tells the operator what to do.
 */
import { secretField, type SecretName } from '../../common/databases.js';
import type { EnvironmentId } from '../../common/schemas.js';
import { CredentialStoreError } from '../errors.js';
import { KeychainTimeoutError, runKeychainCall, type KeychainOp, type KeychainRequest, type KeychainRunner } from './keychainProcess.js';
import { KeychainThread } from './keychainThread.js';
import { Secret } from './Secret.js';

export const KEYCHAIN_SERVICE = 'walltrack-monitor';

/** One keychain account per environment and secret, e.g. "production/neo4j-password" (the suffix is the registry's). */
export function secretAccount(environment: EnvironmentId, name: SecretName): string {
  const field = secretField(name);
  if (!field) throw new RangeError(`Unknown secret "${name}"`);
  return `${environment}/${field.account}`;
}

/** What the core needs from a secret store; CredentialVault is the real one. */
export interface SecretVault {
  get(environment: EnvironmentId, name: SecretName): Promise<Secret | null>;
  set(environment: EnvironmentId, name: SecretName, secret: Secret): Promise<void>;
  delete(environment: EnvironmentId, name: SecretName): Promise<void>;
  has(environment: EnvironmentId, name: SecretName): Promise<boolean>;
  /** Raw account access, for the migration of version-1 accounts ("neo4j-password" → "default/neo4j-password"). */
  readAccount(account: string): Promise<Secret | null>;
  writeAccount(account: string, secret: Secret): Promise<void>;
  deleteAccount(account: string): Promise<void>;
}

export interface CredentialVaultOptions {
  /** Keychain service name; tests use their own. */
  service?: string;
  /** A hung keychain (e.g. an unanswered unlock prompt) fails after this long. */
  timeoutMs?: number;
  platform?: NodeJS.Platform;
  /**
   * How each call is run. Default: a killable helper process under Node; a worker thread under
   * Electron (whose packaged runAsNode fuse is off). A host may pass its own, e.g. an Electron utilityProcess.
   */
  runner?: KeychainRunner;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/**
 * The library gives gnome-keyring 2 s per D-Bus call; a loaded machine can answer later. That is
 * worth asking again (get, set-with-replace and delete are idempotent) while our own deadline lasts.
 */
const LATE_REPLY = /Did not receive a reply/;
const RETRY_PAUSE_MS = 100;
const MIN_ATTEMPT_MS = 250;

export function keychainHint(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'Unlock the login keychain (Keychain Access) and allow WallTrack Monitor to use it, then try again.';
  if (platform === 'win32') return 'Make sure Windows Credential Manager is available for your user account, then try again.';
  return (
    'Start a Secret Service such as gnome-keyring (or KWallet) and unlock it, and make sure ' +
    'DBUS_SESSION_BUS_ADDRESS points at your session bus; then try again. Secrets are never stored in plain files.'
  );
}

export class CredentialVault implements SecretVault {
  readonly service: string;
  private readonly timeoutMs: number;
  private readonly platform: NodeJS.Platform;
  private readonly runner: KeychainRunner;
  /** Per account: the last call queued, and the read waiting or running that later reads join. */
  private readonly lanes = new Map<string, { tail: Promise<unknown>; read: Promise<string | null> | null }>();

  constructor(options: CredentialVaultOptions = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.platform = options.platform ?? process.platform;
    this.runner = options.runner ?? defaultRunner();
  }

  get(environment: EnvironmentId, name: SecretName): Promise<Secret | null> {
    return this.readAccount(secretAccount(environment, name), name);
  }

  set(environment: EnvironmentId, name: SecretName, secret: Secret): Promise<void> {
    return this.writeAccount(secretAccount(environment, name), secret, name);
  }

  delete(environment: EnvironmentId, name: SecretName): Promise<void> {
    return this.deleteAccount(secretAccount(environment, name), name);
  }

  async has(environment: EnvironmentId, name: SecretName): Promise<boolean> {
    return (await this.get(environment, name)) !== null;
  }

  async readAccount(account: string, name = account): Promise<Secret | null> {
    const value = await this.call(account, name, 'get');
    return value === null || value === '' ? null : new Secret(value);
  }

  async writeAccount(account: string, secret: Secret, name = account): Promise<void> {
    if (!(secret instanceof Secret) || secret.length === 0) {
      throw new CredentialStoreError(`Refusing to store an empty ${name} in the keychain`, {
        hint: 'Enter a non-empty value, or choose "remove" to delete the stored one.',
      });
    }
    await this.call(account, name, 'set', secret.reveal());
  }

  async deleteAccount(account: string, name = account): Promise<void> {
    await this.call(account, name, 'delete');
  }

  /** One keychain call on the keychain thread, bounded by timeoutMs; every failure becomes a CredentialStoreError. */
  private async call(account: string, name: string, op: KeychainOp, value?: string): Promise<string | null> {
    const where = `the OS keychain (service "${this.service}", account "${account}")`;
    const action = { get: 'read', set: 'write', delete: 'delete' }[op];
    const request = {
      op,
      service: this.service,
      account,
      ...(value === undefined ? {} : { value }),
      // On Linux, pin the Secret Service: the library's default silently falls back to the
      // kernel keyring, which forgets everything at logout.
      ...(this.platform === 'linux' ? { linuxStore: 'secret-service' as const } : {}),
    };
    try {
      return await this.inLane(account, op, () => this.runWithinDeadline(request));
    } catch (error) {
      // The library's messages describe the platform failure (D-Bus, locked collection); they never contain the secret.
      const reason = error instanceof KeychainTimeoutError ? `${error.message} (keychain locked or hung?)` : (error as Error).message;
      throw new CredentialStoreError(`Could not ${action} ${name} in ${where}: ${reason}`, {
        cause: error,
        hint: keychainHint(this.platform),
      });
    }
  }

  /** One call, asked again after a late-reply failure while what is left of timeoutMs allows another attempt. */
  private async runWithinDeadline(request: KeychainRequest): Promise<string | null> {
    const deadline = Date.now() + this.timeoutMs;
    let budget = this.timeoutMs;
    for (;;) {
      try {
        return await this.runner(request, budget);
      } catch (error) {
        budget = deadline - Date.now() - RETRY_PAUSE_MS;
        if (!(error instanceof Error && LATE_REPLY.test(error.message)) || budget < MIN_ATTEMPT_MS) throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
      }
    }
  }

  /**
   * Runs the calls for one account one after another (each is a helper process; a burst of requests
   * must not start a burst of them). A read joins the read already waiting or running, unless a
   * write was queued after it: then it waits for the write and reads what was written.
   */
  private inLane(account: string, op: KeychainOp, run: () => Promise<string | null>): Promise<string | null> {
    let lane = this.lanes.get(account);
    if (!lane) this.lanes.set(account, (lane = { tail: Promise.resolve(), read: null }));
    if (op === 'get' && lane.read) return lane.read;
    const result = lane.tail.then(run, run);
    lane.tail = result.catch(() => undefined);
    if (op !== 'get') {
      lane.read = null;
      return result;
    }
    lane.read = result;
    const done = () => {
      if (lane.read === result) lane.read = null;
    };
    result.then(done, done);
    return result;
  }
}


let electronThread: KeychainThread | null = null;
function defaultRunner(): KeychainRunner {
  if (!process.versions.electron) return runKeychainCall;
  electronThread ??= new KeychainThread();
  const thread = electronThread;
  return (request, timeoutMs) => thread.call(request, timeoutMs);
}
