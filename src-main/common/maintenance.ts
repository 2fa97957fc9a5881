/**
 * Maintenance windows: when checks keep running and are recorded, but a database is shown as "Maintenance",
 * nothing is notified and uptime leaves the time out. One-off (from–to, ISO) or weekly (a weekday and wall-clock
 * times in the IANA time zone stored with the window, so "Sun 02:00–03:00" stays 02:00 across daylight saving).
 * Browser-safe: zod and Intl only.
 */
import * as z from 'zod';
import { DatabaseIdSchema } from './schemas.js';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** Per scope (the environment, or one database of it). */
export const MAINTENANCE_WINDOW_LIMIT = 20;
const YEAR_MS = 365 * 86_400_000;

const clock = (what: string) =>
  z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, `Weekly maintenance ${what} must be a time as HH:MM, e.g. 02:00`);

function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const common = {
  label: z.string().trim().min(1, 'Maintenance window needs a name, e.g. Weekly backup').max(60, 'Maintenance window name must be at most 60 characters'),
  /** Absent = every database of the environment. */
  database: z.enum(DatabaseIdSchema.options, { message: `Maintenance window database must be one of ${DatabaseIdSchema.options.join(', ')}, or none for the whole environment` }).optional(),
};

export const OneOffWindowSchema = z
  .object({
    ...common,
    kind: z.literal('once'),
    from: z.iso.datetime({ offset: true, message: 'Maintenance start must be a date and time, e.g. 2026-12-24T02:00:00Z' }),
    to: z.iso.datetime({ offset: true, message: 'Maintenance end must be a date and time, e.g. 2026-12-24T04:00:00Z' }),
  })
  .superRefine((w, ctx) => {
    const span = Date.parse(w.to) - Date.parse(w.from);
    if (span <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: `Maintenance window "${w.label}" must end after it starts` });
    else if (span > YEAR_MS) ctx.addIssue({ code: 'custom', path: ['to'], message: `Maintenance window "${w.label}" may last at most one year; split it or use a weekly window` });
  });

export const WeeklyWindowSchema = z
  .object({
    ...common,
    kind: z.literal('weekly'),
    day: z.enum(WEEKDAYS, { message: `Weekly maintenance day must be one of ${WEEKDAYS.join(', ')}` }),
    start: clock('start'),
    end: clock('end'),
    /** IANA zone, e.g. Europe/Berlin (the operator's, from Intl, when the window was made). */
    timeZone: z.string().max(64, 'Maintenance time zone must be an IANA name such as Europe/Berlin or UTC').refine(isKnownZone, 'Maintenance time zone must be an IANA name such as Europe/Berlin or UTC'),
  })
  .superRefine((w, ctx) => {
    if (w.end <= w.start) ctx.addIssue({ code: 'custom', path: ['end'], message: `Weekly maintenance window "${w.label}" must end after it starts on the same day (${w.start}–${w.end}); use 24:00 for midnight` });
  });

export const MaintenanceWindowSchema = z.discriminatedUnion('kind', [OneOffWindowSchema, WeeklyWindowSchema]);
export type MaintenanceWindow = z.infer<typeof MaintenanceWindowSchema>;

/** An environment's windows; at most MAINTENANCE_WINDOW_LIMIT per scope (the environment, each database). */
export const MaintenanceWindowsSchema = z
  .array(MaintenanceWindowSchema)
  .max(MAINTENANCE_WINDOW_LIMIT * 8, 'Too many maintenance windows')
  .superRefine((windows, ctx) => {
    const counts = new Map<string, number>();
    windows.forEach((w, i) => {
      const scope = w.database ?? 'the environment';
      const n = (counts.get(scope) ?? 0) + 1;
      counts.set(scope, n);
      if (n === MAINTENANCE_WINDOW_LIMIT + 1) ctx.addIssue({ code: 'custom', path: [i], message: `At most ${MAINTENANCE_WINDOW_LIMIT} maintenance windows for ${scope}; remove old ones first` });
    });
  });

