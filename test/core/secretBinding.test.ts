/**
 * A stored secret is used only with the endpoint it was stored for. Capture servers on loopback
 * (an HTTP server and a raw TCP listener that answers the Bolt handshake, so a driver would go on to
 * send HELLO with the password) record every byte; no renderer-API call, made on the core, over
 * Electron IPC or over the browser-mode WebSocket, may get a stored secret to them.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';

vi.mock('electron', () => import('../mocks/electron.js'));
import * as electron from '../mocks/electron.js';
import { endpointChange, type EndpointFields } from '../../src-main/common/endpointIdentity.js';
import { methodChannel, type MethodName } from '../../src-main/common/contract.js';
import type { SettingsDraftInput } from '../../src-main/common/settings-schema.js';
import { CredentialVault } from '../../src-main/core/credentials/CredentialVault.js';
import { Secret } from '../../src-main/core/credentials/Secret.js';
import { createMonitorCore } from '../../src-main/core/createMonitorCore.js';
import { EndpointChangedError } from '../../src-main/core/errors.js';
import type { MonitorCore } from '../../src-main/core/MonitorCore.js';
import { createRendererHandlers } from '../../src-main/core/rendererHandlers.js';
import { setupIpc, type IpcReply } from '../../src-main/electron/ipc.js';
import { rendererLocation, setupWindows } from '../../src-main/electron/windows.js';
import { createBrowserMode, type BrowserMode } from '../../src-main/headless/browser/browserMode.js';
import { createHealthServer, type HealthServer } from '../../src-main/headless/healthServer.js';
import { recordingLog } from '../electron/recordingLog.js';
import { draftOf, testRequest, type EnvironmentInput } from './drafts.js';
import { vaultWith } from './vaults.js';

describe('endpointChange: the identity a stored secret is bound to', () => {
  const at = (url: string | null, uri: string | null = null, user = 'neo4j'): EndpointFields => ({ supabase: { url }, neo4j: { uri, user } });

  it('Supabase: scheme, host and port (default ports 443 and 80); the path does not matter', () => {
    expect(endpointChange('supabase', at('https://a.supabase.co'), at('https://A.supabase.co:443/rest'))).toBe(null);
    expect(endpointChange('supabase', at('http://127.0.0.1'), at('http://127.0.0.1:80'))).toBe(null);
    expect(endpointChange('supabase', at('https://a.supabase.co'), at('http://a.supabase.co'))).toBe('supabase.url');
    expect(endpointChange('supabase', at('https://a.supabase.co'), at('https://b.supabase.co'))).toBe('supabase.url');
    expect(endpointChange('supabase', at('https://a.supabase.co'), at('https://a.supabase.co:8443'))).toBe('supabase.url');
  });

  it('Neo4j: host and port (default 7687) and the user; scheme family and routing may change', () => {
    expect(endpointChange('neo4j', at(null, 'neo4j://h:7687'), at(null, 'bolt+s://h:7687'))).toBe(null);
    expect(endpointChange('neo4j', at(null, 'bolt://H'), at(null, 'neo4j+ssc://h:7687'))).toBe(null);
    expect(endpointChange('neo4j', at(null, 'neo4j://h:7687'), at(null, 'neo4j://h:7688'))).toBe('neo4j.uri');
    expect(endpointChange('neo4j', at(null, 'neo4j://h:7687'), at(null, 'neo4j://new-host:7687'))).toBe('neo4j.uri');
    expect(endpointChange('neo4j', at(null, 'neo4j://h:7687'), at(null, 'neo4j://h:7687', 'admin'))).toBe('neo4j.user');
  });

  it('no endpoint in the new settings sends nothing; none in the stored ones matches nothing', () => {
    expect(endpointChange('neo4j', at(null, 'neo4j://h'), at(null, null))).toBe(null);
    expect(endpointChange('neo4j', at(null, null), at(null, 'neo4j://h'))).toBe('neo4j.uri');
    expect(endpointChange('supabase', at(null), at('https://a.supabase.co'))).toBe('supabase.url');
  });
});

/** Every byte received by the capture servers. */
const captured: Buffer[] = [];
let httpServer: http.Server;
let boltServer: net.Server;
let httpPort: number;
let boltPort: number;

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

