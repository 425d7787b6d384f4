/** What went wrong talking to Jira; callers branch on this, never on message text. */
export type JiraErrorCode =
  'jira_http' | 'jira_rate_limited' | 'jira_bad_response' | 'jira_too_large' | 'jira_unreachable';

/** One place where an answer departs from what the client reads. */
export interface JiraErrorIssue {
  /** Dotted location inside the answer body, e.g. `issues.0.fields.status`. */
  readonly path: string;
  readonly message: string;
}

/** The data a {@link JiraError} carries. */
export interface JiraErrorData {
  readonly code: JiraErrorCode;
  /** The request that failed, `METHOD /concrete/path` without the query string. */
  readonly path: string;
  /** Name of the request shape, e.g. `getIssue` (see JIRA_REQUEST_SHAPES). */
  readonly operation: string;
  readonly message: string;
  /** HTTP status, absent when Jira could not be reached. */
  readonly status?: number;
  /** Delay Jira asked for through `Retry-After`, in milliseconds. */
  readonly retryAfterMs?: number;
  /** Which budget ran out, from Jira's `RateLimit-Reason` header. */
  readonly rateLimitReason?: string;
  /** Jira's own `errorMessages` and `errors` texts, when it sent any. */
  readonly jiraMessages?: readonly string[];
  readonly issues?: readonly JiraErrorIssue[];
  /** How many HTTP attempts were made before giving up. */
  readonly attempts?: number;
}

/**
 * Failure of a Jira call, as data: a `code` to branch on and the `path` of the request.
 * Never holds request bodies or headers, so it is safe to log whole.
 *
 * @example
 * ```ts
 * try {
 *   await client.getIssue('SUP-1');
 * } catch (error) {
 *   if (error instanceof JiraError && error.code === 'jira_rate_limited') reschedule(error.retryAfterMs);
 * }
 * ```
 */
export class JiraError extends Error implements JiraErrorData {
  readonly code: JiraErrorCode;
  readonly path: string;
  readonly operation: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly rateLimitReason?: string;
  readonly jiraMessages: readonly string[];
  readonly issues: readonly JiraErrorIssue[];
  attempts: number;

  constructor(data: JiraErrorData) {
    super(data.message);
    this.name = 'JiraError';
    this.code = data.code;
    this.path = data.path;
    this.operation = data.operation;
    this.status = data.status;
    this.retryAfterMs = data.retryAfterMs;
    this.rateLimitReason = data.rateLimitReason;
    this.jiraMessages = data.jiraMessages ?? [];
    this.issues = data.issues ?? [];
    this.attempts = data.attempts ?? 1;
  }

  /** Plain-object form for structured logs. */
  toJSON(): JiraErrorData {
    return {
      code: this.code,
      path: this.path,
      operation: this.operation,
      message: this.message,
      status: this.status,
      retryAfterMs: this.retryAfterMs,
      rateLimitReason: this.rateLimitReason,
      jiraMessages: this.jiraMessages,
      issues: this.issues,
      attempts: this.attempts,
    };
  }
}
