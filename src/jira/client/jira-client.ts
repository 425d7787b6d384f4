/**
 * Typed Jira Cloud REST client for the app: every request the app makes to Jira goes
 * through here, so retries, rate-limit handling, answer validation and request
 * accounting live in one place.
 */
import { z } from 'zod';
import type { RequestStats } from '../../http/request-stats';
import { parseRetryAfter } from '../../http/retry-after';
import { RetryPolicy, type FailureClass, type RetryPolicyOptions } from '../../http/retry-policy';
import { JiraError, type JiraErrorData } from './jira-error';
import { buildJiraPath } from './jira-path';
import { JIRA_REQUEST_SHAPES, type JiraRequestShape, type JiraRequestShapeName } from './jira-request-shapes';
import {
  JiraChangedWorklogsPageSchema,
  JiraChangelogPageSchema,
  JiraCommentPageSchema,
  JiraCommentSchema,
  JiraFieldSchema,
  JiraIssueSchema,
  JiraPermissionGrantsSchema,
  JiraUserPageSchema,
  JiraPermissionsSchema,
  JiraServerInfoSchema,
  type JiraServerInfo,
  JiraSearchPageSchema,
  JiraStatusSchema,
  JiraWorklogPageSchema,
  JiraWorklogSchema,
  JiraFoundGroupsSchema,
  JiraProjectPageSchema,
  JiraUserSchema,
  SLA_ISSUE_FIELDS,
  type JiraGroupSummary,
  type JiraProjectSummary,
  type JiraChangeHistory,
  type JiraChangedWorklogsPage,
  type JiraComment,
  type JiraCommentPage,
  type JiraField,
  type JiraIssue,
  type JiraIssueChangelog,
  type JiraSearchPage,
  type JiraStatus,
  type JiraUser,
  type JiraWorklog,
} from './jira-schemas';
import { parseJiraTimestamp } from './jira-timestamp';
import { plainTextToAdf } from './plain-text-adf';

