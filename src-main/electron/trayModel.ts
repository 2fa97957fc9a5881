/**
 * What the tray says for a snapshot: the tooltip line and the context menu, as plain data.
 * Database names are the snapshot's labels (from the registry); with one environment the tray reads
 * as it did before environments, with several it leads with what is wrong. A result is shown as
 * current only when common/freshness.ts says so: paused and stale results say what was last known, and when.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { attentionText, MUTE_HOURS } from '../common/attention.js';
import { databaseIds } from '../common/databases.js';
import { partsNeedingAttention } from '../common/detailsSummary.js';
import { FAILURE_SUMMARY } from '../common/hints.js';
import type { Freshness } from '../common/freshness.js';
import type { DatabaseId, DatabaseStatus, EnvironmentId, EnvironmentStatus, Snapshot } from '../common/schemas.js';
import { STATE_SHORT_WORDS } from '../common/stateWords.js';
import { incidentSummary, oneLine } from './trayIncident.js';
import {
  TRAY_STATES,
  clockOf,
  compareWorstFirst,
  databaseFreshness,
  databaseIconState,
  environmentIconState,
  lastKnownIconState,
  type TrayClock,
  type TrayIconState,
} from './trayIcons.js';

/**
 * Windows keeps 127 characters of a tray tooltip (NOTIFYICONDATA.szTip is 128 UTF-16 units with the
 * terminator; Electron's docs state no limit and older Electrons crashed past it, electron/electron#3290).
 */
export const TOOLTIP_MAX = 127;
const TOOLTIP_PREFIX = 'WallTrack — ';
const SEPARATOR = ' · ';
/** The incident summary joins the tooltip only if the state still gets this much of it. */
const TOOLTIP_STATE_ROOM = 64;

/** e.g. "ok 42 ms", "slow 1200 ms", "down: authentication failed", "retrying: no answer in time", "recovering 1/2". */
export function describeDatabase(status: DatabaseStatus): string {
  const word = STATE_SHORT_WORDS[status.status];
  switch (status.status) {
    case 'healthy':
    case 'degraded':
      return status.latencyMs === null ? word : `${word} ${Math.round(status.latencyMs)} ms`;
    case 'retrying':
    case 'down':
      return `${word}: ${FAILURE_SUMMARY[status.kind ?? 'unknown']}`;
    case 'recovering':
      return status.recovery ? `${word} ${status.recovery.successes}/${status.recovery.needed}` : word;
    default:
      return word;
  }
}

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

/** How the tray reads a snapshot at one moment: its clock (for staleness) and how it writes a time. */
interface TrayView {
  clock: TrayClock;
  formatTime: (iso: string) => string;
}

/** "last known: down 11:00"; just the word ("not checked yet") when nothing was checked. */
function lastKnownText(word: string, at: string | null, view: TrayView): string {
  return at === null ? word : `last known: ${word} ${view.formatTime(at)}`;
}

/** A menu line's text: "ok 42 ms", "paused — last known: ok 14:02", "stale since 14:02 — last known: down". */
function describeFreshly(database: DatabaseStatus, fresh: Freshness, view: TrayView): string {
  switch (fresh.kind) {
    case 'live':
      return describeDatabase(database);
    case 'paused':
      return `paused — ${lastKnownText(STATE_SHORT_WORDS[fresh.lastKnown], fresh.at, view)}`;
    case 'stale':
      return `stale since ${view.formatTime(fresh.at)} — last known: ${STATE_SHORT_WORDS[fresh.lastKnown]}`;
    case 'lost':
      return `unknown — connection lost since ${view.formatTime(fresh.since)}`;
  }
}

/** A tooltip part's text, shorter: the word (or the reason with one environment) or "stale since 14:02". */
function shortText(database: DatabaseStatus, fresh: Freshness, view: TrayView, detailed: boolean): string {
  if (fresh.kind === 'stale') return `stale since ${view.formatTime(fresh.at)}`;
  if (fresh.kind === 'paused') return lastKnownText(STATE_SHORT_WORDS[fresh.lastKnown], fresh.at, view);
  // "recovering 1/2" is short enough to keep its count everywhere.
  if (!detailed) return database.status === 'recovering' ? describeDatabase(database) : STATE_SHORT_WORDS[database.status];
  const found = liveFindings(database, fresh);
  return describeDatabase(database) + (found ? ` (${found})` : '');
}

