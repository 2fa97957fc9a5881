/** How `walltrack-monitor serve` adds browser mode to its health server; the CLI calls only this. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MonitorCore } from '../../core/MonitorCore.js';
import type { HealthServerOptions } from '../healthServer.js';
import { createBrowserMode, type BrowserMode } from './browserMode.js';
import type { BridgeLogger } from './socketBridge.js';

export const UI_URL_PREFIX = 'Status window: ';

/** WALLTRACK_RENDERER_DIR, else the nearest dist/renderer above this file (source or bundled). */
export function findRendererDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const override = env.WALLTRACK_RENDERER_DIR?.trim();
  if (override) return existsSync(join(override, 'status.html')) ? resolve(override) : null;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'dist', 'renderer');
    if (existsSync(join(candidate, 'status.html'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export interface ServeBrowserMode {
  /** Spread into createHealthServer's options. */
  serverHooks: Pick<HealthServerOptions, 'routes' | 'onUpgrade'>;
  /** Prints the URL with its token to the terminal only (never to the log file), or why there is none. */
  announce(port: number, out: NodeJS.WritableStream): void;
  close(): Promise<void>;
}

export function setupServeBrowserMode(options: {
  core: MonitorCore;
  log: BridgeLogger;
  version: string;
  enabled: boolean;
  rendererDir?: string | null;
}): ServeBrowserMode {
  const rendererDir = options.rendererDir === undefined ? findRendererDir() : options.rendererDir;
  const mode: BrowserMode | null =
    options.enabled && rendererDir ? createBrowserMode({ core: options.core, rendererDir, version: options.version, log: options.log }) : null;
  return {
    serverHooks: mode ? { routes: mode.handleRequest, onUpgrade: mode.handleUpgrade } : {},
    announce(port, out) {
      if (mode) out.write(`${UI_URL_PREFIX}${mode.url(port)}\n`);
      else if (options.enabled) out.write(`${UI_URL_PREFIX}not built — run \`npm run build\` first; serving /api/health only\n`);
    },
    close: async () => mode?.close(),
  };
}
