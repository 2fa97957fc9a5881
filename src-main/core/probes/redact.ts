/** Keeps secrets and credentials out of every string an operator, a log or the IPC can see. */
import type { Secret } from '../credentials/Secret.js';

const REDACTED = '[redacted]';

/** An endpoint without userinfo (user:password@), query or fragment, e.g. "bolt://db.example.com:7687". */
export function publicTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    // Not parseable: still drop anything that looks like userinfo or a query.
    return url.replace(/[^\s/]*@/g, '').replace(/[?#].*$/, '');
  }
}

/** Replaces every occurrence of each secret's value (and of any URL userinfo) in text. */
export function scrub(text: string, secrets: ReadonlyArray<Secret | null | undefined>): string {
  let out = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1');
  for (const secret of secrets) {
    const value = secret?.reveal();
    if (value) out = out.split(value).join(REDACTED);
  }
  return out;
}

/** One line, bounded: messages go to a tray tooltip, a table cell and a log line. */
export function oneLine(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
