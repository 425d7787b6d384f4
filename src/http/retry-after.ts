/** Longest wait a `Retry-After` can ask for, whatever it says: one day. */
export const RETRY_AFTER_CAP_MS = 86_400_000;

const DELAY_SECONDS = /^\d+(\.\d+)?$/;

/**
 * Milliseconds to wait according to an HTTP `Retry-After` header (RFC 9110 §10.2.3): delay-seconds,
 * whole or with a fraction (`"120"`, `"1.5"`, as Jira sends them), or an HTTP date measured from
 * `nowMs` (the caller's clock, so tests pin it). The answer is capped at `capMs`, so a server
 * cannot ask for a wait that overflows a timer. `undefined` when the header is absent or
 * unreadable (negative numbers, text that is not a date); 0 for dates in the past.
 *
 * @example
 * ```ts
 * parseRetryAfter('3', nowMs); // 3000
 * parseRetryAfter('0.25', nowMs); // 250
 * parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('2026-10-21T07:27:30Z')); // 30000
 * parseRetryAfter('99999999999', nowMs); // 86400000 (the cap)
 * ```
 */
export function parseRetryAfter(
  header: string | null | undefined,
  nowMs: number,
  capMs: number = RETRY_AFTER_CAP_MS,
): number | undefined {
  if (header === undefined || header === null) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  if (DELAY_SECONDS.test(value)) return Math.min(capMs, Math.round(Number(value) * 1000));
  // Only dates that name a weekday or a month: Date.parse would read "5" or "-3" as a year.
  if (!/[A-Za-z]{3}/.test(value)) return undefined;
  const atMs = Date.parse(value);
  if (Number.isNaN(atMs)) return undefined;
  return Math.min(capMs, Math.max(0, atMs - nowMs));
}
