/**
 * What an HTTP gateway said about a failed request, for the operator: the `message` and `hint` of
 * its JSON error body (Supabase's gateway answers {"message":…,"hint":…}), bounded to one short line.
 * Anything else (an HTML error page from a CDN, binary, a huge or malformed body) gives nothing: raw
 * pages are never shown. Secrets are cut out later, with the whole message (result.ts).
 */
import { oneLine } from './redact.js';

/** Longest note shown; a longer message is cut, not dropped. */
export const MAX_GATEWAY_NOTE = 200;

const text = (value: unknown): string | null => (typeof value === 'string' ? oneLine(value) || null : null);

/** e.g. `"Project paused" — The project is paused…`; null when the body is not such JSON. */
export function gatewayNote(contentType: string | null, body: string): string | null {
  // Stryker disable next-line StringLiteral: any text without a JSON media type is refused alike
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType ?? '')) return null;
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(body);
  } catch {
    // not JSON: nothing to show
  }
  // A string, number or array has no message of its own; only null cannot be read at all.
  const { message, hint } = (parsed ?? {}) as { message?: unknown; hint?: unknown };
  const said = text(message);
  if (!said) return null;
  const extra = text(hint);
  return oneLine(extra ? `"${said}" — ${extra}` : `"${said}"`, MAX_GATEWAY_NOTE);
}