/** "realtime UNHEALTHY": the parts a deeper check found not ok, while the result is current (they never change the state). */
function liveFindings(database: DatabaseStatus, fresh: Freshness): string | null {
  const parts = fresh.kind === 'live' ? partsNeedingAttention(database.details) : null;
  // Part names come from the server: one line, like every other name here.
  return parts === null ? null : oneLine(parts);
}

/** A paused environment's "last known: down 11:00": its worst state then, as of its oldest result. */
function environmentLastKnown(environment: EnvironmentStatus, view: TrayView): string {
  const oldest = databasesOf(environment).flatMap((d) => d.checkedAt ?? []).sort()[0];
  if (oldest === undefined) return STATE_SHORT_WORDS.unknown;
  return lastKnownText(TRAY_STATES[lastKnownIconState(environment)].word, oldest, view);
}

/**
 * One environment: `WallTrack — <label> ok 42 ms · <label> down: authentication failed` ("paused …" first when paused).
 * Several: `WallTrack — production: <label> down · staging ok`, worst first, then in settings order.
 * Then the last incident, if the state still has room.
 */
export function trayTooltip(snapshot: Snapshot, formatTime = defaultFormatTime, now: number = Date.now()): string {
  const view: TrayView = { clock: clockOf(snapshot, now), formatTime };
  const incident = incidentSummary(snapshot, formatTime);
  const suffix = incident === null ? '' : SEPARATOR + incident;
  const room = TOOLTIP_MAX - suffix.length;
  if (suffix && room >= TOOLTIP_STATE_ROOM) return stateTooltip(snapshot, view, room) + suffix;
  return stateTooltip(snapshot, view, TOOLTIP_MAX);
}

/** "This computer is offline (since 14:02)" while the core says so; null online (or from a host that predates it). */
function offlineText(snapshot: Snapshot, formatTime: (iso: string) => string): string | null {
  const connectivity = snapshot.connectivity;
  if (connectivity?.online !== false) return null;
  return connectivity.since ? `This computer is offline (since ${formatTime(connectivity.since)})` : 'This computer is offline';
}

function stateTooltip(snapshot: Snapshot, view: TrayView, max: number): string {
  const offline = offlineText(snapshot, view.formatTime);
  if (offline) return TOOLTIP_PREFIX + offline;
  const [only, ...others] = snapshot.environments;
  if (!only) return `${TOOLTIP_PREFIX}no environments`;
  if (others.length === 0) {
    const parts = databasesOf(only).map((d) => `${labelOf(d)} ${shortText(d, databaseFreshness(only, d, view.clock), view, true)}`);
    const paused = pausedText(only.paused, view.formatTime);
    const text = TOOLTIP_PREFIX + (paused ? [paused, ...parts] : parts).join(SEPARATOR);
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
  }
  const ranked = snapshot.environments
    .map((environment) => ({ environment, state: environmentIconState(environment, view.clock) }))
    .sort((a, b) => compareWorstFirst(a.state, b.state)); // stable: ties keep settings order
  return fitTooltip(ranked.map(({ environment, state }) => environmentSummary(environment, state, view)), max);
}

/**
 * "staging ok", "demo paused until 13:00 — last known: ok 12:00", "dev not configured",
 * "production: <label> down, <label> stale since 14:02".
 */
