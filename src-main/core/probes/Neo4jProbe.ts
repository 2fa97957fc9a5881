/**
 * Checks Neo4j with one pooled driver for the probe's lifetime: connectivity is verified on the
 * first check and after any failure; every check runs `RETURN 1 AS ping` with a transaction timeout.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import diagnostics from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import neo4j, { type Driver } from 'neo4j-driver';
import type { ProbeResult } from '../../common/schemas.js';
import type { Neo4jProbeConfig, Probe } from './Probe.js';
import { abortable, whenAborted } from './abortable.js';
import { publicTarget } from './redact.js';
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
  private closing: Promise<void> | null = null;
  private readonly sockets = new ProbeSockets();

  constructor(private readonly config: Neo4jProbeConfig) {
    this.target = publicTarget(config.uri);
    this.dbName = config.database ?? undefined;
    this.timeoutMs = config.timeoutMs;
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
    whenAborted(signal); // set up outside the timed part
    try {
      if (this.needsVerify) {
        const verifyStarted = performance.now();
        const info = await abortable(this.driver.getServerInfo({ database: this.dbName }), signal);
        waitedMs += performance.now() - verifyStarted;
        this.server = serverInfo(info);
        this.needsVerify = false;
      }
      const session = this.driver.session({ database: this.dbName, defaultAccessMode: neo4j.session.READ });
      try {
        const queryStarted = performance.now();
        let answeredAt = queryStarted;
        // Stamped in the first callback on the result, before the driver's own follow-up work runs.
        const answer = Promise.resolve(session.run('RETURN 1 AS ping', {}, { timeout: this.timeoutMs })).then((r) => {
          answeredAt = performance.now();
          return r;
        });
        const result = await abortable(answer, signal);
        waitedMs += answeredAt - queryStarted;
        if (result.records[0]?.get('ping') !== 1) {
          return failureResult({ ...this.ctx, server: this.server }, 'server_error', 'RETURN 1 AS ping gave an unexpected answer');
        }
        this.server = serverInfo(result.summary.server, this.server);
      } finally {
        // Not awaited: a hung connection must not hold the check; the pool reclaims it.
        session.close().catch(() => undefined);
      }
      return healthyResult('neo4j', waitedMs, this.server);
    } catch (error) {
      this.needsVerify = true;
      if (signal.aborted) return failureResult(this.ctx, 'timeout', `no answer within ${this.timeoutMs} ms`);
      return resultFromError({ ...this.ctx, server: this.server }, error);
    }
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      // The driver says goodbye on its idle connections first; whatever is left is stuck.
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
