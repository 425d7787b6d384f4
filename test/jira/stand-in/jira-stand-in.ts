/**
 * A local stand-in for Jira Cloud's REST API, on 127.0.0.1 and an ephemeral port.
 * Every request is checked against the trimmed OpenAPI contract before it is served and
 * every answer the stand-in builds is checked before it is sent, so neither the client
 * nor the stand-in's own fixtures can drift from what Jira documents unnoticed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpenApiContract, type ContractError, type OpenApiContract } from '../contract/openapi-contract';
import { createStandInRoutes, type StandInAnswer, type StandInRequest } from './jira-stand-in-routes';
import {
  DEFAULT_REFERENCE_DATA,
  JiraStandInStore,
  StandInError,
  toMillis,
  type SeedChange,
  type SeedIssue,
  type SeedWorklog,
  type StandInIssue,
  type StandInNotification,
  type StandInProjectType,
  type StandInReferenceData,
  type StandInWorklog,
} from './jira-stand-in-store';

export interface JiraStandInOptions {
  /** Clock for writes, relative JQL dates and the worklog hold-back; default Date.now. */
  readonly now?: () => number;
  /** Zone of rendered timestamps and of JQL date literals; default UTC. */
  readonly timeZone?: string;
  /** Delay before every answer, e.g. 150 for a benchmark that feels Jira's round trips. */
  readonly latencyMs?: number;
  readonly searchPageCap?: number;
  readonly changelogPageCap?: number;
  readonly worklogPageCap?: number;
  /** Default 60 000, as Jira; 0 shows worklog changes at once. */
  readonly worklogSettleMs?: number;
  /** Default: BROWSE_PROJECTS, EDIT_ISSUES, ADD_COMMENTS, TRANSITION_ISSUES, ASSIGN_ISSUES. */
  readonly grantedPermissions?: readonly string[];
  readonly reference?: Partial<StandInReferenceData>;
  /** Default: the trimmed Jira description committed in test/jira/contract. */
  readonly contract?: OpenApiContract;
  /** When set, requests without exactly this Authorization header get 401. */
  readonly expectedAuthorization?: string;
}

