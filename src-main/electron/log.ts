/** The slice of the core's pino logger the shell uses; tests pass a recorder. Never log a secret. */
export interface ShellLog {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

/** Only the error's name and message: a stack or cause could carry a driver's connection string. */
export function errorSummary(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) };
}
