/**
 * The Supabase Management API through the whole core: a .env import stores the access token in the
 * keychain (never in the settings file), the snapshot carries the project's status and services, and
 * the token is only ever sent to the Management API URL it was stored for. Against this file's own
 * Supabase stand-in (its project state is changed here) on the shared PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotSchema, type Snapshot } from '../../src-main/common/schemas.js';
import { CredentialVault } from '../../src-main/core/credentials/CredentialVault.js';
import { createMonitorCore } from '../../src-main/core/createMonitorCore.js';
import { EndpointChangedError } from '../../src-main/core/errors.js';
import type { MonitorCore } from '../../src-main/core/MonitorCore.js';
import { testServices } from '../support/services.js';
import { STANDIN_REF, startSupabaseStandin, type SupabaseStandin } from '../support/supabase-standin.js';

let supabase: SupabaseStandin;
let capture: http.Server;
let captured = '';
let captureUrl: string;
let dataDir: string;
let vault: CredentialVault;
let core: MonitorCore;

const supabaseOf = (s: Snapshot) => s.environments[0]!.databases.supabase!;
const intoDefault = (content: string) => ({ content, into: { kind: 'existing' as const, id: 'default' } });

beforeAll(async () => {
  supabase = await startSupabaseStandin({ connectionString: testServices().postgres.connectionString });
  capture = http.createServer((req, res) => {
    captured += JSON.stringify(req.headers) + req.url;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
  captureUrl = `http://127.0.0.1:${(capture.address() as net.AddressInfo).port}`;
  dataDir = mkdtempSync(join(tmpdir(), 'wt-management-'));
  vault = new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` });
  core = createMonitorCore({ dataDir, vault });
});
afterAll(async () => {
  await core?.stop();
  for (const name of ['supabaseKey', 'supabaseAccessToken'] as const) await vault?.delete('default', name);
  await supabase?.close();
  capture?.closeAllConnections();
  await new Promise((resolve) => capture?.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Supabase project health through the core', () => {
  it('a .env with the access token, ref and API URL: the token goes to the keychain only, and the snapshot has the project and its services', async () => {
    const report = await core.importEnv(
      intoDefault(
        [
          `SUPABASE_URL=${supabase.url}`,
          `SUPABASE_KEY=${supabase.anonKey}`,
          `SUPABASE_PROJECT_REF=${STANDIN_REF}`,
          `SUPABASE_MANAGEMENT_API_URL=${supabase.managementUrl}`,
          `SUPABASE_ACCESS_TOKEN=${supabase.management.accessToken}`,
        ].join('\n'),
      ),
    );
    expect(report.secrets).toEqual([
      { name: 'SUPABASE_KEY', stored: true },
      { name: 'SUPABASE_ACCESS_TOKEN', stored: true },
    ]);
    expect((await vault.readAccount('default/supabase-access-token'))!.reveal()).toBe(supabase.management.accessToken);
    const file = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    expect(file).not.toContain(supabase.management.accessToken);
    expect(JSON.parse(file).environments[0].databases.supabase).toEqual({ url: supabase.url, probeTable: null, projectRef: STANDIN_REF, managementApiUrl: supabase.managementUrl });
    expect((await core.getSettings()).secrets.default).toEqual({ supabaseKey: 'stored', supabaseAccessToken: 'stored', neo4jPassword: 'not_set' });

    supabase.project.services.storage = 'COMING_UP';
    await core.start();
    const snapshot = SnapshotSchema.parse(await core.checkNow());
    expect(supabaseOf(snapshot)).toMatchObject({
      status: 'healthy',
      details: {
        status: 'ACTIVE_HEALTHY',
        parts: [
          { name: 'auth', status: 'ACTIVE_HEALTHY', ok: true },
          { name: 'db', status: 'ACTIVE_HEALTHY', ok: true },
          { name: 'pooler', status: 'ACTIVE_HEALTHY', ok: true },
          { name: 'realtime', status: 'ACTIVE_HEALTHY', ok: true },
          { name: 'rest', status: 'ACTIVE_HEALTHY', ok: true },
          { name: 'storage', status: 'COMING_UP', ok: false },
        ],
      },
    });
    expect(JSON.stringify(snapshot)).not.toContain(supabase.management.accessToken);
  });

  it('a moved Management API URL without the token again is refused on save and on import, and nothing reaches it', async () => {
    const settings = (await core.getSettings()).settings;
    const moved = structuredClone(settings);
    moved.environments[0]!.databases.supabase!.managementApiUrl = captureUrl;
    const saved = await core.saveSettings({ settings: moved, secrets: {}, removeEnvironments: [] }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(saved).toBeInstanceOf(EndpointChangedError);
    expect(saved).toMatchObject({
      field: 'secrets.default.supabaseAccessToken',
      message: `default: The Supabase Management API URL changed: enter the Supabase access token for ${captureUrl}`,
    });
    await expect(core.importEnv(intoDefault(`SUPABASE_MANAGEMENT_API_URL=${captureUrl}\n`))).rejects.toMatchObject({
      field: 'SUPABASE_ACCESS_TOKEN',
      message: `default: SUPABASE_MANAGEMENT_API_URL changes where the stored access token would be sent (${captureUrl}), but the file has no SUPABASE_ACCESS_TOKEN: add SUPABASE_ACCESS_TOKEN to the file`,
    });
    // The project URL and key may change without the token: it does not go there.
    expect((await core.getSettings()).settings.environments[0]!.databases.supabase!.managementApiUrl).toBe(supabase.managementUrl);
    expect(captured).toBe('');
  });
});
