/** Electron entry point (bundled to dist/electron/main.cjs). The order matters; see each step. */
// First: it must run before loading the rest can grow V8's young generation (see the module).
import '../core/memoryPolicy.js';
import { join, resolve } from 'node:path';
import { app, dialog } from 'electron';
import { PRODUCT_NAME } from '../core/paths.js';
import { startShell, type Shell } from './app.js';
import { registerAppScheme } from './protocol.js';
import { setupSingleInstance } from './singleInstance.js';

// The same data folder as the headless CLI (core/paths.ts): <appData>/WallTrack Monitor, whatever
// name package.json gives the unpackaged app; WALLTRACK_DATA_DIR points both elsewhere (a relative
// one from the working directory: Electron's setPath throws on anything but an absolute path).
app.setName(PRODUCT_NAME);
const dataDir = process.env.WALLTRACK_DATA_DIR?.trim();
app.setPath('userData', dataDir ? resolve(dataDir) : join(app.getPath('appData'), PRODUCT_NAME));
// Every renderer sandboxed, whatever its webPreferences say (must run before 'ready').
app.enableSandbox();
// Privileged schemes must be registered before 'ready'.
registerAppScheme();

let shell: Shell | null = null;
if (!setupSingleInstance(() => shell?.windows.open('status'))) {
  app.quit();
} else {
  if (process.platform === 'win32') app.setAppUserModelId('io.walltrack.monitor'); // notifications need it
  app
    .whenReady()
    .then(async () => {
      shell = await startShell();
    })
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox('WallTrack Monitor could not start', message);
      app.exit(1);
    });
}
