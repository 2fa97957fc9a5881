import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The fields these tests read. */
type BuilderConfig = Record<string, unknown> & Record<'linux' | 'mac' | 'win', { target: unknown; icon: string }>;

// electron-builder's own loader and schema validator: what `npm run dist` runs first.
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(dir: string, file: string, extra: null): Promise<BuilderConfig>;
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const root = join(import.meta.dirname, '..', '..');
const load = () => getConfig(root, 'electron-builder.yml', null);

describe('electron-builder.yml', () => {
  it('passes electron-builder 26 schema validation (and the validator does reject a bad key)', async () => {
    const config = await load();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, electronFuses: { runAsNod: false } }, new DebugLogger(false))).rejects.toThrow();
  });

  it('builds deb (the primary Linux download) + AppImage, dmg and nsis for WallTrack Monitor with generated icons', async () => {
    const config = await load();
    expect(config.appId).toBe('io.walltrack.monitor');
    expect(config.productName).toBeUndefined(); // package.json's productName, which the packaged app keeps
    expect(config.linux.target).toEqual(['deb', 'AppImage']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    for (const os of ['linux', 'mac', 'win'] as const) expect(config[os].icon).toBe('dist/icons/icon.png');
    expect(config.files).toEqual([{ filter: ['dist/electron/**', 'dist/renderer/**', '!dist/**/*.map', 'package.json'] }]);
  });

  it('flips the security fuses', async () => {
    expect((await load()).electronFuses).toMatchObject({
      runAsNode: false,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });
});
