import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../mocks/electron.js'));
const shell = vi.hoisted(() => ({ start: vi.fn(), open: vi.fn() }));
vi.mock('../../src-main/electron/app.js', () => ({
  startShell: async () => {
    shell.start();
    return { windows: { open: shell.open } };
  },
}));

type ElectronFake = typeof import('../mocks/electron.js');
let electron: ElectronFake;

/** main.ts runs on import, so each test gets fresh modules; `configure` runs before main does. */
async function loadMain(configure: (e: ElectronFake) => void = () => {}): Promise<void> {
  configure(electron);
  await import('../../src-main/electron/main.js');
}

beforeEach(async () => {
  vi.resetModules();
  // The mocked 'electron' (what main.ts sees) survives resetModules; a direct import of the fake would not.
  electron = (await import('electron')) as unknown as ElectronFake;
  electron.resetElectronFake();
  shell.start.mockReset();
  shell.open.mockReset();
  vi.unstubAllEnvs();
});

describe('main', () => {
  it('sandboxes every renderer and registers app:// as privileged before ready, then starts the shell once ready', async () => {
    await loadMain();
    expect(electron.app.sandboxEnabled).toBe(true);
    expect(electron.protocol.privileged.map((s) => s.scheme)).toEqual(['app']);
    expect(shell.start).not.toHaveBeenCalled();
    electron.app.fakeReady();
    await vi.waitFor(() => expect(shell.start).toHaveBeenCalledTimes(1));
  });

  it('quits at once when another instance is running', async () => {
    await loadMain((e) => (e.app.singleInstanceLockAvailable = false));
    expect(electron.app.quitCalls).toBe(1);
    electron.app.fakeReady();
    await new Promise((r) => setTimeout(r, 10));
    expect(shell.start).not.toHaveBeenCalled();
  });

  it('a second launch opens the status window of the first', async () => {
    await loadMain();
    electron.app.fakeReady();
    await vi.waitFor(() => expect(shell.start).toHaveBeenCalled());
    electron.app.emit('second-instance', {}, [], '/');
    expect(shell.open).toHaveBeenCalledWith('status');
  });

  it('keeps its data where the headless CLI does: <appData>/WallTrack Monitor', async () => {
    await loadMain();
    expect(electron.app.getName()).toBe('WallTrack Monitor');
    expect(electron.app.getPath('userData')).toBe(join('/tmp/fake-electron/appData', 'WallTrack Monitor'));
  });

  it('resolves a relative WALLTRACK_DATA_DIR against the working directory instead of failing to start', async () => {
    vi.stubEnv('WALLTRACK_DATA_DIR', 'walltrack-relative-data');
    await loadMain();
    expect(electron.app.getPath('userData')).toBe(join(process.cwd(), 'walltrack-relative-data'));
  });

  it('uses WALLTRACK_DATA_DIR as userData', async () => {
    vi.stubEnv('WALLTRACK_DATA_DIR', '/tmp/walltrack-e2e-data');
    await loadMain();
    expect(electron.app.getPath('userData')).toBe('/tmp/walltrack-e2e-data');
  });
});
