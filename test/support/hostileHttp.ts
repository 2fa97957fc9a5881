/**
 * Loopback HTTP servers that misbehave on purpose (redirect elsewhere, stream forever, cut the
 * connection), recording what reached them. For probe tests and the benchmark.
 */
import http from 'node:http';
import type net from 'node:net';

export interface LoopbackHttp {
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  /** TCP connections accepted so far: 0 means nothing (and so no key) ever reached this server. */
  connections: number;
  /** "METHOD /path?query" of every request received. */
  requests: string[];
  close(): Promise<void>;
}

export async function startLoopbackHttp(handler: http.RequestListener = (_req, res) => res.end('captured')): Promise<LoopbackHttp> {
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    state.requests.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  const state: LoopbackHttp = {
    origin: '',
    port: 0,
    connections: 0,
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  state.port = (server.address() as net.AddressInfo).port;
  state.origin = `http://127.0.0.1:${state.port}`;
  return state;
}

export interface EndlessCounter {
  /** Bytes the server handed to the socket (it waits for 'drain', so this is what the kernel accepted). */
  written: number;
  /** Set when the streaming connection closes (the client cancelled, or gave up on it). */
  closed?: boolean;
}

const CHUNK = Buffer.alloc(16 * 1024, '{"padding":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"},');
const FRAME = Buffer.concat([Buffer.from(`${CHUNK.length.toString(16)}\r\n`), CHUNK, Buffer.from('\r\n')]);

/**
 * Answers 200 with a chunked body that never ends, until the client goes away, honouring
 * backpressure. Written to the socket directly, so a HEAD request gets a body too (as a hostile
 * server would send it; Node's own HEAD handling would drop it).
 */
export function streamEndlessly(res: http.ServerResponse, counter: EndlessCounter): void {
  const socket = res.socket!;
  socket.once('close', () => (counter.closed = true));
  socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n');
  const pump = (): void => {
    while (!socket.destroyed) {
      counter.written += FRAME.length;
      if (!socket.write(FRAME)) {
        socket.once('drain', pump);
        return;
      }
    }
  };
  pump();
}
