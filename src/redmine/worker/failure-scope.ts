import type { RedmineErrorData } from '../errors';

/**
 * How far a failure reaches:
 * - `outage`: Redmine cannot serve the worker right now (unreachable, 5xx, 429 after retries,
 *   garbage answers on a listing): the cycle ends, reported once, cursors kept, the next retries;
 * - `auth`: the key is rejected (401): not an outage; retrying cannot help until someone fixes it;
 * - `gone`: the issue no longer exists or is no longer visible (404): it leaves the cache;
 * - `issue`: only this issue is affected (422, 403 on it, a malformed answer for it): it is skipped,
 *   logged and read again next cycle.
 */
export type FailureScope = 'outage' | 'auth' | 'gone' | 'issue';

/**
 * Decides the {@link FailureScope} of a Redmine client error met while handling one issue.
 *
 * @example
 * failureScope(new RedmineError({ code: 'redmine_unreachable', … })); // 'outage'
 */
export function failureScope(error: RedmineErrorData): FailureScope {
  switch (error.code) {
    case 'redmine_unreachable':
      return 'outage';
    case 'redmine_auth':
      return error.status === 403 ? 'issue' : 'auth';
    case 'redmine_http':
      if (error.status === 404) return 'gone';
      if (error.status === undefined || error.status === 429 || error.status >= 500) return 'outage';
      return 'issue';
    case 'redmine_bad_response':
    case 'redmine_too_large':
    case 'redmine_invalid_argument':
      return 'issue';
  }
}
