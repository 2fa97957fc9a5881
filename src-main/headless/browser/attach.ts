/** Wires browser mode into an existing HTTP server: UI routes first, the caller's routes (/api/*) after. */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { BrowserMode } from './browserMode.js';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Returns a request handler that lets browser mode answer UI requests and passes the rest on. */
export function withBrowserMode(mode: BrowserMode, next: RequestHandler): RequestHandler {
  return (req, res) => {
    if (!mode.handleRequest(req, res)) next(req, res);
  };
}

export function attachBrowserSocket(server: Server, mode: BrowserMode): void {
  server.on('upgrade', (req, socket, head) => mode.handleUpgrade(req, socket, head));
}
