/** The words of a down / recovered notification, the same on the desktop (Electron) and in a browser tab. */
import { databaseKind } from './databases.js';
import type { NotificationDecision } from './notificationPolicy.js';

/**
 * Title and body; the core's messages and hints are already free of secrets. With several environments
 * the title names the environment ("production: <label> is down"); with one it reads as before.
 */
export function notificationText(decision: NotificationDecision, namesEnvironment: boolean): { title: string; body: string } {
  const label = databaseKind(decision.database).label;
  const subject = namesEnvironment ? `${decision.environment.name}: ${label}` : label;
  const r = decision.change.result;
  if (decision.kind === 'down') {
    const why = [r.message, r.hint].filter(Boolean).join(' — ');
    return { title: `${subject} is down`, body: why || 'The last checks failed.' };
  }
  const ms = r.latencyMs === null || r.latencyMs === undefined ? '' : ` (${Math.round(r.latencyMs)} ms)`;
  return { title: `${subject} is back`, body: `${label} answers again${ms}.` };
}
