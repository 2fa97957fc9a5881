import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron.js'));
import * as electron from '../mocks/electron.js';
import {
  eventChannel,
  methodChannel,
  methodNames,
  rendererContract,
  type MethodName,
} from '../../src-main/common/contract.js';
import { DatabaseConnectionError } from '../../src-main/core/errors.js';
import { createRendererHandlers } from '../../src-main/core/rendererHandlers.js';
import { broadcast, setupIpc, type IpcReply } from '../../src-main/electron/ipc.js';
import { rendererLocation, setupWindows, type WindowManager } from '../../src-main/electron/windows.js';
import { FakeMonitorCore, makeSnapshot } from './fixtures.js';
import { recordingLog } from './recordingLog.js';

const production = {
  id: 'production',
  name: 'Production',
  colour: null,
  databases: {
    supabase: { url: 'https://abcd.supabase.co', probeTable: 'wallets' },
    neo4j: { uri: 'neo4j://localhost:7687', user: 'neo4j', database: null },
  },
};
const draft = {
  settings: {
    version: 2,
    environments: [production],
    monitor: { intervalSec: 30, timeoutMs: 5000, retries: 2, backoffInitialMs: 1000, backoffMaxMs: 4000, slowMs: 1000 },
    app: { notifications: true, startAtLogin: false },
  },
  secrets: { production: { supabaseKey: { action: 'keep' }, neo4jPassword: { action: 'replace', value: 'hunter2-secret' } } },
  removeEnvironments: [],
};
/** The draft with production's databases changed. */
const withDatabases = (databases: Record<string, unknown>) => ({
  ...draft,
  settings: { ...draft.settings, environments: [{ ...production, databases: { ...production.databases, ...databases } }] },
});

/** One valid input per method: proves the rejections below are not a blanket refusal. */
const VALID_INPUTS: Record<MethodName, unknown> = {
  getAppInfo: undefined,
  getSnapshot: undefined,
  checkNow: { environment: 'production' },
  pause: { hours: 1, environment: 'production' },
  resume: undefined,
  getHistory: { environment: 'production', database: 'neo4j', range: '24h' },
  getIncidents: { environment: 'production', limit: 10 },
  acknowledge: { environment: 'production', database: 'neo4j' },
  mute: { environment: 'production', database: 'neo4j', hours: 4 },
  unmute: { environment: 'production', database: 'neo4j' },
  getSettings: undefined,
  testConnection: { ...draft, environment: 'production', database: 'supabase' },
  saveSettings: draft,
  previewImportEnv: { content: 'SUPABASE_URL=https://abcd.supabase.co\n', into: { kind: 'existing', id: 'production' } },
  importEnv: { content: 'SUPABASE_URL=https://abcd.supabase.co\n', into: { kind: 'existing', id: 'production' }, previewed: 'a'.repeat(64) },
  openWindow: 'settings',
  getDiagnostics: undefined,
};

