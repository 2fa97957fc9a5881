/**
 * The Content-Security-Policy of every window, sent twice by the app:// protocol handler: as a
 * header and as a <meta> tag injected into each page (defence in depth, e.g. if a page were
 * ever loaded another way). The windows talk to main over IPC only, so nothing may load or
 * connect beyond our own files.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Headers sent with every file the app:// protocol serves. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/** frame-ancestors is ignored (with a console warning) in a <meta> policy, so it stays header-only. */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ');

/** Puts the policy first in <head>, before any script or stylesheet can load. */
export function injectCspMeta(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) throw new Error('Renderer page has no <head>; refusing to serve it without its CSP meta tag');
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}${meta}${html.slice(at)}`;
}
