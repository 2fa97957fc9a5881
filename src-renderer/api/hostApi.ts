/**
 * Picks the transport once at boot: the Electron preload's `window.walltrack` when present,
 * otherwise the browser-mode WebSocket on the page's own origin. Components only ever see a
 * RendererApi; which host serves them is known only through getAppInfo().
 */
import type { RendererApi } from '../../src-main/common/contract.js';
import { pageTokens } from './accessToken.js';
import { trackConnectionLoss } from './connectionLoss.js';
import { createConnectionStatus, type ConnectionStatus } from './connectionStatus.js';
import { createWebSocketApi } from './websocketTransport.js';
import { withWholeSnapshots } from './wholeSnapshots.js';

declare global {
  interface Window {
    walltrack?: RendererApi;
  }
}

function pick(): { api: RendererApi; connection: ConnectionStatus; windowHref: (page: string) => string } {
  if (window.walltrack) return { api: withWholeSnapshots(window.walltrack), connection: createConnectionStatus('open'), windowHref: (page) => page };
  const tokens = pageTokens();
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const { api, connection } = createWebSocketApi(`${scheme}://${location.host}/ws`, tokens);
  return { api: withWholeSnapshots(api), connection, windowHref: tokens.link };
}

/** windowHref('settings.html'): the href of another window of this app, opened in a new browser tab. */
export const { api, connection, windowHref } = pick();

/** When this window lost its host (socket closed or core stopped); tracked from boot, so no loss goes unseen. */
export const connectionLoss = trackConnectionLoss(connection, api.onStopped);
