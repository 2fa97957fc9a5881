/**
 * Issue 13 item 8: `node scripts/demo.mjs` driven as a person would, in a real terminal (tmux): progress
 * lines while its servers start, whole-ms latencies, the app's log lines only after `logs on` and always
 * above the `demo> ` prompt (redrawn with what was typed), `restart neo4j` seen down then healthy, and
 * `quit` leaving no process behind. Slow (it starts its own Neo4j and PostgreSQL), so one file, generous waits.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Our own tmux server, so nobody else's sessions are touched and afterAll can end it whole.
const TMUX = ['-u', '-L', `walltrack-demo-test-${process.pid}`];
const SESSION = 'demo';
// First start builds dist/ if stale and starts a JVM: minutes on a loaded two-core machine.
const STARTED_WITHIN_MS = 600_000;

let tmp: string;
let demoPid: number;
/** The demo's own TMPDIR (its control socket and temp data), so a demo someone else runs is not in the way. */
let env: NodeJS.ProcessEnv;

const tmux = (...args: string[]) => execFileSync('tmux', [...TMUX, ...args], { encoding: 'utf8', env });
/** Every line the terminal has shown (wrapped lines joined), without the blank rows below the cursor. */
function screen(): string[] {
  const lines = tmux('capture-pane', '-p', '-J', '-S', '-', '-t', SESSION).split('\n').map((l) => l.trimEnd());
  while (lines.length && lines.at(-1) === '') lines.pop();
  return lines;
}
const type = (text: string) => tmux('send-keys', '-t', SESSION, '-l', text);
const press = (key: string) => tmux('send-keys', '-t', SESSION, key);
const command = (text: string) => {
  press('C-u'); // whatever an earlier step left typed must not run with it
  type(text);
  press('Enter');
};

