/**
 * The scaffolding every browser-mode E2E file shares (stack.ts does the serving for the real core): build
 * the renderer into a temp folder, serve a core through the REAL browser mode and health server, launch
 * Debian's Chromium, and tear it all down again; pages open in fresh contexts (viewport, theme, en-GB, UTC,
 * a fixed page clock) whose page errors and console errors are recorded.
 *
 * useScriptedBrowserMode(makeCore) serves a scripted core (scriptedCore.ts or settingsScriptedCore.ts);
 * useBrowserMode(start) serves whatever `start` serves (startHost's real core, a file's own setup).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { MonitorCore } from '../../../src-main/core/MonitorCore.js';
import { createBrowserMode, type BrowserMode } from '../../../src-main/headless/browser/browserMode.js';
import { createHealthServer, type HealthServer } from '../../../src-main/headless/healthServer.js';
import { launchChromium } from './chromium.js';
import { buildRenderer } from './renderBuild.js';

/** Where the screenshots go: every run takes them (secret checks run on them); only an explicit refresh rewrites docs/. */
export const SCREENSHOTS = fileURLToPath(
  new URL(process.env.WALLTRACK_UPDATE_SCREENSHOTS === '1' ? '../../../docs/' : '../../../test-results/screenshots/', import.meta.url),
);

/** A core served as `serve` serves it: browser mode plugged into a health server on a free port. */
export interface Served<C> {
  core: C;
  mode: BrowserMode;
  server: HealthServer;
  dispose(): Promise<void>;
}

/** Serves `core` through the real browser mode and health server; dispose closes both (not the core). */
export async function serveCore<C extends MonitorCore>(core: C, rendererDir: string, version = '0.1.0'): Promise<Served<C>> {
  const mode = createBrowserMode({ core, rendererDir, version, log: { warn: () => undefined, error: () => undefined } });
  try {
    const server = await createHealthServer({ core, port: 0, routes: mode.handleRequest, onUpgrade: mode.handleUpgrade });
    return {
      core,
      mode,
      server,
      async dispose() {
        await mode.close();
        await server.close();
      },
    };
  } catch (e) {
    await mode.close();
    throw e;
  }
}

export interface HarnessOptions {
  /** Create the SCREENSHOTS folder before the tests. */
  screenshots?: boolean;
  /**
   * After each test: 'close-and-check' closes the test's context and expects no page error;
   * 'close' only closes it (the file checks pageErrors itself); 'none' leaves the one shared page open.
   */
  afterEach?: 'close-and-check' | 'close' | 'none';
  /** A console error for which this says true is expected, not recorded. */
  ignoreConsoleError?: (text: string) => boolean;
  /** The afterAll hook's timeout. */
  teardownTimeout?: number;
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** Default en-GB; null leaves the browser's own. */
  locale?: string | null;
  /** Default UTC; null leaves the browser's own. */
  timezoneId?: string | null;
  permissions?: string[];
  /** A fixed page clock, or { install } for a running one that tests can fast-forward; none by default. */
  clock?: Date | { install: Date };
  /** Runs on the new context before the page opens (init scripts and the like). */
  prepare?: (context: BrowserContext) => Promise<unknown>;
  /** Set on the page before it navigates. */
  defaultTimeout?: number;
  /** Where the page goes: default the status window (mode.url); false opens it blank. */
  url?: string | false;
  /** Record page and console errors into pageErrors (default true). */
  recordErrors?: boolean;
}

export interface BrowserModeHarness<C, S extends Served<C> = Served<C>> {
  /** What `start` returned (for useScriptedBrowserMode: the core, its browser mode and server). */
  readonly served: S;
  readonly core: C;
  readonly mode: BrowserMode;
  readonly server: HealthServer;
  readonly browser: Browser;
  readonly rendererDir: string;
  /** The context of the last newPage (closed after each test unless afterEach is 'none'). */
  readonly context: BrowserContext | undefined;
  /** Page and console errors recorded in the contexts newPage made. */
  readonly pageErrors: string[];
  /** The status window's address with the access token; or another page of the server, e.g. url('settings.html', '?field=x'). */
  url(page?: string, query?: string): string;
  /** A fresh context and page on `options.url` (the status window by default). */
  newPage(options?: PageOptions): Promise<Page>;
  /** Closes the current context, if any. */
  closeContext(): Promise<void>;
}

