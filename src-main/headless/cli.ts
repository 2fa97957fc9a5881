/**
 * The headless CLI (`walltrack-monitor`, `npm run headless -- …`): the same core as the tray app,
 * without Electron. `check` for scripts and CI, `serve` for a long-running /api/health.
 */
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { CredentialVault } from '../core/credentials/CredentialVault.js';
import { createMonitorCore } from '../core/createMonitorCore.js';
import { WallTrackError } from '../core/errors.js';
import { createLogger } from '../core/logging.js';
import { appPaths, defaultDataDir } from '../core/paths.js';
import { APP_VERSION } from '../core/version.js';
import { EXIT_CONFIG, EXIT_UNHEALTHY, formatSnapshot, runCheck } from './check.js';
import { readEnvConfig } from './envConfig.js';
import { createHealthServer } from './healthServer.js';
import { setupServeBrowserMode } from './browser/serveBrowserMode.js';
import { setupServeMetrics, type ServeMetricsFlags } from './metrics/serveMetrics.js';

export const DEFAULT_PORT = 8765;

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

function parseIntArg(min: number, max: number, what: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new InvalidArgumentError(`${what} must be a whole number from ${min} to ${max}.`);
    }
    return Number(value);
  };
}

/** WALLTRACK_KEYCHAIN_SERVICE selects another keychain service (a second profile, or tests). */
function vaultFor(env: NodeJS.ProcessEnv): CredentialVault {
  const service = env.WALLTRACK_KEYCHAIN_SERVICE?.trim();
  return new CredentialVault(service ? { service } : {});
}