/** A scripted answer that replaces what the stand-in would have said. */
export interface ScriptedFailure {
  readonly status: number;
  /** Sent as `Retry-After` (seconds). */
  readonly retryAfterSeconds?: number;
  /** Sent as `RateLimit-Reason`; defaults to `jira-burst-based` on 429. */
  readonly rateLimitReason?: string;
  /** JSON body, or a string sent verbatim (to script malformed answers). */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One request as the stand-in received it. */
export interface StandInLogEntry {
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  /** The contract's path template, when the path matched one. */
  readonly template: string | undefined;
  readonly query: Readonly<Record<string, readonly string[]>>;
  readonly body: unknown;
  readonly write: boolean;
  status: number;
  scripted: boolean;
}

export interface ContractViolation {
  readonly kind: 'request' | 'response';
  readonly method: string;
  readonly path: string;
  readonly status?: number;
  readonly errors: readonly ContractError[];
}

export interface StandInStats {
  readonly total: number;
  readonly reads: number;
  readonly writes: number;
  /** By `METHOD /template`. */
  readonly byOperation: Readonly<Record<string, number>>;
}

/** Snapshot of one issue's stored state, for assertions. */
export interface StandInIssueState {
  readonly id: string;
  readonly key: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly appFieldValues: Readonly<Record<string, unknown>>;
  /** Comment bodies (ADF), oldest first. */
  readonly comments: readonly unknown[];
  /** The same comments with who may see them. */
  readonly commentRecords: readonly StandInCommentState[];
  /** E-mails the app asked Jira to send about the issue, oldest first. */
  readonly notifications: readonly StandInNotification[];
  readonly historyCount: number;
}

/** One comment of {@link StandInIssueState}. */
export interface StandInCommentState {
  readonly body: unknown;
  /** `{ type: 'role', value: 'Administrators' }` for a restricted comment; null when everyone who sees the issue sees it. */
  readonly visibility: { readonly type: 'role' | 'group'; readonly value: string } | null;
  /** False for a Jira Service Management internal note (`sd.public.comment` = `{ internal: true }` in a service desk project). */
  readonly jsdPublic: boolean;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** POSTs that only read; everything else but GET counts as a write. */
const READ_POSTS = new Set([
  '/rest/api/3/search/jql',
  '/rest/api/3/changelog/bulkfetch',
  '/rest/api/3/worklog/list',
  '/rest/api/3/permissions/check',
]);

/** Prefix of the Authorization header by which a test calls as a user (Forge's `asUser()`); anything else is the app. */
export const AS_USER_PREFIX = 'Bearer as-user:';

/** The account a request is made as, or null for the app. */
function callerOf(authorization: string | undefined): string | null {
  return authorization !== undefined && authorization.startsWith(AS_USER_PREFIX)
    ? authorization.slice(AS_USER_PREFIX.length)
    : null;
}
const MAX_BODY_BYTES = 5 * 1024 * 1024;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new StandInError(413, 'Request body too large.'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * A running stand-in. Start it with {@link startJiraStandIn}; stop it with `close()`.
 */
export class JiraStandIn {
  readonly store: JiraStandInStore;
  private readonly log: StandInLogEntry[] = [];
  private readonly contractViolations: ContractViolation[] = [];
  private readonly scriptedQueue: ScriptedFailure[] = [];
  private readonly scriptedRules: {
    predicate: (entry: StandInLogEntry) => boolean;
    failure: ScriptedFailure;
    remaining: number;
  }[] = [];
  private readonly routes: ReturnType<typeof createStandInRoutes>;
  private readonly contract: OpenApiContract;
  private readonly now: () => number;
  private latencyMs: number;
  private seq = 0;
  private url = '';

  constructor(
    private readonly server: Server,
    private readonly options: JiraStandInOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.latencyMs = options.latencyMs ?? 0;
    this.contract = options.contract ?? createOpenApiContract();
    const timeZone = options.timeZone ?? 'UTC';
    this.store = new JiraStandInStore({ ...DEFAULT_REFERENCE_DATA, ...options.reference }, () => this.url, timeZone);
    this.routes = createStandInRoutes(this.store, {
      now: this.now,
      baseUrl: () => this.url,
      timeZone,
      searchPageCap: options.searchPageCap ?? 100,
      changelogPageCap: options.changelogPageCap ?? 1000,
      worklogPageCap: options.worklogPageCap ?? 1000,
      worklogSettleMs: options.worklogSettleMs ?? 60_000,
      grantedPermissions: new Set(
        options.grantedPermissions ?? [
          'BROWSE_PROJECTS',
          'EDIT_ISSUES',
          'ADD_COMMENTS',
          'TRANSITION_ISSUES',
          'ASSIGN_ISSUES',
        ],
      ),
    });
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      this.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'application/json' });
        response.end(
          JSON.stringify({
            errorMessages: [`stand-in failure: ${error instanceof Error ? error.message : String(error)}`],
          }),
        );
      });
    });
  }

  /** `http://127.0.0.1:PORT`; prefix client paths with it. */
  get baseUrl(): string {
    return this.url;
  }

  /** @internal set once the server listens. */
  setBaseUrl(url: string): void {
    this.url = url;
  }

  // ---- seeding ---------------------------------------------------------------------

  /** A Jira Service Management project unless `typeKey` says otherwise (`software`, `business`). */
  addProject(project: { key: string; name?: string; id?: string; typeKey?: StandInProjectType }): {
    id: string;
    key: string;
  } {
    const created = this.store.addProject(project);
    return { id: created.id, key: created.key };
  }

  /**
   * Adds an issue with its past: status, priority, type and assignee changes at given
   * instants become changelog entries, worklogs are attached.
   *
   * @example
   * ```ts
   * const { key } = standIn.seedIssue({
   *   project: 'SUP', priority: 'High', created: '2026-11-02T09:00:00+03:00',
   *   history: [{ at: '2026-11-02T09:40:00+03:00', status: 'In Progress' }, { at: '2026-11-02T12:00:00+03:00', status: 'Resolved' }],
   *   worklogs: [{ started: '2026-11-02T10:00:00+03:00', seconds: 5400 }],
   * });
   * ```
   */
  seedIssue(seed: SeedIssue): { id: string; key: string } {
    const issue = this.store.seedIssue(seed);
    return { id: issue.id, key: issue.key };
  }

  /** A later change to an existing issue, recorded in its changelog at `change.at`. */
  changeIssue(issueIdOrKey: string, change: SeedChange): void {
    this.store.applyChange(this.store.issue(issueIdOrKey), change);
  }

  addWorklog(issueIdOrKey: string, worklog: SeedWorklog): { id: string } {
    return { id: this.store.addWorklog(issueIdOrKey, worklog).id };
  }

  /** Edits a worklog's time spent and marks it updated at `at`. */
  touchWorklog(worklogId: string, at: number | string | Date): void {
    const worklog: StandInWorklog | undefined = this.store.worklogs.get(worklogId);
    if (!worklog) throw new RangeError(`no worklog ${worklogId}`);
    worklog.updated = toMillis(at);
  }

  issueState(issueIdOrKey: string): StandInIssueState {
    const issue: StandInIssue = this.store.issue(issueIdOrKey);
    return {
      id: issue.id,
      key: issue.key,
      fields: this.store.allFields(issue),
      properties: Object.fromEntries(issue.properties),
      appFieldValues: Object.fromEntries(issue.appFieldValues),
      comments: issue.comments.map((comment) => comment.body),
      commentRecords: issue.comments.map((comment) => ({
        body: comment.body,
        visibility: comment.visibility ?? null,
        jsdPublic: this.store.isPublicToServiceDesk(issue, comment),
        properties: Object.fromEntries(comment.properties),
      })),
      notifications: [...issue.notifications],
      historyCount: issue.histories.length,
    };
  }

  // ---- permissions -----------------------------------------------------------------

  /** Sets what a user may do in a project (e.g. `['BROWSE_PROJECTS']` for a viewer, plus `ADMINISTER_PROJECTS` for its admin). */
  setProjectPermissions(projectKey: string, accountId: string, permissions: readonly string[]): void {
    const project = this.store.addProject({ key: projectKey });
    const byUser = this.store.projectPermissions.get(project.key) ?? new Map<string, ReadonlySet<string>>();
    byUser.set(accountId, new Set(permissions));
    this.store.projectPermissions.set(project.key, byUser);
  }

  /** Puts an issue under issue security: only these accounts (and the app) may see it. */
  restrictIssue(issueIdOrKey: string, viewers: readonly string[]): void {
    this.store.issueViewers.set(this.store.issue(issueIdOrKey).id, new Set(viewers));
  }

  /** Writes an issue property as a user would over REST (`PUT …/properties/{key}`): allowed to anyone who may edit the issue. */
  userSetsIssueProperty(accountId: string, issueIdOrKey: string, propertyKey: string, value: unknown): void {
    const issue = this.store.issue(issueIdOrKey);
    if (!this.store.mayOnIssue(accountId, issue, 'EDIT_ISSUES'))
      throw new RangeError(`${accountId} may not edit ${issue.key}`);
    issue.properties.set(propertyKey, JSON.parse(JSON.stringify(value)));
  }

  // ---- scripting -------------------------------------------------------------------

  /** The next `count` requests get `failure` instead of their answer (still logged and contract-checked). */
  failNext(count: number, failure: ScriptedFailure): void {
    for (let i = 0; i < count; i++) this.scriptedQueue.push(failure);
  }

  /**
   * Requests matching `predicate` get `failure`, at most `times` of them. Returns a
   * function that removes the rule.
   */
  failWhen(
    predicate: (request: StandInLogEntry) => boolean,
    failure: ScriptedFailure,
    times = Number.POSITIVE_INFINITY,
  ): () => void {
    const rule = { predicate, failure, remaining: times };
    this.scriptedRules.push(rule);
    return () => {
      const index = this.scriptedRules.indexOf(rule);
      if (index >= 0) this.scriptedRules.splice(index, 1);
    };
  }

  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  // ---- observation -----------------------------------------------------------------

  requests(): readonly StandInLogEntry[] {
    return [...this.log];
  }

  clearLog(): void {
    this.log.length = 0;
  }

  stats(): StandInStats {
    const byOperation: Record<string, number> = {};
    for (const entry of this.log) {
      const key = `${entry.method} ${entry.template ?? entry.path}`;
      byOperation[key] = (byOperation[key] ?? 0) + 1;
    }
    const writes = this.log.filter((entry) => entry.write).length;
    return { total: this.log.length, reads: this.log.length - writes, writes, byOperation };
  }

  /** Every request or own answer that broke the contract since start. */
  violations(): readonly ContractViolation[] {
    return [...this.contractViolations];
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  // ---- serving ---------------------------------------------------------------------

  private takeScripted(entry: StandInLogEntry): ScriptedFailure | undefined {
    const queued = this.scriptedQueue.shift();
    if (queued) return queued;
    const rule = this.scriptedRules.find((candidate) => candidate.remaining > 0 && candidate.predicate(entry));
    if (!rule) return undefined;
    rule.remaining--;
    return rule.failure;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const method = (request.method ?? 'GET').toUpperCase();
    const text = await readBody(request);
    const query: Record<string, string[]> = {};
    url.searchParams.forEach((value, name) => {
      (query[name] ??= []).push(value);
    });

    let body: unknown;
    let requestErrors: ContractError[];
    try {
      body = text.trim() === '' ? undefined : JSON.parse(text);
      requestErrors = this.contract.validateRequest({ method, path: url.pathname, query: url.searchParams, body });
    } catch {
      body = text;
      requestErrors = [{ path: 'body', message: 'request body is not JSON' }];
    }
    const matched = this.contract.match(method, url.pathname);
    const entry: StandInLogEntry = {
      seq: ++this.seq,
      method,
      path: url.pathname,
      template: matched?.template,
      query,
      body,
      write: method !== 'GET' && !(method === 'POST' && READ_POSTS.has(matched?.template ?? '')),
      status: 0,
      scripted: false,
    };
    this.log.push(entry);
    if (requestErrors.length > 0)
      this.contractViolations.push({ kind: 'request', method, path: url.pathname, errors: requestErrors });

    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));

    const scripted = this.takeScripted(entry);
    let answer: StandInAnswer;
    if (scripted) {
      entry.scripted = true;
      const headers: Record<string, string> = { ...scripted.headers };
      if (scripted.retryAfterSeconds !== undefined) headers['Retry-After'] = String(scripted.retryAfterSeconds);
      const reason = scripted.rateLimitReason ?? (scripted.status === 429 ? 'jira-burst-based' : undefined);
      if (reason !== undefined) headers['RateLimit-Reason'] = reason;
      answer = { status: scripted.status, body: scripted.body, headers };
    } else if (
      this.options.expectedAuthorization !== undefined &&
      request.headers.authorization !== this.options.expectedAuthorization
    ) {
      answer = {
        status: 401,
        body: { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'] },
      };
    } else if (requestErrors.length > 0) {
      answer = {
        status: 400,
        body: { errorMessages: requestErrors.map((error) => `${error.path}: ${error.message}`), errors: {} },
      };
    } else {
      answer = this.serve(
        method,
        url.pathname,
        matched?.template ?? '',
        matched?.pathParams ?? {},
        query,
        body,
        callerOf(request.headers.authorization),
      );
    }

    entry.status = answer.status;
    const raw =
      typeof answer.body === 'string' && entry.scripted
        ? answer.body
        : answer.body === undefined
          ? ''
          : JSON.stringify(answer.body);
    response.writeHead(answer.status, {
      ...(raw === '' ? {} : { 'Content-Type': 'application/json;charset=UTF-8' }),
      ...answer.headers,
    });
    response.end(raw);
  }

  private serve(
    method: string,
    path: string,
    template: string,
    pathParams: Readonly<Record<string, string>>,
    query: Record<string, string[]>,
    body: unknown,
    caller: string | null,
  ): StandInAnswer {
    const route = this.routes[`${method} ${template}`];
    if (!route) return { status: 501, body: { errorMessages: [`the stand-in does not serve ${method} ${template}`] } };
    const request: StandInRequest = { method, path, template, pathParams, query, body, caller };
    let answer: StandInAnswer;
    try {
      answer = route(request);
    } catch (error) {
      if (!(error instanceof StandInError)) throw error;
      answer = {
        status: error.status,
        body: { errorMessages: error.message === '' ? [] : [error.message], errors: error.fieldErrors },
      };
    }
    const responseErrors = this.contract.validateResponse({ method, path, status: answer.status, body: answer.body });
    if (responseErrors.length > 0) {
      // An answer that breaks the contract would teach the client the wrong thing: record it and fail loudly instead.
      this.contractViolations.push({ kind: 'response', method, path, status: answer.status, errors: responseErrors });
      return {
        status: 500,
        body: {
          errorMessages: [
            'stand-in answer broke the contract',
            ...responseErrors.map((error) => `${error.path}: ${error.message}`),
          ],
        },
      };
    }
    return answer;
  }
}

/**
 * Starts a stand-in on 127.0.0.1 and a free port.
 *
 * @example
 * ```ts
 * const standIn = await startJiraStandIn({ worklogSettleMs: 0 });
 * standIn.seedIssue({ project: 'SUP', created: '2026-11-02T09:00:00Z' });
 * const client = createJiraClient({ requestJira: (path, init) => fetch(`${standIn.baseUrl}${path}`, init) });
 * await client.getIssue('SUP-1');
 * expect(standIn.violations()).toEqual([]);
 * await standIn.close();
 * ```
 */
export async function startJiraStandIn(options: JiraStandInOptions = {}): Promise<JiraStandIn> {
  const server = createServer();
  const standIn = new JiraStandIn(server, options);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('stand-in did not get a TCP port');
  const { port }: AddressInfo = address;
  standIn.setBaseUrl(`http://127.0.0.1:${port}`);
  return standIn;
}