function environmentSummary(environment: EnvironmentStatus, state: TrayIconState, view: TrayView): string {
  const name = nameOf(environment);
  if (state === 'paused') return `${name} ${pausedText(environment.paused, view.formatTime)} — ${environmentLastKnown(environment, view)}`;
  const unwell = databasesOf(environment)
    .filter((d) => databaseIconState(environment, d, view.clock) !== 'ok')
    .map((d) => ({ label: labelOf(d), text: shortText(d, databaseFreshness(environment, d, view.clock), view, false) }));
  if (state === 'ok' || unwell.length === 0) {
    const findings = databasesOf(environment).flatMap((d) => {
      const parts = liveFindings(d, databaseFreshness(environment, d, view.clock));
      return parts ? [`${labelOf(d)}: ${parts}`] : [];
    });
    return `${name} ${TRAY_STATES[state].word}${findings.length ? ` (${findings.join('; ')})` : ''}`;
  }
  // Several databases all saying the same ("not checked yet" at start, "stale since 14:02" after a sleep): say it once.
  if (unwell.length > 1 && unwell.length === databasesOf(environment).length && unwell.every((d) => d.text === unwell[0]!.text)) {
    return `${name} ${unwell[0]!.text}`;
  }
  return `${name}: ${unwell.map((d) => `${d.label} ${d.text}`).join(', ')}`;
}

/** As many whole parts as fit in `max` with "+N more" for the rest; the first part is cut if even it does not fit. */
function fitTooltip(parts: string[], max: number): string {
  const more = (hidden: number): string[] => (hidden > 0 ? [`+${hidden} more`] : []);
  for (let shown = parts.length; shown > 0; shown--) {
    const text = TOOLTIP_PREFIX + [...parts.slice(0, shown), ...more(parts.length - shown)].join(SEPARATOR);
    if (text.length <= max) return text;
  }
  const tail = more(parts.length - 1).map((m) => SEPARATOR + m).join('');
  const room = max - TOOLTIP_PREFIX.length - tail.length - 1;
  return `${TOOLTIP_PREFIX}${parts[0]!.slice(0, room)}…${tail}`;
}

/** Omitted environment = every environment. */
export interface TrayActions {
  acknowledge(environment: EnvironmentId, database: DatabaseId): void;
  mute(environment: EnvironmentId, database: DatabaseId, hours: (typeof MUTE_HOURS)[number]): void;
  unmute(environment: EnvironmentId, database: DatabaseId): void;
  checkNow(environment?: EnvironmentId): void;
  pauseOneHour(environment?: EnvironmentId): void;
  resume(environment?: EnvironmentId): void;
  openStatus(): void;
  openSettings(): void;
  /** The diagnostics report to the clipboard, for a bug report. */
  copyDiagnostics(): void;
  setStartAtLogin(enabled: boolean): void;
  quit(): void;
}

/** Electron takes a single "&" in a menu label for a Windows access key and hides it; "&&" shows one. */
const menuText = (text: string): string => text.replaceAll('&', '&&');

/** A line per database, and one under it naming the parts a deeper check found not ok. */
function databaseLines(environment: EnvironmentStatus, idPrefix: string, view: TrayView): MenuItemConstructorOptions[] {
  return databasesOf(environment).flatMap((d) => {
    const fresh = databaseFreshness(environment, d, view.clock);
    const said = attentionText(d, view.formatTime);
    const line = { id: `${idPrefix}${d.database}`, label: menuText(`${labelOf(d)}: ${describeFreshly(d, fresh, view)}${said ? ` — ${said}` : ''}`), enabled: false };
    // What a deeper check found (an unhealthy service, an offline database): a line of its own.
    const found = liveFindings(d, fresh);
    return found ? [line, { id: `${idPrefix}${d.database}-details`, label: menuText(`${labelOf(d)} — ${found}`), enabled: false }] : [line];
  });
}

/**
 * What the operator can say about a database that is not well: Acknowledge (a failing one, once), Mute for
 * 1/4/8 hours, or Unmute. A healthy, unmuted database gets none, so the menu stays short; nor does a result
 * that is not live.
 */
