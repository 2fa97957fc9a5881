/**
 * Upgrading a real install: the settings file and keychain accounts the released version (before
 * environments) wrote, pointed at the real test services, are picked up by the new core as the
 * environment "default" on its first start — nothing re-asked, nothing lost — and a second start is the same.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialVault } from '../../src-main/core/credentials/CredentialVault.js';
import { Secret } from '../../src-main/core/credentials/Secret.js';
import { createMonitorCore } from '../../src-main/core/createMonitorCore.js';
import { testServices, type TestServices } from '../support/services.js';
import { warmUpServices } from './warmUp.js';

// The released store's file (fixtures/v1/README.md says how it was written), with the test services' endpoints.
const RELEASED = readFileSync(fileURLToPath(new URL('./settings/fixtures/v1/configured.settings.json', import.meta.url)), 'utf8');

let services: TestServices;
let dataDir: string;
let vault: CredentialVault;

beforeAll(async () => {
  services = testServices();
  await warmUpServices(services);
  dataDir = mkdtempSync(join(tmpdir(), 'wt-upgrade-'));
  const v1 = JSON.parse(RELEASED) as Record<string, Record<string, unknown>>;
  v1.supabase!.url = services.supabase.url;
  v1.neo4j = { uri: services.neo4j.uri, user: services.neo4j.user, database: null };
  v1.monitor!.slowMs = 30_000;
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(v1, null, '\t'));
  vault = new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` });
  // What the released version's vault.set('neo4jPassword' | 'supabaseKey', …) left: the bare account names.
  await vault.writeAccount('neo4j-password', new Secret(services.neo4j.password));
  await vault.writeAccount('supabase-api-key', new Secret(services.supabase.serviceRoleKey));
});
afterAll(async () => {
  for (const account of ['neo4j-password', 'supabase-api-key', 'default/neo4j-password', 'default/supabase-api-key']) {
    await vault.deleteAccount(account).catch(() => undefined);
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the first start after upgrading', () => {
  it.each([1, 2])('start %i: the released install is the environment "default", both databases healthy, no secret to enter again', async () => {
    const core = createMonitorCore({ dataDir, vault, version: '9.9.9-test' });
    try {
      await core.start();
      const snapshot = await core.checkNow();
      expect(snapshot.environments.map((e) => [e.id, e.name, e.status])).toEqual([['default', 'default', 'ok']]);
      expect(snapshot.environments[0]!.databases.neo4j).toMatchObject({ status: 'healthy', target: services.neo4j.uri });
      expect(snapshot.environments[0]!.databases.supabase).toMatchObject({ status: 'healthy', target: services.supabase.url });
      const view = await core.getSettings();
      expect(view.secrets).toEqual({ default: { supabaseKey: 'stored', neo4jPassword: 'stored' } });
      // The released file's other settings came along.
      expect(view.settings.monitor).toMatchObject({ intervalSec: 45, timeoutMs: 7_000, retries: 3 });
      expect(view.settings.app).toEqual({ notifications: false, startAtLogin: true });
    } finally {
      await core.stop();
    }
    const file = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { version: number; environments: { id: string }[] };
    expect(file.version).toBe(2);
    expect(file.environments.map((e) => e.id)).toEqual(['default']);
    expect((await vault.readAccount('default/neo4j-password'))!.reveal()).toBe(services.neo4j.password);
    expect((await vault.readAccount('default/supabase-api-key'))!.reveal()).toBe(services.supabase.serviceRoleKey);
    expect(await vault.readAccount('neo4j-password')).toBeNull();
    expect(await vault.readAccount('supabase-api-key')).toBeNull();
  });
});
