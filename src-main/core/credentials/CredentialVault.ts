/**
 * Secrets live only in the OS keychain (macOS Keychain, Windows Credential Manager, Linux Secret
 * Service) via @napi-rs/keyring. There is deliberately no plaintext fallback: when the keychain
 * cannot be used, every call fails with a CredentialStoreError that tells the operator what to do.
 */
import { AsyncEntry, type EntryOptions } from '@napi-rs/keyring';
import type { SecretName } from '../../common/settings-schema.js';
import { CredentialStoreError } from '../errors.js';
import { Secret } from './Secret.js';

export const KEYCHAIN_SERVICE = 'walltrack-monitor';

/** One keychain account per secret. */
export const SECRET_ACCOUNTS: Record<SecretName, string> = {
  supabaseKey: 'supabase-api-key',
  neo4jPassword: 'neo4j-password',
};

/** What the core needs from a secret store; CredentialVault is the real one. */
export interface SecretVault {
  get(name: SecretName): Promise<Secret | null>;
  set(name: SecretName, secret: Secret): Promise<void>;
  delete(name: SecretName): Promise<void>;
  has(name: SecretName): Promise<boolean>;
}

export interface CredentialVaultOptions {
  /** Keychain service name; tests use their own. */
  service?: string;
  /** A hung keychain (e.g. an unanswered unlock prompt) fails after this long. */
  timeoutMs?: number;
  platform?: NodeJS.Platform;
}

const DEFAULT_TIMEOUT_MS = 10_000;

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

  constructor(options: CredentialVaultOptions = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.platform = options.platform ?? process.platform;
  }

  async get(name: SecretName): Promise<Secret | null> {
    const value = await this.call(name, 'read', (entry, signal) => entry.getPassword(signal));
    return value === null || value === '' ? null : new Secret(value);
  }

  async set(name: SecretName, secret: Secret): Promise<void> {
    if (!(secret instanceof Secret) || secret.length === 0) {
      throw new CredentialStoreError(`Refusing to store an empty ${name} in the keychain`, {
        hint: 'Enter a non-empty value, or choose "remove" to delete the stored one.',
      });
    }
    await this.call(name, 'write', (entry, signal) => entry.setPassword(secret.reveal(), signal));
  }

  async delete(name: SecretName): Promise<void> {
    await this.call(name, 'delete', (entry, signal) => entry.deletePassword(signal));
  }

  async has(name: SecretName): Promise<boolean> {
    return (await this.get(name)) !== null;
  }

  private entry(name: SecretName): AsyncEntry {
    // On Linux, pin the Secret Service: the library's default silently falls back to the
    // kernel keyring, which forgets everything at logout.
    const options: EntryOptions | undefined = this.platform === 'linux' ? { linux: { store: 'secret-service' } } : undefined;
    return new AsyncEntry(this.service, SECRET_ACCOUNTS[name], options);
  }

  /** Runs one keychain call, bounded by timeoutMs, turning every failure into a CredentialStoreError. */
  private async call<T>(name: SecretName, action: string, run: (entry: AsyncEntry, signal: AbortSignal) => Promise<T>): Promise<T> {
    const where = `the OS keychain (service "${this.service}", account "${SECRET_ACCOUNTS[name]}")`;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(
          new CredentialStoreError(`Could not ${action} ${name} in ${where}: no answer within ${this.timeoutMs} ms (keychain locked or hung?)`, {
            hint: keychainHint(this.platform),
          }),
        );
      }, this.timeoutMs);
      timer.unref?.();
    });
    try {
      return await Promise.race([
        (async () => run(this.entry(name), controller.signal))(),
        timeout,
      ]);
    } catch (error) {
      if (error instanceof CredentialStoreError) throw error;
      // The library's messages describe the platform failure (D-Bus, locked collection); they never contain the secret.
      const reason = error instanceof Error ? error.message : String(error);
      throw new CredentialStoreError(`Could not ${action} ${name} in ${where}: ${reason}`, {
        cause: error,
        hint: keychainHint(this.platform),
      });
    } finally {
      clearTimeout(timer);
    }
  }
}
