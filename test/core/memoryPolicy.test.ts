/** The hosts keep V8's young generation at its initial size: a burst of garbage does not grow it. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Allocates ~80 MB of short-lived objects in a fresh process and prints the new space's size in MB. */
const burst = (setup: string) => `
${setup}
const { getHeapSpaceStatistics } = await import('node:v8');
let sink;
for (let round = 0; round < 200; round++) {
  const batch = [];
  for (let i = 0; i < 20000; i++) batch.push({ a: i, b: 'x'.repeat(20) + i, c: [i, i + 1] });
  sink = batch;
  await new Promise((r) => setImmediate(r));
}
console.log(getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 2 ** 20);
`;

async function newSpaceMbAfterBurst(setup: string): Promise<number> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', burst(setup)], { cwd: process.cwd(), timeout: 60_000 });
  return Number(stdout.trim());
}

const firstImport = (file: string) => /^import\s+(?:[^'"]+from\s+)?'([^']+)';/m.exec(readFileSync(file, 'utf8'))?.[1];

describe('memory policy', () => {
  it('without it, the burst grows the new space to its 32 MB maximum (what the policy is for)', async () => {
    expect(await newSpaceMbAfterBurst('')).toBe(32);
  }, 60_000);

  it('with it, the same burst leaves the new space at its initial 2 MB', async () => {
    // Compiled to plain JavaScript on the fly, so nothing but the policy runs before the burst.
    const { stdout: js } = await run(process.execPath, ['-e', "process.stdout.write(require('esbuild').transformSync(require('fs').readFileSync('src-main/core/memoryPolicy.ts','utf8'),{loader:'ts',format:'esm'}).code)"]);
    expect(await newSpaceMbAfterBurst(js)).toBe(2);
  }, 60_000);

  it('is the first import of every host entry point, so it runs before loading them can grow the new space', () => {
    expect(firstImport('src-main/headless/cli.ts')).toBe('../core/memoryPolicy.js');
    expect(firstImport('src-main/electron/main.ts')).toBe('../core/memoryPolicy.js');
    expect(firstImport('bench/fortyTargetsChild.ts')).toBe('../src-main/core/memoryPolicy.js');
  });
});