function describeError(error: unknown): { message: string; hint?: string; name: string } {
  if (error instanceof WallTrackError) return { name: error.name, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  return { name: 'Error', message: error instanceof Error ? error.message : String(error) };
}

/** Runs the CLI and resolves with the exit code (serve resolves when it has shut down). */
export async function runCli(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  let exitCode = 0;
  const dataDir = defaultDataDir(io.env);
  const program = new Command()
    .name('walltrack-monitor')
    .description('Checks whether WallTrack\'s Supabase and Neo4j databases are reachable.')
    .version(APP_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .addHelpText(
      'after',
      `\nConfiguration: environment variables SUPABASE_URL, SUPABASE_KEY, NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD,\n` +
        `SUPABASE_PROBE_TABLE, NEO4J_DATABASE, WALLTRACK_TIMEOUT_MS, WALLTRACK_SLOW_MS when any is set; otherwise the app's saved\n` +
        `settings (${appPaths(dataDir).settingsFile}) and the OS keychain. WALLTRACK_DATA_DIR moves the data folder;\nWALLTRACK_KEYCHAIN_SERVICE selects another keychain service (default walltrack-monitor).`,
    );

  program
    .command('check')
    .description('check every configured database once; exit 0 ok, 1 degraded or down, 2 configuration error')
    .option('--json', 'print the snapshot as JSON')
    .action(async (opts: { json?: boolean }) => {
      const paths = appPaths(dataDir);
      // stderr is for people here: only what they must act on (a settings file moved aside, an unwritable log).
      const log = createLogger({ file: paths.logFile, console: { stream: io.stderr, pretty: true, noticesOnly: true } });
      try {
        const { exitCode: code, snapshot } = await runCheck({ env: io.env, dataDir, logger: log.logger, vault: vaultFor(io.env) });
        io.stdout.write(opts.json ? JSON.stringify(snapshot, null, 2) + '\n' : formatSnapshot(snapshot));
        exitCode = code;
      } catch (error) {
        const e = describeError(error);
        if (opts.json) io.stdout.write(JSON.stringify({ error: e }, null, 2) + '\n');
        io.stderr.write(`walltrack-monitor: ${e.message}\n${e.hint ? `hint: ${e.hint}\n` : ''}`);
        exitCode = error instanceof WallTrackError ? EXIT_CONFIG : EXIT_UNHEALTHY;
      } finally {
        log.close();
      }
    });

  program
    .command('serve')
    .description('run the monitor and serve GET /api/health on 127.0.0.1 (200 when ok, 503 otherwise)')
    .option('--port <n>', `port on 127.0.0.1 (0 = any free port)`, parseIntArg(0, 65_535, '--port'), DEFAULT_PORT)
    .option('--interval <seconds>', 'seconds between checks (default: saved setting, 30)', parseIntArg(1, 86_400, '--interval'))
    .option('--no-ui', 'do not serve the status and settings windows (browser mode)')
    .option('--metrics-token-file <file>', 'require "Authorization: Bearer <token>" on GET /metrics (the file must be chmod 600)')
    .option('--listen <address>', 'also serve GET /metrics (only) on this non-loopback IP address, same port; needs --metrics-token-file')
    .action(async (opts: { port: number; interval?: number; ui: boolean } & ServeMetricsFlags) => {
      exitCode = await serve(opts, dataDir, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_CONFIG;
    throw error;
  }
  return exitCode;
}

async function serve(opts: { port: number; interval?: number; ui?: boolean } & ServeMetricsFlags, dataDir: string, io: CliIo): Promise<number> {
  const paths = appPaths(dataDir);
  const isTty = Boolean((io.stderr as NodeJS.WriteStream).isTTY);
  const log = createLogger({ file: paths.logFile, console: { stream: io.stderr, pretty: isTty } });
  let core;
  let metrics;
  try {
    metrics = setupServeMetrics(opts, log.logger);
    const override = readEnvConfig(io.env);
    core = createMonitorCore({
      dataDir,
      logger: log.logger,
      vault: vaultFor(io.env),
      ...(override ? { env: override } : {}),
      ...(opts.interval ? { monitorOverrides: { intervalSec: opts.interval } } : {}),
    });
  } catch (error) {
    const e = describeError(error);
    log.logger.error({ hint: e.hint }, e.message);
    log.close();
    return EXIT_CONFIG;
  }
  // Listen first: /api/health answers (not ok yet) while a slow or locked keychain is being read.
  const browser = setupServeBrowserMode({ core, log: log.logger, version: APP_VERSION, enabled: opts.ui !== false });
  let server;
  try {
    server = await createHealthServer({ core, port: opts.port, host: '127.0.0.1', ...metrics.serverHooks(core, browser.serverHooks) });
  } catch (error) {
    log.logger.error({ port: opts.port, reason: (error as Error).message }, `Cannot listen on 127.0.0.1:${opts.port}; choose another --port`);
    await core.stop();
    log.close();
    return EXIT_CONFIG;
  }
  if (!(await metrics.listen(server.port))) {
    await Promise.all([browser.close(), server.close(), metrics.close()]);
    await core.stop();
    log.close();
    return EXIT_CONFIG;
  }
  log.logger.info({ url: `${server.url}/api/health`, logFile: paths.logFile }, `Serving ${server.url}/api/health`);
  io.stdout.write(`${server.url}/api/health\n`);
  browser.announce(server.port, io.stdout);

  const code = await new Promise<number>((resolve) => {
    const done = (exitCode: number) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(exitCode);
    };
    const onSignal = (signal: NodeJS.Signals) => {
      log.logger.info({ signal }, 'Shutting down');
      done(0);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    core.start().catch((error: unknown) => {
      log.logger.error({ reason: describeError(error).message }, 'The monitor could not start');
      done(EXIT_UNHEALTHY);
    });
  });
  await browser.close();
  await metrics.close();
  await server.close();
  await core.stop(5_000);
  log.close();
  return code;
}

// Run when executed directly (tsx src-main/headless/cli.ts, or the bundled file).
const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  runCli(process.argv.slice(2)).then(
    // Exit once stdout is flushed: closed clients may leave idle handles behind.
    (code) => process.stdout.write('', () => process.exit(code)),
    (error: unknown) => {
      process.stderr.write(`walltrack-monitor: ${describeError(error).message}\n`);
      process.exit(EXIT_CONFIG);
    },
  );
}
