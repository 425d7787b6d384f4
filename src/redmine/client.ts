import type { z } from 'zod';
import { formatIssuePath } from '../core/errors/validation-issue';
import { RequestStats } from '../http/request-stats';
import { RetryPolicy, type RetryPolicyOptions } from '../http/retry-policy';
import { RedmineError, type RedmineErrorData } from './errors';
import { redmineFailureClass } from './redmine-failure-class';
import {
  DEFAULT_MAX_REQUEST_BYTES,
  DEFAULT_MAX_RESPONSE_BYTES,
  RedmineTransport,
  snippet,
  type RedmineAnswer,
  type RedmineRequest,
} from './redmine-transport';
import {
  currentUserMembershipsSchema,
  customFieldsSchema,
  groupsSchema,
  issueEnvelopeSchema,
  issuePrioritiesSchema,
  issueStatusesSchema,
  issuesPageSchema,
  projectEnvelopeSchema,
  projectSetupEnvelopeSchema,
  projectsPageSchema,
  roleEnvelopeSchema,
  timeEntriesPageSchema,
  timeEntryEnvelopeSchema,
  trackersSchema,
  userEnvelopeSchema,
  usersPageSchema,
  uploadEnvelopeSchema,
  wikiPageEnvelopeSchema,
  type RedmineCustomField,
  type RedmineGroup,
  type RedmineIssue,
  type RedmineIssuePriority,
  type RedmineIssueStatus,
  type RedmineMembership,
  type RedmineProject,
  type RedmineProjectSetup,
  type RedmineRole,
  type RedmineTimeEntry,
  type RedmineTracker,
  type RedmineUser,
  type RedmineWikiPage,
} from './schemas';

export interface RedmineClientOptions extends RetryPolicyOptions {
  /** Redmine's root URL, e.g. `https://redmine.example.com` or `http://127.0.0.1:3300`. */
  baseUrl: string;
  /** The REST API key (My account → API access key). Sent as `X-Redmine-API-Key`, never logged. */
  apiKey: string;
  /** Per-attempt deadline for the whole answer. Default 30 s. */
  timeoutMs?: number;
  /** Answers larger than this fail with `redmine_too_large` while they stream in. Default 32 MiB. */
  maxResponseBytes?: number;
  /** Page size for list endpoints; Redmine caps it at 100. */
  pageSize?: number;
  /** Guard against endless pagination. Default 10 000 pages. */
  maxPages?: number;
  /**
   * Pages of one listing requested at once once the first page has told how many there are
   * (they are still handed over in order). Default 1: one page after the other.
   */
  pageConcurrency?: number;
  /** Clock for HTTP-date `Retry-After` values. */
  now?: () => number;
  /** Counts every attempt by method and endpoint. */
  stats?: RequestStats;
  /** Told about each retry before its delay. */
  onRetry?: (event: RedmineRetryEvent) => void;
}

export interface RedmineRetryEvent {
  endpoint: string;
  /** The attempt that failed, from 1. */
  attempt: number;
  /** The least wait before the next attempt: the backoff step, or `Retry-After` when longer. */
  delayMs: number;
  error: RedmineErrorData;
}

export interface RedmineIssueQuery {
  /** Numeric id or identifier; subprojects follow Redmine's own setting. */
  projectId?: number | string;
  /** ISO 8601 instant; issues updated at or after it. */
  updatedSince?: string;
  /** `'*'` (all, the default), `'open'`, `'closed'` or a status id. */
  statusId?: '*' | 'open' | 'closed' | number;
  trackerId?: number;
  assignedToId?: number | 'me';
  /** Redmine sort expression, e.g. `updated_on:desc`. Default `id`, stable while paging. */
  sort?: string;
  /** Further filters passed as they are, e.g. `{ cf_1: 'breached' }`. */
  filters?: Record<string, string>;
}

export interface RedmineTimeEntryQuery {
  projectId?: number | string;
  issueId?: number;
  userId?: number | 'me';
  /** First day, `YYYY-MM-DD`, inclusive. */
  from?: string;
  /** Last day, `YYYY-MM-DD`, inclusive. */
  to?: string;
}

export interface RedminePage {
  /** Offset of the first item of this page. */
  offset: number;
  /** Redmine's `total_count` as of this page. */
  total: number;
  /** 0 for the first page. */
  index: number;
}

