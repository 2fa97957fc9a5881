/**
 * Fault helpers for outage tests: a port nobody listens on, a TCP black hole,
 * and a host name that can never resolve. Everything stays on loopback.
 */
import net from 'node:net';

/** RFC 6761 reserves .invalid: it never resolves, on any resolver, so this gives ENOTFOUND without touching the network. */
export const UNRESOLVABLE_HOST = 'walltrack-monitor-test.invalid';

/** A free 127.0.0.1 port, found by binding port 0 and releasing it. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A 127.0.0.1 port with no listener: connecting to it fails fast with ECONNREFUSED. */
export async function closedPort(): Promise<number> {
  return freePort();
}

export interface BlackHole {
  port: number;
  /** Connections the black hole holds right now (clients that have not closed theirs). */
  openConnections(): number;
  close(): Promise<void>;
}

/**
 * A TCP server that accepts connections and never sends a byte, so clients hang until their own
 * timeout fires (what a firewall that drops packets after the handshake, or a wedged server, looks like).
 */
export async function startBlackHole(): Promise<BlackHole> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    // read and discard whatever the client sends; never answer
    socket.resume();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    openConnections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
