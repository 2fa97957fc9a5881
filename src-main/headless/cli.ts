/**
 * The headless CLI (`walltrack-monitor`, `npm run headless -- …`): the same core as the tray app,
 * without Electron. `check` for scripts and CI, `serve` for a long-running /api/health, `history` and
 * `incidents` to read the durable record.
 */
// First: it must run before loading the rest can grow V8's young generation (see the module).
import '../core/memoryPolicy.js';
import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { DATABASE_KINDS, kindSecrets } from '../common/databases.js';
import { CHART_RANGES, type ChartRange } from '../common/history.js';
import type { DatabaseId } from '../common/schemas.js';
import type { MonitorCore } from '../core/MonitorCore.js';
import { CredentialVault } from '../core/credentials/CredentialVault.js';
import { createMonitorCore } from '../core/createMonitorCore.js';
import { ValidationError, WallTrackError } from '../core/errors.js';
import { DatabaseRefSchema, describeIssues } from '../common/contract.js';
import { createLogger, type Logger } from '../core/logging.js';
import { appPaths, defaultDataDir } from '../core/paths.js';
import { APP_VERSION } from '../core/version.js';
import { EXIT_CONFIG, EXIT_UNHEALTHY, runCheck, type CheckOptions, type CoreFactory } from './check.js';
import { formatReport, wantsColour } from './checkReport.js';
import { environmentSecretVariable, MAX_CONFIG_BYTES } from './configFile.js';
import { chooseConfig } from './configSource.js';
import { ENVIRONMENT_ID_VARIABLE, MONITOR_VARIABLES, variablesOf } from './envConfig.js';
import { createHealthServer, HEALTH_ALL_PATH, HEALTH_PATH } from './healthServer.js';
import { openStatusWindow } from './browser/openCommand.js';
import { setupServeBrowserMode } from './browser/serveBrowserMode.js';
import { setupServeMetrics, type ServeMetricsFlags } from './metrics/serveMetrics.js';
import { HISTORY_PATH, INCIDENTS_PATH } from './browser/recordApi.js';
import { runDiagnostics, type DiagnosticsOptions } from './diagnostics.js';
import { formatHistory, formatIncidents, openRecordCore, readHistory, readIncidents, SINCE_DURATION_HELP, sinceDuration } from './record.js';

export const DEFAULT_PORT = 8765;
const DATABASE_IDS = DATABASE_KINDS.map((k) => k.id);

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** Tests pass a MonitorCore double; the bin uses the real composer. */
  createCore?: CoreFactory;
  /** Tests fix the clock the report's ages are counted from. */
  now?: () => number;
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

/**
 * What `check` and `diagnostics` both hand their runner: the same configuration sources (--config, the
 * environment, the data folder), the keychain, the --env selection, and the tests' core factory if given.
 */
function configuredRunOptions(opts: { env?: string[]; config?: string }, dataDir: string, io: CliIo, logger: Logger): CheckOptions & DiagnosticsOptions {
  return {
    env: io.env,
    dataDir,
    logger,
    vault: vaultFor(io.env),
    configFile: opts.config,
    environments: opts.env ?? [],
    ...(io.createCore ? { createCore: io.createCore } : {}),
  };
}

const ACK_HELP = [
  '',
  'Writes the acknowledgement into the data folder (attention.json), the same one the tray app and `serve` use;',
  'they take it up at their next check, and it holds across restarts. Whether the database is failing is taken from',
  'the record (history.sqlite). It ends when the database answers again or fails with another kind.',
  'Exit: 0 acknowledged; 2 unknown environment or database, or it is not down or retrying (the message says which).',
].join('\n');

