/**
 * Locks down every webContents the app ever creates (Electron security checklist items 12-15):
 * no navigation, no new windows, no permissions. Links to a short list of https sites we choose
 * open in the system browser instead.
 */
import { app, shell, type Session, type WebContents } from 'electron';
import type { ShellLog } from './log.js';

/** Hosts (and their subdomains) whose https pages may open in the browser, e.g. from a hint. */
export const EXTERNAL_HOSTS = ['supabase.com', 'supabase.co', 'neo4j.com', 'neo4j.io', 'github.com'] as const;

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  const host = url.hostname.toLowerCase();
  return EXTERNAL_HOSTS.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

/** For logs: scheme, host and path only (a query string could carry a token). */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(invalid url)';
  }
}

function openExternally(url: string, log: ShellLog): void {
  if (!isAllowedExternalUrl(url)) return;
  shell.openExternal(url).catch(() => log.warn({ url: redactUrl(url) }, 'Could not open the link in the browser'));
}

export function hardenWebContents(contents: WebContents, log: ShellLog): void {
  // Our pages never navigate; an allowed https link goes to the browser instead.
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    log.warn({ url: redactUrl(url) }, 'Blocked navigation in an app window');
    openExternally(url, log);
  });
  contents.on('will-redirect', (event, url) => {
    event.preventDefault();
    log.warn({ url: redactUrl(url) }, 'Blocked a redirect in an app window');
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn({}, 'Blocked a <webview> in an app window');
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url, log);
    if (!isAllowedExternalUrl(url)) log.warn({ url: redactUrl(url) }, 'Blocked window.open');
    return { action: 'deny' };
  });
}

/** The one permission a page of ours gets: writing text to the clipboard ("Copy diagnostics"); never reading it. */
const CLIPBOARD_WRITE = 'clipboard-sanitized-write';

/** scheme://host[:port]; URL's own `origin` is "null" for a scheme Node does not know as special, such as app:. */
const originOf = (url: string | undefined): string | null => {
  try {
    const u = url ? new URL(url) : null;
    return u && u.host ? `${u.protocol}//${u.host}` : null;
  } catch {
    return null;
  }
};

/**
 * A status monitor needs no camera, notifications-from-web, clipboard reading, geolocation…: deny all, except
 * a clipboard write asked by a page from `appOrigin` (app://walltrack, or the dev server).
 */
export function denyAllPermissions(session: Session, log: ShellLog, appOrigin: string | null = null): void {
  const ours = (permission: string, url: string | undefined) => appOrigin !== null && permission === CLIPBOARD_WRITE && originOf(url) === appOrigin;
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    if (ours(permission, details.requestingUrl)) return callback(true);
    log.warn({ permission }, 'Denied a permission request from an app window');
    callback(false);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => ours(permission, requestingOrigin));
}

/** Applies hardenWebContents to every webContents as it is created (windows, devtools, webviews). */
export function setupWebSecurity(session: Session, log: ShellLog, appOrigin: string | null = null): void {
  denyAllPermissions(session, log, appOrigin);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
}
