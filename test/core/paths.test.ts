import { describe, expect, it } from 'vitest';
import { appPaths, defaultDataDir } from '../../src-main/core/paths.js';

describe('defaultDataDir', () => {
  it('matches Electron userData for productName "WallTrack Monitor" on each platform', () => {
    expect(defaultDataDir({ HOME: '/home/op' }, 'linux')).toBe('/home/op/.config/WallTrack Monitor');
    expect(defaultDataDir({ HOME: '/home/op', XDG_CONFIG_HOME: '/xdg' }, 'linux')).toBe('/xdg/WallTrack Monitor');
    expect(defaultDataDir({ HOME: '/Users/op' }, 'darwin')).toBe('/Users/op/Library/Application Support/WallTrack Monitor');
    expect(defaultDataDir({ HOME: '/c/op', APPDATA: '/c/op/AppData/Roaming' }, 'win32')).toMatch(/AppData.Roaming.WallTrack Monitor$/);
  });

  it('honours WALLTRACK_DATA_DIR', () => {
    expect(defaultDataDir({ HOME: '/home/op', WALLTRACK_DATA_DIR: '/srv/wt' }, 'linux')).toBe('/srv/wt');
  });

  it('puts settings.json and logs/ in the data folder', () => {
    expect(appPaths('/d')).toEqual({ dataDir: '/d', settingsFile: '/d/settings.json', logDir: '/d/logs', logFile: '/d/logs/walltrack-monitor.log', historyFile: '/d/history.sqlite', attentionFile: '/d/attention.json' });
  });
});
