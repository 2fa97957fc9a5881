/** GET /metrics on serve's loopback server and on the --listen server, over real sockets, with the core double. */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createHealthServer, type HealthServer } from '../../../src-main/headless/healthServer.js';
import { parseListenAddress } from '../../../src-main/headless/metrics/networkListener.js';
import { setupServeMetrics, type ServeMetrics } from '../../../src-main/headless/metrics/serveMetrics.js';
import { createCoreDouble } from './coreDouble.js';

const TOKEN = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
const dir = mkdtempSync(join(tmpdir(), 'walltrack-metrics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function tokenFile(content: string, mode: number): string {
  const file = join(dir, `token-${++files}`);
  writeFileSync(file, content);
  chmodSync(file, mode);
  return file;
}

/** The first IPv4 address of this machine that is not loopback: what an operator gives --listen. */
function machineAddress(): string {
  const found = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal);
  if (!found) throw new Error('This test needs a non-loopback IPv4 address on this machine (ip -brief address shows none)');
  return found.address;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function recordingLog() {
  const lines: { level: string; fields: object; message: string }[] = [];
  const at = (level: string) => (fields: object, message: string) => void lines.push({ level, fields, message });
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error') } };
}

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function serveWith(flags: Parameters<typeof setupServeMetrics>[0], otherRoute?: Parameters<typeof createHealthServer>[0]['routes']) {
  const core = createCoreDouble(['production', 'staging']);
  const log = recordingLog();
  const metrics: ServeMetrics = setupServeMetrics(flags, log.logger);
  const server: HealthServer = await createHealthServer({
    core,
    port: 0,
    host: '127.0.0.1',
    ...metrics.serverHooks(core, otherRoute ? { routes: otherRoute } : {}),
  });
  running.push(server, metrics);
  return { core, metrics, server, log, listening: await metrics.listen(server.port) };
}

describe('GET /metrics on the loopback server', () => {
  it('answers in the Prometheus text format, token-free, with each environment as a label', async () => {
    const { core, server } = await serveWith({});
    core.finishCheck('production', 'neo4j', 'healthy', 4);
    core.finishCheck('staging', 'neo4j', 'down', null, 'refused');
    const answer = await get(`${server.url}/metrics`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.body).toContain('\nwalltrack_probe_success{environment="production",database="neo4j"} 1\n');
    expect(answer.body).toContain('\nwalltrack_probe_success{environment="staging",database="neo4j"} 0\n');
    const head = await get(`${server.url}/metrics`, {}, 'HEAD');
    expect([head.status, head.body]).toEqual([200, '']);
  });

  it('sits behind the same Host check as /api/health (DNS rebinding gets 421)', async () => {
    const { server } = await serveWith({});
    const answer = await get(`${server.url}/metrics`, { host: `evil.example:${server.port}` });
    expect(answer.status).toBe(421);
    expect(answer.body).not.toContain('walltrack_');
  });

  it('refuses methods other than GET and HEAD with 405', async () => {
    const { server } = await serveWith({});
    const answer = await get(`${server.url}/metrics`, {}, 'POST');
    expect([answer.status, answer.headers.allow]).toEqual([405, 'GET, HEAD']);
  });

  it('leaves every other path to the next route (browser mode)', async () => {
    const { server } = await serveWith({}, (req, res) => {
      if (req.url !== '/status.html') return false;
      res.end('the status window');
      return true;
    });
    expect((await get(`${server.url}/status.html`)).body).toBe('the status window');
    expect((await get(`${server.url}/nothing`)).status).toBe(404);
  });

  it('with --metrics-token-file asks for "Authorization: Bearer <token>" and accepts only that token', async () => {
    const { server } = await serveWith({ metricsTokenFile: tokenFile(`${TOKEN}\n`, 0o600) });
    const none = await get(`${server.url}/metrics`);
    expect([none.status, none.headers['www-authenticate']]).toEqual([401, 'Bearer realm="walltrack-metrics"']);
    expect(none.body).not.toContain('walltrack_build_info');
    expect((await get(`${server.url}/metrics`, { authorization: `Bearer ${TOKEN.slice(0, -1)}x` })).status).toBe(401);
    expect((await get(`${server.url}/metrics`, { authorization: `Bearer ${TOKEN}extra` })).status).toBe(401);
    expect((await get(`${server.url}/metrics`, { authorization: `Basic ${TOKEN}` })).status).toBe(401);
    const ok = await get(`${server.url}/metrics`, { authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('walltrack_build_info{version="9.8.7"} 1');
  });
});

describe('--metrics-token-file', () => {
  it.each([
    [0o640, 'mode 640'],
    [0o604, 'mode 604'],
    [0o660, 'mode 660'],
  ])('refuses a token file other users can read (%o)', (mode, shown) => {
    const file = tokenFile(TOKEN, mode);
    expect(() => setupServeMetrics({ metricsTokenFile: file }, recordingLog().logger)).toThrow(
      `The metrics token file ${file} can be read by other users (${shown})`,
    );
    try {
      setupServeMetrics({ metricsTokenFile: file }, recordingLog().logger);
    } catch (error) {
      expect((error as { hint: string }).hint).toBe(`Make it readable by its owner only: chmod 600 ${file}`);
    }
  });

  it('accepts owner-only files (600, and 400 as systemd LoadCredential= makes them)', () => {
    expect(() => setupServeMetrics({ metricsTokenFile: tokenFile(TOKEN, 0o600) }, recordingLog().logger)).not.toThrow();
    expect(() => setupServeMetrics({ metricsTokenFile: tokenFile(TOKEN, 0o400) }, recordingLog().logger)).not.toThrow();
  });

  it('refuses a missing file, a short token and a token with spaces, never quoting the file content', () => {
    const missing = join(dir, 'missing');
    expect(() => setupServeMetrics({ metricsTokenFile: missing }, recordingLog().logger)).toThrow(`Cannot read the metrics token file ${missing}: ENOENT`);
    const rule = 'must be at least 16 characters of A–Z, a–z, 0–9, "-._~+/" (optionally ending in "=") on one line';
    for (const content of ['fifteen-chars-x', 'two words in it, long enough', '']) {
      const file = tokenFile(content, 0o600);
      expect(() => setupServeMetrics({ metricsTokenFile: file }, recordingLog().logger)).toThrow(`The metrics token in ${file} ${rule}`);
    }
    expect(() => setupServeMetrics({ metricsTokenFile: dir }, recordingLog().logger)).toThrow(`The metrics token file ${dir} is not a regular file`);
  });
});

describe('--listen ADDR', () => {
  it('is refused without a metrics token, before anything starts', () => {
    expect(() => setupServeMetrics({ listen: '192.0.2.10' }, recordingLog().logger)).toThrow(
      '--listen 192.0.2.10 would serve /metrics to the network without a token; nothing was started',
    );
  });

  it.each([
    ['0.0.0.0', '--listen 0.0.0.0 would listen on every interface; name the one address scrapers use'],
    ['::', '--listen :: would listen on every interface; name the one address scrapers use'],
    ['127.0.0.1', '--listen 127.0.0.1 is a loopback address; /metrics is already served on 127.0.0.1 without --listen'],
    ['127.0.0.2', '--listen 127.0.0.2 is a loopback address'],
    ['[::1]', '--listen ::1 is a loopback address'],
    ['monitor.example', '--listen must be an IP address of this machine'],
    ['192.0.2.10:9100', '--listen must be an IP address of this machine'],
  ])('refuses %s', (address, message) => {
    expect(() => parseListenAddress(address)).toThrow(message);
  });

  it('serves only /metrics on that address, only with the token, and only to that address as Host; and warns', async () => {
    const address = machineAddress();
    const { server, listening, log } = await serveWith({ listen: address, metricsTokenFile: tokenFile(TOKEN, 0o600) });
    expect(listening).toBe(true);
    const url = `http://${address}:${server.port}`;
    const auth = { authorization: `Bearer ${TOKEN}` };
    const ok = await get(`${url}/metrics`, auth);
    expect([ok.status, ok.headers['content-type']]).toEqual([200, 'text/plain; version=0.0.4; charset=utf-8']);
    expect(ok.body).toContain('walltrack_build_info{version="9.8.7"} 1');
    expect((await get(`${url}/metrics`)).status).toBe(401);
    expect((await get(`${url}/api/health`, auth)).status).toBe(404);
    expect((await get(`${url}/status.html`, auth)).status).toBe(404);
    const rebound = await get(`${url}/metrics`, { ...auth, host: `evil.example:${server.port}` });
    expect([rebound.status, rebound.body]).toEqual([421, `Misdirected request: the Host header must be ${address}:${server.port}\n`]);
    expect((await get(`${url}/metrics`, { ...auth, host: `${address}:${server.port + 1}` })).status).toBe(421);
    expect((await get(`${url}/metrics`, { ...auth, host: address })).status).toBe(200);
    expect(log.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      `Serving /metrics to the network on ${url}/metrics (bearer token required; nothing else is served there)`,
    ]);
  });

  it('says so and reports failure when the address is not one of this machine', async () => {
    const { server, listening, log } = await serveWith({ listen: '192.0.2.222', metricsTokenFile: tokenFile(TOKEN, 0o600) });
    expect(listening).toBe(false);
    expect(log.lines.map((l) => [l.level, l.message])).toEqual([
      ['error', `Cannot listen on 192.0.2.222:${server.port}; --listen must be an address of this machine and the port free there`],
    ]);
  });
});
