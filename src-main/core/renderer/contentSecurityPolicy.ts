/**
 * The one Content-Security-Policy of every WallTrack window, whichever host serves it: our own
 * scripts, styles, images and fonts only; no inline code, no eval, no plugins, no frames, no forms.
 * Hosts differ only in where a page may connect: an Electron window talks to main over IPC
 * (connect-src 'self'), a browser-mode page also opens its loopback WebSocket.
 */

export interface PolicyOptions {
  /** Origins a page may connect to besides its own, e.g. ws://127.0.0.1:8765. */
  connectSrc?: readonly string[];
}

// Scheme, host and port only: anything else (a ';', a quote, a path) could rewrite the policy or break the <meta> attribute.
const CONNECT_SOURCE = /^(?:https?|wss?):\/\/[a-z0-9.-]+(?::\d{1,5})?$/i;

export function contentSecurityPolicy({ connectSrc = [] }: PolicyOptions = {}): string {
  for (const source of connectSrc) {
    if (!CONNECT_SOURCE.test(source)) {
      throw new Error(`Not a connect-src origin: ${JSON.stringify(source)}. Give scheme://host[:port], e.g. ws://127.0.0.1:8765.`);
    }
  }
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    ["connect-src 'self'", ...connectSrc].join(' '),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Headers sent with every response of the renderer file server, pages and errors alike. */
export function securityHeaders(options: PolicyOptions = {}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

/**
 * Puts the policy into the page as a <meta> as well (defence in depth, e.g. should a page ever be
 * loaded another way), as the first element the parser meets in <head>: after <head>, or where the
 * parser would open <head> itself. frame-ancestors is ignored in a <meta>, so it stays header-only.
 */
export function injectCspMeta(html: string, options: PolicyOptions = {}): string {
  const policy = contentSecurityPolicy(options)
    .split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  const anchor = /<head(?:\s[^>]*)?>/i.exec(html) ?? /<html(?:\s[^>]*)?>/i.exec(html) ?? /^\s*<!doctype[^>]*>/i.exec(html);
  const at = anchor ? anchor.index + anchor[0].length : 0;
  return `${html.slice(0, at)}${meta}${html.slice(at)}`;
}
