/** Races a client call against an AbortSignal, so a hung library call is abandoned instead of awaited forever. */

/** One rejection promise per signal: a check races several calls against the same signal. */
const abortedPromises = new WeakMap<AbortSignal, Promise<never>>();

/** A promise that rejects when `signal` aborts; prime it before timing something so the race costs nothing extra. */
export function whenAborted(signal: AbortSignal): Promise<never> {
  let aborted = abortedPromises.get(signal);
  if (!aborted) {
    aborted = new Promise<never>((_, reject) => {
      const fire = () => reject(signal.reason ?? new DOMException('The check was aborted', 'AbortError'));
      if (signal.aborted) fire();
      else {
        // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal fires "abort" only once; once just releases the listener
        signal.addEventListener('abort', fire, { once: true });
      }
    });
    aborted.catch(() => undefined); // nobody may be racing it any more when it fires
    abortedPromises.set(signal, aborted);
  }
  return aborted;
}

export function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => undefined); // an abandoned call may still fail later
  return Promise.race([work, whenAborted(signal)]);
}

/**
 * Waits for `work` to settle, but at most `ms` (nothing when ms ≤ 0); never rejects. For work a check
 * would like to include (a first deeper check) but must not be late for.
 */
export async function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a 0 ms timer ends the wait as soon; this only spares Node's negative-timeout warning
  if (ms <= 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const elapsed = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  try {
    await Promise.race([work.then(() => undefined, () => undefined), elapsed]);
    // Stryker disable next-line BlockStatement: clearing only frees the timer before it fires by itself
  } finally {
    clearTimeout(timer);
  }
}
