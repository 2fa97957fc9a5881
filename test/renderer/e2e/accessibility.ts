/** axe-core's WCAG 2.x A/AA rules run inside a page (evaluated over the DevTools protocol, so the page's CSP stays as it is). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Violations of the WCAG 2.0/2.1/2.2 A and AA rules on the page as it is now (best-practice rules left out). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  return (await page.evaluate(`(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  })()`)) as AxeViolation[];
}

/**
 * Issue 13 item 9: the page as it is now, audited in both themes (light, then dark, then back to what
 * it was); returns the violations keyed by scheme so a failure says which theme broke.
 */
export async function axeViolationsInBothThemes(page: Page): Promise<{ light: AxeViolation[]; dark: AxeViolation[] }> {
  const was = (await page.evaluate('matchMedia("(prefers-color-scheme: dark)").matches')) ? 'dark' : 'light';
  const found: { light: AxeViolation[]; dark: AxeViolation[] } = { light: [], dark: [] };
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    found[scheme] = await axeViolations(page);
  }
  await page.emulateMedia({ colorScheme: was });
  return found;
}
