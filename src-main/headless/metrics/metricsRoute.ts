/** GET /metrics: the collector's text, behind the optional bearer token. Plugs into a server's `routes`. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MetricsCollector } from './collector.js';
import type { MetricsToken } from './metricsToken.js';

export const METRICS_PATH = '/metrics';

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/** Returns false for any other path, so the next route can answer it. */
export function metricsRoute(collector: MetricsCollector, token: MetricsToken | null) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if ((req.url ?? '/').split('?')[0] !== METRICS_PATH) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed: use GET\n', { allow: 'GET, HEAD' });
      return true;
    }
    if (token && !token.matches(req.headers.authorization)) {
      sendText(res, 401, 'Unauthorized: send the token of --metrics-token-file as "Authorization: Bearer <token>"\n', {
        'www-authenticate': 'Bearer realm="walltrack-metrics"',
      });
      return true;
    }
    const { contentType, body } = await collector.render();
    res.writeHead(200, {
      'content-type': contentType,
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
