/**
 * Checks Neo4j with one pooled driver for the probe's lifetime: credentials are verified
 * (verifyAuthentication, no query) on the first check and after any failure; every check runs
 * `RETURN 1 AS ping` with a transaction timeout. Every DETAILS_INTERVAL_MS after a good answer (in
 * the background), and at once when the query fails, SHOW DATABASES on `system` says whether the
 * database used is online (else database_offline, though the server answers); its rows and the
 * server's edition become details.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import diagnostics from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import neo4j, { type Driver } from 'neo4j-driver';
import type { ProbeResult } from '../../common/schemas.js';
import type { DatabaseDetails } from '../../common/schemas.js';
import { withoutStackCapture } from './withoutStackCapture.js';
import { DETAILS_INTERVAL_MS, FIRST_DETAILS_SHARE, type Neo4jProbeConfig, type Probe } from './Probe.js';
import { readDatabases, SHOW_DATABASES, type DatabaseRow } from './neo4jDatabases.js';
import { abortable, settledWithin, whenAborted } from './abortable.js';
import { classifyError, errorDetail } from './classify.js';
import { oneLine, publicTarget, scrub } from './redact.js';
import { failureResult, healthyResult, resultFromError, type FailureContext } from './result.js';

/**
 * The driver never times out the Bolt handshake and driver.close() leaves a connection stuck in it
 * open, so each probe records the sockets its driver opens (net.connect runs inside a probe's own
 * call, whose async context names the probe) and destroys any still open when the probe closes.
 * TLS schemes connect through tls.connect, which publishes nothing: those are not tracked.
 */
class ProbeSockets {
  private readonly open = new Set<Socket>();
  private released = false;
  add(socket: Socket): void {
    // A connection attempt that was already under way when the probe closed.
    if (this.released) return void socket.destroy();
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
  }
  destroyAll(): void {
    this.released = true;
    for (const socket of this.open) socket.destroy();
  }
}
const socketOwner = new AsyncLocalStorage<ProbeSockets>();
diagnostics.subscribe('net.client.socket', (message) => socketOwner.getStore()?.add((message as { socket: Socket }).socket));

export class Neo4jProbe implements Probe {
  readonly database = 'neo4j' as const;
  readonly target: string;
  private readonly driver: Driver | null;
  private readonly configError: unknown;
  private readonly dbName: string | undefined;
  private readonly timeoutMs: number;
  private readonly ctx: FailureContext;
  private needsVerify = true;
  private server: ProbeResult['server'] | undefined;
  private edition: string | undefined;
  private details: DatabaseDetails | undefined;
  /** Why the database used is not online, from the last deeper check; null when it is (or was not listed). */
  private offline: string | null = null;
  private detailsAt = -Infinity;
  private refreshing: Promise<void> | null = null;
  private readonly detailsIntervalMs: number;
  private closing: Promise<void> | null = null;
  private readonly sockets = new ProbeSockets();

  constructor(private readonly config: Neo4jProbeConfig) {
    this.target = publicTarget(config.uri);
    this.dbName = config.database ?? undefined;
    this.timeoutMs = config.timeoutMs;
    this.detailsIntervalMs = config.detailsIntervalMs ?? DETAILS_INTERVAL_MS;
    this.ctx = { database: 'neo4j', target: this.target, secrets: [config.password] };
    let driver: Driver | null = null;
    let configError: unknown = null;
    try {
      // The URI without userinfo: credentials come only from user + keychain password.
      driver = neo4j.driver(stripUserinfo(config.uri), neo4j.auth.basic(config.user, config.password.reveal()), {
        maxConnectionPoolSize: 2,
        connectionTimeout: config.timeoutMs,
        connectionAcquisitionTimeout: config.timeoutMs,
        // The monitor owns retries; the driver must fail fast.
        maxTransactionRetryTime: 0,
        disableLosslessIntegers: true,
        userAgent: 'walltrack-monitor',
      });
    } catch (error) {
      configError = error;
    }
    this.driver = driver;
    this.configError = configError;
  }

  check(signal: AbortSignal): Promise<ProbeResult> {
    return socketOwner.run(this.sockets, () => this.runCheck(signal));
  }

