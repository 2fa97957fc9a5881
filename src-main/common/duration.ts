/**
 * How long something has lasted, in words every host shares (status window, tray, CLI):
 * "45 s", "12 min", "2 h 5 min", "30 h", "3 d" — coarser as it grows, never negative.
 */
export function formatDuration(ms: number): string {
  const sec = Math.max(0, Math.floor(ms / 1_000));
  if (sec < 60) return `${sec} s`;
  const min = Math.floor(sec / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 10 && min % 60 !== 0) return `${h} h ${min % 60} min`;
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} d`;
}