/** Half-open [start, end) in epoch ms. */
export type Interval = readonly [number, number];

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC at `ms`, in ms (Berlin in winter: +3,600,000). */
function offsetAt(ms: number, zone: string): number {
  const p = Object.fromEntries(formatter(zone).formatToParts(ms).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(ms / 1000) * 1000;
}

/** Wall-clock time in `zone` → epoch ms (a time skipped by daylight saving lands an hour later, as clocks do). */
export function zonedToUtc(year: number, month: number, day: number, minutes: number, zone: string): number {
  const wall = Date.UTC(year, month, day) + minutes * 60_000;
  const first = wall - offsetAt(wall, zone);
  return wall - offsetAt(first, zone);
}

/** "2026-12-24T02:00" (what a datetime-local input gives) read in `zone`; null if it is not one. */
export function localDateTimeToIso(local: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return new Date(zonedToUtc(y, mo - 1, d, h * 60 + mi, zone)).toISOString();
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** When `window` is on within [from, to), clipped to it, oldest first. */
export function windowOccurrences(window: MaintenanceWindow, from: number, to: number): Interval[] {
  if (window.kind === 'once') {
    const start = Math.max(from, Date.parse(window.from));
    const end = Math.min(to, Date.parse(window.to));
    return start < end ? [[start, end]] : [];
  }
  const out: Interval[] = [];
  const weekday = WEEKDAYS.indexOf(window.day);
  // Walk the zone's calendar days (a day either side: offsets are under a day).
  const first = new Date(from + offsetAt(from, window.timeZone) - 86_400_000);
  let day = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate());
  day += ((weekday - new Date(day).getUTCDay() + 7) % 7) * 86_400_000;
  for (; day < to + 86_400_000; day += 7 * 86_400_000) {
    const d = new Date(day);
    const start = zonedToUtc(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), minutesOf(window.start), window.timeZone);
    const end = zonedToUtc(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), minutesOf(window.end), window.timeZone);
    const s = Math.max(from, start);
    const e = Math.min(to, end);
    if (s < e) out.push([s, e]);
  }
  return out;
}

/** Sorted, overlapping or touching intervals joined: what several exclusions (maintenance, offline, …) cover together. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** The windows that cover `database` (its own and the environment's). */
export function windowsFor(windows: readonly MaintenanceWindow[] | undefined, database: string): MaintenanceWindow[] {
  return (windows ?? []).filter((w) => w.database === undefined || w.database === database);
}

/** The maintenance intervals of `database` within [from, to), merged. */
export function maintenanceIntervals(windows: readonly MaintenanceWindow[] | undefined, database: string, from: number, to: number): Interval[] {
  return mergeIntervals(windowsFor(windows, database).flatMap((w) => windowOccurrences(w, from, to)));
}

/** The window `database` is in at `now` (the one ending last, when several overlap) and when it ends. */
export function activeMaintenance(windows: readonly MaintenanceWindow[] | undefined, database: string, now: number): { until: number; window: string } | null {
  let best: { until: number; window: string } | null = null;
  for (const w of windowsFor(windows, database)) {
    const [hit] = windowOccurrences(w, now, now + 1);
    if (!hit) continue;
    const until = w.kind === 'once' ? Date.parse(w.to) : windowOccurrences(w, now, now + 86_400_000)[0]![1];
    if (!best || until > best.until) best = { until, window: w.label };
  }
  return best;
}

/** The next time any window of these starts or ends after `now` (within a week), or null: when what is shown changes. */
export function nextMaintenanceChange(windows: readonly MaintenanceWindow[] | undefined, now: number): number | null {
  let next: number | null = null;
  for (const w of windows ?? []) {
    const edges = w.kind === 'once' ? [Date.parse(w.from), Date.parse(w.to)] : windowOccurrences(w, now - 86_400_000, now + 8 * 86_400_000).flat();
    for (const at of edges) if (at > now && (next === null || at < next)) next = at;
  }
  return next;
}
