/**
 * A loopback TCP proxy that counts the connections clients open through it. Put in front of Bolt,
 * it shows how many connections a driver really opens (Community Neo4j cannot list them).
 */
import net from 'node:net';

export interface CountingProxy {
  /** Port clients connect to (127.0.0.1). */
  port: number;
  /** Connections accepted so far. */
  readonly opened: number;
  /** Connections currently open. */
  readonly open: number;
  close(): Promise<void>;
}

export async function startCountingProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<CountingProxy> {
  let opened = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    opened++;
    const upstream = net.connect(targetPort, targetHost);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    get opened() {
      return opened;
    },
    get open() {
      return [...sockets].filter((s) => s.remotePort !== targetPort).length;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
