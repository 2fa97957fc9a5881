/** The fault helpers produce the failures their names promise. */
import dns from 'node:dns/promises';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { closedPort, startBlackHole, UNRESOLVABLE_HOST } from './faults.js';

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('fault helpers', () => {
  it('closedPort refuses connections (ECONNREFUSED)', async () => {
    await expect(connect(await closedPort())).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('the black hole accepts a connection and sends no bytes within 1 s', async () => {
    const hole = await startBlackHole();
    try {
      const socket = await connect(hole.port);
      let received = 0;
      socket.on('data', (chunk: Buffer) => (received += chunk.length));
      socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
      await new Promise((r) => setTimeout(r, 1_000));
      expect(received).toBe(0);
      expect(socket.destroyed).toBe(false);
      socket.destroy();
    } finally {
      await hole.close();
    }
  });

  it('the unresolvable host fails DNS with ENOTFOUND', async () => {
    expect(UNRESOLVABLE_HOST.endsWith('.invalid')).toBe(true);
    await expect(dns.lookup(UNRESOLVABLE_HOST)).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});
