import type { FailureClass } from '../http/retry-policy';
import type { RedmineErrorData } from './errors';

/** No connection was made: Redmine cannot have seen the request. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']);
/** The connection broke or timed out after the request may have been read. */
const CUT_OFF = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'EPIPE', 'ERR_NETWORK']);

/**
 * What a Redmine failure says about the request, for the retry policy: a refused connection,
 * 429 and 503 were surely not processed; a reset, a timeout and other 5xx may have been; the
 * rest (4xx, bad answers, answers too large, unknown network codes such as ENOTFOUND) are permanent.
 *
 * @example
 * redmineFailureClass({ code: 'redmine_http', status: 503, retryAfterMs: 2000, … }); // { kind: 'not_processed', retryAfterMs: 2000 }
 */
export function redmineFailureClass(error: RedmineErrorData): FailureClass {
  const retryAfter = error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {};
  if (error.code === 'redmine_unreachable') {
    const code = error.networkCode ?? '';
    if (NOT_CONNECTED.has(code)) return { kind: 'not_processed' };
    return { kind: CUT_OFF.has(code) ? 'maybe_processed' : 'permanent' };
  }
  if (error.code !== 'redmine_http' || error.status === undefined) return { kind: 'permanent' };
  if (error.status === 429 || error.status === 503) return { kind: 'not_processed', ...retryAfter };
  if (error.status >= 500 && error.status !== 501) return { kind: 'maybe_processed', ...retryAfter };
  return { kind: 'permanent' };
}
