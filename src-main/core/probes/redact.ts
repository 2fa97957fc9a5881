/** Keeps secrets and credentials out of every string an operator, a log or the IPC can see. */
import type { Secret } from '../credentials/Secret.js';

const REDACTED = '[redacted]';

// Lives with the endpoint rules, which the settings window shares.
export { publicTarget } from '../../common/endpointIdentity.js';

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