/** Hand-picked wrong shapes per method, each one a mistake a buggy or hostile page could send. */
const KNOWN_BAD: Record<MethodName, unknown[]> = {
  getAppInfo: [null, 0, '', {}, []],
  getSnapshot: [null, { force: true }],
  checkNow: [1, 'now', { environment: 'Production' }, { environment: '' }, { environment: '../default' }],
  pause: [undefined, null, { hours: -1 }, { hours: 0 }, { hours: 'one' }, { hours: 24 * 365 }, { hours: Number.NaN }, 1, { hours: 1, environment: 'a/b' }],
  resume: [false, { environment: 'STAGING' }, { environment: 'x'.repeat(40) }],
  getHistory: [
    {},
    { database: 'neo4j' },
    { environment: 'production', database: 'mysql' },
    { environment: 'production', database: 'neo4j', range: '1y' },
    { environment: 'production', database: 'neo4j', range: 24 },
    { environment: 'production', database: 'neo4j', endpoint: 'x'.repeat(3_000) },
    'neo4j',
  ],
  getIncidents: [null, 'all', { limit: 0 }, { limit: 1.5 }, { limit: 501 }, { environment: 'Production' }, { database: 'mysql' }, { since: 'yesterday' }],
  acknowledge: [undefined, {}, { environment: 'production' }, { environment: 'production', database: 'mysql' }, { environment: '../x', database: 'neo4j' }],
  mute: [{ environment: 'production', database: 'neo4j' }, { environment: 'production', database: 'neo4j', hours: 2 }, { environment: 'production', database: 'neo4j', hours: 24 * 365 }, { environment: 'production', database: 'neo4j', hours: '1' }],
  unmute: [null, { database: 'neo4j' }, { environment: 'production', database: 'redis' }],
  getSettings: [{ reveal: true }],
  testConnection: [draft, { ...draft, environment: 'production', database: 'redis' }, { ...draft, database: 'neo4j' }, { environment: 'production', database: 'neo4j' }],
  saveSettings: [
    {},
    { ...draft, secrets: { production: { supabaseKey: { action: 'reveal' } } } },
    { ...draft, secrets: { production: { supabaseKey: { action: 'replace', value: '' } } } },
    { ...draft, secrets: { production: { mysqlPassword: { action: 'remove' } } } },
    { ...draft, settings: { ...draft.settings, monitor: { ...draft.settings.monitor, intervalSec: 0 } } },
    { ...draft, settings: { ...draft.settings, environments: [production, production] } },
    { ...draft, settings: { ...draft.settings, environments: [] } },
    withDatabases({ neo4j: { ...production.databases.neo4j, uri: 'http://localhost:7474' } }),
    withDatabases({ supabase: { url: 'ftp://x', probeTable: null } }),
    withDatabases({ supabase: { url: null, probeTable: 'wallets; drop table x' } }),
  ],
  previewImportEnv: [
    { content: 'x'.repeat(256 * 1024 + 1), into: { kind: 'existing', id: 'production' } },
    { content: 42, into: { kind: 'existing', id: 'production' } },
    'A=1',
    { content: 'A=1' },
    { content: 'A=1', into: { kind: 'new', id: 'staging' } },
  ],
  importEnv: [
    { content: 'x'.repeat(256 * 1024 + 1), into: { kind: 'existing', id: 'production' } },
    { content: 42, into: { kind: 'existing', id: 'production' } },
    'A=1',
    { content: 'A=1' },
    { content: 'A=1', into: { kind: 'new', id: 'staging' } },
    { content: 'A=1', into: { kind: 'existing', id: 'production' }, previewed: 'not a fingerprint' },
  ],
  openWindow: ['devtools', undefined, { name: 'status' }, 'https://evil.example'],
  getDiagnostics: [null, 0, '', { reveal: true }],
};

const JUNK: unknown[] = [null, undefined, 0, -1, 1.5, -1e12, Number.NaN, Number.POSITIVE_INFINITY, '', 'x', 'y'.repeat(300_000), true, false, [], [1, 'a'], {}, { a: 1 }, { action: 'reveal' }];

/** A small seeded PRNG so a failure reproduces. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Paths to every value inside `value` (the root is []). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, Array.isArray(value) ? Number(k) : k]));
  }
  return out;
}
function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = replacement;
  return copy;
}

/** Mutations of the valid input: each path replaced by each junk value, plus random multi-point mutations. */
function* mutations(name: MethodName, random: () => number): Generator<unknown> {
  const valid = VALID_INPUTS[name];
  const all = paths(valid);
  for (const path of all) for (const junk of JUNK) yield replaceAt(valid, path, junk);
  for (let i = 0; i < 200; i++) {
    let v = valid;
    const count = 1 + Math.floor(random() * 3);
    for (let j = 0; j < count; j++) {
      const ps = paths(v);
      v = replaceAt(v, ps[Math.floor(random() * ps.length)]!, JUNK[Math.floor(random() * JUNK.length)]);
    }
    yield v;
  }
}

let core: FakeMonitorCore;
let windows: WindowManager;
let log: ReturnType<typeof recordingLog>;

async function setup(): Promise<electron.BrowserWindow> {
  core = new FakeMonitorCore();
  log = recordingLog();
  windows = setupWindows({ preloadPath: '/app/preload.cjs', location: rendererLocation(true, {}), log });
  const handlers = createRendererHandlers(core, {
    appInfo: () => ({ version: '0.1.0', host: 'electron', capabilities: { startAtLogin: true, notifications: true } }),
    openWindow: (name, focus) => void windows.open(name, focus),
  });
  setupIpc({ handlers, policy: { owns: windows.owns, allowedOrigins: [windows.location.origin] }, log });
  const win = windows.open('status') as unknown as electron.BrowserWindow;
  await Promise.resolve();
  return win;
}

const call = (win: electron.BrowserWindow, name: MethodName, input: unknown, frame?: electron.WebFrameMain | null) =>
  electron.ipcMain.fakeInvoke(methodChannel(name), { sender: win.webContents, frame }, input) as Promise<IpcReply>;

beforeEach(() => {
  electron.resetElectronFake();
  electron.app.fakeReady(); // what these tests use exists only once the app is ready
});