export type RedminePageHandler<T> = (items: T[], page: RedminePage) => void | Promise<void>;

export interface RedminePaginationSummary {
  total: number;
  pages: number;
  items: number;
}

export type RedmineIssueInclude =
  | 'journals'
  | 'custom_fields'
  | 'children'
  | 'attachments'
  | 'relations'
  | 'changesets'
  | 'watchers'
  | 'allowed_statuses';

export interface RedmineCustomFieldInput {
  id: number;
  value: string | string[];
}

/** Writable issue fields, named as in Redmine's REST API. */
/** An uploaded file to attach with a write: the token of {@link RedmineClient.uploadFile}. */
export interface RedmineUploadRef {
  token: string;
  filename: string;
  content_type: string;
}

export interface RedmineIssueUpdate {
  subject?: string;
  description?: string;
  tracker_id?: number;
  status_id?: number;
  priority_id?: number;
  /** `null` unassigns. */
  assigned_to_id?: number | null;
  notes?: string;
  private_notes?: boolean;
  custom_fields?: RedmineCustomFieldInput[];
  done_ratio?: number;
  start_date?: string | null;
  due_date?: string | null;
  is_private?: boolean;
}

export interface RedmineIssueCreate extends Omit<RedmineIssueUpdate, 'notes' | 'private_notes'> {
  project_id: number | string;
  subject: string;
}

export interface RedmineProjectCreate {
  name: string;
  /** Lower-case letters, digits, `-` and `_`, starting with a letter. */
  identifier: string;
  description?: string;
  is_public?: boolean;
  parent_id?: number;
  inherit_members?: boolean;
  tracker_ids?: number[];
  enabled_module_names?: string[];
  issue_custom_field_ids?: number[];
}

export type RedmineTimeEntryCreate = {
  hours: number;
  /** `YYYY-MM-DD`; Redmine uses today when absent. */
  spent_on?: string;
  /** Redmine uses the default activity when absent. */
  activity_id?: number;
  comments?: string;
  user_id?: number;
} & ({ issue_id: number; project_id?: undefined } | { project_id: number | string; issue_id?: undefined });

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A small typed client for Redmine's REST API, as the sync worker needs it: answers are
 * validated with zod and returned as the exported `Redmine*` types; transient failures are
 * retried with backoff (honouring `Retry-After`); every failure is a {@link RedmineError}
 * whose text never contains the API key.
 *
 * @example
 * ```ts
 * const client = new RedmineClient({ baseUrl: process.env.REDMINE_URL!, apiKey: process.env.REDMINE_API_KEY! });
 * const me = await client.getCurrentUser();
 * const changed = await client.listIssues({ projectId: 'support', updatedSince: '2026-11-20T00:00:00Z' });
 * await client.updateIssue(changed[0].id, { custom_fields: [{ id: 1, value: 'breached' }], notes: 'SLA breached', private_notes: true });
 * ```
 */
export class RedmineClient {
  readonly baseUrl: string;
  readonly stats: RequestStats;
  readonly #transport: RedmineTransport;
  readonly #retry: RetryPolicy;
  readonly #pageSize: number;
  readonly #maxPages: number;
  readonly #pageConcurrency: number;
  readonly #onRetry?: (event: RedmineRetryEvent) => void;