const stored = {
  neo4jPassword: `stored-pw-${randomBytes(8).toString('hex')}+/=`,
  supabaseKey: `stored-key-${randomBytes(8).toString('hex')}+/=`,
};
const SAVED_NEO4J = 'neo4j://walltrack-monitor-test.invalid:7687';
const SAVED_SUPABASE = 'https://walltrack-monitor-test.invalid';
let dataDir: string;
let vault: CredentialVault;
let core: MonitorCore;

const MONITOR = { monitor: { timeoutMs: 1_000, retries: 0 } };
/** The "default" environment at the saved endpoints unless changed; both secrets kept unless a password is typed. */
function draft(over: { url?: string; uri?: string; user?: string; password?: string } = {}): SettingsDraftInput {
  const env: EnvironmentInput = { id: 'default', supabase: { url: over.url ?? SAVED_SUPABASE }, neo4j: { uri: over.uri ?? SAVED_NEO4J, user: over.user ?? 'neo4j' } };
  return draftOf([env], { default: { neo4jPassword: over.password } }, MONITOR);
}
const boltUri = () => `bolt://127.0.0.1:${boltPort}`;
const httpUrl = () => `http://127.0.0.1:${httpPort}`;
const intoDefault = (content: string) => ({ content, into: { kind: 'existing' as const, id: 'default' } });

/** The calls a window can make with "keep" and an endpoint pointed at a capture server, and the error each must give. */
function hostileCalls(): { method: MethodName; input: unknown; field: string; message: string }[] {
  const neo4jMessage = `default: The Neo4j URI changed: enter the password for ${boltUri()}`;
  const supabaseMessage = `default: The Supabase URL changed: enter the API key for ${httpUrl()}`;
  return [
    { method: 'testConnection', input: testRequest(draft({ uri: boltUri() }), 'default', 'neo4j'), field: 'secrets.default.neo4jPassword', message: neo4jMessage },
    { method: 'testConnection', input: testRequest(draft({ url: httpUrl() }), 'default', 'supabase'), field: 'secrets.default.supabaseKey', message: supabaseMessage },
    { method: 'saveSettings', input: draft({ uri: boltUri() }), field: 'secrets.default.neo4jPassword', message: neo4jMessage },
    { method: 'saveSettings', input: draft({ url: httpUrl() }), field: 'secrets.default.supabaseKey', message: supabaseMessage },
    {
      method: 'importEnv',
      input: intoDefault(`NEO4J_URI=${boltUri()}\n`),
      field: 'NEO4J_PASSWORD',
      message: `default: NEO4J_URI changes where the stored secret would be sent (${boltUri()}), but the file has no NEO4J_PASSWORD: add NEO4J_PASSWORD to the file`,
    },
    {
      method: 'importEnv',
      input: intoDefault(`SUPABASE_URL=${httpUrl()}\nNEO4J_PASSWORD=a-new-password\n`),
      field: 'SUPABASE_KEY',
      message: `default: SUPABASE_URL changes where the stored secret would be sent (${httpUrl()}), but the file has no SUPABASE_KEY: add SUPABASE_KEY to the file`,
    },
  ];
}

function expectNoStoredSecretCaptured(): void {
  const all = Buffer.concat(captured).toString('latin1');
  for (const secret of Object.values(stored)) {
    for (const form of [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)]) expect(all).not.toContain(form);
  }
}

