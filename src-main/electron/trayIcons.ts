/**
 * Tray icons drawn in code (no binary assets to keep in sync): a coloured disc per overall
 * state with a white mark, so the state reads without colour too (check, exclamation, cross, clock hands,
 * dash, pause bars). A thin ring keeps the disc visible on both light and dark menu bars.
 */
import { PNG } from 'pngjs';
import { countsAsAlarm, shownAttention } from '../common/attention.js';
import { freshness, type Freshness } from '../common/freshness.js';
import type { DatabaseState, DatabaseStatus, EnvironmentStatus, Snapshot } from '../common/schemas.js';

/** light = a light menu bar (dark ring), dark = a dark menu bar (light ring). */
export type MenuBarVariant = 'light' | 'dark';

type Rgb = readonly [number, number, number];
type Point = readonly [number, number];
type Segment = readonly [Point, Point];

/**
 * The one table of tray states, worst first (the icon shows the worst of all environments): the word
 * menus use, the disc colour, and the mark drawn on it so the state reads without colour too. Marks
 * live in a unit square centred on the disc (0..1 coordinates), drawn as round-capped strokes.
 */
export const TRAY_STATES = {
  down: {
    word: 'down',
    colour: [0xd1, 0x24, 0x2f], // red
    mark: { segments: [[[0.34, 0.34], [0.66, 0.66]], [[0.66, 0.34], [0.34, 0.66]]], width: 0.12 },
  },
  degraded: {
    word: 'degraded',
    colour: [0xe3, 0x9a, 0x00], // amber
    mark: { segments: [[[0.5, 0.27], [0.5, 0.56]], [[0.5, 0.72], [0.5, 0.72]]], width: 0.13 },
  },
  /**
   * The worst left is a failure the operator acknowledged or muted (common/attention.ts decides): not red,
   * an amber outline with the cross of "down", so it reads as "known, still broken".
   */
  acknowledged: {
    word: 'acknowledged',
    colour: [0xe3, 0x9a, 0x00], // amber
    outline: true,
    mark: { segments: [[[0.38, 0.38], [0.62, 0.62]], [[0.62, 0.38], [0.38, 0.62]]], width: 0.1 },
  },
  /** The last result is older than the snapshot's staleAfterMs: checks stopped happening (clock hands). */
  stale: {
    word: 'stale',
    colour: [0x8c, 0x95, 0x9f], // grey
    mark: { segments: [[[0.5, 0.5], [0.5, 0.26]], [[0.5, 0.5], [0.72, 0.5]]], width: 0.12 },
  },
  unknown: {
    word: 'unknown',
    colour: [0x8c, 0x95, 0x9f], // grey
    mark: { segments: [[[0.32, 0.5], [0.68, 0.5]]], width: 0.13 },
  },
  paused: {
    word: 'paused',
    colour: [0x8c, 0x95, 0x9f], // grey
    mark: { segments: [[[0.41, 0.33], [0.41, 0.67]], [[0.59, 0.33], [0.59, 0.67]]], width: 0.11 },
  },
  /** In a maintenance window: checked and recorded, but not news (grey outline, a spanner's slash and jaw). */
  maintenance: {
    word: 'maintenance',
    colour: [0x8c, 0x95, 0x9f], // grey
    outline: true,
    mark: { segments: [[[0.38, 0.64], [0.58, 0.44]], [[0.58, 0.44], [0.6, 0.36]], [[0.58, 0.44], [0.66, 0.42]]], width: 0.09 },
  },
  ok: {
    word: 'ok',
    colour: [0x2e, 0xa0, 0x43], // green
    mark: { segments: [[[0.3, 0.52], [0.44, 0.66]], [[0.44, 0.66], [0.71, 0.36]]], width: 0.12 },
  },
} as const satisfies Record<string, { word: string; colour: Rgb; outline?: boolean; mark: { segments: readonly Segment[]; width: number } }>;
export type TrayIconState = keyof typeof TRAY_STATES;
/** Worst first. */
export const TRAY_ICON_STATES = Object.keys(TRAY_STATES) as TrayIconState[];
export const MARK_COLOUR: Rgb = [0xff, 0xff, 0xff];
/** An outline state's band, from the edge inwards (unit disc radius 0.5); inside it the icon is transparent. */
export const OUTLINE_WIDTH = 0.2;
/** The mark's colour: white on a disc, the state's own colour inside an outline. */
export const markColourOf = (state: TrayIconState): Rgb => ('outline' in TRAY_STATES[state] ? TRAY_STATES[state].colour : MARK_COLOUR);
const RING_COLOURS: Record<MenuBarVariant, Rgb> = { light: [0x24, 0x29, 0x2f], dark: [0xf6, 0xf8, 0xfa] };