  constructor(options: RedmineClientOptions) {
    this.stats = options.stats ?? new RequestStats();
    this.#transport = new RedmineTransport({
      baseUrl: options.baseUrl,
      apiKey: options.apiKey,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      maxRequestBytes: DEFAULT_MAX_REQUEST_BYTES,
      now: options.now ?? Date.now,
      stats: this.stats,
    });
    this.baseUrl = this.#transport.baseUrl;
    this.#retry = new RetryPolicy({ randomize: false, ...options });
    this.#pageSize = Math.min(100, Math.max(1, options.pageSize ?? 100));
    this.#maxPages = Math.max(1, options.maxPages ?? 10_000);
    this.#pageConcurrency = Math.max(1, Math.floor(options.pageConcurrency ?? 1));
    this.#onRetry = options.onRetry;
  }

  /** Closes idle keep-alive connections; call when done so the process can exit promptly. */
  close(): void {
    this.#transport.close();
  }

  /** All issues matching `query`, every page fetched (100 per request). */
  async listIssues(query: RedmineIssueQuery = {}): Promise<RedmineIssue[]> {
    const all: RedmineIssue[] = [];
    await this.eachIssuePage(query, (items) => {
      all.push(...items);
    });
    return all;
  }

  /** Streams the issues matching `query` page by page, for large projects. */
  async eachIssuePage(
    query: RedmineIssueQuery,
    onPage: RedminePageHandler<RedmineIssue>,
  ): Promise<RedminePaginationSummary> {
    const params: Record<string, string | number> = {
      status_id: query.statusId ?? '*',
      sort: query.sort ?? 'id',
      ...query.filters,
    };
    if (query.projectId !== undefined) params.project_id = query.projectId;
    if (query.trackerId !== undefined) params.tracker_id = query.trackerId;
    if (query.assignedToId !== undefined) params.assigned_to_id = query.assignedToId;
    if (query.updatedSince !== undefined)
      params.updated_on = `>=${this.#redmineInstant(query.updatedSince, 'updatedSince')}`;
    return this.#paginate('/issues.json', params, issuesPageSchema, (page) => page.issues, onPage);
  }

  /** One issue; `include` adds `journals`, `allowed_statuses`, ... (custom fields always come). */
  async getIssue(id: number, options: { include?: readonly RedmineIssueInclude[] } = {}): Promise<RedmineIssue> {
    const params: Record<string, string> = {};
    if (options.include && options.include.length > 0) params.include = options.include.join(',');
    const body = await this.#getJson(`/issues/${this.#id(id, 'id')}.json`, issueEnvelopeSchema, params);
    return body.issue;
  }

  /** All time entries matching `query`, every page fetched. */
  async listTimeEntries(query: RedmineTimeEntryQuery = {}): Promise<RedmineTimeEntry[]> {
    const all: RedmineTimeEntry[] = [];
    await this.eachTimeEntryPage(query, (items) => {
      all.push(...items);
    });
    return all;
  }

  /** Streams the time entries matching `query` page by page. */
  async eachTimeEntryPage(
    query: RedmineTimeEntryQuery,
    onPage: RedminePageHandler<RedmineTimeEntry>,
  ): Promise<RedminePaginationSummary> {
    const params: Record<string, string | number> = {};
    if (query.projectId !== undefined) params.project_id = query.projectId;
    if (query.issueId !== undefined) params.issue_id = query.issueId;
    if (query.userId !== undefined) params.user_id = query.userId;
    if (query.from !== undefined) params.from = this.#day(query.from, 'from');
    if (query.to !== undefined) params.to = this.#day(query.to, 'to');
    return this.#paginate('/time_entries.json', params, timeEntriesPageSchema, (page) => page.time_entries, onPage);
  }

  /** Changes an issue (PUT /issues/:id.json). Redmine silently ignores unknown ids in `custom_fields`. */
  async updateIssue(id: number, fields: RedmineIssueUpdate): Promise<void> {
    // A note is a new journal each time: a PUT that carries one is not repeated once it may have landed.
    const idempotent = fields.notes === undefined || fields.notes === '';
    await this.#call(
      { method: 'PUT', path: `/issues/${this.#id(id, 'id')}.json`, body: { issue: fields } },
      idempotent,
    );
  }

  async createIssue(fields: RedmineIssueCreate): Promise<RedmineIssue> {
    return (await this.#postJson('/issues.json', { issue: fields }, issueEnvelopeSchema)).issue;
  }

  async createProject(fields: RedmineProjectCreate): Promise<RedmineProject> {
    return (await this.#postJson('/projects.json', { project: fields }, projectEnvelopeSchema)).project;
  }

  async createTimeEntry(fields: RedmineTimeEntryCreate): Promise<RedmineTimeEntry> {
    if (fields.spent_on !== undefined) this.#day(fields.spent_on, 'spent_on');
    return (await this.#postJson('/time_entries.json', { time_entry: fields }, timeEntryEnvelopeSchema)).time_entry;
  }

  /** Every project visible to the key's user. */
  async listProjects(): Promise<RedmineProject[]> {
    const all: RedmineProject[] = [];
    await this.#paginate(
      '/projects.json',
      {},
      projectsPageSchema,
      (page) => page.projects,
      (items) => {
        all.push(...items);
      },
    );
    return all;
  }

  async listIssueStatuses(): Promise<RedmineIssueStatus[]> {
    return (await this.#getJson('/issue_statuses.json', issueStatusesSchema)).issue_statuses;
  }

  async listTrackers(): Promise<RedmineTracker[]> {
    return (await this.#getJson('/trackers.json', trackersSchema)).trackers;
  }

  async listIssuePriorities(): Promise<RedmineIssuePriority[]> {
    return (await this.#getJson('/enumerations/issue_priorities.json', issuePrioritiesSchema)).issue_priorities;
  }

  /** Every custom field definition; needs an administrator's key. */
  async listCustomFields(): Promise<RedmineCustomField[]> {
    return (await this.#getJson('/custom_fields.json', customFieldsSchema)).custom_fields;
  }

  /** The key's own user; the cheapest way to check a key (401 → `redmine_auth`). */
  async getCurrentUser(): Promise<RedmineUser> {
    return (await this.#getJson('/users/current.json', userEnvelopeSchema)).user;
  }

  /** The current user's project memberships and their roles. */
  async getCurrentUserMemberships(): Promise<RedmineMembership[]> {
    const body = await this.#getJson('/users/current.json', currentUserMembershipsSchema, { include: 'memberships' });
    return body.user.memberships;
  }

  /** A role and its permissions (`edit_wiki_pages`, …). */
  async getRole(id: number): Promise<RedmineRole> {
    return (await this.#getJson(`/roles/${this.#id(id, 'id')}.json`, roleEnvelopeSchema)).role;
  }

  /** Users (administrators only); `status` 1 active (Redmine's default), 3 locked, '' all; `groupId` only members of that group. */
  async listUsers(options: { status?: 1 | 2 | 3 | ''; groupId?: number } = {}): Promise<RedmineUser[]> {
    const params: Record<string, string | number> = {};
    if (options.status !== undefined) params.status = options.status;
    if (options.groupId !== undefined) params.group_id = this.#id(options.groupId, 'groupId');
    const all: RedmineUser[] = [];
    await this.#paginate(
      '/users.json',
      params,
      usersPageSchema,
      (page) => page.users,
      (items) => {
        all.push(...items);
      },
    );
    return all;
  }

  /** One project with its trackers, issue custom fields and enabled modules; `null` when absent or hidden from the key's user. */
  async getProjectSetup(project: number | string): Promise<RedmineProjectSetup | null> {
    if (String(project) === '') throw this.#invalid('project', 'expected a project id or identifier');
    const path = `/projects/${encodeURIComponent(String(project))}.json`;
    const answer = await this.#call(
      { method: 'GET', path, params: { include: 'trackers,issue_custom_fields,enabled_modules' }, accept: [403, 404] },
      true,
    );
    if (answer.status === 403 || answer.status === 404) return null;
    return this.#decode(projectSetupEnvelopeSchema, answer.text, `GET ${path}`, answer.attempts).project;
  }

  /** Groups (administrators only). */
  async listGroups(): Promise<RedmineGroup[]> {
    return (await this.#getJson('/groups.json', groupsSchema)).groups;
  }

  /**
   * A wiki page's current version, or `null` when the page (or the wiki) does not exist; with
   * `includeAttachments`, its attachments too (every version of each file name).
   */
  async getWikiPage(
    project: number | string,
    title: string,
    options: { includeAttachments?: boolean } = {},
  ): Promise<RedmineWikiPage | null> {
    const path = this.#wikiPath(project, title);
    const params = options.includeAttachments ? { include: 'attachments' } : undefined;
    const answer = await this.#call({ method: 'GET', path, params, accept: [404] }, true);
    if (answer.status === 404) return null;
    return this.#decode(wikiPageEnvelopeSchema, answer.text, `GET ${path}`, answer.attempts).wiki_page;
  }

  /**
   * Creates or replaces a wiki page; `created` tells which. `uploads` (tokens of {@link uploadFile})
   * become attachments of the page; Redmine keeps an older attachment of the same name.
   */
  async putWikiPage(
    project: number | string,
    title: string,
    text: string,
    comments = '',
    uploads: readonly RedmineUploadRef[] = [],
  ): Promise<{ created: boolean }> {
    // Writing the same text again leaves the page as it is, and a token is spent by its first
    // use (a repeat attaches nothing twice): safe to repeat.
    const wikiPage = uploads.length > 0 ? { text, comments, uploads } : { text, comments };
    const answer = await this.#call(
      { method: 'PUT', path: this.#wikiPath(project, title), body: { wiki_page: wikiPage } },
      true,
    );
    return { created: answer.status === 201 };
  }

  /**
   * Uploads a file's bytes (`POST /uploads.json`) and returns the token a later write attaches it
   * with. Bound by the same request size limit as every body. A repeat after a lost answer leaves
   * an upload attached to nothing, which Redmine shows nowhere and `rake redmine:attachments:prune`
   * deletes after a day: harmless, so it is retried like a read.
   */
  async uploadFile(bytes: Uint8Array, filename: string): Promise<{ id?: number; token: string }> {
    if (filename.trim() === '' || /[/\\]/.test(filename)) throw this.#invalid('filename', 'expected a plain file name');
    const path = '/uploads.json';
    const answer = await this.#call(
      {
        method: 'POST',
        path,
        params: { filename },
        body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        contentType: 'application/octet-stream',
      },
      true,
    );
    return this.#decode(uploadEnvelopeSchema, answer.text, `POST ${path}`, answer.attempts).upload;
  }

  /** Deletes an attachment; one already gone (404) counts as deleted. */
  async deleteAttachment(id: number): Promise<void> {
    await this.#call({ method: 'DELETE', path: `/attachments/${this.#id(id, 'id')}.json`, accept: [404] }, true);
  }

  toJSON(): { baseUrl: string } {
    return { baseUrl: this.baseUrl };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `RedmineClient { baseUrl: '${this.baseUrl}' }`;
  }

  /**
   * Every page of a list endpoint, handed to `onPage` in order. The first page tells how many
   * there are and how many a page holds; the following ones are requested up to `pageConcurrency`
   * at a time. Should the list have grown meanwhile, the pages past the planned ones follow one
   * at a time until an empty page or the last `total_count` is reached. A handler that throws
   * stops the listing: no further page is requested, and the error is the caller's.
   */
  async #paginate<S extends z.ZodType<{ total_count: number }>, T>(
    path: string,
    params: Record<string, string | number>,
    schema: S,
    pick: (page: z.output<S>) => T[],
    onPage: RedminePageHandler<T>,
  ): Promise<RedminePaginationSummary> {
    const fetchPage = async (offset: number): Promise<{ items: T[]; total: number }> => {
      const page = await this.#getJson(path, schema, { ...params, offset, limit: this.#pageSize });
      return { items: pick(page), total: page.total_count };
    };
    let offset = 0;
    let items = 0;
    let index = 0;
    let total = 0;
    const deliver = async (page: { items: T[]; total: number }, at: number): Promise<boolean> => {
      await onPage(page.items, { offset: at, total: page.total, index });
      index += 1;
      total = page.total;
      offset = at + page.items.length;
      items += page.items.length;
      return page.items.length > 0 && offset < page.total;
    };
    const first = await fetchPage(0);
    let more = await deliver(first, 0);
    if (more && this.#pageConcurrency > 1) {
      // The first page's size is the server's: a Redmine that caps pages below the size asked
      // for still gets contiguous offsets.
      const stride = first.items.length;
      const planned = Math.min(Math.ceil((first.total - offset) / stride), this.#maxPages - 1);
      const offsets = Array.from({ length: planned }, (_, k) => offset + k * stride);
      more = await this.#pagesInParallel(offsets, fetchPage, deliver);
    }
    while (more) {
      if (index >= this.#maxPages)
        throw this.#transport.error({
          code: 'redmine_bad_response',
          message: `Redmine kept returning pages for GET ${path} beyond ${this.#maxPages} pages; stopped`,
          endpoint: `GET ${path}`,
          path: [],
          attempts: 1,
          retryable: false,
        });
      more = await deliver(await fetchPage(offset), offset);
    }
    return { total, pages: index, items };
  }

  /**
   * Requests the pages at `offsets` with at most `pageConcurrency` in flight and hands each over
   * in order; false once a page says the listing is complete (the rest are not handed over).
   */
  async #pagesInParallel<P>(
    offsets: readonly number[],
    fetchPage: (offset: number) => Promise<P>,
    deliver: (page: P, offset: number) => Promise<boolean>,
  ): Promise<boolean> {
    const inFlight: Array<{ offset: number; page: Promise<P> }> = [];
    let next = 0;
    const fill = (): void => {
      while (inFlight.length < this.#pageConcurrency && next < offsets.length) {
        const page = fetchPage(offsets[next]);
        // Awaited in order below; a page left behind by a stop must not become an unhandled rejection.
        page.catch(() => undefined);
        inFlight.push({ offset: offsets[next], page });
        next += 1;
      }
    };
    fill();
    let more = true;
    while (inFlight.length > 0 && more) {
      const head = inFlight.shift() as { offset: number; page: Promise<P> };
      const page = await head.page;
      more = await deliver(page, head.offset);
      if (more) fill();
    }
    return more;
  }


  async #getJson<S extends z.ZodType>(
    path: string,
    schema: S,
    params?: Record<string, string | number>,
  ): Promise<z.output<S>> {
    const answer = await this.#call({ method: 'GET', path, params }, true);
    return this.#decode(schema, answer.text, `GET ${path}`, answer.attempts);
  }

  async #postJson<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>> {
    const answer = await this.#call({ method: 'POST', path, body }, false);
    return this.#decode(schema, answer.text, `POST ${path}`, answer.attempts);
  }

  /** One request under the retry policy, composed around the transport's single attempt. */
  async #call(request: RedmineRequest, idempotent: boolean): Promise<RedmineAnswer> {
    const endpoint = `${request.method} ${request.path}`;
    try {
      return await this.#retry.run<RedmineAnswer>({
        send: (attempt) => this.#transport.send(request, attempt),
        classify: (error) => (error instanceof RedmineError ? redmineFailureClass(error) : { kind: 'permanent' }),
        idempotent,
        onRetry: ({ attempt, delayMs, error }) => {
          if (error instanceof RedmineError)
            this.#onRetry?.({ endpoint, attempt, delayMs: delayMs ?? 0, error: error.toJSON() });
        },
      });
    } catch (error) {
      if (error instanceof RedmineError) throw error;
      // Only a defect of this client gets here; still never let its text carry the key.
      throw this.#transport.error({
        code: 'redmine_unreachable',
        message: `request ${endpoint} failed: ${error instanceof Error ? error.message : String(error)}`,
        endpoint,
        path: [],
        attempts: 1,
        retryable: false,
      });
    }
  }

  #decode<S extends z.ZodType>(schema: S, text: string, endpoint: string, attempts: number): z.output<S> {
    const bad = (message: string, path: Array<string | number> = []): RedmineError =>
      this.#transport.error({ code: 'redmine_bad_response', message, endpoint, path, attempts, retryable: false });
    if (text.trim() === '') throw bad(`Redmine answered ${endpoint} with an empty body where JSON was expected`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'invalid JSON';
      throw bad(`Redmine answered ${endpoint} with a body that is not JSON (${reason}): ${snippet(text)}`);
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    const [first, ...others] = parsed.error.issues;
    const path = (first?.path ?? []).filter((segment): segment is string | number => typeof segment !== 'symbol');
    const more = others.length > 0 ? ` (and ${others.length} more problem${others.length > 1 ? 's' : ''})` : '';
    throw bad(
      `Redmine answered ${endpoint} with an unexpected body at ${formatIssuePath(path)}: ${first?.message ?? 'invalid'}${more}`,
      path,
    );
  }

  #invalid(argument: string, message: string): RedmineError {
    return this.#transport.error({
      code: 'redmine_invalid_argument',
      message: `${argument}: ${message}`,
      endpoint: '',
      path: [argument],
      attempts: 0,
      retryable: false,
    });
  }

  #id(value: number, argument: string): number {
    if (!Number.isSafeInteger(value) || value <= 0)
      throw this.#invalid(argument, `expected a positive integer, got ${String(value)}`);
    return value;
  }

  #day(value: string, argument: string): string {
    if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
      throw this.#invalid(argument, `expected a day as YYYY-MM-DD, got "${value}"`);
    }
    return value;
  }

  /** Redmine compares timestamps in UTC without fractions: `2026-11-20T12:00:00Z`. */
  #redmineInstant(value: string, argument: string): string {
    const ms = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms)) {
      throw this.#invalid(argument, `expected an ISO 8601 date-time such as 2026-11-20T09:00:00+03:00, got "${value}"`);
    }
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  #wikiPath(project: number | string, title: string): string {
    if (String(project) === '') throw this.#invalid('project', 'expected a project id or identifier');
    if (title === '') throw this.#invalid('title', 'expected a wiki page title');
    return `/projects/${encodeURIComponent(String(project))}/wiki/${encodeURIComponent(title)}.json`;
  }
}
