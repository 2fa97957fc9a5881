/**
 * (g) .env worst-case parse: the slowest of the inputs below that are hardest for a .env parser, each
 * as large as the import accepts (256 KB, the renderer contract's limit), median of 15 parses after
 * warm-up. No server needed.
 */
import { parseDotEnv } from '../src-main/core/credentials/envImport.js';
import type { Figure } from './figure.js';
import { median } from './stats.js';


const LIMIT = 256 * 1024;
const TARGET_MS = 50;
const RUNS = 15;

const fill = (head: string, piece: string, tail = ''): string => head + piece.repeat(Math.floor((LIMIT - head.length - tail.length) / piece.length)) + tail;

function distinctNames(): string {
  let text = '';
  for (let i = 0; text.length < LIMIT - 16; i++) text += `A${i}=1\n`;
  return text;
}

export const WORST_CASES: Record<string, string> = {
  'unclosed " then line breaks': fill('NEO4J_PASSWORD="', '\n'),
  "unclosed ' then line breaks": fill("NEO4J_PASSWORD='", '\n'),
  'unclosed " then backslashes': fill('NEO4J_PASSWORD="', '\\'),
  'one value of blanks': fill('A=a', ' ', 'b'),
  'blank runs before #': fill('A=a', ' \t', '#'),
  'short lines': fill('', 'A=1\n'),
  'short lines, each name new': distinctNames(),
  'malformed lines': fill('', 'x\n'),
  'one-line quoted values': fill('', 'A="\\"\\n"\n'),
};

export async function envParseWorstCase(): Promise<Figure> {
  const times: [string, number][] = [];
  for (const [what, input] of Object.entries(WORST_CASES)) {
    for (let i = 0; i < 3; i++) parseDotEnv(input);
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      parseDotEnv(input);
      samples.push(performance.now() - started);
    }
    times.push([what, median(samples)]);
  }
  const [worst, ms] = times.reduce((a, b) => (b[1] > a[1] ? b : a));
  return {
    name: '(g) .env worst-case parse',
    value: ms,
    unit: 'ms',
    target: `< ${TARGET_MS} ms`,
    pass: ms < TARGET_MS,
    detail: `worst: ${worst}; median of ${RUNS} per ${LIMIT / 1024} KB input: ${times.map(([w, t]) => `${w} ${t.toFixed(1)}`).join(', ')} ms`,
  };
}
