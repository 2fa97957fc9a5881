/** What the tray says for a snapshot: the tooltip line and the context menu, as plain data. */
import type { MenuItemConstructorOptions } from 'electron';
import type { DatabaseId, DatabaseStatus, FailureKind, Snapshot } from '../common/schemas.js';

export const DATABASE_LABELS: Record<DatabaseId, string> = { supabase: 'Supabase', neo4j: 'Neo4j' };

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
  unknown: 'error',
};

/** Windows truncates tray tooltips at 127 characters; cut ourselves so the end is visible as "…". */
export const TOOLTIP_MAX = 127;

/** e.g. "ok 42 ms", "slow 1200 ms", "down: auth failed", "retrying: timed out". */
export function describeDatabase(status: DatabaseStatus): string {
  const ms = status.latencyMs === null ? '' : ` ${Math.round(status.latencyMs)} ms`;
  const why = KIND_TEXT[status.kind ?? 'unknown'];
  switch (status.status) {
    case 'healthy':
      return `ok${ms}`;
    case 'degraded':
      return `slow${ms}`;
    case 'retrying':
      return `retrying: ${why}`;
    case 'down':
      return `down: ${why}`;
    case 'not_configured':
      return 'not configured';
    case 'unknown':
      return 'not checked yet';
  }
}

function pausedText(snapshot: Snapshot, formatTime: (iso: string) => string): string | null {
  if (!snapshot.paused) return null;
  return snapshot.paused.until ? `paused until ${formatTime(snapshot.paused.until)}` : 'paused';
}

export const defaultFormatTime = (iso: string): string =>
  new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/** `WallTrack — Supabase ok 42 ms · Neo4j down: auth failed` (with "paused …" first when paused). */
export function trayTooltip(snapshot: Snapshot, formatTime = defaultFormatTime): string {
  const parts = (Object.keys(DATABASE_LABELS) as DatabaseId[]).map(
    (id) => `${DATABASE_LABELS[id]} ${describeDatabase(snapshot.databases[id])}`,
  );
  const paused = pausedText(snapshot, formatTime);
  const text = `WallTrack — ${paused ? `${paused} · ` : ''}${parts.join(' · ')}`;
  return text.length <= TOOLTIP_MAX ? text : `${text.slice(0, TOOLTIP_MAX - 1)}…`;
}

export interface TrayActions {
  checkNow(): void;
  pauseOneHour(): void;
  resume(): void;
  openStatus(): void;
  openSettings(): void;
  setStartAtLogin(enabled: boolean): void;
  quit(): void;
}

export function trayMenuTemplate(
  snapshot: Snapshot,
  options: { startAtLogin: boolean; canStartAtLogin: boolean },
  actions: TrayActions,
  formatTime = defaultFormatTime,
): MenuItemConstructorOptions[] {
  const databaseLines: MenuItemConstructorOptions[] = (Object.keys(DATABASE_LABELS) as DatabaseId[]).map((id) => ({
    id: `database-${id}`,
    label: `${DATABASE_LABELS[id]}: ${describeDatabase(snapshot.databases[id])}`,
    enabled: false,
  }));
  const paused = pausedText(snapshot, formatTime);
  return [
    ...databaseLines,
    { type: 'separator' },
    { id: 'check-now', label: 'Check now', click: () => actions.checkNow() },
    paused
      ? { id: 'resume', label: `Resume (${paused})`, click: () => actions.resume() }
      : { id: 'pause', label: 'Pause for 1 hour', click: () => actions.pauseOneHour() },
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