/** Any JSON value: what issue properties and app field values hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The parts of a fetch Response the client reads (Forge's `requestJira` answer has them). */
export interface JiraHttpResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** What the client hands to the transport. */
export interface JiraRequestInit {
  readonly method: JiraRequestShape['method'];
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/**
 * Sends one request to Jira. `path` starts with `/rest/`, path parameters are already
 * percent-encoded and the query string is attached. Authentication is the transport's
 * business: in Forge it is the app's own token (see forge-request.ts).
 */
export type RequestJira = (path: string, init: JiraRequestInit) => Promise<JiraHttpResponse>;

/** A structured log line; never holds bodies, headers or tokens. */
export interface JiraClientLogEvent {
  readonly event: 'jira_retry' | 'jira_give_up';
  readonly operation: string;
  readonly method: string;
  readonly template: string;
  readonly code: JiraErrorData['code'];
  readonly status?: number;
  readonly attempt: number;
  readonly delayMs?: number;
  readonly rateLimitReason?: string;
}

export interface JiraClientOptions extends RetryPolicyOptions {
  readonly requestJira: RequestJira;
  /** Clock for durations and HTTP-date `Retry-After`s; default Date.now. */
  readonly now?: () => number;
  /** Where retries and give-ups are reported; default one JSON line on stderr. */
  readonly log?: (event: JiraClientLogEvent) => void;
  /** Counts every HTTP attempt, retries included. */
  readonly stats?: RequestStats;
  /** Upper bound on pages any listing follows, against servers that never say "last". Default 10 000. */
  readonly maxPages?: number;
  /** Answers larger than this fail with `jira_too_large`. Default 32 MiB. */
  readonly maxResponseBytes?: number;
}

export interface SearchJqlParams {
  readonly jql: string;
  /** Default: the fields the SLA engine reads (SLA_ISSUE_FIELDS). */
  readonly fields?: readonly string[];
  /** Issue property keys to return with each issue. */
  readonly properties?: readonly string[];
  readonly maxResults?: number;
  readonly nextPageToken?: string;
}

export interface IssueEdit {
  readonly priority?: { readonly id: string } | { readonly name: string };
  /** Account id, or null to unassign. */
  readonly assignee?: string | null;
  /** Replaces all labels. */
  readonly labels?: readonly string[];
  /** Adds labels without touching others; cannot be combined with `labels`. */
  readonly addLabels?: readonly string[];
  readonly removeLabels?: readonly string[];
}

export interface AppFieldValueUpdate {
  /** Numeric issue ids (not keys: the endpoint takes ids only). */
  readonly issueIds: readonly number[];
  readonly value: JsonValue;
}

/** Who may read a comment besides Jira admins: the members of a project role, or of a group (by group id). */
export type CommentVisibility =
  { readonly type: 'role'; readonly value: string } | { readonly type: 'group'; readonly identifier: string };

export interface CommentOptions {
  /** Restricts the comment to a project role or a group (Jira platform comment visibility). */
  readonly visibility?: CommentVisibility;
  /**
   * Jira Service Management: an internal note, hidden from the customer portal (comment property
   * `sd.public.comment` = `{ internal: true }`). Other projects keep the property without effect.
   */
  readonly internal?: boolean;
}

/** Comment property through which Jira Service Management marks a comment internal. */
export const SERVICE_DESK_COMMENT_PROPERTY = 'sd.public.comment';

/** Who an issue notification goes to; Jira expands groups, the reporter and the watchers itself. */
export interface NotificationRecipients {
  readonly users?: ReadonlyArray<{ readonly accountId: string }>;
  /** By group id (stable) or by name (can be renamed). */
  readonly groups?: ReadonlyArray<{ readonly groupId: string } | { readonly name: string }>;
  readonly assignee?: boolean;
  readonly watchers?: boolean;
  readonly reporter?: boolean;
}

/** An e-mail Jira sends about an issue (`POST /issue/{issueIdOrKey}/notify`). */
export interface IssueNotification {
  readonly subject: string;
  readonly textBody: string;
  readonly htmlBody?: string;
  readonly to: NotificationRecipients;
}

/** True when `to` names nobody, so Jira would have no one to send to. */
export function namesNoRecipient(to: NotificationRecipients): boolean {
  return (
    (to.users ?? []).length === 0 &&
    (to.groups ?? []).length === 0 &&
    to.assignee !== true &&
    to.watchers !== true &&
    to.reporter !== true
  );
}

/**
 * The app's view of Jira. Every method validates the answer and throws {@link JiraError}
 * on failure; argument mistakes (too many field ids, oversized property) throw RangeError.
 */
export interface JiraClient {
  /** One page of a JQL search; GET for short queries, POST when the URL would grow too long. */
  searchJql(params: SearchJqlParams): Promise<JiraSearchPage>;
  /** Every issue matching `jql`, following `nextPageToken` until the last page. */
  searchJqlAll(params: Omit<SearchJqlParams, 'nextPageToken'>): AsyncIterable<JiraIssue>;
  /** Change history of the issues, merged across pages, oldest entry first; chunks above 1000 issues. */
  bulkFetchChangelogs(
    issueIdsOrKeys: readonly string[],
    options?: { readonly fieldIds?: readonly string[]; readonly maxResults?: number },
  ): Promise<JiraIssueChangelog[]>;
  getIssue(issueIdOrKey: string, fields?: readonly string[]): Promise<JiraIssue>;
  /** Sends nothing when `edit` changes nothing. */
  editIssue(issueIdOrKey: string, edit: IssueEdit, options?: { readonly notifyUsers?: boolean }): Promise<void>;
  /** Posts `text` as a plain ADF comment (no markup is interpreted), public unless `options` restrict it. */
  addComment(issueIdOrKey: string, text: string, options?: CommentOptions): Promise<JiraComment>;
  /**
   * Queues an e-mail about the issue. Not repeatable: retried only on 429 and 503, which Jira sends
   * before processing; a recipient-less notification is refused with a RangeError before any call.
   */
  notify(issueIdOrKey: string, notification: IssueNotification): Promise<void>;
  listComments(
    issueIdOrKey: string,
    options?: { readonly startAt?: number; readonly maxResults?: number; readonly orderBy?: 'created' | '-created' },
  ): Promise<JiraCommentPage>;
  setIssueProperty(issueIdOrKey: string, propertyKey: string, value: JsonValue): Promise<void>;
  /** Writes one app-owned field on many issues (`PUT /app/field/{fieldIdOrKey}/value`). */
  setAppFieldValues(
    updates: readonly AppFieldValueUpdate[],
    fieldIdOrKey: string,
    options?: { readonly generateChangelog?: boolean },
  ): Promise<void>;
  /** Pages of worklog ids changed after `sinceMs`; Jira holds back the last minute. */
  worklogsUpdatedSince(sinceMs: number): AsyncIterable<JiraChangedWorklogsPage>;
  /** The worklogs behind `ids`, 1000 per request. */
  worklogList(ids: readonly number[]): Promise<JiraWorklog[]>;
  getIssueWorklogs(
    issueIdOrKey: string,
    options?: { readonly startedAfterMs?: number; readonly startedBeforeMs?: number },
  ): Promise<JiraWorklog[]>;
  /** `{ EDIT_ISSUES: true, ADD_COMMENTS: false }` for the app user. */
  getMyPermissions(
    permissions: readonly string[],
    scope?: { readonly projectKey?: string; readonly issueKey?: string },
  ): Promise<Record<string, boolean>>;
  /** The site's base URL and version (`GET /serverInfo`); needs no permission. */
  getServerInfo(): Promise<JiraServerInfo>;
  listFields(): Promise<JiraField[]>;
  listStatuses(): Promise<JiraStatus[]>;
  /**
   * Of `issueIds` (and `projectIds`), those on which the calling user (or `accountId`, which needs Jira
   * admin rights) holds `permission`: one request per 1000 issues (`POST /permissions/check`).
   */
  checkPermissions(
    permission: string,
    targets: {
      readonly issueIds?: readonly string[];
      readonly projectIds?: readonly string[];
      readonly accountId?: string;
    },
  ): Promise<{ issueIds: Set<string>; projectIds: Set<string> }>;
  /** Users by account id (`GET /user/bulk`, 200 per request); unknown ids are left out. */
  getUsersBulk(accountIds: readonly string[]): Promise<JiraUser[]>;
  /** Projects whose key or name contains `query` (`GET /project/search`), at most `maxResults`. */
  searchProjects(query: string, maxResults?: number): Promise<JiraProjectSummary[]>;
  /** Active and inactive users whose name or e-mail starts with `query` (`GET /user/search`). */
  searchUsers(query: string, maxResults?: number): Promise<JiraUser[]>;
  /** Groups whose name contains `query` (`GET /groups/picker`), with their ids. */
  findGroups(query: string, maxResults?: number): Promise<JiraGroupSummary[]>;
  /** Writes a Forge app property, which only the app can write and Jira expressions read as `app.properties[key]`. */
  setAppProperty(propertyKey: string, value: JsonValue): Promise<void>;
}

type QueryValue = string | number | boolean | readonly string[] | undefined;

interface CallSpec {
  readonly params?: Readonly<Record<string, string | number>>;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  /** Non-2xx statuses that are answers, not failures (e.g. 404 for "no such property"). */
  readonly accept?: readonly number[];
}

/** Past this length a GET search URL risks proxies' limits; POST carries the JQL in the body instead. */
const MAX_SEARCH_URL_LENGTH = 2000;
const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
const MAX_PROPERTY_CHARS = 32_768;
const CHANGELOG_ISSUES_PER_REQUEST = 1000;
const CHANGELOG_MAX_FIELD_IDS = 10;
const WORKLOG_IDS_PER_REQUEST = 1000;

const JiraErrorBodySchema = z.looseObject({
  errorMessages: z.array(z.string()).optional(),
  errors: z.record(z.string(), z.string()).optional(),
});

function queryString(query: CallSpec['query']): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (typeof value === 'object') for (const item of value) search.append(name, item);
    else search.append(name, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

function jiraMessagesOf(text: string): string[] {
  try {
    const parsed = JiraErrorBodySchema.safeParse(JSON.parse(text));
    if (!parsed.success) return [];
    return [
      ...(parsed.data.errorMessages ?? []),
      ...Object.entries(parsed.data.errors ?? {}).map(([field, message]) => `${field}: ${message}`),
    ].slice(0, 10);
  } catch {
    return [];
  }
}

/**
 * What a Jira failure says about the request: 429 and 503 are refused before processing; other
 * 5xx and lost connections may hide a processed request; the rest is permanent.
 */
function jiraFailureClass(error: unknown): FailureClass {
  if (!(error instanceof JiraError)) return { kind: 'permanent' };
  const retryAfter = error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {};
  if (error.code === 'jira_rate_limited' || (error.code === 'jira_http' && error.status === 503))
    return { kind: 'not_processed', ...retryAfter };
  if (error.code === 'jira_http' && error.status !== undefined && error.status >= 500)
    return { kind: 'maybe_processed', ...retryAfter };
  if (error.code === 'jira_unreachable') return { kind: 'maybe_processed' };
  return { kind: 'permanent' };
}

/** The body as text, or the error of `tooLarge()` when its declared or actual size passes `maxBytes`. */
async function readCapped(response: JiraHttpResponse, maxBytes: number, tooLarge: () => Error): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const text = await response.text();
  // UTF-16 length ≤ UTF-8 bytes; the exact byte count is needed only near the cap.
  if (text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes) throw tooLarge();
  return text;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

const defaultLog = (event: JiraClientLogEvent) => console.warn(JSON.stringify(event));

/**
 * Creates a {@link JiraClient} over an injected transport.
 *
 * @example
 * ```ts
 * // In Forge:
 * const jira = createJiraClient({ requestJira: createForgeRequestJira() });
 * for await (const issue of jira.searchJqlAll({ jql: 'project = SUP AND statusCategory != Done' })) {
 *   console.log(issue.key, issue.fields.status?.name);
 * }
 * // In tests, against a local stand-in, with 1 ms backoff steps and recorded Retry-After waits:
 * const waits: number[] = [];
 * const test = createJiraClient({
 *   requestJira: (path, init) => fetch(`${standIn.baseUrl}${path}`, init),
 *   baseDelayMs: 1,
 *   sleep: async (ms) => { waits.push(ms); },
 * });
 * ```
 */
export function createJiraClient(options: JiraClientOptions): JiraClient {
  const {
    requestJira,
    now = Date.now,
    log = defaultLog,
    stats,
    maxPages = 10_000,
    maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES,
  } = options;
  const retryPolicy = new RetryPolicy({ baseDelayMs: 1000, maxRetryAfterMs: 60_000, ...options });

  async function send(
    name: JiraRequestShapeName,
    spec: CallSpec,
  ): Promise<{ status: number; text: string; where: string }> {
    const shape: JiraRequestShape = JIRA_REQUEST_SHAPES[name];
    const path = buildJiraPath(shape.template, spec.params) + queryString(spec.query);
    const where = `${shape.method} ${path.split('?')[0]}`;
    const hasBody = spec.body !== undefined;
    const init: JiraRequestInit = {
      method: shape.method,
      headers: hasBody
        ? { Accept: 'application/json', 'Content-Type': 'application/json' }
        : { Accept: 'application/json' },
      ...(hasBody ? { body: JSON.stringify(spec.body) } : {}),
    };
    const fail = (data: Omit<JiraErrorData, 'path' | 'operation'>): JiraError =>
      new JiraError({ ...data, path: where, operation: name });

    /** The transport's single attempt: one request, its answer read within the size cap. */
    const attemptOnce = async (attempt: number) => {
      const started = now();
      let status = 0;
      try {
        let response: JiraHttpResponse;
        try {
          response = await requestJira(path, init);
        } catch (cause) {
          const reason = cause instanceof Error ? cause.message : String(cause);
          throw fail({
            code: 'jira_unreachable',
            message: `Jira could not be reached for ${where}: ${reason.slice(0, 200)}`,
            attempts: attempt,
          });
        }
        status = response.status;
        const text = await readCapped(response, maxResponseBytes, () =>
          fail({
            code: 'jira_too_large',
            status,
            message: `Jira's answer to ${where} is larger than ${Math.round(maxResponseBytes / 1024 / 1024)} MiB; not read`,
            attempts: attempt,
          }),
        );
        if ((status >= 200 && status < 300) || spec.accept?.includes(status)) return { status, text, where };
        const jiraMessages = jiraMessagesOf(text);
        throw fail({
          code: status === 429 ? 'jira_rate_limited' : 'jira_http',
          status,
          retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now()),
          rateLimitReason: response.headers.get('ratelimit-reason') ?? undefined,
          jiraMessages,
          message: `Jira answered ${status} to ${where}${jiraMessages.length > 0 ? `: ${jiraMessages.join('; ')}` : ''}`,
          attempts: attempt,
        });
      } finally {
        stats?.record({
          method: shape.method,
          endpoint: shape.template,
          write: shape.write,
          status,
          attempt,
          durationMs: now() - started,
        });
      }
    };

    const logEvent = (event: JiraClientLogEvent['event'], failure: unknown, attempt: number, delayMs?: number) => {
      if (!(failure instanceof JiraError)) return;
      log({
        event,
        operation: name,
        method: shape.method,
        template: shape.template,
        code: failure.code,
        status: failure.status,
        attempt,
        delayMs,
        rateLimitReason: failure.rateLimitReason,
      });
    };
    return retryPolicy.run({
      send: attemptOnce,
      classify: jiraFailureClass,
      idempotent: shape.idempotent,
      onRetry: ({ attempt, error, delayMs }) => logEvent('jira_retry', error, attempt, delayMs),
      onGiveUp: ({ attempt, error }) =>
        logEvent('jira_give_up', error, attempt, error instanceof JiraError ? error.retryAfterMs : undefined),
    });
  }

  function parseAnswer<S extends z.ZodType>(schema: S, text: string, where: string, operation: string): z.infer<S> {
    let json: unknown;
    try {
      json = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      throw new JiraError({
        code: 'jira_bad_response',
        path: where,
        operation,
        message: `Jira's answer to ${where} is not JSON`,
        issues: [{ path: '', message: 'not JSON' }],
      });
    }
    const result = schema.safeParse(json);
    if (result.success) return result.data;
    const issues = result.error.issues
      .slice(0, 20)
      .map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
    const first = issues[0];
    throw new JiraError({
      code: 'jira_bad_response',
      path: where,
      operation,
      issues,
      message: `Jira's answer to ${where} does not have the expected shape${first ? ` (${first.path || 'body'}: ${first.message})` : ''}`,
    });
  }

  async function call<S extends z.ZodType>(name: JiraRequestShapeName, spec: CallSpec, schema: S): Promise<z.infer<S>> {
    const { text, where } = await send(name, spec);
    return parseAnswer(schema, text, where, name);
  }

  function paginationError(name: JiraRequestShapeName, where: string, message: string): JiraError {
    return new JiraError({ code: 'jira_bad_response', path: where, operation: name, message });
  }

  /** Follows startAt/maxResults pages until Jira says last, a page is short, or `total` is reached. */
  async function collectOffsetPages<T>(
    name: JiraRequestShapeName,
    fetchPage: (startAt: number) => Promise<{ items: T[]; total?: number; isLast?: boolean }>,
  ): Promise<T[]> {
    const all: T[] = [];
    let startAt = 0;
    for (let page = 0; page < maxPages; page++) {
      const { items, total, isLast } = await fetchPage(startAt);
      all.push(...items);
      startAt += items.length;
      if (items.length === 0 || isLast === true || (total !== undefined && startAt >= total)) return all;
      if (isLast === undefined && total === undefined) return all;
    }
    throw paginationError(name, JIRA_REQUEST_SHAPES[name].template, `more than ${maxPages} pages`);
  }

  const searchJql = async (params: SearchJqlParams): Promise<JiraSearchPage> => {
    const fields = params.fields ?? SLA_ISSUE_FIELDS;
    const query = {
      jql: params.jql,
      fields: fields.join(','),
      properties: params.properties && params.properties.length > 0 ? params.properties.join(',') : undefined,
      maxResults: params.maxResults ?? 100,
      nextPageToken: params.nextPageToken,
    };
    if (JIRA_REQUEST_SHAPES.searchJqlGet.template.length + queryString(query).length <= MAX_SEARCH_URL_LENGTH) {
      return call('searchJqlGet', { query }, JiraSearchPageSchema);
    }
    const body = {
      jql: params.jql,
      fields: [...fields],
      maxResults: query.maxResults,
      ...(params.properties && params.properties.length > 0 ? { properties: [...params.properties] } : {}),
      ...(params.nextPageToken !== undefined ? { nextPageToken: params.nextPageToken } : {}),
    };
    return call('searchJqlPost', { body }, JiraSearchPageSchema);
  };

  async function* searchJqlAll(params: Omit<SearchJqlParams, 'nextPageToken'>): AsyncGenerator<JiraIssue> {
    const seen = new Set<string>();
    let nextPageToken: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const result = await searchJql({ ...params, nextPageToken });
      yield* result.issues;
      if (result.isLast === true || result.nextPageToken === undefined) return;
      if (seen.has(result.nextPageToken))
        throw paginationError(
          'searchJqlGet',
          JIRA_REQUEST_SHAPES.searchJqlGet.template,
          'Jira repeated a nextPageToken',
        );
      seen.add(result.nextPageToken);
      nextPageToken = result.nextPageToken;
    }
    throw paginationError('searchJqlGet', JIRA_REQUEST_SHAPES.searchJqlGet.template, `more than ${maxPages} pages`);
  }

