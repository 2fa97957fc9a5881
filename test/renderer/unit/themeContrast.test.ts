/**
 * Issue 13 item 9, the cheap guard under the E2E axe run: every text-on-background pair of theme tokens the
 * stylesheets use, read from the real theme.css, has at least WCAG AA's 4.5:1 in the light and the dark theme.
 * axe only measures what a test happens to show; this measures every pair, including states no page shows today.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const THEME_CSS = readFileSync(new URL('../../../src-renderer/styles/theme.css', import.meta.url), 'utf8');
const AA_NORMAL_TEXT = 4.5;

/** [text token, background token, where the stylesheets put one on the other] */
const PAIRS: [string, string, string][] = [
  ['--text', '--bg', 'body text'],
  ['--text', '--surface', 'cards, buttons, inputs'],
  ['--muted', '--bg', 'notes on the page'],
  ['--muted', '--surface', 'notes on cards'],
  ['--bg', '--text', 'the pressed chart range button'],
  ['--accent-text', '--accent', 'primary buttons (Save, Check now)'],
  ['--accent-text', '--bad', 'danger buttons (Remove)'],
  ...(['good', 'warn', 'bad', 'neutral'] as const).flatMap((tone): [string, string, string][] => [
    [`--${tone}`, `--${tone}-bg`, `${tone} badges and banners`],
    [`--${tone}`, '--surface', `${tone} words on cards`],
    ['--muted', `--${tone}-bg`, `hints inside a ${tone} banner`],
    ['--text', `--${tone}-bg`, `text inside a ${tone} banner`],
  ]),
];

/** The custom properties of the first `:root { … }` inside `css` (nested blocks are cut out first). */
function rootTokens(css: string): Map<string, string> {
  const body = /:root\s*\{([^}]*)\}/.exec(css)?.[1];
  if (body === undefined) throw new Error('theme.css has no :root block');
  return new Map([...body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

function themes(): { light: Map<string, string>; dark: Map<string, string> } {
  const darkStart = THEME_CSS.indexOf('@media (prefers-color-scheme: dark)');
  if (darkStart < 0) throw new Error('theme.css has no dark block');
  const light = rootTokens(THEME_CSS.slice(0, darkStart));
  // The dark block overrides some tokens; the rest (e.g. --accent-text if it is not overridden) stay light's.
  const dark = new Map([...light, ...rootTokens(THEME_CSS.slice(darkStart))]);
  return { light, dark };
}

/** WCAG 2.x relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = m.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('theme.css contrast', () => {
  it('computes contrast as WCAG does (black on white 21:1, #767676 on white just over 4.5:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`gives every text/background token pair at least 4.5:1 in the ${scheme} theme`, () => {
      const tokens = themes()[scheme];
      const short = PAIRS.flatMap(([text, background, where]) => {
        const ratio = contrast(tokens.get(text) ?? `missing ${text}`, tokens.get(background) ?? `missing ${background}`);
        return ratio >= AA_NORMAL_TEXT ? [] : [`${text} on ${background} (${where}): ${ratio.toFixed(2)}:1`];
      });
      expect(short).toEqual([]);
    });
  }
});