function describeError(error: unknown): { message: string; hint?: string; name: string } {
  if (error instanceof WallTrackError) return { name: error.name, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  return { name: 'Error', message: error instanceof Error ? error.message : String(error) };
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Prints a failure for people (stderr) and, with --json, as {"error": ...} on stdout; returns the exit code. */
function reportFailure(error: unknown, json: boolean, io: CliIo): number {
  const e = describeError(error);
  if (json) io.stdout.write(JSON.stringify({ error: e }, null, 2) + '\n');
  io.stderr.write(`walltrack-monitor: ${e.message}\n${e.hint ? `hint: ${e.hint}\n` : ''}`);
  return error instanceof WallTrackError ? EXIT_CONFIG : EXIT_UNHEALTHY;
}

function choiceArg<T extends string>(flag: string, allowed: readonly T[]) {
  return (value: string): T => {
    if (!allowed.includes(value as T)) throw new InvalidArgumentError(`${flag} must be one of ${allowed.join(', ')}.`);
    return value as T;
  };
}

function sinceArg(value: string): string {
  const since = sinceDuration(value);
  if (since === null) throw new InvalidArgumentError(`--since must be ${SINCE_DURATION_HELP}.`);
  return since;
}

function configurationHelp(dataDir: string): string {
  const secretVariables = DATABASE_KINDS.flatMap(kindSecrets).map((s) => s.envVar).join(', ');
  const example = environmentSecretVariable('production', DATABASE_KINDS.at(-1)!.secret);
  return [
    '',
    'Configuration, the first that applies:',
    `  --config FILE  a settings JSON (version 2: "environments", "monitor"; at most ${MAX_CONFIG_BYTES / 1024 / 1024} MiB) with no secret in it.`,
    '                 Each secret comes from WALLTRACK_<ENV>_<VARIABLE> (ENV = the environment id upper-cased, "-" as "_";',
    `                 VARIABLE = ${secretVariables}), e.g. ${example}, or else from the OS keychain.`,
    `  variables      ${[...DATABASE_KINDS.flatMap(variablesOf), ...MONITOR_VARIABLES].join(', ')}`,
    `                 define one environment, its id ${ENVIRONMENT_ID_VARIABLE} (default "default"); the keychain is not read.`,
    '                 Each database needs its endpoint and its secret; a database none of whose variables is set is not monitored.',
    `  otherwise      the app's saved settings (${appPaths(dataDir).settingsFile}) and the OS keychain.`,
    '--config together with the variables is an error: pick one.',
    'WALLTRACK_DATA_DIR moves the data folder; WALLTRACK_KEYCHAIN_SERVICE selects another keychain service (default walltrack-monitor).',
  ].join('\n');
}

const CHECK_HELP = [
  '',
  'Exit codes:',
  '  0  every configured database of the selected environments is healthy (a slow answer, "degraded", counts as healthy)',
  '  1  a configured database is not: down (wrong password, stopped, unreachable, ...), or not answering yet',
  '  2  configuration or usage error, on stderr (and as {"error": {...}} on stdout with --json): nothing configured, a database',
  '     with its endpoint but not its secret (or the reverse), an unknown --env, a bad --config file, --config together with',
  '     the variables, the keychain unavailable, a bad argument',
  '',
  '--json prints the snapshot restricted to the selected environments: {status, version, checkedAt, paused,',
  'environments: [{id, name, colour, status, paused, databases: {<kind>: {...}}}]}; status is the worst of them.',
].join('\n');

const RECORD_EXIT_CODES = [
  '',
  'Exit codes:',
  '  0  printed (an empty record is not an error)',
  '  1  the record could not be read (see the log file)',
  '  2  configuration or usage error, on stderr (and as {"error": {...}} on stdout with --json): an unknown --env,',
  '     a bad --db, --since or --limit, a bad --config file, --config together with the variables',
  '',
  'Reads the data folder\'s history as saved by the tray app or `serve` (also while one of them runs); checks nothing,',
  'and never reads the keychain. The environments come from the same sources as for `check` (see walltrack-monitor --help).',
];

const HISTORY_HELP = [
  ...RECORD_EXIT_CODES,
  '',
  'Per environment and database: its state and since when, uptime over 24 h, 7 d, 30 d and 365 d (answered checks ÷',
  'checks; "-" where nothing was checked), the checks counted in each period, and for --since the points, failed checks,',
  'latency min/avg/max and the failed checks that recovered on a retry (not incidents).',
  '--json prints the history views: [{environment, database, endpoint, range, from, to, stepSec, points: [{at, checks,',
  'failed, degraded, latencyMs, kind?, state?}], uptime: [{window, ratio, checks}], recoveredRetries}].',
].join('\n');

const INCIDENTS_HELP = [
  ...RECORD_EXIT_CODES,
  '',
  'Newest first: environment, database, start (local time; TZ applies), duration or "ongoing", failure kind, message.',
  '--json prints {incidents: [{id, environment, database, endpoint, startedAt, endedAt, durationMs, kind?, message?, hint?}]}',
  '(times in ISO 8601, UTC; endedAt and durationMs are null while the incident is ongoing).',
].join('\n');

const DIAGNOSTICS_HELP = [
  '',
  'Checks nothing: each database is shown as the data folder\'s history last recorded it (read only; a running app or',
  'serve keeps writing it), with the last 50 state changes. Secrets are read only to say "stored" or "missing"; no',
  'secret, and nothing shaped like one (user:password@ in a URL, ?apikey=…), is printed: such parts read ***.',
  'The tray menu and the status window ("Copy diagnostics") give the same report with their live results.',
  'Exit: 0 printed; 2 configuration or usage error (an unknown --env, a bad --config file, …).',
].join('\n');

const SERVE_HELP = [
  '',
  `GET ${HEALTH_PATH}: the first environment in the original service's shape, {"status": "ok"|"degraded", "version",`,
  '"databases": {<kind>: {"status": "connected"|"disconnected"|"error", "healthy"}}}, plus details under other keys;',
  `${HEALTH_PATH}?env=ID answers for another environment (404 for an unknown id); GET ${HEALTH_ALL_PATH} answers for every one.`,
  'HTTP 200 when "status" is "ok" (every database of the answer healthy), 503 otherwise.',
'',
`With the status window (not with --no-ui), GET ${HISTORY_PATH}?environment=ID&database=KIND[&range=1h|24h|7d] and`,
`GET ${INCIDENTS_PATH}[?environment=ID][&database=KIND][&since=ISO-TIME][&limit=1-500] answer the history view and the`,
'incident list as JSON; they need the status window\'s token (printed after #token=) as "Authorization: Bearer <token>".',
'400 names a bad parameter, 404 an unknown environment, 401 a missing or wrong token.',
'GET /metrics: Prometheus metrics (token-free unless --metrics-token-file).',
].join('\n');

/** Runs the CLI and resolves with the exit code (serve resolves when it has shut down). */
export async function runCli(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<number> {
  let exitCode = 0;
  const dataDir = defaultDataDir(io.env);
  const program = new Command()
    .name('walltrack-monitor')
    .description(`Checks whether WallTrack's ${DATABASE_KINDS.map((k) => k.label).join(' and ')} databases are reachable, in each environment.`)
    .version(APP_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .addHelpText('after', configurationHelp(dataDir));

  program
    .command('check')
    .description('check the databases of every environment (or of each --env) once; exit 0 all healthy, 1 not, 2 configuration error')
    .option('--env <id>', 'check this environment only (repeatable; default: every environment)', collect)
    .option('--config <file>', 'read the settings from this JSON file (see walltrack-monitor --help)')
    .option('--json', 'print the snapshot as JSON')
    .option('--no-color', 'no colour in the report (also when NO_COLOR is set, or stdout is not a terminal)')
    .addHelpText('after', CHECK_HELP)
    .action(async (opts: { env?: string[]; config?: string; json?: boolean; color: boolean }) => {
      const paths = appPaths(dataDir);
      // stderr is for people here: only what they must act on (a settings file moved aside, an unwritable log).
      const log = createLogger({ file: paths.logFile, console: { stream: io.stderr, pretty: true, noticesOnly: true } });
      try {
        const { exitCode: code, snapshot } = await runCheck(configuredRunOptions(opts, dataDir, io, log.logger));
        const report = () => formatReport(snapshot, { colour: wantsColour(io.stdout, io.env, opts.color), now: (io.now ?? Date.now)(), timeZone: io.env.TZ });
        io.stdout.write(opts.json ? JSON.stringify(snapshot, null, 2) + '\n' : report());
        exitCode = code;
      } catch (error) {
        exitCode = reportFailure(error, Boolean(opts.json), io);
      } finally {
        log.close();
      }
    });

  program
    .command('history')
    .description('print uptime over 24 h, 7 d, 30 d and 365 d and the recent history of each database, from the data folder')
    .option('--env <id>', 'this environment only (repeatable; default: every environment)', collect)
    .option('--db <kind>', `this database only: ${DATABASE_KINDS.map((k) => k.id).join(' or ')}`, choiceArg('--db', DATABASE_IDS))
    .option('--since <range>', `the recent history to summarise: ${CHART_RANGES.join(', ')}`, choiceArg('--since', CHART_RANGES), '24h')
    .option('--config <file>', 'read the settings from this JSON file (see walltrack-monitor --help)')
    .option('--json', 'print the history views as JSON')
    .addHelpText('after', HISTORY_HELP)
    .action(async (opts: { env?: string[]; db?: DatabaseId; since: ChartRange; config?: string; json?: boolean }) => {
      exitCode = await withRecordCore(opts, dataDir, io, (core) => {
        const entries = readHistory(core, { environments: opts.env ?? [], ...(opts.db ? { database: opts.db } : {}), range: opts.since });
        return opts.json ? JSON.stringify(entries.map((e) => e.view), null, 2) + '\n' : formatHistory(entries, { timeZone: io.env.TZ });
      });
    });

  program
    .command('incidents')
    .description('print the incidents (a database down until it recovered), newest first, from the data folder')
    .option('--env <id>', 'this environment only (repeatable; default: every environment)', collect)
    .option('--db <kind>', `this database only: ${DATABASE_KINDS.map((k) => k.id).join(' or ')}`, choiceArg('--db', DATABASE_IDS))
    .option('--since <duration>', `only incidents ongoing or started within this long: ${SINCE_DURATION_HELP}`, sinceArg)
    .option('--limit <n>', 'at most this many (1 to 500)', parseIntArg(1, 500, '--limit'), 50)
    .option('--config <file>', 'read the settings from this JSON file (see walltrack-monitor --help)')
    .option('--json', 'print the incident list as JSON')
    .addHelpText('after', INCIDENTS_HELP)
    .action(async (opts: { env?: string[]; db?: DatabaseId; since?: string; limit: number; config?: string; json?: boolean }) => {
      exitCode = await withRecordCore(opts, dataDir, io, (core) => {
        const request = { environments: opts.env ?? [], ...(opts.db ? { database: opts.db } : {}), ...(opts.since ? { since: opts.since } : {}), limit: opts.limit };
        const list = readIncidents(core, request);
        return opts.json ? JSON.stringify(list, null, 2) + '\n' : formatIncidents(list, core.snapshot(), { timeZone: io.env.TZ });
      });
    });

  program
    .command('diagnostics')
    .description('print a redacted report for a bug report or support: version, OS, settings without secrets, last results, state changes')
    .option('--env <id>', 'this environment only (repeatable; default: every environment)', collect)
    .option('--config <file>', 'read the settings from this JSON file (see walltrack-monitor --help)')
    .addHelpText('after', DIAGNOSTICS_HELP)
    .action(async (opts: { env?: string[]; config?: string }) => {
      const log = createLogger({ file: appPaths(dataDir).logFile, console: { stream: io.stderr, pretty: true, noticesOnly: true } });
      try {
        const report = await runDiagnostics(configuredRunOptions(opts, dataDir, io, log.logger));
        io.stdout.write(report);
      } catch (error) {
        exitCode = reportFailure(error, false, io);
      } finally {
        log.close();
      }
    });

  program
    .command('ack')
    .argument('<environment>', 'the environment id, e.g. production')
    .argument('<database>', `the database: ${DATABASE_KINDS.map((k) => k.id).join(' or ')}`)
    .description('acknowledge a down or retrying database: no red tray and no notification for it until it recovers or fails differently')
    .option('--config <file>', 'read the settings from this JSON file (see walltrack-monitor --help)')
    .addHelpText('after', ACK_HELP)
    .action(async (environment: string, database: string, opts: { config?: string }) => {
      exitCode = await withRecordCore(opts, dataDir, io, (core) => acknowledgeFromCli(core, environment, database, { timeZone: io.env.TZ }));
    });

  program
    .command('serve')
    .description(`run the monitor for every environment and serve GET ${HEALTH_PATH} on 127.0.0.1 (200 when ok, 503 otherwise)`)
    .option('--port <n>', `port on 127.0.0.1 (0 = any free port)`, parseIntArg(0, 65_535, '--port'), DEFAULT_PORT)
    .option('--interval <seconds>', 'seconds between checks (default: saved setting, 30)', parseIntArg(1, 86_400, '--interval'))
    .option('--config <file>', 'read the settings from this JSON file (see walltrack-monitor --help)')
    .option('--no-ui', 'do not serve the status and settings windows (browser mode)')
    .option('--metrics-token-file <file>', 'require "Authorization: Bearer <token>" on GET /metrics (the file must be chmod 600)')
    .option('--listen <address>', 'also serve GET /metrics (only) on this non-loopback IP address, same port; needs --metrics-token-file')
    .addHelpText('after', SERVE_HELP)
    .action(async (opts: { port: number; interval?: number; config?: string; ui: boolean } & ServeMetricsFlags) => {
      exitCode = await serve(opts, dataDir, io);
    });

  program
    .command('open')
    .description('show the running serve\'s status window again (its URL and access token), without restarting it')
    .option('--print', 'print the URL only; do not ask the desktop to open it')
    .action(async (opts: { print?: boolean }) => {
      exitCode = await openStatusWindow({ dataDir, print: opts.print === true, stdout: io.stdout, stderr: io.stderr, env: io.env });
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_CONFIG;
    throw error;
  }
  return exitCode;
}

/** Opens the record's core (never started), prints what `read` returns, stops it; the exit code. */
async function withRecordCore(opts: { config?: string; json?: boolean }, dataDir: string, io: CliIo, read: (core: MonitorCore) => string): Promise<number> {
  const log = createLogger({ file: appPaths(dataDir).logFile, console: { stream: io.stderr, pretty: true, noticesOnly: true } });
  let core: MonitorCore | undefined;
  try {
    core = openRecordCore({ env: io.env, dataDir, logger: log.logger, configFile: opts.config, ...(io.createCore ? { createCore: io.createCore } : {}) });
    io.stdout.write(read(core));
    return 0;
  } catch (error) {
    return reportFailure(error, Boolean(opts.json), io);
  } finally {
    await core?.stop();
    log.close();
  }
}

/** Validated like the contract's call (ids from the settings), then saved in the data folder for the running app to pick up. */
function acknowledgeFromCli(core: MonitorCore, environment: string, database: string, options: { timeZone?: string | undefined }): string {
  const parsed = DatabaseRefSchema.safeParse({ environment, database });
  if (!parsed.success) throw new ValidationError('ack', `${describeIssues(parsed.error).join('; ')}`, { hint: `e.g. walltrack-monitor ack production ${DATABASE_IDS[0]}` });
  const snapshot = core.acknowledge(parsed.data, userInfo().username);
  const status = snapshot.environments.find((e) => e.id === parsed.data.environment)!.databases[parsed.data.database]!;
  const at = new Date(status.attention!.acknowledged!.at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', ...(options.timeZone ? { timeZone: options.timeZone } : {}) });
  return `Acknowledged ${status.label} in ${parsed.data.environment} at ${at}. A running WallTrack Monitor (app or serve) takes it up at its next check.\n`;
}

async function serve(opts: { port: number; interval?: number; config?: string; ui?: boolean } & ServeMetricsFlags, dataDir: string, io: CliIo): Promise<number> {
  const paths = appPaths(dataDir);
  const isTty = Boolean((io.stderr as NodeJS.WriteStream).isTTY);
  const log = createLogger({ file: paths.logFile, console: { stream: io.stderr, pretty: isTty } });
  let core;
  let metrics;
  try {
    metrics = setupServeMetrics(opts, log.logger);
    const override = chooseConfig({ env: io.env, configFile: opts.config });
    core = (io.createCore ?? createMonitorCore)({
      dataDir,
      logger: log.logger,
      // Its windows (browser mode) are who asks for diagnostics.
      host: 'browser',
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
  const browser = setupServeBrowserMode({ core, log: log.logger, version: APP_VERSION, enabled: opts.ui !== false, dataDir });
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
  log.logger.info({ url: `${server.url}${HEALTH_PATH}`, logFile: paths.logFile }, `Serving ${server.url}${HEALTH_PATH}`);
  // One URL to open: the window's when it is served (/api/health is in the log line above), else /api/health's.
  if (!browser.announce(server.port, io.stdout)) io.stdout.write(`${server.url}${HEALTH_PATH}\n`);

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
    core.start().then(
      () => browser.guide(io.stdout),
      (error: unknown) => {
        log.logger.error({ reason: describeError(error).message }, 'The monitor could not start');
        done(EXIT_UNHEALTHY);
      },
    );
  });
  // stop() emits `stopped` at once: connected windows hear it before their sockets close.
  const stopping = core.stop(5_000);
  await browser.close();
  await metrics.close();
  await server.close();
  await stopping;
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
