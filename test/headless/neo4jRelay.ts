/**
 * A Neo4j that can be switched off and on at a fixed loopback port: a TCP relay to the shared real
 * Neo4j. Closed, the port refuses connections (an outage the monitor reports as "refused"); open,
 * every byte goes to the real server. The shared Neo4j itself is never stopped.
 */
import net from 'node:net';

export interface Neo4jRelay {
  port: number;
  uri: string;
  open(): Promise<void>;
  close(): Promise<void>;
}

export function neo4jRelay(target: { uri: string }, port: number): Neo4jRelay {
  const upstream = new URL(target.uri.replace(/^bolt:/, 'http:'));
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  return {
    port,
    uri: `bolt://127.0.0.1:${port}`,
    async open() {
      if (server) return;
      const listening = net.createServer((client) => {
        const real = net.connect(Number(upstream.port), upstream.hostname);
        track(client);
        track(real);
        client.on('error', () => real.destroy());
        real.on('error', () => client.destroy());
        client.pipe(real).pipe(client);
      });
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(port, '127.0.0.1', resolve);
      });
      server = listening;
    },
    async close() {
      const closing = server;
      server = null;
      for (const socket of sockets) socket.destroy();
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
  };
}
