/**
 * Waits `ms`, or less when `signal` aborts first: a stopping worker does not sit out a retry
 * backoff or the pause between cycles.
 *
 * @example
 * await abortableSleep(60_000, controller.signal); // returns at once after controller.abort()
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}
