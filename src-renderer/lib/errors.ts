/** Turns a failed call into one line for the operator; the host already keeps secrets out of it. */
export function errorText(e: unknown): string {
  if (e instanceof Error) {
    // Electron prefixes IPC errors with "Error invoking remote method 'x': Error: ".
    const m = e.message.replace(/^Error invoking remote method '[^']+': (?:\w*Error: )?/, '');
    const hint = (e as { hint?: unknown }).hint;
    return typeof hint === 'string' && hint ? `${m} — ${hint}` : m;
  }
  return String(e);
}