  const bulkFetchChangelogs: JiraClient['bulkFetchChangelogs'] = async (issueIdsOrKeys, changelogOptions = {}) => {
    const fieldIds = [...new Set(changelogOptions.fieldIds ?? [])];
    if (fieldIds.length > CHANGELOG_MAX_FIELD_IDS)
      throw new RangeError(
        `bulkFetchChangelogs filters by at most ${CHANGELOG_MAX_FIELD_IDS} field ids, got ${fieldIds.length}`,
      );
    const byIssue = new Map<string, JiraChangeHistory[]>();
    for (const issues of chunk([...new Set(issueIdsOrKeys)], CHANGELOG_ISSUES_PER_REQUEST)) {
      const seen = new Set<string>();
      let nextPageToken: string | undefined;
      for (let page = 0; ; page++) {
        if (page >= maxPages)
          throw paginationError(
            'bulkFetchChangelogs',
            JIRA_REQUEST_SHAPES.bulkFetchChangelogs.template,
            `more than ${maxPages} pages`,
          );
        const body = {
          issueIdsOrKeys: issues,
          ...(fieldIds.length > 0 ? { fieldIds } : {}),
          ...(changelogOptions.maxResults !== undefined ? { maxResults: changelogOptions.maxResults } : {}),
          ...(nextPageToken !== undefined ? { nextPageToken } : {}),
        };
        const result = await call('bulkFetchChangelogs', { body }, JiraChangelogPageSchema);
        for (const entry of result.issueChangeLogs) {
          const histories = byIssue.get(entry.issueId) ?? [];
          histories.push(...entry.changeHistories);
          byIssue.set(entry.issueId, histories);
        }
        if (result.nextPageToken === undefined) break;
        if (seen.has(result.nextPageToken))
          throw paginationError(
            'bulkFetchChangelogs',
            JIRA_REQUEST_SHAPES.bulkFetchChangelogs.template,
            'Jira repeated a nextPageToken',
          );
        seen.add(result.nextPageToken);
        nextPageToken = result.nextPageToken;
      }
    }
    const at = (history: JiraChangeHistory) => parseJiraTimestamp(history.created) ?? 0;
    return [...byIssue.entries()].map(([issueId, histories]) => ({
      issueId,
      histories: [...histories].sort((a, b) => at(a) - at(b)),
    }));
  };