  private async runCheck(signal: AbortSignal): Promise<ProbeResult> {
    if (!this.driver) return resultFromError(this.ctx, this.configError, 'invalid_config');
    if (this.closing) return failureResult(this.ctx, 'unknown', 'probe closed');
    // Latency = time waiting for the server: the verification (when due) plus the RETURN 1 round trip.
    let waitedMs = 0;
    const checkStarted = performance.now();
    whenAborted(signal); // set up outside the timed part
    try {
      if (this.needsVerify) {
        const verifyStarted = performance.now();
        // false = the server refused these credentials; anything else (no route, TLS, …) throws.
        const accepted = await abortable(this.driver.verifyAuthentication(), signal);
        if (!accepted) return this.failure('auth_failed', `Neo4j refused user "${this.config.user}" with this password`);
        const info = await abortable(this.driver.getServerInfo(), signal);
        waitedMs += performance.now() - verifyStarted;
        this.server = this.serverInfo(info);
        this.needsVerify = false;
      }
      // While the database is offline every check asks again (and waits), so its recovery shows at once.
      if (this.offline) await this.refreshDetails(signal);
      if (this.offline) return this.failure('database_offline', this.offline);
      // One after another on the pool's connection: a deeper check still running finishes first.
      if (this.refreshing) await abortable(this.refreshing, signal);
      const session = this.driver.session({ database: this.dbName, defaultAccessMode: neo4j.session.READ });
      let closed: Promise<void> = Promise.resolve();
      try {
        const queryStarted = performance.now();
        let answeredAt = queryStarted;
        // Stamped in the first callback on the result, before the driver's own follow-up work runs.
        const answer = Promise.resolve(withoutStackCapture(() => session.run('RETURN 1 AS ping', {}, { timeout: this.timeoutMs }))).then((r) => {
          answeredAt = performance.now();
          return r;
        });
        const result = await abortable(answer, signal);
        waitedMs += answeredAt - queryStarted;
        if (result.records[0]?.get('ping') !== 1) return this.failure('server_error', 'RETURN 1 AS ping gave an unexpected answer');
        this.server = this.serverInfo(result.summary.server);
      } finally {
        // Not awaited: a hung connection must not hold the check; the pool reclaims it.
        closed = session.close().catch(() => undefined);
      }
      // Off the timed path: the answer is in, the deeper check's result shows from the next check on.
      // It starts once the session has given its connection back, so the pool needs no second one.
      if (!this.refreshing && performance.now() - this.detailsAt >= this.detailsIntervalMs) {
        this.detailsAt = performance.now();
        this.refreshing = closed
          .then(() => this.refreshDetails(AbortSignal.timeout(this.timeoutMs)))
          .catch(() => undefined)
          .finally(() => (this.refreshing = null));
      }
      // The first time, it is waited for while the check's own time allows, so a single check (CLI `check`) has it.
      if (!this.details && this.refreshing) await settledWithin(this.refreshing, FIRST_DETAILS_SHARE * this.timeoutMs - (performance.now() - checkStarted));
      return healthyResult('neo4j', waitedMs, this.server, this.details);
    } catch (error) {
      this.needsVerify = true;
      if (signal.aborted) return failureResult(this.ctx, 'timeout', `no answer within ${this.timeoutMs} ms`);
      const kind = classifyError(error);
      // The server answered but the query failed: is the database itself offline?
      if (kind === 'server_error' && (await this.refreshDetails(signal).then(() => this.offline, () => null))) {
        return this.failure('database_offline', this.offline!);
      }
      return resultFromError({ ...this.ctx, server: this.server, details: this.details }, error, kind);
    }
  }

  private failure(kind: Parameters<typeof failureResult>[1], detail: string): ProbeResult {
    return failureResult({ ...this.ctx, server: this.server, details: this.details }, kind, detail);
  }

  /**
   * SHOW DATABASES (and once, the edition) on `system`. A failure here is shown as the details'
   * problem and never fails the check by itself.
   */
  private async refreshDetails(signal: AbortSignal): Promise<void> {
    const session = this.driver!.session({ database: 'system', defaultAccessMode: neo4j.session.READ });
    try {
      if (this.edition === undefined) {
        const components = await abortable(Promise.resolve(session.run('CALL dbms.components() YIELD edition', {}, { timeout: this.timeoutMs })), signal);
        const edition = components.records[0]?.get('edition');
        this.edition = typeof edition === 'string' ? edition.slice(0, 64) : '';
        this.server = this.serverInfo(undefined);
      }
      const shown = await abortable(Promise.resolve(session.run(SHOW_DATABASES, {}, { timeout: this.timeoutMs })), signal);
      const found = readDatabases(
        shown.records.map((r) => r.toObject() as unknown as DatabaseRow),
        this.dbName ?? null,
      );
      this.offline = found.offline;
      this.details = { parts: found.parts, checkedAt: new Date().toISOString() };
    } catch (error) {
      this.offline = null;
      const said = signal.aborted ? `no answer within ${this.timeoutMs} ms` : oneLine(scrub(errorDetail(error), this.ctx.secrets), 200);
      this.details = { parts: this.details?.parts ?? [], problem: `SHOW DATABASES on system failed: ${said}`, checkedAt: new Date().toISOString() };
    } finally {
      session.close().catch(() => undefined);
    }
  }

  private serverInfo(info: { address?: string; agent?: string } | undefined): ProbeResult['server'] {
    const server = serverInfo(info, this.server);
    return this.edition ? { ...server, edition: this.edition } : server;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      // The driver says goodbye on its idle connections first; whatever is left is stuck.
      await this.refreshing;
      await socketOwner.run(this.sockets, () => this.driver?.close().catch(() => undefined));
      this.sockets.destroyAll();
    })();
    return this.closing;
  }
}

function stripUserinfo(uri: string): string {
  return uri.replace(/^([a-z0-9+]+:\/\/)[^/@\s]*@/i, '$1');
}

function serverInfo(
  info: { address?: string; agent?: string } | undefined,
  previous?: ProbeResult['server'],
): ProbeResult['server'] {
  const agent = info?.agent ?? previous?.agent;
  const version = agent?.split('/')[1] ?? previous?.version;
  const address = info?.address ?? previous?.address;
  return {
    ...(agent ? { agent } : {}),
    ...(version ? { version } : {}),
    ...(address ? { address } : {}),
  };
}