/** Negative when `a` is worse than `b`: sorts worst first. */
export const compareWorstFirst = (a: TrayIconState, b: TrayIconState): number => TRAY_ICON_STATES.indexOf(a) - TRAY_ICON_STATES.indexOf(b);

/** A live result's state as the tray shows it. */
const LIVE_STATES: Record<DatabaseState, TrayIconState> = {
  down: 'down',
  retrying: 'degraded',
  recovering: 'degraded',
  degraded: 'degraded',
  not_configured: 'unknown',
  unknown: 'unknown',
  healthy: 'ok',
};

/** What the tray needs besides the snapshot to tell a current result from an old one. */
export interface TrayClock {
  staleAfterMs: number;
  now: number;
}
export const clockOf = (snapshot: Pick<Snapshot, 'staleAfterMs'>, now: number): TrayClock => ({ staleAfterMs: snapshot.staleAfterMs, now });

/** Whether a database's last result may be shown as current: common/freshness.ts decides, as it does for the windows. */
export function databaseFreshness(environment: EnvironmentStatus, database: DatabaseStatus, clock: TrayClock): Freshness {
  return freshness({ database, paused: environment.paused !== null, staleAfterMs: clock.staleAfterMs, now: clock.now, connectionLostSince: null });
}

/** A live result with the operator's word on it: maintenance is grey, an acknowledged or muted failure is not red. */
function liveIconState(database: DatabaseStatus): TrayIconState {
  const shown = shownAttention(database);
  if (shown === 'maintenance') return 'maintenance';
  const failing = database.status === 'down' || database.status === 'retrying';
  return failing && !countsAsAlarm(database) ? 'acknowledged' : LIVE_STATES[database.status];
}

export function databaseIconState(environment: EnvironmentStatus, database: DatabaseStatus, clock: TrayClock): TrayIconState {
  const fresh = databaseFreshness(environment, database, clock);
  switch (fresh.kind) {
    case 'live':
      return liveIconState(database);
    case 'paused':
    case 'stale':
      return fresh.kind;
    case 'lost':
      return 'unknown';
  }
}

const worstOf = (states: TrayIconState[]): TrayIconState | undefined => [...states].sort(compareWorstFirst)[0];
const databasesIn = (environment: EnvironmentStatus): DatabaseStatus[] => Object.values(environment.databases).flatMap((d) => d ?? []);

/** One environment's state: paused wins, then the worst of its databases (a stale one is stale, whatever it last said). */
export function environmentIconState(environment: EnvironmentStatus, clock: TrayClock): TrayIconState {
  if (environment.paused) return 'paused';
  return worstOf(databasesIn(environment).map((d) => databaseIconState(environment, d, clock))) ?? 'unknown';
}

/** What a paused environment last said, as if it were still checked. */
export function lastKnownIconState(environment: EnvironmentStatus): TrayIconState {
  return worstOf(databasesIn(environment).map((d) => LIVE_STATES[d.status])) ?? 'unknown';
}

/**
 * The icon: the worst state of the environments still checked; paused only when every one is (a
 * paused environment's last news is stale, and pausing is how the operator says "I know").
 */
export function trayIconStateFor(snapshot: Snapshot, now: number = Date.now()): TrayIconState {
  const states = snapshot.environments.map((e) => environmentIconState(e, clockOf(snapshot, now)));
  const checked = states.filter((s) => s !== 'paused');
  if (states.length > 0 && checked.length === 0) return 'paused';
  // Offline, no database is to blame: the neutral mark, not red.
  if (snapshot.connectivity?.online === false) return 'unknown';
  return worstOf(checked) ?? 'unknown';
}

