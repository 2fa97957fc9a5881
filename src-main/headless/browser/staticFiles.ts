/**
 * Browser mode's adapter to the one renderer file server (core/renderer/rendererFiles): the
 * request target goes to it exactly as the client sent it (never through URL parsing, which would
 * turn "\" into "/" and resolve ".." first), and pages may also connect to this server's WebSocket.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readRendererFile } from '../../core/renderer/rendererFiles.js';

/** The origins of browser mode's WebSocket on `port`, under both loopback names a page may be opened with. */
export function socketOrigins(port: number): string[] {
  return [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`];
}

/** Answers a GET or HEAD for a renderer file: the file under the policy, or a 404. */
export async function sendRendererFile(req: IncomingMessage, res: ServerResponse, rendererDir: string): Promise<void> {
  const pathname = (req.url ?? '').split(/[?#]/)[0]!;
  const reply = await readRendererFile(rendererDir, pathname, { connectSrc: socketOrigins(req.socket.localPort ?? 0) });
  res.writeHead(reply.status, { ...reply.headers, 'Content-Length': reply.body.length });
  res.end(req.method === 'HEAD' ? undefined : reply.body);
}
