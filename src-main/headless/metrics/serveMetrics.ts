/**
 * How `walltrack-monitor serve` adds Prometheus metrics: GET /metrics on its loopback server (behind
 * that server's Host check), and with `--listen ADDR` a second, metrics-only server on ADDR with the
 * same port. A network address is refused without `--metrics-token-file`. The CLI calls only this.
 */
import { ConfigurationError } from '../../core/errors.js';
import type { HealthServerOptions } from '../healthServer.js';
import { createMetricsCollector, type MetricsCollector, type MetricsCore } from './collector.js';
import { metricsRoute } from './metricsRoute.js';
import { readMetricsTokenFile } from './metricsToken.js';
import { parseListenAddress, startNetworkListener, type NetworkListener } from './networkListener.js';

export interface ServeMetricsFlags {
  listen?: string;
  metricsTokenFile?: string;
}

interface Logger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

type Hooks = Pick<HealthServerOptions, 'routes' | 'onUpgrade'>;

export interface ServeMetrics {
  /** Starts collecting from `core`; returns browser mode's hooks with /metrics tried first, for createHealthServer. */
  serverHooks(core: MetricsCore, hooks: Hooks): Hooks;
  /** Starts the --listen server on `port` (the loopback server's); false (logged) when it cannot. */
  listen(port: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Checks the flags before anything starts; throws ConfigurationError naming the flag to fix. */
export function setupServeMetrics(flags: ServeMetricsFlags, log: Logger): ServeMetrics {
  const address = flags.listen === undefined ? null : parseListenAddress(flags.listen);
  if (address && flags.metricsTokenFile === undefined) {
    throw new ConfigurationError(`--listen ${flags.listen} would serve /metrics to the network without a token; nothing was started`, {
      hint: 'Add --metrics-token-file FILE (one token, chmod 600) and give Prometheus the same token (authorization: credentials_file)',
    });
  }
  const token = flags.metricsTokenFile === undefined ? null : readMetricsTokenFile(flags.metricsTokenFile);
  let collector: MetricsCollector | null = null;
  let route: ReturnType<typeof metricsRoute> | null = null;
  let network: NetworkListener | null = null;
  return {
    serverHooks(core, hooks) {
      collector = createMetricsCollector(core);
      const metrics = (route = metricsRoute(collector, token));
      return { ...hooks, routes: async (req, res) => (await metrics(req, res)) || ((await hooks.routes?.(req, res)) ?? false) };
    },
    async listen(port) {
      if (!address) return true;
      if (!route) throw new Error('serverHooks() must come before listen()');
      try {
        network = await startNetworkListener({ address, port, route });
      } catch (error) {
        log.error(
          { address: address.ip, port, reason: (error as Error).message },
          `Cannot listen on ${address.urlHost}:${port}; --listen must be an address of this machine and the port free there`,
        );
        return false;
      }
      log.warn(
        { url: `${network.url}/metrics` },
        `Serving /metrics to the network on ${network.url}/metrics (bearer token required; nothing else is served there)`,
      );
      return true;
    },
    async close() {
      collector?.close();
      await network?.close();
    },
  };
}
