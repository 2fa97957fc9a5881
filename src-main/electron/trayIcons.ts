/**
 * Tray icons drawn in code (no binary assets to keep in sync): a coloured disc per overall
 * state with a white mark, so the state reads without colour too (check, exclamation, cross,
 * dash, pause bars). A thin ring keeps the disc visible on both light and dark menu bars.
 */
import { PNG } from 'pngjs';
import type { EnvironmentStatus, Snapshot } from '../common/schemas.js';

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
  ok: {
    word: 'ok',
    colour: [0x2e, 0xa0, 0x43], // green
    mark: { segments: [[[0.3, 0.52], [0.44, 0.66]], [[0.44, 0.66], [0.71, 0.36]]], width: 0.12 },
  },
} as const satisfies Record<string, { word: string; colour: Rgb; mark: { segments: readonly Segment[]; width: number } }>;
export type TrayIconState = keyof typeof TRAY_STATES;
/** Worst first. */
export const TRAY_ICON_STATES = Object.keys(TRAY_STATES) as TrayIconState[];
export const MARK_COLOUR: Rgb = [0xff, 0xff, 0xff];
const RING_COLOURS: Record<MenuBarVariant, Rgb> = { light: [0x24, 0x29, 0x2f], dark: [0xf6, 0xf8, 0xfa] };

/** Negative when `a` is worse than `b`: sorts worst first. */
export const compareWorstFirst = (a: TrayIconState, b: TrayIconState): number => TRAY_ICON_STATES.indexOf(a) - TRAY_ICON_STATES.indexOf(b);

/** One environment's state: paused wins, then down; a retry or a slow answer is degraded even beside an unconfigured kind. */
export function environmentIconState(environment: EnvironmentStatus): TrayIconState {
  if (environment.paused) return 'paused';
  if (environment.status === 'down') return 'down';
  const troubled = Object.values(environment.databases).some((d) => d?.status === 'retrying' || d?.status === 'degraded');
  if (environment.status === 'degraded' || troubled) return 'degraded';
  return environment.status === 'ok' ? 'ok' : 'unknown';
}

/**
 * The icon: the worst state of the environments still checked; paused only when every one is (a
 * paused environment's last news is stale, and pausing is how the operator says "I know").
 */
export function trayIconStateFor(snapshot: Snapshot): TrayIconState {
  const states = snapshot.environments.map(environmentIconState);
  const checked = states.filter((s) => s !== 'paused');
  if (states.length > 0 && checked.length === 0) return 'paused';
  return checked.sort(compareWorstFirst)[0] ?? 'unknown';
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
          const colour = onMark ? MARK_COLOUR : r > 0.5 - ringWidth ? ring : fill;
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
