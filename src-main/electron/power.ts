/**
 * Re-check at once when the machine wakes, the screen unlocks or the network comes or goes:
 * the scheduled check could be up to an interval away and the tray would show stale news.
 * core.checkNow() also retries a keychain read that failed, so an app started at login before the
 * keyring was unlocked uses it as soon as the screen is unlocked.
 * Network changes are detected by polling net.isOnline() (Chromium's own connectivity view);
 * Electron's main process has no online/offline event. The core is told each value (setHostConnectivity).
 */
import { net, powerMonitor } from 'electron';
import type { MonitorCore } from '../core/MonitorCore.js';
import { errorSummary, type ShellLog } from './log.js';

export const NETWORK_POLL_MS = 5_000;

export function setupPower(deps: { core: Pick<MonitorCore, 'checkNow' | 'setHostConnectivity'>; log: ShellLog; pollMs?: number }): () => void {
  const check = (reason: string): void => {
    deps.log.info({ reason }, 'Checking now');
    deps.core.checkNow().catch((error: unknown) => deps.log.warn({ reason, error: errorSummary(error) }, 'Immediate check failed'));
  };
  const onResume = (): void => check('system resumed');
  const onUnlock = (): void => check('screen unlocked');
  powerMonitor.on('resume', onResume);
  powerMonitor.on('unlock-screen', onUnlock);

  let online = net.isOnline();
  // The core shows "This computer is offline" on the host's word too, not only when every check fails.
  deps.core.setHostConnectivity(online);
  const timer = setInterval(() => {
    const now = net.isOnline();
    if (now === online) return;
    online = now;
    deps.core.setHostConnectivity(now);
    check(now ? 'network came back' : 'network went away');
  }, deps.pollMs ?? NETWORK_POLL_MS);
  timer.unref?.();

  return () => {
    powerMonitor.off('resume', onResume);
    powerMonitor.off('unlock-screen', onUnlock);
    clearInterval(timer);
  };
}
