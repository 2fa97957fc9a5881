/**
 * Runs `start` with V8's stack capture off and puts the limit back, also when `start` throws.
 *
 * neo4j-driver's Result captures and formats a stack trace on every query, only to splice it into an error
 * later; the monitor never shows a driver's stack, and formatting one per check cost about 3 % of the
 * monitor's CPU with 40 targets (bench (i)). Synchronous only, so no other code runs with the limit at 0.
 */
export function withoutStackCapture<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