function attentionItems(environment: EnvironmentStatus, actions: TrayActions, view: TrayView): MenuItemConstructorOptions[] {
  const env = environment.id;
  return databasesOf(environment).flatMap((d): MenuItemConstructorOptions[] => {
    // What a paused or stale result last said is not today's news to acknowledge.
    if (databaseFreshness(environment, d, view.clock).kind !== 'live') return [];
    const key = `${env}-${d.database}`;
    const failing = d.status === 'down' || d.status === 'retrying';
    const items: MenuItemConstructorOptions[] = [];
    if (failing && !d.attention?.acknowledged) items.push({ id: `acknowledge-${key}`, label: menuText(`Acknowledge ${labelOf(d)}`), click: () => actions.acknowledge(env, d.database) });
    if (d.attention?.muted) {
      items.push({ id: `unmute-${key}`, label: menuText(`Unmute ${labelOf(d)} (muted until ${view.formatTime(d.attention.muted.until)})`), click: () => actions.unmute(env, d.database) });
    } else if (failing || d.status === 'degraded') {
      const submenu = MUTE_HOURS.map((hours) => ({ id: `mute-${key}-${hours}`, label: hours === 1 ? 'For 1 hour' : `For ${hours} hours`, click: () => actions.mute(env, d.database, hours) }));
      items.push({ id: `mute-${key}`, label: menuText(`Mute ${labelOf(d)}`), submenu });
    }
    return items;
  });
}

/** The newest incident, if any: a click opens the status window, where the incidents are listed. */
function incidentLines(snapshot: Snapshot, actions: TrayActions, view: TrayView): MenuItemConstructorOptions[] {
  const summary = incidentSummary(snapshot, view.formatTime);
  return summary === null ? [] : [{ id: 'last-incident', label: menuText(summary), click: () => actions.openStatus() }];
}

export function trayMenuTemplate(
  snapshot: Snapshot,
  options: { startAtLogin: boolean; canStartAtLogin: boolean },
  actions: TrayActions,
  formatTime = defaultFormatTime,
  now: number = Date.now(),
): MenuItemConstructorOptions[] {
  const view: TrayView = { clock: clockOf(snapshot, now), formatTime };
  const environments = snapshot.environments;
  const top: MenuItemConstructorOptions[] = [];
  const offline = offlineText(snapshot, formatTime);
  if (offline) top.push({ id: 'offline', label: menuText(offline), enabled: false }, { type: 'separator' });
  if (environments.length === 1) {
    const paused = pausedText(environments[0]!.paused, formatTime);
    top.push(
      ...databaseLines(environments[0]!, 'database-', view),
      ...attentionItems(environments[0]!, actions, view),
      ...incidentLines(snapshot, actions, view),
      { type: 'separator' },
      { id: 'check-now', label: 'Check now', click: () => actions.checkNow() },
      paused
        ? { id: 'resume', label: `Resume (${paused})`, click: () => actions.resume() }
        : { id: 'pause', label: 'Pause for 1 hour', click: () => actions.pauseOneHour() },
    );
  } else {
    top.push(...environments.map((environment) => environmentSubmenu(environment, actions, view)), ...incidentLines(snapshot, actions, view));
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
    { id: 'copy-diagnostics', label: 'Copy diagnostics', click: () => actions.copyDiagnostics() },
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

/**
 * "production: down" (or "demo: paused — last known: ok 12:00") › its databases, Check now,
 * Pause for 1 hour / Resume — for that environment only.
 */
function environmentSubmenu(environment: EnvironmentStatus, actions: TrayActions, view: TrayView): MenuItemConstructorOptions {
  const id = environment.id;
  const paused = pausedText(environment.paused, view.formatTime);
  const state = environmentIconState(environment, view.clock);
  const stateText = state === 'paused' ? `paused — ${environmentLastKnown(environment, view)}` : TRAY_STATES[state].word;
  return {
    id: `environment-${id}`,
    label: menuText(`${nameOf(environment)}: ${stateText}`),
    submenu: [
      ...databaseLines(environment, `database-${id}-`, view),
      ...attentionItems(environment, actions, view),
      { type: 'separator' },
      { id: `check-now-${id}`, label: 'Check now', click: () => actions.checkNow(id) },
      paused
        ? { id: `resume-${id}`, label: `Resume (${paused})`, click: () => actions.resume(id) }
        : { id: `pause-${id}`, label: 'Pause for 1 hour', click: () => actions.pauseOneHour(id) },
    ],
  };
}
