/**
 * The variables deploy/systemd/walltrack-monitor.service sets to tune the process itself (glibc's malloc),
 * as opposed to configuring the monitor. Bench (i) runs its child with them, as the unit runs `serve`, so
 * the figure is of the process as shipped to servers; read from the unit so the two cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const UNIT = fileURLToPath(new URL('../deploy/systemd/walltrack-monitor.service', import.meta.url));

export function unitTuning(unitText = readFileSync(UNIT, 'utf8')): Record<string, string> {
  return Object.fromEntries([...unitText.matchAll(/^Environment=(MALLOC_[A-Z_]+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
}

/** "MALLOC_ARENA_MAX=1", for a figure's detail. */
export const describeTuning = (tuning: Record<string, string>): string =>
  Object.entries(tuning).map(([name, value]) => `${name}=${value}`).join(' ') || 'none';
