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
import { SettingsSchema, type SettingsDraft } from '../../src-main/common/settings-schema.js';
import { CredentialVault, type SecretVault } from '../../src-main/core/credentials/CredentialVault.js';
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

function draft(over: { url?: string; uri?: string; user?: string; password?: string } = {}): SettingsDraft {
  return {
    settings: SettingsSchema.parse({
      supabase: { url: over.url ?? SAVED_SUPABASE },
      neo4j: { uri: over.uri ?? SAVED_NEO4J, user: over.user ?? 'neo4j' },
      monitor: { timeoutMs: 1_000, retries: 0 },
    }),
    secrets: { supabaseKey: { action: 'keep' }, neo4jPassword: over.password ? { action: 'replace', value: over.password } : { action: 'keep' } },
  };
}
const boltUri = () => `bolt://127.0.0.1:${boltPort}`;
const httpUrl = () => `http://127.0.0.1:${httpPort}`;

/** The calls a window can make with "keep" and an endpoint pointed at a capture server, and the error each must give. */
function hostileCalls(): { method: MethodName; input: unknown; field: string; message: string }[] {
  const neo4jMessage = `The Neo4j URI changed: enter the password for ${boltUri()}`;
  const supabaseMessage = `The Supabase URL changed: enter the API key for ${httpUrl()}`;
  return [
    { method: 'testConnection', input: { ...draft({ uri: boltUri() }), database: 'neo4j' }, field: 'secrets.neo4jPassword', message: neo4jMessage },
    { method: 'testConnection', input: { ...draft({ url: httpUrl() }), database: 'supabase' }, field: 'secrets.supabaseKey', message: supabaseMessage },
    { method: 'saveSettings', input: draft({ uri: boltUri() }), field: 'secrets.neo4jPassword', message: neo4jMessage },
    { method: 'saveSettings', input: draft({ url: httpUrl() }), field: 'secrets.supabaseKey', message: supabaseMessage },
    {
      method: 'importEnv',
      input: { content: `NEO4J_URI=${boltUri()}\n` },
      field: 'NEO4J_PASSWORD',
      message: `NEO4J_URI changes where the stored secret would be sent (${boltUri()}), but the file has no NEO4J_PASSWORD: add NEO4J_PASSWORD to the file`,
    },
    {
      method: 'importEnv',
      input: { content: `SUPABASE_URL=${httpUrl()}\nNEO4J_PASSWORD=a-new-password\n` },
      field: 'SUPABASE_KEY',
      message: `SUPABASE_URL changes where the stored secret would be sent (${httpUrl()}), but the file has no SUPABASE_KEY: add SUPABASE_KEY to the file`,
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
  await core.saveSettings({
    settings: draft().settings,
    secrets: { supabaseKey: { action: 'replace', value: stored.supabaseKey }, neo4jPassword: { action: 'replace', value: stored.neo4jPassword } },
  });
});
afterAll(async () => {
  await core.stop();
  await vault.delete('supabaseKey');
  await vault.delete('neo4jPassword');
  httpServer.closeAllConnections();
  await new Promise((r) => httpServer.close(r));
  await new Promise((r) => boltServer.close(r));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a stored secret never reaches another endpoint', () => {
  it('the capture servers do record a secret that is sent to them (a new one, typed for them)', async () => {
    const typed = `typed-for-capture-${randomBytes(6).toString('hex')}`;
    const result = await core.testConnection({ ...draft({ uri: boltUri(), password: typed }), database: 'neo4j' });
    expect(result).toMatchObject({ database: 'neo4j', healthy: false, kind: 'timeout' });
    expect(Buffer.concat(captured).toString('latin1')).toContain(typed);
    expectNoStoredSecretCaptured();
  });

  it('on the core: test, save and import refuse with an error naming the secret to enter, and change nothing', async () => {
    const settingsFile = readFileSync(join(dataDir, 'settings.json'), 'utf8');
    for (const c of hostileCalls()) {
      const call =
        c.method === 'importEnv'
          ? core.importEnv((c.input as { content: string }).content)
          : c.method === 'saveSettings'
            ? core.saveSettings(c.input as SettingsDraft)
            : core.testConnection(c.input as Parameters<MonitorCore['testConnection']>[0]);
      const error = await call.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, `${c.method} ${JSON.stringify(c.input)}`).toBeInstanceOf(EndpointChangedError);
      expect(error).toMatchObject({ field: c.field, message: c.message });
    }
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toBe(settingsFile);
    expect((await vault.get('neo4jPassword'))!.reveal()).toBe(stored.neo4jPassword);
    expect((await vault.get('supabaseKey'))!.reveal()).toBe(stored.supabaseKey);
    expectNoStoredSecretCaptured();
  });

  it('a changed Neo4j user needs the password again; the same server under another scheme does not', async () => {
    await expect(core.testConnection({ ...draft({ user: 'intruder' }), database: 'neo4j' })).rejects.toMatchObject({
      field: 'secrets.neo4jPassword',
      message: `The Neo4j user changed: enter the password for user "intruder" at ${SAVED_NEO4J}`,
    });
    // bolt+s to the saved host and port: the same identity, so the stored password is used (the host does not resolve).
    const same = await core.testConnection({ ...draft({ uri: 'bolt+s://walltrack-monitor-test.invalid' }), database: 'neo4j' });
    expect(same).toMatchObject({ database: 'neo4j', healthy: false });
  });

  it('a secret stored with no endpoint saved (never read yet) is not sent to a new one either', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wt-binding-'));
    const otherVault = new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` });
    await otherVault.set('neo4jPassword', new Secret(stored.neo4jPassword));
    const fresh = createMonitorCore({ dataDir: dir, vault: otherVault });
    try {
      await expect(fresh.testConnection({ ...draft({ uri: boltUri() }), database: 'neo4j' })).rejects.toMatchObject({
        field: 'secrets.neo4jPassword',
        message: `The Neo4j URI changed: enter the password for ${boltUri()}`,
      });
      expectNoStoredSecretCaptured();
    } finally {
      await fresh.stop();
      await otherVault.delete('neo4jPassword');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a save that keeps the secret cannot slip in while another save moves the endpoint with a new secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wt-binding-'));
    const real = new CredentialVault({ service: `walltrack-monitor-test-${randomUUID()}` });
    let releaseFirstWrite!: () => void;
    const firstWrite = new Promise<void>((r) => (releaseFirstWrite = r));
    const gated: SecretVault = {
      get: (n) => real.get(n),
      set: async (n, v) => {
        if (v.reveal() === 'new-password-for-the-new-host') await firstWrite;
        return real.set(n, v);
      },
      delete: (n) => real.delete(n),
      has: (n) => real.has(n),
    };
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
      await expect(keeping).rejects.toMatchObject({ field: 'secrets.neo4jPassword', message: 'The Neo4j URI changed: enter the password for neo4j://walltrack-monitor-test.invalid:7687' });
      expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).neo4j.uri).toBe('neo4j://new-host.invalid:7687');
    } finally {
      await editing.stop();
      await real.delete('neo4jPassword');
      await real.delete('supabaseKey');
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
