import pRetry, { AbortError } from 'p-retry';

/**
 * What a failed attempt says about the request:
 * - `not_processed`: the server surely did not act on it (connection refused, DNS failure,
 *   429, 503): safe to send again, whatever the method;
 * - `maybe_processed`: transient, but the server may have acted before the answer was lost
 *   (reset, timeout, 500/502/504): sent again only when the request is idempotent;
 * - `permanent`: sending it again cannot help (4xx, a malformed answer, a bug).
 */
export type FailureKind = 'not_processed' | 'maybe_processed' | 'permanent';

export interface FailureClass {
  readonly kind: FailureKind;
  /** The wait the server asked for (`Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number;
}

/** Why a call stopped without another attempt. */
export type GiveUpReason = 'permanent' | 'not_idempotent' | 'retry_after_too_long' | 'retries_exhausted' | 'aborted';

export interface RetryEvent {
  /** The attempt that failed, from 1. */
  readonly attempt: number;
  /** What the transport threw. */
  readonly error: unknown;
  /** Retries: the least time before the next attempt (backoff, or `Retry-After` when longer). */
  readonly delayMs?: number;
  /** Give-ups: why no further attempt is made. */
  readonly reason?: GiveUpReason;
}

/** One call to run under the policy: a transport attempt and what its failures mean. */
export interface RetryRequest<T> {
  /** Sends the request once; throws on failure. */
  readonly send: (attempt: number) => Promise<T>;
  /** Reads a failure thrown by `send`; anything it does not recognise should be `permanent`. */
  readonly classify: (error: unknown) => FailureClass;
  /** Safe to repeat after the server may have processed it (GET, PUT of a whole value). */
  readonly idempotent: boolean;
  readonly onRetry?: (event: RetryEvent) => void;
  readonly onGiveUp?: (event: RetryEvent) => void;
}

export interface RetryPolicyOptions {
  /** Retries after the first attempt. Default 4. */
  readonly retries?: number;
  /** First backoff step; doubles per retry (p-retry's `minTimeout`, `factor: 2`). Default 500 ms. */
  readonly baseDelayMs?: number;
  /** Upper bound of one backoff step (p-retry's `maxTimeout`). Default 30 s. */
  readonly maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the call fails at once. Default 120 s. */
  readonly maxRetryAfterMs?: number;
  /** Spreads backoff steps by a random factor in [1, 2) (p-retry's `randomize`). Default true. */
  readonly randomize?: boolean;
  /**
   * Waits the part of a `Retry-After` the backoff step does not cover. Tests pass a recorder
   * (and a 1 ms `baseDelayMs`, octokit's `retryAfterBaseValue` idea) to run without real waits.
   */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Aborting ends the waits: the call fails with the last failure. */
  readonly signal?: AbortSignal;
}

/** The resolved settings of a policy. */
export interface RetrySettings {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly randomize: boolean;
}

/** The verdict on one failed attempt. */
export type RetryDecision = { readonly retry: true } | { readonly retry: false; readonly reason: GiveUpReason };

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether a failure may be retried: never a permanent one, never a write that may have been
 * applied unless it is idempotent, never when the server asks for a longer wait than accepted.
 * Retries running out is p-retry's own count, not decided here.
 *
 * @example
 * ```ts
 * decideRetry({ kind: 'maybe_processed' }, false, settings); // { retry: false, reason: 'not_idempotent' }
 * decideRetry({ kind: 'not_processed', retryAfterMs: 2000 }, false, settings); // { retry: true }
 * ```
 */
export function decideRetry(failure: FailureClass, idempotent: boolean, settings: RetrySettings): RetryDecision {
  if (failure.kind === 'permanent') return { retry: false, reason: 'permanent' };
  if (failure.kind === 'maybe_processed' && !idempotent) return { retry: false, reason: 'not_idempotent' };
  if (failure.retryAfterMs !== undefined && failure.retryAfterMs > settings.maxRetryAfterMs)
    return { retry: false, reason: 'retry_after_too_long' };
  return { retry: true };
}

/**
 * The shortest backoff p-retry waits before retry number `retry` (1-based): `baseDelayMs · 2^(retry-1)`,
 * capped at `maxDelayMs`. With `randomize` the real step is this times a factor in [1, 2).
 */
export function backoffFloorMs(retry: number, settings: RetrySettings): number {
  return Math.min(settings.maxDelayMs, Math.round(Math.max(settings.baseDelayMs, 1) * 2 ** (retry - 1)));
}

/**
 * One retry policy for every HTTP client of the project, composed around a transport: the
 * transport sends once and throws classified failures; the policy decides with {@link decideRetry}
 * and lets p-retry run the attempts and its exponential backoff. A `Retry-After` is honoured as a
 * floor: the policy first sleeps the part of it the next backoff step does not cover.
 *
 * @example
 * ```ts
 * const policy = new RetryPolicy({ retries: 3, baseDelayMs: 500 });
 * const body = await policy.run({
 *   send: (attempt) => transport.get('/issues.json', attempt),
 *   classify: (error) => (error instanceof RedmineError ? error.failure : { kind: 'permanent' }),
 *   idempotent: true,
 * });
 * ```
 */
export class RetryPolicy {
  readonly settings: RetrySettings;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #signal?: AbortSignal;

