/**
 * fetch for requests that carry a secret to one configured host. A redirect is refused, not
 * followed (the secret would go wherever a Location header points), and a body is read only up
 * to MAX_RESPONSE_BYTES, so a server that streams forever cannot fill memory.
 */

/** A health or PostgREST answer is a few hundred bytes; anything past this is not one. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/** The server answered something the probe will not use: a redirect, or a body over the bound. */
export class RefusedResponse extends Error {
  override readonly name = 'RefusedResponse';
}

/** Statuses whose Response may not carry a body stream. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** "GET /auth/v1/health": the request without query (it may carry parameters) or host. */
function describeRequest(input: string | URL | Request, init: RequestInit | undefined): string {
  const url = input instanceof Request ? input.url : String(input);
  const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = '(unparseable URL)';
  }
  return `${method.toUpperCase()} ${path}`;
}

/** Where a Location header points, origin only: its path and query may carry secrets. */
function locationOrigin(location: string | null, requestUrl: string): string {
  if (!location) return 'nowhere (no Location header)';
  try {
    const target = new URL(location, requestUrl);
    return target.origin === 'null' ? `a ${target.protocol} URL` : target.origin;
  } catch {
    return 'an unparseable Location';
  }
}

/**
 * The same response, whose body yields at most `limit` bytes: past that the source is cancelled
 * (undici then closes the connection) and reading fails with a RefusedResponse. Every error while
 * reading is also passed to `onError`, for callers (supabase-js) that flatten errors into text.
 */
export function boundBody(response: Response, what: string, onError: (error: unknown) => void, limit = MAX_RESPONSE_BYTES): Response {
  if (!response.body || NULL_BODY_STATUSES.has(response.status)) return response;
  const source = response.body.getReader();
  let read = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk: Awaited<ReturnType<typeof source.read>>;
        try {
          chunk = await source.read();
        } catch (error) {
          onError(error);
          throw error;
        }
        if (chunk.done) {
          controller.close();
          return;
        }
        read += chunk.value.byteLength;
        if (read > limit) {
          const error = new RefusedResponse(`${what} sent more than ${limit / 1024} KiB; a Supabase answer is far smaller, so the rest was not read`);
          onError(error);
          controller.error(error);
          source.cancel(error).catch(() => undefined);
          return;
        }
        controller.enqueue(chunk.value);
      },
      cancel: (reason) => source.cancel(reason),
    },
    // Pull only when the consumer reads: nothing is buffered ahead of it.
    { highWaterMark: 0 },
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** fetch with redirects refused and the body bounded; see the file comment. */
export async function guardedFetch(
  input: string | URL | Request,
  init: RequestInit | undefined,
  onBodyError: (error: unknown) => void,
): Promise<Response> {
  const what = describeRequest(input, init);
  const response = await fetch(input, { ...init, redirect: 'manual' });
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel().catch(() => undefined);
    const to = locationOrigin(response.headers.get('location'), input instanceof Request ? input.url : String(input));
    throw new RefusedResponse(`${what} answered HTTP ${response.status} pointing to ${to}; redirects are not followed, so the key was not sent there`);
  }
  return boundBody(response, what, onBodyError);
}
