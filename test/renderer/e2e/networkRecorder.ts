/** Records what crosses the wire for a Playwright page: WebSocket frames both ways and HTTP response bodies. */
import type { Page } from 'playwright-core';

export interface Recorded {
  sent: string[];
  received: string[];
  responses: { url: string; status: number; body: string }[];
  /** Resolves when every response body seen so far has been read. */
  settle(): Promise<void>;
}

export function recordNetwork(page: Page, into?: Recorded): Recorded {
  const pending: Promise<void>[] = [];
  const rec: Recorded = into ?? {
    sent: [],
    received: [],
    responses: [],
    settle: async () => {
      await Promise.all(pending);
    },
  };
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => rec.sent.push(String(f.payload)));
    ws.on('framereceived', (f) => rec.received.push(String(f.payload)));
  });
  page.on('response', (res) => {
    pending.push(
      res
        .text()
        .catch(() => '')
        .then((body) => void rec.responses.push({ url: res.url(), status: res.status(), body: body + JSON.stringify(res.headers()) })),
    );
  });
  return rec;
}
