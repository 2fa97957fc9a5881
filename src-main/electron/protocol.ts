/**
 * The app:// scheme that serves the built renderer (dist/renderer) to our windows. Privileged as
 * standard + secure so pages get a real origin (app://walltrack) and secure-context APIs; every
 * response carries the CSP header, and every page also gets it as a <meta> tag. Only GET/HEAD of files inside the renderer folder are served:
 * "..", encoded separators, absolute paths and symlinks out of the folder are refused.
 */
import { readFile as readFileCb, realpath as realpathCb, stat as statCb } from 'node:fs';
import { promisify } from 'node:util';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { protocol } from 'electron';
import { SECURITY_HEADERS, injectCspMeta } from './contentSecurity.js';

// The callback fs functions are the ones Electron patches to read inside app.asar.
const readFile = promisify(readFileCb);
const realpath = promisify(realpathCb);
const stat = promisify(statCb);

export const APP_SCHEME = 'app';
export const APP_HOST = 'walltrack';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** Must run before app 'ready' (Electron's rule for privileged schemes). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * The file a request maps to, or null when it must be refused. Pure apart from the path maths,
 * so traversal attempts are unit-tested without a file system.
 */
export function resolveRendererPath(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const segments = pathname.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  if (segments.length === 0) return null; // no directory listing, no implicit index
  const root = resolve(rootDir);
  const file = resolve(root, ...segments);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return file;
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The protocol.handle handler for app:// over `rootDir` (the built renderer). */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  const rootReal = realpath(resolve(rootDir)).catch(() => resolve(rootDir));
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const file = resolveRendererPath(rootDir, request.url);
    if (!file) return textResponse(403, 'Forbidden');
    let real: string;
    let content: Buffer;
    try {
      // A symlink inside the folder must not lead out of it.
      real = await realpath(file);
      const root = await rootReal;
      if (real !== root && !real.startsWith(root + sep)) return textResponse(403, 'Forbidden');
      if (!(await stat(real)).isFile()) return textResponse(404, 'Not found');
      content = await readFile(real);
    } catch {
      return textResponse(404, 'Not found');
    }
    const ext = extname(real).toLowerCase();
    const headers = { ...SECURITY_HEADERS, 'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream' };
    if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
    if (ext !== '.html') return new Response(content, { status: 200, headers });
    try {
      return new Response(injectCspMeta(content.toString('utf8')), { status: 200, headers });
    } catch (error) {
      return textResponse(500, error instanceof Error ? error.message : 'Cannot serve this page');
    }
  };
}

export function setupProtocol(rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rootDir));
}

/** The URL of a renderer page served by app://, e.g. app://walltrack/status.html. */
export function appPageUrl(page: string): string {
  return `${APP_ORIGIN}/${page}`;
}