  async function* worklogsUpdatedSince(sinceMs: number): AsyncGenerator<JiraChangedWorklogsPage> {
    let since = sinceMs;
    const template = JIRA_REQUEST_SHAPES.worklogsUpdatedSince.template;
    for (let page = 0; page < maxPages; page++) {
      const result = await call('worklogsUpdatedSince', { query: { since } }, JiraChangedWorklogsPageSchema);
      yield result;
      if (result.lastPage === true || (result.lastPage === undefined && result.nextPage === undefined)) return;
      let next = result.until;
      if (result.nextPage !== undefined) {
        // nextPage is an absolute URL on the site; only its `since` is taken, so the
        // transport (and its authentication) never follows a URL Jira made up.
        const url = new URL(result.nextPage, 'https://jira.invalid');
        const raw = url.searchParams.get('since');
        if (url.pathname !== template || raw === null || !/^\d+$/.test(raw))
          throw paginationError('worklogsUpdatedSince', template, `unexpected nextPage ${url.pathname}`);
        next = Number(raw);
      }
      if (next === undefined || next <= since)
        throw paginationError('worklogsUpdatedSince', template, 'worklog paging did not move forward');
      since = next;
    }
    throw paginationError('worklogsUpdatedSince', template, `more than ${maxPages} pages`);
  }