/**
 * When the next database still shown as current turns stale (ms since epoch), or null if none will: nothing
 * pushes a snapshot when checks stop, so the tray redraws itself then. Freshness is asked about that moment.
 */
export function nextStaleAt(snapshot: Snapshot, now: number): number | null {
  let next: number | null = null;
  for (const environment of snapshot.environments) {
    for (const database of databasesIn(environment)) {
      if (database.checkedAt === null || databaseFreshness(environment, database, clockOf(snapshot, now)).kind !== 'live') continue;
      const at = Date.parse(database.checkedAt) + snapshot.staleAfterMs + 1; // freshness: stale once strictly older
      if (databaseFreshness(environment, database, clockOf(snapshot, at)).kind === 'stale' && (next === null || at < next)) next = at;
    }
  }
  return next;
}

function distanceToSegment(p: Point, [a, b]: Segment): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const lengthSq = dx * dx + dy * dy;
  const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSq));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Samples per pixel edge: 4x4 keeps 16 px icons smooth; big app icons need fewer (and stay fast to build). */
const supersampleFor = (sizePx: number): number => (sizePx >= 256 ? 2 : 4);

/** A PNG of `sizePx` square for one state; supersampled so small sizes stay smooth. */
export function renderTrayIcon(state: TrayIconState, sizePx: number, variant: MenuBarVariant): Buffer {
  const png = new PNG({ width: sizePx, height: sizePx });
  const { mark, colour: fill } = TRAY_STATES[state];
  const outline = 'outline' in TRAY_STATES[state];
  const markColour = markColourOf(state);
  const ring = RING_COLOURS[variant];
  const ringWidth = Math.max(1 / sizePx, 0.06);
  const SUPERSAMPLE = supersampleFor(sizePx);
  for (let y = 0; y < sizePx; y++) {
    for (let x = 0; x < sizePx; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const p: Point = [(x + (sx + 0.5) / SUPERSAMPLE) / sizePx, (y + (sy + 0.5) / SUPERSAMPLE) / sizePx];
          const r = Math.hypot(p[0] - 0.5, p[1] - 0.5);
          if (r > 0.5) continue;
          const onMark = mark.segments.some((s) => distanceToSegment(p, s) <= mark.width / 2);
          // Inside an outline only the mark is drawn: the menu bar shows through.
          if (outline && !onMark && r < 0.5 - OUTLINE_WIDTH) continue;
          const colour = onMark ? markColour : r > 0.5 - ringWidth ? ring : fill;
          sum[0]! += colour[0];
          sum[1]! += colour[1];
          sum[2]! += colour[2];
          sum[3]! += 1;
        }
      }
      const i = (y * sizePx + x) * 4;
      const covered = sum[3]!;
      png.data[i] = covered ? Math.round(sum[0]! / covered) : 0;
      png.data[i + 1] = covered ? Math.round(sum[1]! / covered) : 0;
      png.data[i + 2] = covered ? Math.round(sum[2]! / covered) : 0;
      png.data[i + 3] = Math.round((covered / SUPERSAMPLE ** 2) * 255);
    }
  }
  return PNG.sync.write(png);
}

/** The tray base size: 16 px on macOS/Windows, 32 px on Linux (AppIndicator panels scale up). */
export function trayBaseSize(platform: NodeJS.Platform): 16 | 32 {
  return platform === 'darwin' || platform === 'win32' ? 16 : 32;
}

/** The 1x and @2x PNGs of one tray image. */
export function renderTrayIconSet(
  state: TrayIconState,
  baseSize: 16 | 32,
  variant: MenuBarVariant,
): { scaleFactor: 1 | 2; png: Buffer }[] {
  return [
    { scaleFactor: 1, png: renderTrayIcon(state, baseSize, variant) },
    { scaleFactor: 2, png: renderTrayIcon(state, baseSize * 2, variant) },
  ];
}
