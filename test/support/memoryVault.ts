/**
 * A SecretVault in memory, for fast unit tests (the mutation run has no keyring): accounts as the real
 * vault names them (secretAccount), every call recorded, and any call made to fail like a locked keychain.
 */
import { secretAccount, type SecretVault } from '../../src-main/core/credentials/CredentialVault.js';
import { Secret } from '../../src-main/core/credentials/Secret.js';
import { CredentialStoreError } from '../../src-main/core/errors.js';

export type VaultOp = 'read' | 'write' | 'delete';

export class MemoryVault implements SecretVault {
  /** account → value */
  readonly accounts = new Map<string, string>();
  /** "read neo4j-password", "write default/neo4j-password", … in call order (failed calls included). */
  readonly calls: string[] = [];
  /** Returns true to make that call fail as a locked keychain would. */
  failWhen: (op: VaultOp, account: string) => boolean = () => false;

  constructor(accounts: Record<string, string> = {}) {
    for (const [account, value] of Object.entries(accounts)) this.accounts.set(account, value);
  }

  /** The accounts as a plain object, for literal assertions. */
  contents(): Record<string, string> {
    return Object.fromEntries([...this.accounts].sort(([a], [b]) => a.localeCompare(b)));
  }

  get(environment: string, name: string) {
    return this.readAccount(secretAccount(environment, name));
  }
  set(environment: string, name: string, secret: Secret) {
    return this.writeAccount(secretAccount(environment, name), secret);
  }
  delete(environment: string, name: string) {
    return this.deleteAccount(secretAccount(environment, name));
  }
  async has(environment: string, name: string) {
    return (await this.get(environment, name)) !== null;
  }

  async readAccount(account: string): Promise<Secret | null> {
    this.call('read', account);
    const value = this.accounts.get(account);
    return value === undefined ? null : new Secret(value);
  }
  async writeAccount(account: string, secret: Secret): Promise<void> {
    this.call('write', account);
    this.accounts.set(account, secret.reveal());
  }
  async deleteAccount(account: string): Promise<void> {
    this.call('delete', account);
    this.accounts.delete(account);
  }

  private call(op: VaultOp, account: string): void {
    this.calls.push(`${op} ${account}`);
    if (this.failWhen(op, account)) {
      throw new CredentialStoreError(`Could not ${op} ${account} in the OS keychain (service "memory", account "${account}"): the keychain is locked`);
    }
  }
}
