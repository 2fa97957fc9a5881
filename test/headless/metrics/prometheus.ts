/**
 * A real Prometheus (Debian's `prometheus` package) for the metrics tests: its own temp dir, a free
 * loopback port, a short scrape interval, in its own process group so stop() (and a dying test run)
 * kills everything it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/faults.js';
import { killQuietly, onProcessExit } from '../../support/process-cleanup.js';

export interface ScrapeTarget {
  /** host:port as Prometheus should address it (it becomes the Host header and the `instance` label). */
  address: string;
  labels?: Record<string, string>;
  /** Sent as "Authorization: Bearer <token>" (through a credentials_file, as an operator would). */
  bearerToken?: string;
}

export interface Sample {
  labels: Record<string, string>;
  /** Unix seconds, as Prometheus returns them. */
  at: number;
  value: number;
}

export interface Prometheus {
  url: string;
  scrapeIntervalSec: number;
  /** An instant query through /api/v1/query. */
  query(expr: string): Promise<Sample[]>;
  /** A range-vector query (`expr` must end in [range]); every sample of every series. */
  samples(expr: string): Promise<Sample[]>;
  /** Resolves when `check` passes for the query's result, polling every 250 ms up to `timeoutMs`. */
  waitFor(expr: string, check: (samples: Sample[]) => boolean, timeoutMs?: number): Promise<Sample[]>;
  output(): string;
  stop(): Promise<void>;
}

type ApiAnswer = { status: string; error?: string; data: { resultType: string; result: { metric: Record<string, string>; value?: [number, string]; values?: [number, string][] }[] } };

export async function startPrometheus(targets: ScrapeTarget[], scrapeIntervalSec = 1): Promise<Prometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'walltrack-prometheus-'));
  const port = await freePort();
  const jobs = targets.map((target, i) => {
    const lines = [`  - job_name: walltrack-${i}`, '    metrics_path: /metrics'];
    if (target.bearerToken) {
      writeFileSync(join(dir, `token-${i}`), target.bearerToken, { mode: 0o600 });
      lines.push('    authorization:', `      credentials_file: ${join(dir, `token-${i}`)}`);
    }
    lines.push('    static_configs:', `      - targets: ['${target.address}']`);
    if (target.labels) lines.push(`        labels: ${JSON.stringify(target.labels)}`);
    return lines.join('\n');
  });
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      `  scrape_interval: ${scrapeIntervalSec}s`,
      `  scrape_timeout: ${scrapeIntervalSec}s`,
      `  evaluation_interval: ${scrapeIntervalSec}s`,
      'scrape_configs:',
      ...jobs,
      '',
    ].join('\n'),
  );
  let out = '';
  const child: ChildProcess = spawn(
    'prometheus',
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (out += c));
  const forget = onProcessExit(() => {
    killQuietly(-child.pid!);
    rmSync(dir, { recursive: true, force: true });
  });
  const url = `http://127.0.0.1:${port}`;

  async function api(expr: string): Promise<ApiAnswer['data']> {
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await res.json()) as ApiAnswer;
    if (body.status !== 'success') throw new Error(`Prometheus refused ${expr}: ${body.error}`);
    return body.data;
  }

  const prometheus: Prometheus = {
    url,
    scrapeIntervalSec,
    async query(expr) {
      const data = await api(expr);
      return data.result.map((r) => ({ labels: r.metric, at: r.value![0], value: Number(r.value![1]) }));
    },
    async samples(expr) {
      const data = await api(expr);
      return data.result.flatMap((r) => r.values!.map(([at, value]) => ({ labels: r.metric, at, value: Number(value) })));
    },
    async waitFor(expr, check, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      let last: Sample[] | string = 'no answer yet';
      while (Date.now() < deadline) {
        try {
          last = await (expr.endsWith(']') ? prometheus.samples(expr) : prometheus.query(expr));
          if (check(last)) return last;
        } catch (error) {
          last = String(error); // not ready yet
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`${expr} did not get there within ${timeoutMs} ms; last: ${JSON.stringify(last)}\nPrometheus said:\n${out}`);
    },
    output: () => out,
    async stop() {
      killQuietly(-child.pid!, 'SIGTERM');
      const killed = setTimeout(() => killQuietly(-child.pid!, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(killed);
      forget();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return prometheus;
}