beforeAll(async () => {
  httpServer = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  httpServer.on('connection', (socket) => socket.on('data', (chunk: Buffer) => captured.push(chunk)));
  boltServer = net.createServer((socket) => {
    socket.on('error', () => {});
    let answered = false;
    socket.on('data', (chunk: Buffer) => {
      captured.push(chunk);
      // Agree on Bolt 4.4 after the 20-byte handshake, then stay silent: the driver sends HELLO with its credentials.
      if (!answered) socket.write(Buffer.from([0, 0, 4, 4]));
      answered = true;
    });
  });
  [httpPort, boltPort] = await Promise.all([listen(httpServer), listen(boltServer)]);

  dataDir = mkdtempSync(join(tmpdir(), 'wt-binding-'));
  vault = new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` });
  core = createMonitorCore({ dataDir, vault });
  // Not started: nothing is probed, so the saved endpoints (which do not exist) are never contacted.
  await core.saveSettings({ ...draft(), secrets: { default: { supabaseKey: { action: 'replace', value: stored.supabaseKey }, neo4jPassword: { action: 'replace', value: stored.neo4jPassword } } } });
});
afterAll(async () => {
  await core.stop();
  await vault.delete('default', 'supabaseKey');
  await vault.delete('default', 'neo4jPassword');
  httpServer.closeAllConnections();
  await new Promise((r) => httpServer.close(r));
  await new Promise((r) => boltServer.close(r));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a stored secret never reaches another endpoint', () => {
  it('the capture servers do record a secret that is sent to them (a new one, typed for them)', async () => {
    const typed = `typed-for-capture-${randomBytes(6).toString('hex')}`;
    const result = await core.testConnection(testRequest(draft({ uri: boltUri(), password: typed }), 'default', 'neo4j'));
    expect(result).toMatchObject({ database: 'neo4j', healthy: false, kind: 'timeout' });
    expect(Buffer.concat(captured).toString('latin1')).toContain(typed);
    expectNoStoredSecretCaptured();
  });

  it('on the core: test, save and import refuse with an error naming the secret to enter, and change nothing', async () => {
    const settingsFile = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    for (const c of hostileCalls()) {
      const call =
        c.method === 'importEnv'
          ? core.importEnv(c.input as Parameters<MonitorCore['importEnv']>[0])
          : c.method === 'saveSettings'
            ? core.saveSettings(c.input as SettingsDraftInput)
            : core.testConnection(c.input as Parameters<MonitorCore['testConnection']>[0]);
      const error = await call.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, `${c.method} ${JSON.stringify(c.input)}`).toBeInstanceOf(EndpointChangedError);
      expect(error).toMatchObject({ field: c.field, message: c.message });
    }
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(settingsFile);
    expect((await vault.get('default', 'neo4jPassword'))!.reveal()).toBe(stored.neo4jPassword);
    expect((await vault.get('default', 'supabaseKey'))!.reveal()).toBe(stored.supabaseKey);
    expectNoStoredSecretCaptured();
  });

  it('a changed Neo4j user needs the password again; the same server under another scheme does not', async () => {
    await expect(core.testConnection(testRequest(draft({ user: 'intruder' }), 'default', 'neo4j'))).rejects.toMatchObject({
      field: 'secrets.default.neo4jPassword',
      message: `default: The Neo4j user changed: enter the password for user "intruder" at ${SAVED_NEO4J}`,
    });
    // bolt+s to the saved host and port: the same identity, so the stored password is used (the host does not resolve).
    const same = await core.testConnection(testRequest(draft({ uri: 'bolt+s://walltrack-monitor-test.invalid' }), 'default', 'neo4j'));
    expect(same).toMatchObject({ database: 'neo4j', healthy: false });
  });

  it('a secret stored with no endpoint saved (never read yet) is not sent to a new one either', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wt-binding-'));
    const otherVault = new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` });
    await otherVault.set('default', 'neo4jPassword', new Secret(stored.neo4jPassword));
    const fresh = createMonitorCore({ dataDir: dir, vault: otherVault });
    try {
      await expect(fresh.testConnection(testRequest(draft({ uri: boltUri() }), 'default', 'neo4j'))).rejects.toMatchObject({
        field: 'secrets.default.neo4jPassword',
        message: `default: The Neo4j URI changed: enter the password for ${boltUri()}`,
      });
      expectNoStoredSecretCaptured();
    } finally {
      await fresh.stop();
      await otherVault.delete('default', 'neo4jPassword');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a save that keeps the secret cannot slip in while another save moves the endpoint with a new secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wt-binding-'));
    const real = new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` });
    let releaseFirstWrite!: () => void;
    const firstWrite = new Promise<void>((r) => (releaseFirstWrite = r));
    const gated = vaultWith(real, {
      set: async (e, n, v) => {
        if (v.reveal() === 'new-password-for-the-new-host') await firstWrite;
        return real.set(e, n, v);
      },
    });
    const editing = createMonitorCore({ dataDir: dir, vault: gated });
    try {
      await editing.saveSettings(draft({ password: stored.neo4jPassword }));
      const moving = editing.saveSettings(draft({ uri: 'neo4j://new-host.invalid:7687', password: 'new-password-for-the-new-host' }));
      const keeping = editing.saveSettings(draft());
      keeping.catch(() => undefined);
      // Let the second save run as far as it can while the first one waits on its keychain write.
      await new Promise((r) => setImmediate(r));
      releaseFirstWrite();
      await moving;
      await expect(keeping).rejects.toMatchObject({
        field: 'secrets.default.neo4jPassword',
        message: 'default: The Neo4j URI changed: enter the password for neo4j://walltrack-monitor-test.invalid:7687',
      });
      expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).environments[0].databases.neo4j.uri).toBe('neo4j://new-host.invalid:7687');
    } finally {
      await editing.stop();
      await real.delete('default', 'neo4jPassword');
      await real.delete('default', 'supabaseKey');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('over Electron IPC: every call is refused with the field, and nothing reaches the capture servers', async () => {
    electron.resetElectronFake();
    electron.app.fakeReady();
    const log = recordingLog();
    const windows = setupWindows({ preloadPath: '/app/preload.cjs', location: rendererLocation(true, {}), log });
    const handlers = createRendererHandlers(core, {
      appInfo: () => ({ version: '0.1.0', host: 'electron', capabilities: { startAtLogin: true, notifications: true } }),
      openWindow: (name) => void windows.open(name),
    });
    const teardown = setupIpc({ handlers, policy: { owns: windows.owns, allowedOrigins: [windows.location.origin] }, log });
    try {
      const win = windows.open('settings') as unknown as electron.BrowserWindow;
      await Promise.resolve();
      for (const c of hostileCalls()) {
        const reply = (await electron.ipcMain.fakeInvoke(methodChannel(c.method), { sender: win.webContents }, c.input)) as IpcReply;
        expect(reply, `${c.method} ${JSON.stringify(c.input)}`).toMatchObject({ ok: false, error: { name: 'EndpointChangedError', field: c.field, message: c.message } });
      }
      expectNoStoredSecretCaptured();
    } finally {
      teardown();
    }
  });

  it('over the browser-mode WebSocket: every call is refused with the field, and nothing reaches the capture servers', async () => {
    const token = 'binding-token-0123456789abcdefghijklmnopqrstuv';
    const rendererDir = mkdtempSync(join(tmpdir(), 'wt-binding-renderer-'));
    writeFileSync(join(rendererDir, 'settings.html'), '<!doctype html><title>settings</title>');
    const quiet = { warn: () => {}, error: () => {} };
    const mode: BrowserMode = createBrowserMode({ core, rendererDir, version: '0.1.0', log: quiet, token });
    const server: HealthServer = await createHealthServer({ core, port: 0, routes: mode.handleRequest, onUpgrade: mode.handleUpgrade });
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, {
      headers: { origin: `http://127.0.0.1:${server.port}` },
    });
    const replies = new Map<number, unknown>();
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as { type: string; id: number };
      if (m.type === 'reply') replies.set(m.id, m);
    });
    try {
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      // Browser mode's first message is the access token (browserModeHandshake.ts).
      const accepted = new Promise((resolve) => ws.on('message', (d) => JSON.parse(String(d)).type === 'auth' && resolve(JSON.parse(String(d)))));
      ws.send(JSON.stringify({ type: 'auth', token }));
      expect(await accepted).toEqual({ type: 'auth', ok: true });
      let id = 0;
      for (const c of hostileCalls()) {
        ws.send(JSON.stringify({ type: 'call', id: ++id, method: c.method, input: c.input }));
        const end = Date.now() + 10_000;
        while (!replies.has(id) && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
        expect(replies.get(id), `${c.method} ${JSON.stringify(c.input)}`).toMatchObject({ ok: false, error: { field: c.field, message: c.message } });
      }
      expectNoStoredSecretCaptured();
    } finally {
      ws.close();
      await mode.close();
      await server.close();
      rmSync(rendererDir, { recursive: true, force: true });
    }
  });
});

