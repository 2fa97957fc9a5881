/**
 * What the tray says for a snapshot: the tooltip line and the context menu, as plain data.
 * Database names are the snapshot's labels (from the registry); with one environment the tray reads
 * as it did before environments, with several it leads with what is wrong.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { databaseIds } from '../common/databases.js';
import type { DatabaseState, DatabaseStatus, EnvironmentId, EnvironmentStatus, FailureKind, Snapshot } from '../common/schemas.js';
import { TRAY_STATES, compareWorstFirst, environmentIconState } from './trayIcons.js';

/** The short word per database state; describeDatabase adds latency or the reason. */
const STATE_WORDS: Record<DatabaseState, string> = {
  healthy: 'ok',
  degraded: 'slow',
  retrying: 'retrying',
  down: 'down',
  not_configured: 'not configured',
  unknown: 'not checked yet',
};

const KIND_TEXT: Record<FailureKind, string> = {
  not_configured: 'not configured',
  invalid_config: 'invalid settings',
  dns: 'host not found',
  refused: 'connection refused',
  tls: 'TLS error',
  timeout: 'timed out',
  reset: 'connection reset',
  auth_failed: 'auth failed',
  server_error: 'server error',
  paused: 'paused',
  unreachable_origin: 'origin unreachable',
  database_offline: 'database offline',
  unknown: 'error',
};

/**
 * Windows keeps 127 characters of a tray tooltip (NOTIFYICONDATA.szTip is 128 UTF-16 units with the
 * terminator; Electron's docs state no limit and older Electrons crashed past it, electron/electron#3290).
 */
export const TOOLTIP_MAX = 127;
const TOOLTIP_PREFIX = 'WallTrack — ';
const SEPARATOR = ' · ';

/** e.g. "ok 42 ms", "slow 1200 ms", "down: auth failed", "retrying: timed out". */
export function describeDatabase(status: DatabaseStatus): string {
  const word = STATE_WORDS[status.status];
  switch (status.status) {
    case 'healthy':
    case 'degraded':
      return status.latencyMs === null ? word : `${word} ${Math.round(status.latencyMs)} ms`;
    case 'retrying':
    case 'down':
      return `${word}: ${KIND_TEXT[status.kind ?? 'unknown']}`;
    default:
      return word;
  }
}

/** Names and labels come from a settings file: a line break or control character must not add lines to the tooltip or menu. */
const oneLine = (text: string): string => text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
const nameOf = (environment: EnvironmentStatus): string => oneLine(environment.name);
const labelOf = (database: DatabaseStatus): string => oneLine(database.label);

/** The environment's databases in registry order (a kind it does not monitor is absent). */
function databasesOf(environment: EnvironmentStatus): DatabaseStatus[] {
  return databaseIds().flatMap((id) => environment.databases[id] ?? []);
}

function pausedText(paused: EnvironmentStatus['paused'], formatTime: (iso: string) => string): string | null {
  if (!paused) return null;
  return paused.until ? `paused until ${formatTime(paused.until)}` : 'paused';
}

export const defaultFormatTime = (iso: string): string =>
  new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * One environment: `WallTrack — <label> ok 42 ms · <label> down: auth failed` ("paused …" first when paused).
 * Several: `WallTrack — production: <label> down · staging ok`, worst first, then in settings order.
 */
export function trayTooltip(snapshot: Snapshot, formatTime = defaultFormatTime): string {
  const [only, ...others] = snapshot.environments;
  if (!only) return `${TOOLTIP_PREFIX}no environments`;
  if (others.length === 0) {
    const parts = databasesOf(only).map((d) => `${labelOf(d)} ${describeDatabase(d)}`);
    const paused = pausedText(only.paused, formatTime);
    const text = TOOLTIP_PREFIX + (paused ? [paused, ...parts] : parts).join(SEPARATOR);
    return text.length <= TOOLTIP_MAX ? text : `${text.slice(0, TOOLTIP_MAX - 1)}…`;
  }
  const ranked = snapshot.environments
    .map((environment) => ({ environment, state: environmentIconState(environment) }))
    .sort((a, b) => compareWorstFirst(a.state, b.state)); // stable: ties keep settings order
  return fitTooltip(ranked.map(({ environment, state }) => environmentSummary(environment, state, formatTime)));
}

/** "staging ok", "demo paused until 13:00", "dev not configured", "production: <label> down, <label> slow". */
function environmentSummary(environment: EnvironmentStatus, state: keyof typeof TRAY_STATES, formatTime: (iso: string) => string): string {
  const name = nameOf(environment);
  if (state === 'paused') return `${name} ${pausedText(environment.paused, formatTime)}`;
  const databases = databasesOf(environment);
  const unwell = databases.filter((d) => d.status !== 'healthy');
  if (state === 'ok' || unwell.length === 0) return `${name} ${TRAY_STATES[state].word}`;
  // Several databases all in the same state ("not checked yet" at start): say it once.
  if (databases.length > 1 && unwell.length === databases.length && unwell.every((d) => d.status === unwell[0]!.status)) {
    return `${name} ${STATE_WORDS[unwell[0]!.status]}`;
  }
  return `${name}: ${unwell.map((d) => `${labelOf(d)} ${STATE_WORDS[d.status]}`).join(', ')}`;
}

