/**
 * Who may call the IPC API (Electron security checklist 17): the main frame of one of our own
 * windows, showing a page from our origin. Anything else — another webContents, an iframe, a page
 * that navigated elsewhere — is refused before its payload is even parsed.
 */
import type { IpcMainInvokeEvent, WebContents } from 'electron';

export interface SenderPolicy {
  owns(contents: WebContents): boolean;
  allowedOrigins: readonly string[];
}

/** scheme://host[:port] of a URL; WHATWG URL gives "null" as origin for custom schemes like app:. */
export function originOf(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.host ? `${url.protocol}//${url.host}` : null;
  } catch {
    return null;
  }
}

/** null when the sender is trusted, else the reason it is not (safe to log: no payload, no secret). */
export function rejectSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, policy: SenderPolicy): string | null {
  if (!policy.owns(event.sender)) return 'sender is not one of the app windows';
  const frame = event.senderFrame;
  if (!frame) return 'sender frame is gone (navigated or destroyed)';
  if (frame.parent !== null) return 'sender is a subframe, not the main frame';
  const main = event.sender.mainFrame;
  if (main && (frame.processId !== main.processId || frame.routingId !== main.routingId)) {
    return 'sender frame is not the main frame of its window';
  }
  const origin = originOf(frame.url);
  if (!origin || !policy.allowedOrigins.includes(origin)) return `sender origin ${origin ?? '(none)'} is not allowed`;
  return null;
}
