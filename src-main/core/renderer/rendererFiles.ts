/**
 * The one file server of the built renderer (dist/renderer), shared by both hosts: Electron's
 * app:// protocol and browser mode's HTTP server are thin adapters around readRendererFile. A
 * request path is hostile until proven otherwise: only plain names of known file types inside the
 * folder are served; "..", dotfiles, encoded or raw separators and backslashes, NUL, absolute
 * paths and symlinks out of the folder all answer 404, like a missing file.
 */
import { readFile as readFileCb, realpath as realpathCb, stat as statCb } from 'node:fs';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { injectCspMeta, securityHeaders, type PolicyOptions } from './contentSecurityPolicy.js';

// The callback fs functions are the ones Electron patches to read inside app.asar.
const readFile = promisify(readFileCb);
const realpath = promisify(realpathCb);
const stat = promisify(statCb);

/** What the renderer build contains; any other type is not served. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

// Separators (also once decoded), Windows drive and stream colons, NUL and other control characters.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_IN_SEGMENT = /[/\\:\u0000-\u001f\u007f]/;

/**
 * The file a request path maps to, or null when it must not be served. `pathname` is the path as
 * sent, still percent-encoded: each segment is decoded once, on its own, so an encoded "/" or "\"
 * can never become a separator. Path maths only; readRendererFile also refuses symlinks out.
 */
export function resolveRendererFile(rendererDir: string, pathname: string): string | null {
  if (!pathname.startsWith('/')) return null;
  const segments: string[] = [];
  for (const raw of pathname.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null; // malformed percent-encoding
    }
    // '' refuses "//x" and a trailing "/" (no listings, no implicit index); '.' refuses ".", ".." and dotfiles.
    if (segment === '' || segment.startsWith('.') || FORBIDDEN_IN_SEGMENT.test(segment)) return null;
    segments.push(segment);
  }
  const root = resolve(rendererDir);
  const file = resolve(root, ...segments);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return CONTENT_TYPES[extname(file).toLowerCase()] ? file : null;
}

export interface RendererReply {
  status: 200 | 404;
  /** Security headers (CSP included) and Content-Type; the host adds its framing (e.g. Content-Length). */
  headers: Record<string, string>;
  body: Buffer;
}

function notFound(pathname: string, policy: PolicyOptions): RendererReply {
  return {
    status: 404,
    headers: { ...securityHeaders(policy), 'Content-Type': 'text/plain; charset=utf-8' },
    body: Buffer.from(`Not found: ${pathname.slice(0, 200)}\nOnly the files of the built renderer are served here.\n`),
  };
}

/** The reply to a GET of `pathname`: the file with the policy as header (and as <meta> in pages), or a 404. */
export async function readRendererFile(rendererDir: string, pathname: string, policy: PolicyOptions = {}): Promise<RendererReply> {
  const file = resolveRendererFile(rendererDir, pathname);
  if (!file) return notFound(pathname, policy);
  let content: Buffer;
  try {
    // A symlink inside the folder must not lead out of it.
    const [real, root] = await Promise.all([realpath(file), realpath(rendererDir)]);
    if (!real.startsWith(root + sep) || !(await stat(real)).isFile()) return notFound(pathname, policy);
    content = await readFile(real);
  } catch {
    return notFound(pathname, policy);
  }
  const ext = extname(file).toLowerCase();
  const headers = { ...securityHeaders(policy), 'Content-Type': CONTENT_TYPES[ext]! };
  const body = ext === '.html' ? Buffer.from(injectCspMeta(content.toString('utf8'), policy)) : content;
  return { status: 200, headers, body };
}
