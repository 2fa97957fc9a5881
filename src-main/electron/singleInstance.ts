/** One running app per user: a second launch hands over to the first, which shows its status window. */
import { app } from 'electron';

/** false = another instance holds the lock; the caller must quit at once. */
export function setupSingleInstance(onSecondInstance: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => onSecondInstance());
  return true;
}