  constructor(options: RetryPolicyOptions = {}) {
    const baseDelayMs = Math.max(0, options.baseDelayMs ?? 500);
    this.settings = {
      retries: Math.max(0, Math.floor(options.retries ?? 4)),
      baseDelayMs,
      maxDelayMs: Math.max(baseDelayMs, 1, options.maxDelayMs ?? 30_000),
      maxRetryAfterMs: Math.max(0, options.maxRetryAfterMs ?? 120_000),
      randomize: options.randomize ?? true,
    };
    this.#sleep = options.sleep ?? defaultSleep;
    this.#signal = options.signal;
  }

  /** Runs `request` until it succeeds or the policy gives up; rejects with the last failure. */
  async run<T>(request: RetryRequest<T>): Promise<T> {
    const outer = this.#signal;
    // Aborting cuts a wait short but never an attempt in flight: a write's answer is not thrown away.
    const waits = new AbortController();
    let waiting = false;
    const onAbort = (): void => {
      if (waiting) waits.abort();
    };
    outer?.addEventListener('abort', onAbort, { once: true });
    let last: { error: unknown } | undefined;
    const attempt = async (attemptNumber: number): Promise<T> => {
      waiting = false;
      try {
        return await request.send(attemptNumber);
      } catch (error) {
        last = { error };
        await this.#afterFailure(request, attemptNumber, error);
        waiting = true;
        throw asError(error);
      }
    };
    try {
      return await pRetry(attempt, { ...this.#backoff(), signal: waits.signal });
    } catch (error) {
      // p-retry rejects with the most frequent failure, or the signal's reason: the last failure is the truth.
      if (last !== undefined) throw last.error;
      throw error;
    } finally {
      outer?.removeEventListener('abort', onAbort);
    }
  }

  /** p-retry's own exponential backoff, from the settings. */
  #backoff(): { retries: number; factor: number; minTimeout: number; maxTimeout: number; randomize: boolean } {
    const { retries, baseDelayMs, maxDelayMs, randomize } = this.settings;
    return { retries, factor: 2, minTimeout: baseDelayMs, maxTimeout: maxDelayMs, randomize };
  }

  /**
   * Decides on a failed attempt: gives up (throws p-retry's AbortError) or announces the retry and
   * sleeps the part of a `Retry-After` the coming backoff step does not cover.
   */
  async #afterFailure<T>(request: RetryRequest<T>, attempt: number, error: unknown): Promise<void> {
    const giveUp = (reason: GiveUpReason): never => {
      request.onGiveUp?.({ attempt, error, reason });
      throw new AbortError(asError(error));
    };
    const failure = request.classify(error);
    const decision = decideRetry(failure, request.idempotent, this.settings);
    if (!decision.retry) giveUp(decision.reason);
    if (attempt > this.settings.retries) giveUp('retries_exhausted');
    if (this.#signal?.aborted) giveUp('aborted');
    const backoffMs = backoffFloorMs(attempt, this.settings);
    const retryAfterMs = failure.retryAfterMs ?? 0;
    request.onRetry?.({ attempt, error, delayMs: Math.max(backoffMs, retryAfterMs) });
    if (retryAfterMs > backoffMs) await this.#sleep(retryAfterMs - backoffMs);
    if (this.#signal?.aborted) giveUp('aborted');
  }
}

/** p-retry only handles Error instances; anything else thrown by a transport is wrapped. */
function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
