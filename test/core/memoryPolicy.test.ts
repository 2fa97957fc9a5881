/** The hosts keep V8's young generation at its initial size: a burst of garbage does not grow it. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Runs a module script in a fresh node process (node flags first) and returns what it printed, trimmed. */
async function printedInFreshProcess(script: string, nodeFlags: string[] = []): Promise<string> {
  const { stdout } = await run(process.execPath, [...nodeFlags, '--input-type=module', '-e', script], { cwd: process.cwd(), timeout: 60_000 });
  return stdout.trim();
}

/** Which tier runs the named function: V8's own answer, through its test natives (needs --allow-natives-syntax). */
const tierOf = (fn: string) =>
  `%ActiveTierIsTurbofan(${fn}) ? 'turbofan' : %ActiveTierIsMaglev(${fn}) ? 'maglev' : %ActiveTierIsSparkplug(${fn}) ? 'sparkplug' : %ActiveTierIsIgnition(${fn}) ? 'ignition' : 'other'`;

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
  return Number(await printedInFreshProcess(burst(setup)));
}

/**
 * Keeps ~40 MB of objects alive and churns medium-lived garbage (it survives scavenges, is promoted, then
 * dropped) in a fresh process; prints the largest old space seen, in MB.
 */
const churn = (setup: string) => `
${setup}
const { getHeapSpaceStatistics } = await import('node:v8');
const live = [];
for (let i = 0; i < 200000; i++) live.push({ i, s: 'live' + i, a: [i] });
const recent = [];
let max = 0;
for (let round = 0; round < 400; round++) {
  const batch = [];
  for (let i = 0; i < 5000; i++) batch.push({ i, s: 'x'.repeat(10) + i });
  recent.push(batch);
  if (recent.length > 20) recent.shift();
  await new Promise((r) => setImmediate(r));
  max = Math.max(max, getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_size);
}
console.log(max / 2 ** 20, live.length);
`;

async function maxOldSpaceMb(setup: string): Promise<number> {
  return Number((await printedInFreshProcess(churn(setup))).split(' ')[0]);
}

/**
 * Calls a function with a loop 20 times, each in its own turn of the event loop (as the monitor's checks
 * come), in a fresh process; prints which tier runs it then.
 */
const warmFunction = (setup: string) => `
${setup}
function warm(x) { let s = 0; for (let i = 0; i < 100; i++) s += x * i; return s; }
for (let i = 0; i < 20; i++) { warm(i); await new Promise((r) => setImmediate(r)); }
console.log(${tierOf('warm')});
`;

const tierOfWarmFunction = (setup: string) => printedInFreshProcess(warmFunction(setup), ['--allow-natives-syntax']);

/**
 * Calls a function with a loop 3,000 times, pausing every 100 calls (so a compile job on a worker thread
 * can finish), in a fresh process; prints which tier runs it then.
 */
const hotFunction = (setup: string) => `
${setup}
function hot(x) { let s = 0; for (let i = 0; i < 1000; i++) s += x * i; return s; }
for (let i = 0; i < 3000; i++) { hot(i); if (i % 100 === 0) await new Promise((r) => setTimeout(r, 1)); }
console.log(${tierOf('hot')});
`;

const tierOfHotFunction = (setup: string) => printedInFreshProcess(hotFunction(setup), ['--allow-natives-syntax']);

/** Whether V8 would compile with Maglev in a fresh process, after the setup: its own answer. */
async function maglevEnabled(setup: string): Promise<boolean> {
  return (await printedInFreshProcess(`${setup}\nconsole.log(%IsMaglevEnabled())`, ['--allow-natives-syntax'])) === 'true';
}

/** Node 20's V8 has no Maglev built in; from Node 22 (and in Electron) it is on by default. */
const maglevByDefault = await maglevEnabled('');

const policySource = async () =>
  (await run(process.execPath, ['-e', "process.stdout.write(require('esbuild').transformSync(require('fs').readFileSync('src-main/core/memoryPolicy.ts','utf8'),{loader:'ts',format:'esm'}).code)"])).stdout;

const firstImport = (file: string) => /^import\s+(?:[^'"]+from\s+)?'([^']+)';/m.exec(readFileSync(file, 'utf8'))?.[1];

describe('memory policy', () => {
  it('without it, the burst grows the new space to its 32 MB maximum (what the policy is for)', async () => {
    expect(await newSpaceMbAfterBurst('')).toBe(32);
  }, 60_000);

  it('with it, the same burst leaves the new space at its initial 2 MB', async () => {
    // Compiled to plain JavaScript on the fly, so nothing but the policy runs before the burst.
    expect(await newSpaceMbAfterBurst(await policySource())).toBe(2);
  }, 60_000);

  it('without it, about 40 MB of live objects and promoted garbage grow the old space past 120 MB', async () => {
    expect(await maxOldSpaceMb('')).toBeGreaterThan(120);
  }, 60_000);

  it('with it, the same stays under 80 MB: the old generation grows by 20 % between full collections', async () => {
    expect(await maxOldSpaceMb(await policySource())).toBeLessThan(80);
  }, 60_000);

  it('without it, a function called 20 times is compiled by Sparkplug (on the main thread, into code space)', async () => {
    expect(await tierOfWarmFunction('')).toBe('sparkplug');
  }, 60_000);

  it('with it, the same function is still interpreted: Sparkplug is off', async () => {
    expect(await tierOfWarmFunction(await policySource())).toBe('ignition');
  }, 60_000);

  it('without it, a hot function is optimized by Turbofan (compiled on a worker thread, kept in code space)', async () => {
    expect(await tierOfHotFunction('')).toBe('turbofan');
  }, 60_000);

  it('with it, the same hot function stays interpreted: Turbofan is off', async () => {
    expect(await tierOfHotFunction(await policySource())).toBe('ignition');
  }, 60_000);

  it.skipIf(!maglevByDefault)('with it, Maglev is off too, where this V8 has it on by default', async () => {
    expect(await maglevEnabled(await policySource())).toBe(false);
  }, 60_000);

  it('is the first import of every host entry point, so it runs before loading them can grow the new space', () => {
    expect(firstImport('src-main/headless/cli.ts')).toBe('../core/memoryPolicy.js');
    expect(firstImport('src-main/electron/main.ts')).toBe('../core/memoryPolicy.js');
    expect(firstImport('bench/fortyTargetsChild.ts')).toBe('../src-main/core/memoryPolicy.js');
  });
});
