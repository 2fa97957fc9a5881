import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron.js'));
import * as electron from '../mocks/electron.js';
import { eventChannel, eventListenerName, eventNames, methodNames, type RendererApi } from '../../src-main/common/contract.js';
import { ValidationError } from '../../src-main/core/errors.js';
import { createRendererHandlers } from '../../src-main/core/rendererHandlers.js';
import { setupIpc } from '../../src-main/electron/ipc.js';
import { rendererLocation, setupWindows } from '../../src-main/electron/windows.js';
import { FakeMonitorCore, makeSnapshot } from './fixtures.js';
import { recordingLog } from './recordingLog.js';

let core: FakeMonitorCore;

/** Loads preload.ts fresh and wires its ipcRenderer to main's handlers, as from our status window. */
async function loadPreload(): Promise<RendererApi> {
  core = new FakeMonitorCore();
  const log = recordingLog();
  const windows = setupWindows({ preloadPath: '/p.cjs', location: rendererLocation(true, {}), log });
  const handlers = createRendererHandlers(core, {
    appInfo: () => ({ version: '0.1.0', host: 'electron', capabilities: { startAtLogin: true, notifications: true } }),
    openWindow: (name) => void windows.open(name),
  });
  setupIpc({ handlers, policy: { owns: windows.owns, allowedOrigins: [windows.location.origin] }, log });
  const win = windows.open('status') as unknown as electron.BrowserWindow;
  await Promise.resolve();
  electron.ipcRenderer.invokeImpl = (channel, ...args) => electron.ipcMain.fakeInvoke(channel, { sender: win.webContents }, ...args);
  vi.resetModules();
  await import('../../src-main/electron/preload.js');
  return electron.contextBridge.exposed.get('walltrack') as RendererApi;
}

beforeEach(() => {
  electron.resetElectronFake();
  electron.app.fakeReady(); // what these tests use exists only once the app is ready
});

describe('preload', () => {
  it('exposes exactly the contract methods and event listeners as window.walltrack, nothing else', async () => {
    const api = await loadPreload();
    expect([...electron.contextBridge.exposed.keys()]).toEqual(['walltrack']);
    expect(Object.keys(api).sort()).toEqual([...methodNames, ...eventNames.map(eventListenerName)].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
  });

  it('calls main and returns its validated output', async () => {
    const api = await loadPreload();
    expect((await api.pause({ hours: 1 })).paused).toEqual({ until: expect.any(String) });
    expect(core.businessCalls()).toEqual(['pause']);
    expect((await api.getHistory({ environment: 'default', database: 'neo4j' })).database).toBe('neo4j');
  });

  it('turns a rejected call into an Error whose message carries the hint (contextBridge drops other fields)', async () => {
    const api = await loadPreload();
    core.saveSettings = async () => {
      throw new ValidationError('neo4j.uri', 'must use neo4j:// or bolt://', { hint: 'e.g. neo4j://localhost:7687' });
    };
    const draft = { settings: (await api.getSettings()).settings, secrets: {} };
    await expect(api.saveSettings(draft)).rejects.toThrow('neo4j.uri: must use neo4j:// or bolt:// — e.g. neo4j://localhost:7687');
    await expect(api.pause({ hours: -1 })).rejects.toMatchObject({ name: 'ValidationError', message: expect.stringContaining('hours') });
  });

  it('has onStopped from the contract, delivering the payload only', async () => {
    const api = await loadPreload();
    const seen: unknown[] = [];
    const off = api.onStopped((s) => seen.push(s));
    electron.ipcRenderer.emit('walltrack:event:stopped', { sender: 'ipc-internals' }, { at: '2026-01-01T12:00:00.000Z' });
    off();
    electron.ipcRenderer.emit('walltrack:event:stopped', {}, { at: '2026-01-01T12:00:01.000Z' });
    expect(seen).toEqual([{ at: '2026-01-01T12:00:00.000Z' }]);
  });

  it('delivers snapshot events with the payload only and unsubscribes', async () => {
    const api = await loadPreload();
    const seen: unknown[] = [];
    const off = api.onSnapshot((s) => seen.push(s));
    const snapshot = makeSnapshot({ status: 'down' });
    electron.ipcRenderer.emit(eventChannel('snapshot'), { sender: 'ipc-internals' }, snapshot);
    off();
    electron.ipcRenderer.emit(eventChannel('snapshot'), {}, snapshot);
    expect(seen).toEqual([snapshot]);
    expect(electron.ipcRenderer.listenerCount(eventChannel('snapshot'))).toBe(0);
  });
});