describe("one environment's stored secret never reaches another environment's endpoint", () => {
  /** Production's secrets live at the saved (unresolvable) endpoints; staging's own are stored for the capture servers. */
  const staging = { neo4jPassword: `staging-pw-${randomBytes(8).toString('hex')}`, supabaseKey: `staging-key-${randomBytes(8).toString('hex')}` };
  const production = (over: { url?: string; uri?: string } = {}): EnvironmentInput => ({
    id: 'production',
    name: 'Production',
    supabase: { url: over.url ?? SAVED_SUPABASE },
    neo4j: { uri: over.uri ?? SAVED_NEO4J },
  });
  const stagingAt = (over: { url?: string; uri?: string } = {}): EnvironmentInput => ({
    id: 'staging',
    name: 'Staging',
    supabase: { url: over.url ?? httpUrl() },
    neo4j: { uri: over.uri ?? boltUri() },
  });
  let dir: string;
  let envVault: CredentialVault;
  let envCore: MonitorCore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wt-binding-envs-'));
    envVault = new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` });
    envCore = createMonitorCore({ dataDir: dir, vault: envVault });
    // Not started: only the calls below contact anything.
    await envCore.saveSettings(
      draftOf(
        [production(), stagingAt()],
        { production: { supabaseKey: stored.supabaseKey, neo4jPassword: stored.neo4jPassword }, staging: { supabaseKey: staging.supabaseKey, neo4jPassword: staging.neo4jPassword } },
        MONITOR,
      ),
    );
  });
  afterAll(async () => {
    await envCore.stop();
    for (const env of ['production', 'staging', 'qa']) for (const name of ['supabaseKey', 'neo4jPassword']) await envVault.delete(env, name);
    rmSync(dir, { recursive: true, force: true });
  });

  it("staging's test sends staging's own stored secrets to its endpoints, and never production's", async () => {
    const draft = draftOf([production(), stagingAt()], {}, MONITOR);
    expect(await envCore.testConnection(testRequest(draft, 'staging', 'neo4j'))).toMatchObject({ database: 'neo4j', healthy: false, kind: 'timeout' });
    expect(await envCore.testConnection(testRequest(draft, 'staging', 'supabase'))).toMatchObject({ database: 'supabase' });
    const all = Buffer.concat(captured).toString('latin1');
    expect(all).toContain(staging.neo4jPassword);
    expect(all).toContain(staging.supabaseKey);
    expectNoStoredSecretCaptured();
  });

  it("production pointed at staging's endpoints is refused on test, save and import, naming production's secret", async () => {
    const settingsFile = readFileSync(join(dir, 'settings.json'), 'utf8');
    const moved = draftOf([production({ uri: boltUri(), url: httpUrl() }), stagingAt()], {}, MONITOR);
    const neo4j = { field: 'secrets.production.neo4jPassword', message: `Production: The Neo4j URI changed: enter the password for ${boltUri()}` };
    await expect(envCore.testConnection(testRequest(moved, 'production', 'neo4j'))).rejects.toMatchObject(neo4j);
    const supabase = { field: 'secrets.production.supabaseKey', message: `Production: The Supabase URL changed: enter the API key for ${httpUrl()}` };
    await expect(envCore.testConnection(testRequest(moved, 'production', 'supabase'))).rejects.toMatchObject(supabase);
    // A save names the first moved secret in registry order.
    await expect(envCore.saveSettings(moved)).rejects.toMatchObject(supabase);
    // Swapped endpoints: each environment's secret would go to the other's endpoint.
    const swapped = draftOf([production({ uri: boltUri(), url: httpUrl() }), stagingAt({ uri: SAVED_NEO4J, url: SAVED_SUPABASE })], {}, MONITOR);
    await expect(envCore.saveSettings(swapped)).rejects.toMatchObject(supabase);
    await expect(envCore.testConnection(testRequest(swapped, 'staging', 'neo4j'))).rejects.toMatchObject({
      field: 'secrets.staging.neo4jPassword',
      message: `Staging: The Neo4j URI changed: enter the password for ${SAVED_NEO4J}`,
    });
    await expect(envCore.importEnv({ content: `NEO4J_URI=${boltUri()}\n`, into: { kind: 'existing', id: 'production' } })).rejects.toMatchObject({
      field: 'NEO4J_PASSWORD',
      message: `Production: NEO4J_URI changes where the stored secret would be sent (${boltUri()}), but the file has no NEO4J_PASSWORD: add NEO4J_PASSWORD to the file`,
    });
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(settingsFile);
    expect((await envVault.get('production', 'neo4jPassword'))!.reveal()).toBe(stored.neo4jPassword);
    expectNoStoredSecretCaptured();
  });

  it('a secret left in the keychain under an id no saved environment has is not kept for a new environment of that id', async () => {
    await envVault.set('ghost', 'neo4jPassword', new Secret(stored.neo4jPassword));
    try {
      const withGhost = draftOf([production(), stagingAt(), { id: 'ghost', neo4j: { uri: boltUri() } }], {}, MONITOR);
      const refused = { field: 'secrets.ghost.neo4jPassword', message: `ghost: The Neo4j URI changed: enter the password for ${boltUri()}` };
      await expect(envCore.testConnection(testRequest(withGhost, 'ghost', 'neo4j'))).rejects.toMatchObject(refused);
      await expect(envCore.saveSettings(withGhost)).rejects.toMatchObject(refused);
      await expect(envCore.importEnv({ content: `NEO4J_URI=${boltUri()}\n`, into: { kind: 'new', id: 'ghost', name: 'Ghost' } })).rejects.toMatchObject({
        field: 'NEO4J_PASSWORD',
      });
      expect((await envCore.getSettings()).settings.environments.map((e) => e.id)).toEqual(['production', 'staging']);
      expectNoStoredSecretCaptured();
    } finally {
      await envVault.delete('ghost', 'neo4jPassword');
    }
  });

  it("a new environment at the capture endpoints has no secret: production's is neither tested, saved nor imported there", async () => {
    const withQa = draftOf([production(), stagingAt(), { id: 'qa', supabase: { url: httpUrl() }, neo4j: { uri: boltUri() } }], {}, MONITOR);
    const tested = await envCore.testConnection(testRequest(withQa, 'qa', 'neo4j'));
    expect(tested).toMatchObject({ database: 'neo4j', state: 'not_configured' });
    expect(tested.message).toMatch(/Neo4j URI is set but the password is missing/);
    await envCore.saveSettings(withQa);
    expect((await envCore.getSettings()).secrets.qa).toEqual({ supabaseKey: 'not_set', neo4jPassword: 'not_set' });
    const report = await envCore.importEnv({ content: `NEO4J_URI=${boltUri()}\nNEO4J_USER=neo4j\n`, into: { kind: 'new', id: 'dev', name: 'Dev' } });
    expect(report).toMatchObject({ environment: 'dev', secrets: [] });
    for (const env of ['qa', 'dev']) {
      const s = await envCore.checkNow({ environment: env });
      expect(s.environments.find((e) => e.id === env)!.databases.neo4j).toMatchObject({ status: 'not_configured' });
    }
    expect(await envVault.has('qa', 'neo4jPassword')).toBe(false);
    expect(await envVault.has('dev', 'neo4jPassword')).toBe(false);
    expectNoStoredSecretCaptured();
  });
});