/** Registers beforeAll/afterEach/afterAll for a file: `start` serves a core over the renderer it is given. */
export function useBrowserMode<S extends Served<unknown>>(start: (rendererDir: string) => Promise<S>, options: HarnessOptions = {}): BrowserModeHarness<S['core'], S> {
  let rendererDir: string | undefined;
  let served: S | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  const pageErrors: string[] = [];
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the browser-mode harness has no ${what} yet (used before beforeAll?)`);
    return value;
  };

  beforeAll(async () => {
    rendererDir = mkdtempSync(join(tmpdir(), 'walltrack-renderer-build-'));
    buildRenderer(rendererDir);
    served = await start(rendererDir);
    browser = await launchChromium();
    if (options.screenshots) mkdirSync(SCREENSHOTS, { recursive: true });
  }, 300_000);

  if (options.afterEach !== 'none') {
    afterEach(async () => {
      await context?.close();
      context = undefined;
      if (options.afterEach !== 'close') expect(pageErrors.splice(0)).toEqual([]);
    });
  }

  afterAll(async () => {
    await browser?.close();
    await served?.dispose();
    if (rendererDir) rmSync(rendererDir, { recursive: true, force: true });
  }, options.teardownTimeout ?? 60_000);

  const harness: BrowserModeHarness<S['core'], S> = {
    get served() {
      return need(served, 'served core');
    },
    get core() {
      return need(served, 'core').core;
    },
    get mode() {
      return need(served, 'browser mode').mode;
    },
    get server() {
      return need(served, 'server').server;
    },
    get browser() {
      return need(browser, 'browser');
    },
    get rendererDir() {
      return need(rendererDir, 'renderer build');
    },
    get context() {
      return context;
    },
    pageErrors,
    url(page?: string, query = '') {
      const { mode, server } = need(served, 'server');
      return page === undefined ? mode.url(server.port) : `http://127.0.0.1:${server.port}/${page}${query}#token=${mode.token}`;
    },
    async newPage(o: PageOptions = {}) {
      const contextOptions: BrowserContextOptions = { viewport: o.viewport ?? { width: 900, height: 700 } };
      if (o.locale !== null) contextOptions.locale = o.locale ?? 'en-GB';
      if (o.colorScheme) contextOptions.colorScheme = o.colorScheme;
      if (o.timezoneId !== null) contextOptions.timezoneId = o.timezoneId ?? 'UTC';
      if (o.permissions) contextOptions.permissions = o.permissions;
      context = await harness.browser.newContext(contextOptions);
      if (o.recordErrors !== false) {
        // A CSP violation (inline script or style, eval) or any page error shows up here.
        context.on('weberror', (e) => pageErrors.push(String(e.error())));
        context.on('console', (m) => m.type() === 'error' && !options.ignoreConsoleError?.(m.text()) && pageErrors.push(m.text()));
      }
      await o.prepare?.(context);
      if (o.clock instanceof Date) await context.clock.setFixedTime(o.clock);
      else if (o.clock) await context.clock.install({ time: o.clock.install });
      const page = await context.newPage();
      if (o.defaultTimeout !== undefined) page.setDefaultTimeout(o.defaultTimeout);
      if (o.url !== false) await page.goto(o.url ?? harness.url());
      return page;
    },
    async closeContext() {
      await context?.close();
      context = undefined;
    },
  };
  return harness;
}

/** useBrowserMode over a scripted core that `makeCore` makes (version: what browser mode reports). */
export function useScriptedBrowserMode<C extends MonitorCore>(makeCore: () => C, options: HarnessOptions & { version?: string } = {}): BrowserModeHarness<C> {
  return useBrowserMode((rendererDir) => serveCore(makeCore(), rendererDir, options.version), options);
}

/** Waits until the status window shows at least one element matching `selector` (its cards, by default). */
export async function statusShown(page: Page, selector = 'section.card'): Promise<void> {
  await expect.poll(() => page.locator(selector).count(), { timeout: 20_000 }).toBeGreaterThan(0);
}