async function waitFor(what: string, test: (lines: string[]) => boolean, timeoutMs = 120_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = screen();
    if (test(lines)) return lines;
    const dead = tmux('display-message', '-p', '-t', SESSION, '#{pane_dead} #{pane_dead_status}').trim();
    if (dead.startsWith('1')) throw new Error(`demo: exited (status ${dead.slice(2)}) while waiting for ${what}; the terminal shows:\n${lines.filter((l) => l !== '').slice(-40).join('\n')}`);
    if (Date.now() > deadline) throw new Error(`demo: no ${what} within ${timeoutMs / 1000} s; the terminal shows:\n${lines.slice(-40).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
/** Types `text` and Enter at the prompt; resolves with the lines the demo printed in reply, once its prompt is back. */
async function run(text: string, timeoutMs = 120_000): Promise<string[]> {
  const echo = `demo> ${text}`;
  const before = screen().filter((l) => l === echo).length;
  command(text);
  const lines = await waitFor(`reply to "${text}"`, (l) => l.filter((x) => x === echo).length > before && l.at(-1) === 'demo>' && l.at(-2) !== echo, timeoutMs);
  return lines.slice(lines.lastIndexOf(echo) + 1, -1);
}

/** Every process in the demo's process group, and their children (PostgreSQL's backends start their own sessions). */
function demoProcesses(): number[] {
  // A zombie (stat Z) has exited and only waits for its parent to reap it: not a process left running.
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,pgid=,stat='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((row) => row.trim().split(/\s+/))
    .filter((cells) => !cells[3]?.startsWith('Z'))
    .map((cells) => cells.slice(0, 3).map(Number) as [number, number, number]);
  const ours = new Set(rows.filter(([, , pgid]) => pgid === demoPid).map(([pid]) => pid));
  for (const [pid, ppid] of rows) if (ours.has(ppid)) ours.add(pid);
  return [...ours];
}
const commandLine = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').slice(0, 200);
  } catch {
    return '(gone)';
  }
};
/** Running, not a zombie: one that exited and waits to be reaped (CI's container init may never reap it) holds nothing. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/PID/stat: "pid (comm) S …"; the state follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'walltrack-demo-test-'));
  chmodSync(tmp, 0o711); // as root, PostgreSQL runs as an unprivileged user that must reach its data dir in here
  env = { PATH: process.env.PATH, HOME: process.env.HOME, USER: process.env.USER, LANG: 'C.UTF-8', TERM: 'xterm-256color', TMPDIR: tmp };
  // remain-on-exit: if the demo dies, its last words stay readable for the failure message.
  tmux('start-server', ';', 'set-option', '-g', 'remain-on-exit', 'on', ';', 'new-session', '-d', '-s', SESSION, '-x', '200', '-y', '50', '-c', ROOT, 'exec node scripts/demo.mjs');
  // tmux makes the pane's process a session and process group leader: the demo's pid is its group id.
  demoPid = Number(tmux('display-message', '-p', '-t', SESSION, '#{pane_pid}').trim());
  await waitFor('demo> prompt', (lines) => lines.at(-1) === 'demo>', STARTED_WITHIN_MS);
}, STARTED_WITHIN_MS + 60_000);

afterAll(() => {
  if (demoPid) for (const pid of demoProcesses()) if (alive(pid)) process.kill(pid, 'SIGKILL');
  try {
    tmux('kill-server');
  } catch {
    // already gone with its last session
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}, 60_000);

describe.sequential('the demo in a terminal', { timeout: 300_000 }, () => {
  it('says what it starts, Neo4j with its address, and nothing about stopping before the prompt', () => {
    const before = screen();
    const neo4jStarting = before.indexOf('Neo4j: starting…');
    expect(neo4jStarting).toBeGreaterThanOrEqual(0);
    expect(before.findIndex((l) => /^Neo4j: up on bolt:\/\/127\.0\.0\.1:\d+$/.test(l))).toBeGreaterThan(neo4jStarting);
    expect(before).toContain('PostgreSQL: starting…');
    expect(before.filter((l) => /^PostgreSQL: up on 127\.0\.0\.1:\d+$/.test(l))).toHaveLength(1);
    expect(before.filter((l) => /^Supabase stand-in: up on http:\/\/127\.0\.0\.1:\d+$/.test(l))).toHaveLength(1);
    expect(before.filter((l) => /^Status window: http:\/\/127\.0\.0\.1:\d+\/status\.html#token=/.test(l))).toHaveLength(1);
    expect(before.filter((l) => /stopped/i.test(l))).toEqual([]);
    // Quiet by default: none of the app's log lines (time, level, message).
    expect(before.filter((l) => /^\d\d:\d\d:\d\d (INFO|WARN|ERROR)/.test(l) || l.startsWith('{'))).toEqual([]);
  });

  it('help lists every command', async () => {
    const lines = await run('help');
    expect(lines.map((l) => l.trim().split(/\s{2,}/)[0])).toEqual(['commands:', 'status', 'stop|start|restart neo4j|postgres', 'logs on | logs off', 'help', 'quit']);
  });

  it('status: one line per environment, latencies in whole milliseconds', async () => {
    // Answering is enough: on a loaded machine a check can take over the 1 s slow threshold ("degraded").
    const answering = (environment: string) => new RegExp(`^${environment}: supabase (healthy|degraded) \\d+ ms, neo4j \\w+`);
    for (let attempt = 0; ; attempt++) {
      const lines = await run('status');
      if ((answering('production').test(lines[0]!) && answering('staging').test(lines[1]!)) || attempt === 20) {
        expect(lines).toEqual([expect.stringMatching(answering('production')), expect.stringMatching(answering('staging'))]);
        expect(lines.filter((l) => /\d\.\d+ ms/.test(l))).toEqual([]);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
  });

  it('logs on: a log line lands above the prompt, which is redrawn with what was typed', async () => {
    expect(await run('logs on')).toEqual(["logs on: the app's log lines appear here as they happen (logs off to stop)"]);
    type('hel');
    await waitFor('typed text', (l) => l.at(-1) === 'demo> hel');
    // From another terminal, as the README has it: the demo acts while its prompt sits there half-typed.
    const reply = execFileSync(process.execPath, ['scripts/demo.mjs', 'stop', 'postgres'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(reply).toBe('PostgreSQL: stopping…\nPostgreSQL: stopped — watch its cards go red\n');
    // Times out unless the prompt is redrawn, with what was typed, below the log lines.
    const lines = await waitFor(
      'a state-change log line above the redrawn prompt',
      (l) => l.some((line) => / ERROR production\/supabase: \w+ -> down /.test(line)) && l.at(-1) === 'demo> hel',
      60_000,
    );
    expect(lines.filter((l) => l === 'demo> hel')).toEqual(['demo> hel']); // redrawn, not copied
    // Log lines may come along (logs are on).
    expect(await run('start postgres')).toContain('PostgreSQL: started — watch its cards go green');
    expect(await run('logs off')).toContain('logs off');
  });

  it('restart neo4j: stops it, waits until the monitor sees it down, starts it, waits until healthy', async () => {
    // Its own lines, whatever log lines an earlier failure may have left switched on.
    const lines = (await run('restart neo4j', 300_000)).filter((l) => l.startsWith('Neo4j: '));
    expect(lines.slice(0, 2)).toEqual(['Neo4j: stopping…', 'Neo4j: stopped; the monitor sees: production neo4j down, staging neo4j down']);
    expect(lines[2]).toBe('Neo4j: starting…');
    // Slow (over 1 s) still counts as answering: a loaded machine may take that long right after a start.
    expect(lines[3]).toMatch(/^Neo4j: up again; the monitor sees: production neo4j (healthy|degraded), staging neo4j (healthy|degraded)$/);
  });

  it('quit stops the app and every server: nothing of its process group is left', async () => {
    const running = demoProcesses();
    expect(running.length).toBeGreaterThanOrEqual(5); // demo, app, keyring's D-Bus and daemon, PostgreSQL, Neo4j's JVM
    command('quit');
    const deadline = Date.now() + 120_000;
    while (running.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(running.filter(alive).map((pid) => `${pid} ${commandLine(pid)}`)).toEqual([]);
    expect(demoProcesses()).toEqual([]);
  });
});
