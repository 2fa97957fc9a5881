import { useEffect, useState } from 'react';
import type { AppInfo } from '../../src-main/common/contract.js';
import type { EnvironmentStatus, Snapshot } from '../../src-main/common/schemas.js';
import type { ViewState } from '../lib/freshnessWords.js';
import { faviconHref, tabState } from '../lib/tabState.js';
import { createPageNotifier } from './pageNotifications.js';

/**
 * A browser tab that is not in front still tells the state: its title and favicon follow the window,
 * and (once the operator opted in) a notification says when a database goes down or comes back.
 */
export function useBrowserTab(snapshot: Snapshot | null, environments: readonly EnvironmentStatus[], view: ViewState, appInfo: AppInfo | null): void {
  const shown = snapshot ? tabState(snapshot, environments, view) : null;
  useEffect(() => {
    if (!shown) return;
    document.title = shown.title;
    document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.setAttribute('href', faviconHref(shown.tone));
  }, [shown?.title, shown?.tone]);

  const [notifier] = useState(createPageNotifier);
  const browser = appInfo?.host === 'browser';
  useEffect(() => {
    if (browser && snapshot) notifier.onSnapshot(snapshot);
  }, [browser, snapshot, notifier]);
  useEffect(() => () => notifier.dispose(), [notifier]);
}
