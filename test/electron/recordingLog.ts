import type { ShellLog } from '../../src-main/electron/log.js';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  details: Record<string, unknown>;
  message: string;
}

/** A ShellLog that keeps every entry so tests can assert what was (and was not) logged. */
export function recordingLog(): ShellLog & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (details: Record<string, unknown>, message: string) => void entries.push({ level, details, message });
  return { entries, info: at('info'), warn: at('warn'), error: at('error') };
}
