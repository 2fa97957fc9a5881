/** In-page helpers for the E2E run: secret scans of the DOM and a timestamped log of card states. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Every secret must be absent from the page's markup, its visible text and every input's current value. */
export async function expectNoSecretsInPage(page: Page, secrets: string[]): Promise<void> {
  const dump = await page.evaluate(() => {
    const inputs = Array.from(document.querySelectorAll('input')).map((i) => `${i.type}:${i.value}`);
    return `${document.documentElement.outerHTML}\n${document.body.innerText}\n${inputs.join('\n')}`;
  });
  for (const s of secrets) expect(dump.includes(s), `a secret is in the DOM of ${page.url()}`).toBe(false);
}

/** Starts logging every card's data-state change with a wall-clock timestamp (ms, sub-ms precision). */
export async function watchCardStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: { database: string; state: string; t: number }[] = [];
    (window as unknown as { __cardStates: typeof log }).__cardStates = log;
    new MutationObserver((records) => {
      const t = performance.timeOrigin + performance.now();
      for (const r of records) {
        const el = r.target as HTMLElement;
        if (el.dataset.database && el.dataset.state) log.push({ database: el.dataset.database, state: el.dataset.state, t });
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
  });
}

export async function cardStates(page: Page): Promise<{ database: string; state: string; t: number }[]> {
  return page.evaluate(() => (window as unknown as { __cardStates: { database: string; state: string; t: number }[] }).__cardStates);
}

export function card(page: Page, database: 'supabase' | 'neo4j') {
  return page.locator(`section[data-database="${database}"]`);
}
