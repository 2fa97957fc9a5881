/**
 * (j) The status window with 40 cards (20 environments × 2, the real core against the real Neo4j and the
 * Supabase stand-in, served by browser mode to Debian's Chromium): a core state change → the card shows it.
 * Measured as the E2E run measures one card: the core's stateChange time in Node against the time a
 * MutationObserver in the page sees the card's data-state change (both wall-clock, same machine).
 * One environment's Neo4j goes through a TCP proxy; closing the proxy makes it retrying, then down.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBrowserMode } from '../src-main/headless/browser/browserMode.js';
import { createHealthServer } from '../src-main/headless/healthServer.js';
import { launchChromium } from '../test/renderer/e2e/chromium.js';
import { buildRenderer } from '../test/renderer/e2e/renderBuild.js';
import { startCountingProxy } from './connectionCountingProxy.js';
import { benchCore, type Services } from './benchEnvironments.js';
import type { Figure } from './figure.js';

const ENVIRONMENTS = 20;
const WATCHED = 'env-01';

export async function fortyCards(services: Services): Promise<Figure> {
  const cleanups: (() => Promise<unknown> | void)[] = [];
  try {
    const proxyTarget = new URL(services.neo4j.uri);
    const proxy = await startCountingProxy(Number(proxyTarget.port));
    cleanups.push(() => proxy.close());
    const { core, dataDir, closeLog } = benchCore({
      count: ENVIRONMENTS,
      services,
      monitor: { intervalSec: 1, timeoutMs: 2_000, retries: 1, backoffInitialMs: 200, backoffMaxMs: 400, slowMs: 30_000, recoverySuccesses: 2 },
      neo4jUri: (id) => (id === WATCHED ? `bolt://127.0.0.1:${proxy.port}` : services.neo4j.uri),
    });
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }), closeLog);
    cleanups.push(() => core.stop());
    const changes: { state: string; t: number }[] = [];
    core.on('stateChange', (c) => {
      if (c.environment.id === WATCHED && c.database === 'neo4j') changes.push({ state: c.to, t: performance.timeOrigin + performance.now() });
    });
    await core.start();
    const rendererDir = mkdtempSync(join(tmpdir(), 'wt-bench-renderer-'));
    cleanups.push(() => rmSync(rendererDir, { recursive: true, force: true }));
    buildRenderer(rendererDir);
    const mode = createBrowserMode({ core, rendererDir, version: 'bench', log: { warn: () => undefined, error: () => undefined } });
    cleanups.push(() => mode.close());
    const server = await createHealthServer({ core, port: 0, routes: mode.handleRequest, onUpgrade: mode.handleUpgrade });
    cleanups.push(() => server.close());
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(mode.url(server.port));
    const selector = `[data-environment="${WATCHED}"][data-database="neo4j"]`;
    // Healthy sections may be collapsed (their cards not rendered): watch additions as well as attribute changes.
    // A string, so this Node-side file needs no DOM types.
    await page.evaluate(`(() => {
      const seen = [];
      window.__seen = seen;
      let last;
      new MutationObserver(() => {
        const state = document.querySelector(${JSON.stringify(selector)})?.dataset.state;
        if (state && state !== last) seen.push({ state, t: performance.timeOrigin + performance.now() });
        last = state;
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
    })()`);
    await page.locator(`section[data-environment="${WATCHED}"]`).first().waitFor({ timeout: 30_000 });
    // Measure from a healthy start: the watched database (and, if it settles, every other) answering.
    const watchedState = () => core.snapshot().environments.find((e) => e.id === WATCHED)?.databases.neo4j?.status;
    for (let i = 0; i < 60 && (watchedState() !== 'healthy' || core.snapshot().status !== 'ok'); i++) await new Promise((r) => setTimeout(r, 500));
    if (watchedState() !== 'healthy') {
      const db = core.snapshot().environments.find((e) => e.id === WATCHED)?.databases.neo4j;
      throw new Error(`${WATCHED}/neo4j never became healthy (${db?.status}, ${db?.kind ?? 'no kind'}: ${db?.message ?? 'no message'}); nothing to measure`);
    }
    await new Promise((r) => setTimeout(r, 1_000));
    const cards = await page.locator('[data-database]').count();
    const outageAt = performance.timeOrigin + performance.now();
    await proxy.close();
    const deadline = Date.now() + 15_000;
    while (!changes.some((c) => c.state === 'down') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    const seen = (await page.evaluate('window.__seen')) as { state: string; t: number }[];
    const measured = changes.filter((c) => c.t >= outageAt);
    const delays = measured.flatMap((c) => {
      const shown = seen.find((s) => s.state === c.state && s.t >= c.t - 1);
      return shown ? [shown.t - c.t] : [];
    });
    const missed = measured.length - delays.length;
    const worst = delays.length ? Math.max(...delays) : NaN;
    return {
      name: '(j) 40 cards: state change → card',
      value: worst,
      unit: 'ms',
      target: '≤ 100 ms',
      pass: delays.length > 0 && missed === 0 && worst <= 100,
      detail: `${measured.map((c) => c.state).join(' → ')} of ${WATCHED}/neo4j with ${ENVIRONMENTS * 2} databases checked every second (${cards} cards rendered at first; healthy sections start collapsed); each: ${delays.map((d) => d.toFixed(1)).join(', ')} ms${missed ? `; ${missed} change(s) never shown` : ''}`,
    };
  } finally {
    for (const c of cleanups.reverse()) await Promise.resolve().then(c).catch(() => undefined);
  }
}