/** As many whole parts as fit in TOOLTIP_MAX with "+N more" for the rest; the first part is cut if even it does not fit. */
function fitTooltip(parts: string[]): string {
  const more = (hidden: number): string[] => (hidden > 0 ? [`+${hidden} more`] : []);
  for (let shown = parts.length; shown > 0; shown--) {
    const text = TOOLTIP_PREFIX + [...parts.slice(0, shown), ...more(parts.length - shown)].join(SEPARATOR);
    if (text.length <= TOOLTIP_MAX) return text;
  }
  const tail = more(parts.length - 1).map((m) => SEPARATOR + m).join('');
  const room = TOOLTIP_MAX - TOOLTIP_PREFIX.length - tail.length - 1;
  return `${TOOLTIP_PREFIX}${parts[0]!.slice(0, room)}…${tail}`;
}

/** Omitted environment = every environment. */
export interface TrayActions {
  checkNow(environment?: EnvironmentId): void;
  pauseOneHour(environment?: EnvironmentId): void;
  resume(environment?: EnvironmentId): void;
  openStatus(): void;
  openSettings(): void;
  setStartAtLogin(enabled: boolean): void;
  quit(): void;
}

/** Electron takes a single "&" in a menu label for a Windows access key and hides it; "&&" shows one. */
const menuText = (text: string): string => text.replaceAll('&', '&&');

function databaseLines(environment: EnvironmentStatus, idPrefix: string): MenuItemConstructorOptions[] {
  return databasesOf(environment).map((d) => ({
    id: `${idPrefix}${d.database}`,
    label: menuText(`${labelOf(d)}: ${describeDatabase(d)}`),
    enabled: false,
  }));
}

export function trayMenuTemplate(
  snapshot: Snapshot,
  options: { startAtLogin: boolean; canStartAtLogin: boolean },
  actions: TrayActions,
  formatTime = defaultFormatTime,
): MenuItemConstructorOptions[] {
  const environments = snapshot.environments;
  const top: MenuItemConstructorOptions[] = [];
  if (environments.length === 1) {
    const paused = pausedText(environments[0]!.paused, formatTime);
    top.push(
      ...databaseLines(environments[0]!, 'database-'),
      { type: 'separator' },
      { id: 'check-now', label: 'Check now', click: () => actions.checkNow() },
      paused
        ? { id: 'resume', label: `Resume (${paused})`, click: () => actions.resume() }
        : { id: 'pause', label: 'Pause for 1 hour', click: () => actions.pauseOneHour() },
    );
  } else {
    top.push(...environments.map((environment) => environmentSubmenu(environment, actions, formatTime)));
    if (top.length > 0) top.push({ type: 'separator' });
    top.push({ id: 'check-now', label: 'Check all now', click: () => actions.checkNow() });
    if (environments.some((e) => !e.paused)) top.push({ id: 'pause', label: 'Pause all for 1 hour', click: () => actions.pauseOneHour() });
    if (environments.some((e) => e.paused)) top.push({ id: 'resume', label: 'Resume all', click: () => actions.resume() });
  }
  return [
    ...top,
    { type: 'separator' },
    { id: 'open-status', label: 'Open status window', click: () => actions.openStatus() },
    { id: 'open-settings', label: 'Settings…', click: () => actions.openSettings() },
    { type: 'separator' },
    {
      id: 'start-at-login',
      label: 'Start at login',
      type: 'checkbox',
      checked: options.startAtLogin,
      enabled: options.canStartAtLogin,
      click: (item) => actions.setStartAtLogin(item.checked),
    },
    { type: 'separator' },
    { id: 'quit', label: 'Quit WallTrack Monitor', click: () => actions.quit() },
  ];
}

/** "production: down" › its databases, Check now, Pause for 1 hour / Resume — for that environment only. */
function environmentSubmenu(environment: EnvironmentStatus, actions: TrayActions, formatTime: (iso: string) => string): MenuItemConstructorOptions {
  const id = environment.id;
  const paused = pausedText(environment.paused, formatTime);
  return {
    id: `environment-${id}`,
    label: menuText(`${nameOf(environment)}: ${TRAY_STATES[environmentIconState(environment)].word}`),
    submenu: [
      ...databaseLines(environment, `database-${id}-`),
      { type: 'separator' },
      { id: `check-now-${id}`, label: 'Check now', click: () => actions.checkNow(id) },
      paused
        ? { id: `resume-${id}`, label: `Resume (${paused})`, click: () => actions.resume(id) }
        : { id: `pause-${id}`, label: 'Pause for 1 hour', click: () => actions.pauseOneHour(id) },
    ],
  };
}
