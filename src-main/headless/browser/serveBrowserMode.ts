/** How `walltrack-monitor serve` adds browser mode to its health server; the CLI calls only this. */
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nothingConfigured } from '../../common/firstRun.js';
import type { MonitorCore } from '../../core/MonitorCore.js';
import type { HealthServerOptions } from '../healthServer.js';
import { createBrowserMode, type BrowserMode } from './browserMode.js';
import type { BridgeLogger } from './socketBridge.js';
import { OPENER_PAGE_NAME, removeWindowUrl, windowUrlFile, writeWindowUrl } from './windowUrlFile.js';

export const UI_URL_PREFIX = 'Status window: ';
/** Printed under the URL: what to do with it. */
export const OPEN_IT = 'Open this URL in your browser (`walltrack-monitor open` opens it again).';
/** Printed once the core has started and found nothing to monitor (only then does its snapshot know). */
export const FIRST_RUN_NEXT = 'Nothing is configured yet: the page will guide you.';

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
  /**
   * Prints the URL with its token to the terminal only (never to the log file) and what to do next, or
   * why there is none, and leaves it in the data folder (owner-only) for `walltrack-monitor open`.
   * True when it printed the window's URL: then that is the one URL the terminal shows.
   */
  announce(port: number, out: NodeJS.WritableStream): boolean;
  /** After the core started: with nothing configured, says that the page will guide. */
  guide(out: NodeJS.WritableStream): void;
  close(): Promise<void>;
}

export function setupServeBrowserMode(options: {
  core: MonitorCore;
  log: BridgeLogger;
  version: string;
  enabled: boolean;
  /** Where the URL is left for `open`; none when absent. */
  dataDir?: string;
  rendererDir?: string | null;
}): ServeBrowserMode {
  const rendererDir = options.rendererDir === undefined ? findRendererDir() : options.rendererDir;
  const mode: BrowserMode | null =
    options.enabled && rendererDir ? createBrowserMode({ core: options.core, rendererDir, version: options.version, log: options.log }) : null;
  return {
    serverHooks: mode ? { routes: mode.handleRequest, onUpgrade: mode.handleUpgrade } : {},
    announce(port, out) {
      if (mode) {
        const url = mode.url(port);
        // Saved first: whoever sees the printed URL (a script, a test) finds the file already there.
        if (options.dataDir) leaveUrl(options.dataDir, { url, port, pid: process.pid }, options.log);
        out.write(`${UI_URL_PREFIX}${url}\n${OPEN_IT}\n`);
        return true;
      }
      if (options.enabled) out.write(`${UI_URL_PREFIX}not built — run \`npm run build\` first; serving /api/health only\n`);
      return false;
    },
    guide(out) {
      if (mode && nothingConfigured(options.core.snapshot())) out.write(`${FIRST_RUN_NEXT}\n`);
    },
    close: async () => {
      if (mode && options.dataDir) forgetUrl(options.dataDir, options.log);
      await mode?.close();
    },
  };
}

/** A full or read-only disk costs only `open`: serve goes on, with one warning. */
function leaveUrl(dataDir: string, entry: Parameters<typeof writeWindowUrl>[1], log: BridgeLogger): void {
  try {
    writeWindowUrl(dataDir, entry);
  } catch (error) {
    log.warn({ file: windowUrlFile(dataDir), reason: (error as NodeJS.ErrnoException).code ?? String(error) }, '`walltrack-monitor open` will not find this window: its URL could not be saved');
  }
}

function forgetUrl(dataDir: string, log: BridgeLogger): void {
  try {
    removeWindowUrl(dataDir);
    rmSync(join(dataDir, OPENER_PAGE_NAME), { force: true });
  } catch (error) {
    log.warn({ file: windowUrlFile(dataDir), reason: (error as NodeJS.ErrnoException).code ?? String(error) }, 'Could not remove the status window URL file');
  }
}
