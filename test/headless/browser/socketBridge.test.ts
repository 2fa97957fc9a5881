/**
 * The WebSocket bridge on a real loopback server, with a real `ws` client that stops reading:
 * what the server holds for one socket is bounded.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createRendererHandlers } from '../../../src-main/core/rendererHandlers.js';
import { createSocketBridge } from '../../../src-main/headless/browser/socketBridge.js';
import { createFakeCore, snapshotWith } from './fakeCore.js';

const TOKEN = 'bridge-test-token-0123456789abcdefghijklmn';
const SEND_BUFFER_BOUND = 4 * 1024 * 1024;
const warnings: string[] = [];
const log = { warn: (_o: object, m: string) => void warnings.push(m), error: (_o: object, m: string) => void warnings.push(m) };
const core = createFakeCore();
const bridge = createSocketBridge({
  handlers: createRendererHandlers(core, {
    appInfo: () => ({ version: '0.1.0', host: 'browser', capabilities: { startAtLogin: false, notifications: false } }),
    openWindow: () => undefined,
  }),
  // The bridge alone, pushing whole snapshots (browser mode sends patches after the first: browserMode.test.ts).
  subscribe: (event, listener) => (event === 'snapshotPatch' ? () => undefined : core.on(event, listener)),
  initialEvents: () => [{ event: 'snapshot', payload: core.snapshot() }],
  log,
  authorize: (token: unknown) => token === TOKEN,
});
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer();
  server.on('upgrade', (req, socket, head) => bridge.wss.handleUpgrade(req, socket, head, (ws) => bridge.wss.emit('connection', ws, req)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
});
afterAll(async () => {
  await bridge.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('socket bridge: a client that stops reading', () => {
  it('is dropped once its send buffer passes 4 MiB, and the server never holds more than that plus one message for it', async () => {
    const client = new WebSocket(url);
    const events: string[] = [];
    client.on('message', (d) => events.push(String(d)));
    await new Promise((resolve) => client.once('open', resolve));
    client.send(JSON.stringify({ type: 'auth', token: TOKEN }));
    await expect.poll(() => events.some((e) => e.includes('"snapshot"'))).toBe(true);
    const serverSide = [...bridge.wss.clients][0]!;
    // The client stops reading: first the kernel buffers fill, then the server's own send buffer.
    (client as unknown as { _socket: Socket })._socket.pause();

    const messageBytes = JSON.stringify({ type: 'event', event: 'snapshot', payload: snapshotWith('down') }).length;
    let maxBuffered = 0;
    for (let i = 0; i < 200_000 && serverSide.readyState === WebSocket.OPEN; i++) {
      core.emitSnapshot(snapshotWith(i % 2 ? 'down' : 'healthy'));
      maxBuffered = Math.max(maxBuffered, serverSide.bufferedAmount);
      if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve)); // lets the socket hand bytes to the kernel
    }
    expect(serverSide.readyState).not.toBe(WebSocket.OPEN);
    await expect.poll(() => bridge.wss.clients.size).toBe(0);
    expect(maxBuffered).toBeGreaterThan(SEND_BUFFER_BOUND); // it was the buffer that got it dropped
    expect(maxBuffered).toBeLessThanOrEqual(SEND_BUFFER_BOUND + messageBytes);
    expect(warnings.filter((w) => w.includes('stopped reading'))).toHaveLength(1);
    client.terminate();
  });

  it('keeps serving a client that reads', async () => {
    const client = new WebSocket(url);
    const events: string[] = [];
    client.on('message', (d) => events.push(String(d)));
    await new Promise((resolve) => client.once('open', resolve));
    client.send(JSON.stringify({ type: 'auth', token: TOKEN }));
    await expect.poll(() => events.filter((e) => e.includes('"snapshot"')).length).toBe(1);
    for (let i = 0; i < 2_000; i++) core.emitSnapshot(snapshotWith(i % 2 ? 'down' : 'healthy'));
    await expect.poll(() => events.filter((e) => e.includes('"snapshot"')).length, { timeout: 20_000 }).toBe(2_001);
    expect(client.readyState).toBe(WebSocket.OPEN);
    client.close();
  });
});
