/**
 * What went wrong talking to Redmine:
 * - `redmine_unreachable`: no HTTP answer (refused, reset, timed out, DNS);
 * - `redmine_auth`: 401/403, the API key is wrong, lacks rights, or the REST API is off;
 * - `redmine_http`: any other non-2xx answer, including 422 validation errors;
 * - `redmine_bad_response`: a 2xx answer whose body is not JSON or not the expected shape;
 * - `redmine_too_large`: an answer (or a request body) beyond the client's size cap, refused while it streamed;
 * - `redmine_invalid_argument`: the caller passed a value the client cannot send.
 */
export type RedmineErrorCode =
  | 'redmine_unreachable'
  | 'redmine_auth'
  | 'redmine_http'
  | 'redmine_bad_response'
  | 'redmine_too_large'
  | 'redmine_invalid_argument';

/** The plain-data view of a {@link RedmineError}, safe to log or serialise. */
export interface RedmineErrorData {
  code: RedmineErrorCode;
  message: string;
  /** `GET /issues.json`: method and path, never the query string's values or the key. */
  endpoint: string;
  /** Path of the offending field inside the answer body, e.g. `['issues', 2, 'id']`. */
  path: Array<string | number>;
  status?: number;
  /** Redmine's own `{ errors: [...] }` messages, from 422 answers. */
  redmineErrors?: string[];
  /** Transport error code such as `ECONNREFUSED`. */
  networkCode?: string;
  /** How many HTTP attempts were made before giving up. */
  attempts: number;
  /** Whether the failure was transient (a retry could have helped), retried or not. */
  retryable: boolean;
  /** Milliseconds the server asked to wait (Retry-After), when it did. */
  retryAfterMs?: number;
}

/**
 * An error from {@link RedmineClient}: data first (`code`, `endpoint`, `path`, `status`),
 * with a message meant for people. Built only from redacted text, so logging it never
 * leaks the API key.
 *
 * @example
 * ```ts
 * try {
 *   await client.getIssue(42);
 * } catch (error) {
 *   if (error instanceof RedmineError && error.code === 'redmine_auth') process.exitCode = 2;
 *   console.error(JSON.stringify(error)); // {"code":"redmine_auth","endpoint":"GET /issues/42.json",...}
 * }
 * ```
 */
export class RedmineError extends Error implements RedmineErrorData {
  readonly code: RedmineErrorCode;
  readonly endpoint: string;
  readonly path: Array<string | number>;
  readonly status?: number;
  readonly redmineErrors?: string[];
  readonly networkCode?: string;
  readonly attempts: number;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

  constructor(data: RedmineErrorData) {
    super(data.message);
    this.name = 'RedmineError';
    this.code = data.code;
    this.endpoint = data.endpoint;
    this.path = data.path;
    this.attempts = data.attempts;
    this.retryable = data.retryable;
    if (data.status !== undefined) this.status = data.status;
    if (data.redmineErrors !== undefined) this.redmineErrors = data.redmineErrors;
    if (data.networkCode !== undefined) this.networkCode = data.networkCode;
    if (data.retryAfterMs !== undefined) this.retryAfterMs = data.retryAfterMs;
  }

  toJSON(): RedmineErrorData {
    const data: RedmineErrorData = {
      code: this.code,
      message: this.message,
      endpoint: this.endpoint,
      path: this.path,
      attempts: this.attempts,
      retryable: this.retryable,
    };
    if (this.status !== undefined) data.status = this.status;
    if (this.redmineErrors !== undefined) data.redmineErrors = this.redmineErrors;
    if (this.networkCode !== undefined) data.networkCode = this.networkCode;
    if (this.retryAfterMs !== undefined) data.retryAfterMs = this.retryAfterMs;
    return data;
  }
}

/**
 * Replaces every occurrence of `secret` in `text` with `[redacted]`.
 *
 * @example
 * ```ts
 * redactSecret('key abc123 rejected', 'abc123'); // 'key [redacted] rejected'
 * ```
 */
export function redactSecret(text: string, secret: string): string {
  if (secret === '') return text;
  return text.split(secret).join('[redacted]');
}