  return {
    searchJql,
    searchJqlAll,
    bulkFetchChangelogs,

    getIssue: (issueIdOrKey, fields = SLA_ISSUE_FIELDS) =>
      call('getIssue', { params: { issueIdOrKey }, query: { fields: fields.join(',') } }, JiraIssueSchema),

    editIssue: async (issueIdOrKey, edit, editOptions = {}) => {
      if (edit.labels !== undefined && (edit.addLabels !== undefined || edit.removeLabels !== undefined)) {
        throw new RangeError('editIssue: set labels or add/remove them, not both');
      }
      const fields: Record<string, unknown> = {};
      if (edit.priority !== undefined) fields.priority = edit.priority;
      if (edit.assignee !== undefined) fields.assignee = edit.assignee === null ? null : { accountId: edit.assignee };
      if (edit.labels !== undefined) fields.labels = [...edit.labels];
      const labelOps = [
        ...(edit.addLabels ?? []).map((label) => ({ add: label })),
        ...(edit.removeLabels ?? []).map((label) => ({ remove: label })),
      ];
      const body = {
        ...(Object.keys(fields).length > 0 ? { fields } : {}),
        ...(labelOps.length > 0 ? { update: { labels: labelOps } } : {}),
      };
      if (Object.keys(body).length === 0) return;
      await send('editIssue', { params: { issueIdOrKey }, query: { notifyUsers: editOptions.notifyUsers }, body });
    },

    addComment: (issueIdOrKey, text, commentOptions = {}) => {
      const body = {
        body: plainTextToAdf(text),
        ...(commentOptions.visibility !== undefined ? { visibility: { ...commentOptions.visibility } } : {}),
        ...(commentOptions.internal === true
          ? { properties: [{ key: SERVICE_DESK_COMMENT_PROPERTY, value: { internal: true } }] }
          : {}),
      };
      return call('addComment', { params: { issueIdOrKey }, body }, JiraCommentSchema);
    },

    notify: async (issueIdOrKey, notification) => {
      const to = notification.to;
      if (namesNoRecipient(to)) throw new RangeError(`notify: the notification for ${issueIdOrKey} names no recipient`);
      const body = {
        subject: notification.subject,
        textBody: notification.textBody,
        ...(notification.htmlBody !== undefined ? { htmlBody: notification.htmlBody } : {}),
        to: {
          ...(to.users !== undefined && to.users.length > 0
            ? { users: to.users.map((user) => ({ accountId: user.accountId })) }
            : {}),
          ...(to.groups !== undefined && to.groups.length > 0
            ? {
                groups: to.groups.map((group) =>
                  'groupId' in group ? { groupId: group.groupId } : { name: group.name },
                ),
              }
            : {}),
          ...(to.assignee === true ? { assignee: true } : {}),
          ...(to.watchers === true ? { watchers: true } : {}),
          ...(to.reporter === true ? { reporter: true } : {}),
        },
      };
      await send('notify', { params: { issueIdOrKey }, body });
    },

    listComments: (issueIdOrKey, page = {}) =>
      call(
        'listComments',
        {
          params: { issueIdOrKey },
          query: { startAt: page.startAt, maxResults: page.maxResults, orderBy: page.orderBy },
        },
        JiraCommentPageSchema,
      ),

    setIssueProperty: async (issueIdOrKey, propertyKey, value) => {
      const size = JSON.stringify(value).length;
      if (size > MAX_PROPERTY_CHARS)
        throw new RangeError(
          `issue property ${propertyKey} is ${size} characters; Jira keeps at most ${MAX_PROPERTY_CHARS}`,
        );
      await send('setIssueProperty', { params: { issueIdOrKey, propertyKey }, body: value });
    },

    setAppFieldValues: async (updates, fieldIdOrKey, fieldOptions = {}) => {
      if (updates.length === 0) return;
      const body = { updates: updates.map((update) => ({ issueIds: [...update.issueIds], value: update.value })) };
      await send('setAppFieldValues', {
        params: { fieldIdOrKey },
        query: { generateChangelog: fieldOptions.generateChangelog },
        body,
      });
    },

    worklogsUpdatedSince,

    worklogList: async (ids) => {
      const worklogs: JiraWorklog[] = [];
      for (const part of chunk([...new Set(ids)], WORKLOG_IDS_PER_REQUEST)) {
        worklogs.push(...(await call('worklogList', { body: { ids: part } }, z.array(JiraWorklogSchema))));
      }
      return worklogs;
    },

    getIssueWorklogs: (issueIdOrKey, range = {}) =>
      collectOffsetPages('getIssueWorklogs', async (startAt) => {
        const page = await call(
          'getIssueWorklogs',
          {
            params: { issueIdOrKey },
            query: {
              startAt,
              maxResults: 5000,
              startedAfter: range.startedAfterMs,
              startedBefore: range.startedBeforeMs,
            },
          },
          JiraWorklogPageSchema,
        );
        return { items: page.worklogs, total: page.total };
      }),

    getMyPermissions: async (permissions, scope = {}) => {
      const result = await call(
        'getMyPermissions',
        { query: { permissions: permissions.join(','), projectKey: scope.projectKey, issueKey: scope.issueKey } },
        JiraPermissionsSchema,
      );
      return Object.fromEntries(permissions.map((key) => [key, result.permissions[key]?.havePermission === true]));
    },

    getServerInfo: () => call('getServerInfo', {}, JiraServerInfoSchema),

    listFields: () => call('listFields', {}, z.array(JiraFieldSchema)),

    listStatuses: () => call('listStatuses', {}, z.array(JiraStatusSchema)),

    checkPermissions: async (permission, targets) => {
      const issueIds = new Set<string>();
      const projectIds = new Set<string>();
      const issueChunks = chunk([...new Set(targets.issueIds ?? [])], 1000);
      const projectChunks = chunk([...new Set(targets.projectIds ?? [])], 1000);
      const rounds = Math.max(issueChunks.length, projectChunks.length, 1);
      for (let round = 0; round < rounds; round++) {
        const body = {
          ...(targets.accountId !== undefined ? { accountId: targets.accountId } : {}),
          projectPermissions: [
            {
              permissions: [permission],
              issues: (issueChunks[round] ?? []).map(Number),
              projects: (projectChunks[round] ?? []).map(Number),
            },
          ],
        };
        const grants = await call('checkPermissions', { body }, JiraPermissionGrantsSchema);
        for (const grant of grants.projectPermissions) {
          if (grant.permission !== permission) continue;
          for (const id of grant.issues) issueIds.add(String(id));
          for (const id of grant.projects) projectIds.add(String(id));
        }
      }
      return { issueIds, projectIds };
    },

    getUsersBulk: async (accountIds) => {
      const users: JiraUser[] = [];
      for (const part of chunk([...new Set(accountIds)], 200)) {
        const page = await call('getUsersBulk', { query: { accountId: part, maxResults: 200 } }, JiraUserPageSchema);
        users.push(...page.values);
      }
      return users;
    },

    searchProjects: async (query, maxResults = 50) =>
      (await call('searchProjects', { query: { query, maxResults, orderBy: 'key' } }, JiraProjectPageSchema)).values,

    searchUsers: (query, maxResults = 50) =>
      call('searchUsers', { query: { query, maxResults } }, z.array(JiraUserSchema)),

    findGroups: async (query, maxResults = 50) =>
      (await call('findGroups', { query: { query, maxResults, caseInsensitive: true } }, JiraFoundGroupsSchema)).groups,

    setAppProperty: async (propertyKey, value) => {
      const size = JSON.stringify(value).length;
      if (size > MAX_PROPERTY_CHARS)
        throw new RangeError(
          `app property ${propertyKey} is ${size} characters; Jira keeps at most ${MAX_PROPERTY_CHARS}`,
        );
      await send('setAppProperty', { params: { propertyKey }, body: value });
    },
  };
}