describe('IPC derived from the contract', () => {
  it('registers exactly one handler per contract method, under the shared prefix', async () => {
    await setup();
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(methodNames.map(methodChannel).sort());
    for (const channel of electron.ipcMain.handlers.keys()) expect(channel.startsWith('walltrack:')).toBe(true);
  });

  it('opens the settings window at the field a card asks for (openWindow with a focus, as app.ts wires it)', async () => {
    const win = await setup();
    const reply = await call(win, 'openWindow', { name: 'settings', focus: { environment: 'production', database: 'neo4j', field: 'neo4jPassword' } });
    expect(reply.ok, JSON.stringify(reply)).toBe(true);
    await Promise.resolve();
    const urls = windows.all().map((w) => w.webContents.getURL());
    expect(urls).toContain('app://walltrack/settings.html?environment=production&database=neo4j&field=neo4jPassword');
  });

  it.each(methodNames)('answers a valid %s call from our window with output that matches the contract', async (name) => {
    const win = await setup();
    const reply = await call(win, name, VALID_INPUTS[name]);
    expect(reply.ok, JSON.stringify(reply)).toBe(true);
    if (reply.ok) expect(rendererContract.methods[name].output.safeParse(reply.value).success).toBe(true);
  });

  it.each(methodNames)('rejects every malformed %s payload before the core is called (fuzzed)', async (name) => {
    const win = await setup();
    const schema = rendererContract.methods[name].input;
    const candidates = [...KNOWN_BAD[name], ...mutations(name, prng(name.length * 7919))];
    let rejected = 0;
    for (const input of candidates) {
      if (schema.safeParse(input).success) continue; // a mutation that happens to be valid (e.g. null where null is allowed)
      const callsBefore = core.businessCalls().length;
      const reply = await call(win, name, input);
      expect(reply.ok, `accepted ${name}(${JSON.stringify(input)?.slice(0, 200)})`).toBe(false);
      if (!reply.ok) expect(reply.error.name).toBe('ValidationError');
      expect(core.businessCalls().length).toBe(callsBefore);
      rejected++;
    }
    // Every hand-picked bad shape is invalid, and the fuzzer really produced many bad inputs.
    for (const bad of KNOWN_BAD[name]) expect(schema.safeParse(bad).success, JSON.stringify(bad)?.slice(0, 100)).toBe(false);
    expect(rejected).toBeGreaterThanOrEqual(KNOWN_BAD[name].length + 15);
    expect(core.businessCalls()).toEqual([]);
  });

  describe('sender checks', () => {
    it('rejects another webContents (not one of our windows) with a logged warning', async () => {
      await setup();
      const stranger = new electron.WebContents();
      await stranger.loadURL('app://walltrack/status.html');
      const reply = (await electron.ipcMain.fakeInvoke(methodChannel('checkNow'), { sender: stranger }, undefined)) as IpcReply;
      expect(reply).toEqual({ ok: false, error: { name: 'SecurityError', message: expect.any(String) } });
      expect(core.businessCalls()).toEqual([]);
      expect(log.entries).toContainEqual(expect.objectContaining({ level: 'warn', details: expect.objectContaining({ method: 'checkNow', reason: expect.stringContaining('not one of the app windows') }) }));
    });

    it('rejects a subframe of our window', async () => {
      const win = await setup();
      const iframe = win.webContents.mainFrame.fakeChild('app://walltrack/status.html');
      const reply = await call(win, 'pause', { hours: 1 }, iframe);
      expect(reply.ok).toBe(false);
      expect(core.businessCalls()).toEqual([]);
    });

    it('rejects a frame that is not the window\'s main frame even without a parent', async () => {
      const win = await setup();
      const reply = await call(win, 'resume', undefined, new electron.WebFrameMain('app://walltrack/status.html'));
      expect(reply.ok).toBe(false);
    });

    it.each(['https://evil.example/status.html', 'file:///tmp/status.html', 'app://other/status.html', 'http://localhost:5173/status.html', 'about:blank'])(
      'rejects our window after it ended up on %s',
      async (url) => {
        const win = await setup();
        await win.webContents.loadURL(url);
        const reply = await call(win, 'saveSettings', draft);
        expect(reply.ok).toBe(false);
        expect(core.businessCalls()).toEqual([]);
      },
    );

    it('rejects a call whose frame is gone', async () => {
      const win = await setup();
      expect((await call(win, 'checkNow', undefined, null)).ok).toBe(false);
    });

    it('never puts the payload (a secret) into the warning', async () => {
      await setup();
      const stranger = new electron.WebContents();
      await electron.ipcMain.fakeInvoke(methodChannel('saveSettings'), { sender: stranger }, draft);
      expect(JSON.stringify(log.entries)).not.toContain('hunter2-secret');
    });
  });

  describe('errors', () => {
    it('returns our errors as {name, message, hint} without stack or cause', async () => {
      const win = await setup();
      core.checkNow = async () => {
        throw new DatabaseConnectionError('neo4j', 'auth_failed', 'bolt://127.0.0.1:7687', 'authentication failed', {
          cause: new Error('driver said password=hunter2-secret'),
          hint: 'Check the Neo4j password in Settings.',
        });
      };
      const reply = await call(win, 'checkNow', undefined);
      expect(reply).toEqual({
        ok: false,
        error: { name: 'DatabaseConnectionError', message: 'neo4j (bolt://127.0.0.1:7687): authentication failed', hint: 'Check the Neo4j password in Settings.' },
      });
      expect(JSON.stringify(reply)).not.toContain('hunter2');
      expect(JSON.stringify(log.entries)).not.toContain('hunter2');
    });

    it('hides the message of an unexpected error (it could quote a connection string)', async () => {
      const win = await setup();
      core.getSettings = async () => {
        throw new Error('connect postgres://user:hunter2-secret@db');
      };
      const reply = await call(win, 'getSettings', undefined);
      expect(reply.ok).toBe(false);
      expect(JSON.stringify(reply)).not.toContain('hunter2');
      if (!reply.ok) expect(Object.keys(reply.error).sort()).toEqual(['message', 'name']);
    });

    it('refuses to send output that breaks the contract', async () => {
      const win = await setup();
      core.current = { ...core.current, status: 'fine' } as never;
      const reply = await call(win, 'getSnapshot', undefined);
      expect(reply.ok).toBe(false);
    });
  });

  describe('snapshot events', () => {
    it('sends a valid snapshot to every open window and skips closed ones', async () => {
      const status = await setup();
      const settings = windows.open('settings') as unknown as electron.BrowserWindow;
      const snapshot = makeSnapshot({ status: 'down', neo4j: { status: 'down', healthy: false, kind: 'auth_failed' } });
      broadcast(windows.all().map((w) => w.webContents), 'snapshot', snapshot, log);
      for (const win of [status, settings]) expect(win.webContents.sent).toEqual([{ channel: eventChannel('snapshot'), args: [snapshot] }]);
      settings.close();
      broadcast(windows.all().map((w) => w.webContents), 'snapshot', snapshot, log);
      expect(status.webContents.sent).toHaveLength(2);
      expect(settings.webContents.sent).toHaveLength(1);
    });

    it('sends the stopped event to the windows still open, and not a malformed one', async () => {
      const status = await setup();
      const settings = windows.open('settings') as unknown as electron.BrowserWindow;
      settings.close();
      broadcast(windows.all().map((w) => w.webContents), 'stopped', { at: '2026-01-01T12:00:00.000Z' }, log);
      broadcast([status.webContents as never], 'stopped', { at: 'yesterday' }, log);
      expect(status.webContents.sent).toEqual([{ channel: 'walltrack:event:stopped', args: [{ at: '2026-01-01T12:00:00.000Z' }] }]);
      expect(settings.webContents.sent).toEqual([]);
    });

    it('reaches every other window when sending to one throws, and logs it instead of throwing', async () => {
      const status = await setup();
      const settings = windows.open('settings') as unknown as electron.BrowserWindow;
      settings.webContents.send = () => {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      };
      expect(() => broadcast([settings.webContents as never, status.webContents as never], 'stopped', { at: '2026-01-01T12:00:00.000Z' }, log)).not.toThrow();
      expect(status.webContents.sent).toEqual([{ channel: 'walltrack:event:stopped', args: [{ at: '2026-01-01T12:00:00.000Z' }] }]);
      expect(log.entries.filter((e) => e.level === 'warn')).toEqual([
        expect.objectContaining({ message: 'Could not send the stopped event to a window', details: { error: { name: 'Error', message: 'Render frame was disposed before WebFrameMain could be accessed' } } }),
      ]);
    });

    it('does not send an invalid snapshot', async () => {
      const status = await setup();
      broadcast([status.webContents as never], 'snapshot', { status: 'ok' }, log);
      expect(status.webContents.sent).toEqual([]);
      expect(log.entries.some((e) => e.level === 'error')).toBe(true);
    });
  });
});
