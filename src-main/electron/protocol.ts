/**
 * The app:// scheme that serves the built renderer (dist/renderer) to our windows. Privileged as
 * standard + secure so pages get a real origin (app://walltrack) and secure-context APIs. What is
 * served, and under which policy, is the core's renderer file server (core/renderer/rendererFiles);
 * this is only its Electron adapter: GET/HEAD of app://walltrack/… to a web Response.
 */
import { protocol } from 'electron';
import { securityHeaders } from '../core/renderer/contentSecurityPolicy.js';
import { readRendererFile } from '../core/renderer/rendererFiles.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'walltrack';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Must run before app 'ready' (Electron's rule for privileged schemes). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** The protocol.handle handler for app:// over `rootDir` (the built renderer). Windows connect to nothing but main, over IPC. */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const headers = { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET, HEAD' };
      return new Response('Method not allowed: the renderer files answer GET and HEAD only.\n', { status: 405, headers });
    }
    const url = new URL(request.url);
    // Another host of app:// gets an empty path, which the file server refuses.
    const pathname = url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST ? url.pathname : '';
    const reply = await readRendererFile(rootDir, pathname);
    return new Response(request.method === 'HEAD' ? null : reply.body, { status: reply.status, headers: reply.headers });
  };
}

export function setupProtocol(rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rootDir));
}

/** The URL of a renderer page served by app://, e.g. app://walltrack/status.html. */
export function appPageUrl(page: string): string {
  return `${APP_ORIGIN}/${page}`;
}
