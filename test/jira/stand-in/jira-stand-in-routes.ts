/**
 * What the stand-in does for each Jira operation it serves, keyed by `METHOD /template`
 * exactly as in the trimmed OpenAPI description. Behaviour follows Jira Cloud's documented
 * rules (page caps, 404s, 201-vs-200 on property writes, the one-minute hold-back of
 * worklog changes) so the client meets the same edges it will meet in production.
 */
import { manifestPropertyAliases } from './app-property-aliases';
import { JqlSubsetError, parseJqlSubset } from './jql-subset';
import {
  StandInError,
  type JiraStandInStore,
  type StandInIssue,
  type StandInNotification,
  type StandInVisibility,
} from './jira-stand-in-store';

/** The installed app's indexed property aliases (`slaState = breached`), read once from manifest.yml. */
const APP_PROPERTY_ALIASES = manifestPropertyAliases();

/** A request after parsing and matching against the contract. */
export interface StandInRequest {
  readonly method: string;
  readonly path: string;
  readonly template: string;
  readonly pathParams: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, readonly string[]>>;
  readonly body: unknown;
  /** The account the request is made as (Forge `asUser()`), or null for the app. */
  readonly caller: string | null;
}

/** What a route answers; `body` undefined means an empty body. */
export interface StandInAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The site address the stand-in's serverInfo gives: like Jira Cloud's, an https host (the app puts it
 * in notifications and refuses any other), not the 127.0.0.1 address the stand-in listens on.
 */
export const STAND_IN_SITE_URL = 'https://stand-in.atlassian.net';

export interface StandInRouteSettings {
  readonly now: () => number;
  readonly baseUrl: () => string;
  readonly timeZone: string;
  /** Largest search page when fields other than id/key are asked for (Jira: 100). */
  readonly searchPageCap: number;
  /** Largest changelog page, in histories (Jira: 1000 by default, 10 000 at most). */
  readonly changelogPageCap: number;
  /** Largest page of `/worklog/updated` (Jira: 1000). */
  readonly worklogPageCap: number;
  /** Jira leaves out worklogs changed in the last minute; 0 turns that off. */
  readonly worklogSettleMs: number;
  /** Permissions the app user holds, e.g. EDIT_ISSUES. */
  readonly grantedPermissions: ReadonlySet<string>;
}

type Route = (request: StandInRequest) => StandInAnswer;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function first(request: StandInRequest, name: string): string | undefined {
  return request.query[name]?.[0];
}

/** A list parameter: Jira takes both repeated names and comma-separated values. */
function list(request: StandInRequest, name: string): string[] | undefined {
  const values = request.query[name];
  return values === undefined
    ? undefined
    : values
        .flatMap((value) => value.split(','))
        .map((value) => value.trim())
        .filter((value) => value !== '');
}

function int(request: StandInRequest, name: string, fallback: number): number {
  const raw = first(request, name);
  return raw === undefined ? fallback : Number(raw);
}

/** The groups the stand-in's site has (Jira's group picker lists them by name, with their ids). */
const STAND_IN_GROUPS = [
  { name: 'jira-administrators', groupId: '0c011f85-69ed-49c4-a801-3b18d0f771bc' },
  { name: 'support', groupId: '952d12c3-5b5b-4d04-bb32-44d383afc4b2' },
] as const;

function errorAnswer(status: number, message: string, errors: Readonly<Record<string, string>> = {}): StandInAnswer {
  return { status, body: { errorMessages: message === '' ? [] : [message], errors } };
}

/** Opaque page tokens bound to the query that issued them, as Jira's are. */
class PageTokens {
  private readonly issued = new Map<string, { scope: string; offset: number }>();
  private counter = 0;

  issue(scope: string, offset: number): string {
    const token = Buffer.from(`${++this.counter}:${offset}:${scope.length}`).toString('base64url');
    this.issued.set(token, { scope, offset });
    return token;
  }

  offset(token: string | undefined, scope: string): number {
    if (token === undefined) return 0;
    const found = this.issued.get(token);
    if (!found || found.scope !== scope)
      throw new StandInError(400, 'The provided next page token is invalid or expired.');
    return found.offset;
  }
}

/**
 * The route table for a store.
 *
 * @example
 * ```ts
 * const routes = createStandInRoutes(store, settings);
 * routes['GET /rest/api/3/status']?.(request); // { status: 200, body: [{ id: '1', name: 'Open', … }] }
 * ```
 */
export function createStandInRoutes(
  store: JiraStandInStore,
  settings: StandInRouteSettings,
): Readonly<Record<string, Route>> {
  const searchTokens = new PageTokens();
  const changelogTokens = new PageTokens();
  const base = settings.baseUrl;

  const search = (
    params: { jql: string; fields?: string[]; properties?: string[]; maxResults?: number; nextPageToken?: string },
    caller: string | null,
  ): StandInAnswer => {
    let query;
    try {
      query = parseJqlSubset(params.jql, {
        now: settings.now(),
        timeZone: settings.timeZone,
        propertyAliases: APP_PROPERTY_ALIASES,
      });
    } catch (error) {
      if (error instanceof JqlSubsetError) return errorAnswer(400, error.message);
      throw error;
    }
    // The new search returns only ids unless fields are named.
    const fields = params.fields ?? ['id'];
    const idsOnly = fields.every((field) => field === 'id' || field === 'key');
    const cap = idsOnly ? 5000 : settings.searchPageCap;
    const size = Math.max(1, Math.min(params.maxResults ?? 50, cap));
    const scope = JSON.stringify([params.jql, fields, params.properties ?? []]);
    const offset = searchTokens.offset(params.nextPageToken, scope);
    // A user's search finds only the issues the user may browse (project permission and issue security).
    const matching = store.issues
      .filter((issue) => store.canBrowse(caller, issue))
      .map((issue) => ({ issue, view: store.jqlView(issue) }))
      .filter(({ view }) => query.matches(view));
    matching.sort((a, b) => query.compare(a.view, b.view));
    const page = matching.slice(offset, offset + size);
    const isLast = offset + size >= matching.length;
    return {
      status: 200,
      body: {
        issues: page.map(({ issue }) => {
          const rendered = store.renderIssue(issue, idsOnly ? [] : fields, params.properties);
          return idsOnly
            ? {
                id: rendered.id,
                key: rendered.key,
                self: rendered.self,
                ...(rendered.properties ? { properties: rendered.properties } : {}),
              }
            : rendered;
        }),
        isLast,
        ...(isLast ? {} : { nextPageToken: searchTokens.issue(scope, offset + size) }),
      },
    };
  };

  const stringList = (value: unknown): string[] | undefined =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;

  const editIssue = (issue: StandInIssue, body: Record<string, unknown>): void => {
    const fields = isRecord(body.fields) ? body.fields : {};
    const update = isRecord(body.update) ? body.update : {};
    const at = settings.now();
    const author = store.reference.appAccountId;
    const supported = new Set(['priority', 'assignee', 'labels', 'summary']);
    for (const name of [...Object.keys(fields), ...Object.keys(update)]) {
      if (!supported.has(name))
        throw new StandInError(400, '', {
          [name]: `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.`,
        });
      if (name in fields && name in update)
        throw new StandInError(400, '', { [name]: 'Field specified in both fields and update.' });
    }
    const change: { priority?: string; assignee?: string | null } = {};
    if ('priority' in fields) {
      const priority = fields.priority;
      const ref = isRecord(priority)
        ? typeof priority.id === 'string'
          ? priority.id
          : typeof priority.name === 'string'
            ? priority.name
            : undefined
        : undefined;
      if (ref === undefined)
        throw new StandInError(400, '', { priority: "Specify a valid 'id' or 'name' for Priority" });
      change.priority = store.priority(ref).id;
    }
    if ('assignee' in fields) {
      const assignee = fields.assignee;
      if (assignee === null || (isRecord(assignee) && assignee.accountId === null)) change.assignee = null;
      else if (isRecord(assignee) && typeof assignee.accountId === 'string')
        change.assignee = store.user(assignee.accountId).accountId;
      else throw new StandInError(400, '', { assignee: 'Specify an accountId for the assignee.' });
    }
    let labels = [...issue.labels];
    if ('labels' in fields) {
      const set = stringList(fields.labels);
      if (!set) throw new StandInError(400, '', { labels: 'Labels must be a list of strings.' });
      labels = set;
    }
    if (Array.isArray(update.labels)) {
      for (const op of update.labels) {
        if (isRecord(op) && typeof op.add === 'string') labels = labels.includes(op.add) ? labels : [...labels, op.add];
        else if (isRecord(op) && typeof op.remove === 'string') labels = labels.filter((label) => label !== op.remove);
        else if (isRecord(op) && stringList(op.set)) labels = stringList(op.set) ?? [];
        else throw new StandInError(400, '', { labels: 'Unsupported label operation.' });
      }
    }
    if (labels.some((label) => /\s/.test(label)))
      throw new StandInError(400, '', { labels: 'The label must not contain spaces.' });
    if (typeof fields.summary === 'string') issue.summary = fields.summary;
    const changedLabels = labels.join(' ') !== issue.labels.join(' ');
    if (changedLabels) {
      store.recordHistory(issue, at, author, [
        {
          field: 'labels',
          fieldId: 'labels',
          fieldtype: 'jira',
          fromText: issue.labels.join(' '),
          toText: labels.join(' '),
        },
      ]);
      issue.labels = labels;
    }
    const priorityChanged = change.priority !== undefined && change.priority !== issue.priorityId;
    const assigneeChanged = change.assignee !== undefined && change.assignee !== issue.assigneeId;
    if (priorityChanged || assigneeChanged) {
      store.applyChange(issue, {
        at,
        author,
        ...(priorityChanged ? { priority: change.priority } : {}),
        ...(assigneeChanged ? { assignee: change.assignee } : {}),
      });
    }
    issue.updated = Math.max(issue.updated, at);
  };

  const setAppValues = (
    updates: { field: string; issueIds: unknown; value: unknown }[],
    generateChangelog: boolean,
  ): StandInAnswer => {
    const at = settings.now();
    const planned: { issue: StandInIssue; fieldId: string; name: string; value: unknown }[] = [];
    const seen = new Set<string>();
    for (const update of updates) {
      const field = store.appField(update.field);
      if (!field) {
        if (['summary', 'priority', 'labels', 'status', 'assignee'].includes(update.field))
          return errorAnswer(403, `The app is not the owner of field ${update.field}.`);
        return errorAnswer(404, `Field ${update.field} does not exist.`);
      }
      const value = update.value;
      const fits =
        value === null ||
        (field.type === 'number' && typeof value === 'number') ||
        (field.type === 'string' && typeof value === 'string') ||
        (field.type === 'datetime' && typeof value === 'string' && !Number.isNaN(Date.parse(value))) ||
        (field.type === 'object' && isRecord(value));
      if (!fits)
        return errorAnswer(400, '', { [field.id]: `Value does not match the ${field.type} type of the field.` });
      const ids = Array.isArray(update.issueIds) ? update.issueIds : [];
      for (const id of ids) {
        const issue = store.issues.find((candidate) => candidate.id === String(id));
        if (!issue) return errorAnswer(400, `Issue ${String(id)} does not exist.`);
        const pair = `${field.id}:${issue.id}`;
        if (seen.has(pair))
          return errorAnswer(400, 'Combinations of custom field and issue must be unique within the request.');
        seen.add(pair);
        planned.push({ issue, fieldId: field.id, name: field.name, value });
      }
    }
    for (const { issue, fieldId, name, value } of planned) {
      const before = issue.appFieldValues.get(fieldId);
      issue.appFieldValues.set(fieldId, value);
      // The value change itself bumps `updated`, changelog or not: a sync that selects
      // issues by `updated` sees the app's own writes.
      issue.updated = Math.max(issue.updated, at);
      if (generateChangelog) {
        store.recordHistory(issue, at, store.reference.appAccountId, [
          {
            field: name,
            fieldId,
            fieldtype: 'custom',
            fromText: before == null ? undefined : JSON.stringify(before),
            toText: value === null ? undefined : JSON.stringify(value),
          },
        ]);
      }
    }
    return { status: 204 };
  };

  const property = (request: StandInRequest) => ({
    issue: store.visibleIssue(request.caller, request.pathParams.issueIdOrKey),
    key: request.pathParams.propertyKey,
  });
  /** Jira lets anyone who may edit an issue set or delete its properties; others get 403. */
  const mayEdit = (request: StandInRequest, issue: StandInIssue): boolean =>
    store.mayOnIssue(request.caller, issue, 'EDIT_ISSUES');

  /** A comment's `visibility` on create: a role the site has, or a group; Jira refuses an unknown role. */
  const commentVisibility = (raw: unknown): StandInVisibility | undefined => {
    if (raw === undefined) return undefined;
    if (!isRecord(raw)) throw new StandInError(400, '', { commentLevel: 'Visibility must be an object.' });
    const name =
      typeof raw.value === 'string' ? raw.value : typeof raw.identifier === 'string' ? raw.identifier : undefined;
    if (name === undefined || name === '')
      throw new StandInError(400, '', { commentLevel: 'Specify the role or group the comment is visible to.' });
    if (raw.type === 'role') {
      if (!store.reference.projectRoles.includes(name))
        throw new StandInError(400, '', {
          commentLevel: `You are currently not a member of the project role: ${name}.`,
        });
      return { type: 'role', value: name };
    }
    return { type: 'group', value: name };
  };

  const commentProperties = (raw: unknown): Map<string, unknown> => {
    const properties = new Map<string, unknown>();
    if (raw === undefined) return properties;
    if (!Array.isArray(raw)) throw new StandInError(400, '', { properties: 'Properties must be a list.' });
    for (const entry of raw) {
      if (!isRecord(entry) || typeof entry.key !== 'string' || entry.key === '' || !('value' in entry))
        throw new StandInError(400, '', { properties: 'Every property needs a key and a value.' });
      properties.set(entry.key, entry.value);
    }
    return properties;
  };

  const flag = (value: unknown): boolean => value === true;

  /** Jira's documented 400s of notify: a recipient that is the caller, or an issue role nobody holds. */
  const notification = (issue: StandInIssue, body: Record<string, unknown>): StandInNotification => {
    const to = isRecord(body.to) ? body.to : {};
    const users = (Array.isArray(to.users) ? to.users : []).map((user) =>
      isRecord(user) && typeof user.accountId === 'string' ? user.accountId : '',
    );
    if (users.includes('')) throw new StandInError(400, '', { to: 'Every user recipient needs an accountId.' });
    if (users.includes(store.reference.appAccountId))
      throw new StandInError(400, 'The recipient is the same as the calling user.');
    const groups = (Array.isArray(to.groups) ? to.groups : []).map((group) => {
      const groupId = isRecord(group) && typeof group.groupId === 'string' ? group.groupId : undefined;
      const name = isRecord(group) && typeof group.name === 'string' ? group.name : undefined;
      if (groupId === undefined && name === undefined)
        throw new StandInError(400, '', { to: 'Every group recipient needs a groupId or a name.' });
      return { ...(groupId !== undefined ? { groupId } : {}), ...(name !== undefined ? { name } : {}) };
    });
    if (flag(to.assignee) && issue.assigneeId === null)
      throw new StandInError(400, 'The recipient is invalid: the issue is unassigned.');
    if (flag(to.reporter) && issue.reporterId === null)
      throw new StandInError(400, 'The recipient is invalid: the issue has no reporter.');
    return {
      at: settings.now(),
      subject: typeof body.subject === 'string' ? body.subject : undefined,
      textBody: typeof body.textBody === 'string' ? body.textBody : undefined,
      htmlBody: typeof body.htmlBody === 'string' ? body.htmlBody : undefined,
      to: { users, groups, assignee: flag(to.assignee), watchers: flag(to.watchers), reporter: flag(to.reporter) },
    };
  };

  return {
    'GET /rest/api/3/search/jql': (request) =>
      search(
        {
          jql: first(request, 'jql') ?? '',
          fields: list(request, 'fields'),
          properties: list(request, 'properties'),
          maxResults: first(request, 'maxResults') === undefined ? undefined : int(request, 'maxResults', 50),
          nextPageToken: first(request, 'nextPageToken'),
        },
        request.caller,
      ),

    'POST /rest/api/3/search/jql': (request) => {
      const body = isRecord(request.body) ? request.body : {};
      return search(
        {
          jql: typeof body.jql === 'string' ? body.jql : '',
          fields: stringList(body.fields),
          properties: stringList(body.properties),
          maxResults: typeof body.maxResults === 'number' ? body.maxResults : undefined,
          nextPageToken: typeof body.nextPageToken === 'string' ? body.nextPageToken : undefined,
        },
        request.caller,
      );
    },

    'POST /rest/api/3/changelog/bulkfetch': (request) => {
      const body = isRecord(request.body) ? request.body : {};
      const wanted = stringList(body.issueIdsOrKeys) ?? [];
      const fieldIds = stringList(body.fieldIds) ?? [];
      const size = Math.min(typeof body.maxResults === 'number' ? body.maxResults : 1000, settings.changelogPageCap);
      const scope = JSON.stringify([wanted, fieldIds]);
      const offset = changelogTokens.offset(
        typeof body.nextPageToken === 'string' ? body.nextPageToken : undefined,
        scope,
      );
      const issues = store.issues.filter((issue) =>
        wanted.some((ref) => ref === issue.id || ref.toUpperCase() === issue.key),
      );
      // Jira sorts by changelog date, then issue id, oldest first.
      const entries = issues
        .flatMap((issue) =>
          issue.histories.map((history) => ({
            issue,
            history:
              fieldIds.length === 0
                ? history
                : { ...history, items: history.items.filter((item) => fieldIds.includes(item.fieldId)) },
          })),
        )
        .filter(({ history }) => history.items.length > 0)
        .sort((a, b) => a.history.created - b.history.created || Number(a.issue.id) - Number(b.issue.id));
      const page = entries.slice(offset, offset + size);
      const grouped: { issueId: string; changeHistories: Record<string, unknown>[] }[] = [];
      for (const { issue, history } of page) {
        const last = grouped[grouped.length - 1];
        if (last && last.issueId === issue.id) last.changeHistories.push(store.renderHistory(history));
        else grouped.push({ issueId: issue.id, changeHistories: [store.renderHistory(history)] });
      }
      const more = offset + size < entries.length;
      return {
        status: 200,
        body: {
          issueChangeLogs: grouped,
          ...(more ? { nextPageToken: changelogTokens.issue(scope, offset + size) } : {}),
        },
      };
    },

    'GET /rest/api/3/issue/{issueIdOrKey}': (request) => {
      const issue = store.visibleIssue(request.caller, request.pathParams.issueIdOrKey);
      return { status: 200, body: store.renderIssue(issue, list(request, 'fields'), list(request, 'properties')) };
    },

    'PUT /rest/api/3/issue/{issueIdOrKey}': (request) => {
      editIssue(store.issue(request.pathParams.issueIdOrKey), isRecord(request.body) ? request.body : {});
      return { status: 204 };
    },

    'GET /rest/api/3/issue/{issueIdOrKey}/comment': (request) => {
      const issue = store.visibleIssue(request.caller, request.pathParams.issueIdOrKey);
      const startAt = int(request, 'startAt', 0);
      const maxResults = Math.min(int(request, 'maxResults', 100), 100);
      const ordered = [...issue.comments].sort((a, b) =>
        first(request, 'orderBy') === '-created' ? b.created - a.created : a.created - b.created,
      );
      return {
        status: 200,
        body: {
          startAt,
          maxResults,
          total: ordered.length,
          comments: ordered.slice(startAt, startAt + maxResults).map((comment) => store.renderComment(issue, comment)),
        },
      };
    },

    'POST /rest/api/3/issue/{issueIdOrKey}/comment': (request) => {
      const issue = store.issue(request.pathParams.issueIdOrKey);
      const sent = isRecord(request.body) ? request.body : {};
      const body = sent.body;
      // v3 takes Atlassian Document Format only; plain strings are refused.
      if (!isRecord(body) || body.type !== 'doc' || body.version !== 1 || !Array.isArray(body.content))
        return errorAnswer(400, '', { comment: 'Comment body is not valid!' });
      const restrictions = {
        visibility: commentVisibility(sent.visibility),
        properties: commentProperties(sent.properties),
      };
      const comment = store.addComment(issue, settings.now(), store.reference.appAccountId, body, restrictions);
      return { status: 201, body: store.renderComment(issue, comment) };
    },

    'POST /rest/api/3/issue/{issueIdOrKey}/notify': (request) => {
      const issue = store.issue(request.pathParams.issueIdOrKey);
      issue.notifications.push(notification(issue, isRecord(request.body) ? request.body : {}));
      return { status: 204 };
    },

    'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}': (request) => {
      const { issue, key } = property(request);
      if (!mayEdit(request, issue))
        return errorAnswer(403, 'You do not have permission to edit issue properties of this issue.');
      if (JSON.stringify(request.body).length > 32768)
        return errorAnswer(400, 'The property value exceeds 32768 characters.');
      if (key.length > 255) return errorAnswer(400, 'The property key is longer than 255 characters.');
      const existed = issue.properties.has(key);
      issue.properties.set(key, request.body);
      return { status: existed ? 200 : 201 };
    },

    'PUT /rest/api/3/app/field/{fieldIdOrKey}/value': (request) => {
      const updates = isRecord(request.body) && Array.isArray(request.body.updates) ? request.body.updates : [];
      return setAppValues(
        updates.filter(isRecord).map((update) => ({
          field: request.pathParams.fieldIdOrKey,
          issueIds: update.issueIds,
          value: update.value,
        })),
        first(request, 'generateChangelog') !== 'false',
      );
    },

    'GET /rest/api/3/worklog/updated': (request) => {
      const since = int(request, 'since', 0);
      const horizon = settings.now() - settings.worklogSettleMs;
      const changed = [...store.worklogs.values()]
        .filter((worklog) => worklog.updated > since && worklog.updated <= horizon)
        .sort((a, b) => a.updated - b.updated || Number(a.id) - Number(b.id));
      const page = changed.slice(0, settings.worklogPageCap);
      const lastPage = changed.length <= settings.worklogPageCap;
      const until = page.length > 0 ? page[page.length - 1].updated : since;
      return {
        status: 200,
        body: {
          self: `${base()}/rest/api/3/worklog/updated?since=${since}`,
          since,
          until,
          lastPage,
          ...(lastPage ? {} : { nextPage: `${base()}/rest/api/3/worklog/updated?since=${until}` }),
          values: page.map((worklog) => ({
            worklogId: Number(worklog.id),
            updatedTime: worklog.updated,
            properties: [],
          })),
        },
      };
    },

    'POST /rest/api/3/worklog/list': (request) => {
      const ids = isRecord(request.body) && Array.isArray(request.body.ids) ? request.body.ids : [];
      if (ids.length > 1000) return errorAnswer(400, 'The number of worklog ids must not exceed 1000.');
      const found = ids.map((id) => store.worklogs.get(String(id))).filter((worklog) => worklog !== undefined);
      return { status: 200, body: found.map((worklog) => store.renderWorklog(worklog)) };
    },

    'GET /rest/api/3/issue/{issueIdOrKey}/worklog': (request) => {
      const issue = store.visibleIssue(request.caller, request.pathParams.issueIdOrKey);
      const startAt = int(request, 'startAt', 0);
      const maxResults = Math.min(int(request, 'maxResults', 5000), 5000);
      const after = first(request, 'startedAfter');
      const before = first(request, 'startedBefore');
      const all = [...store.worklogs.values()]
        .filter((worklog) => worklog.issueId === issue.id)
        .filter(
          (worklog) =>
            (after === undefined || worklog.started >= Number(after)) &&
            (before === undefined || worklog.started <= Number(before)),
        )
        .sort((a, b) => a.started - b.started);
      return {
        status: 200,
        body: {
          startAt,
          maxResults,
          total: all.length,
          worklogs: all.slice(startAt, startAt + maxResults).map((worklog) => store.renderWorklog(worklog)),
        },
      };
    },

    'GET /rest/api/3/mypermissions': (request) => {
      const keys = list(request, 'permissions');
      if (!keys || keys.length === 0) return errorAnswer(400, 'The permissions query parameter is required.');
      const projectKey = first(request, 'projectKey');
      const project = projectKey === undefined ? undefined : store.project(projectKey);
      if (projectKey !== undefined && !project)
        return errorAnswer(404, `No project could be found with key '${projectKey}'.`);
      const caller = request.caller;
      // The app holds what the stand-in grants it; a user holds the project's grants and, if a Jira admin, ADMINISTER.
      const holds = (key: string): boolean => {
        if (caller === null) return settings.grantedPermissions.has(key);
        if (key === 'ADMINISTER') return store.jiraAdmins.has(caller);
        if (project === undefined)
          return [...store.projects].some((candidate) => store.userPermissions(caller, candidate).has(key));
        return store.userPermissions(caller, project).has(key);
      };
      return {
        status: 200,
        body: {
          permissions: Object.fromEntries(
            keys.map((key, index) => [
              key,
              {
                id: String(index + 1),
                key,
                name: key.replace(/_/g, ' ').toLowerCase(),
                type: 'PROJECT',
                description: key,
                havePermission: holds(key),
              },
            ]),
          ),
        },
      };
    },

    'POST /rest/api/3/permissions/check': (request) => {
      const body = isRecord(request.body) ? request.body : {};
      const asked = typeof body.accountId === 'string' ? body.accountId : null;
      // Checking someone else needs ADMINISTER (the app may); a user checks themselves.
      if (
        asked !== null &&
        request.caller !== null &&
        asked !== request.caller &&
        !store.jiraAdmins.has(request.caller)
      )
        return errorAnswer(403, 'Only Jira administrators can check the permissions of other users.');
      const who = asked ?? request.caller;
      const projectPermissions = (Array.isArray(body.projectPermissions) ? body.projectPermissions : [])
        .filter(isRecord)
        .map((entry) => {
          const permissions = stringList(entry.permissions) ?? [];
          const issueIds = Array.isArray(entry.issues)
            ? entry.issues.filter((id): id is number => typeof id === 'number')
            : [];
          const projectIds = Array.isArray(entry.projects)
            ? entry.projects.filter((id): id is number => typeof id === 'number')
            : [];
          if (issueIds.length > 1000 || projectIds.length > 1000)
            throw new StandInError(400, 'A maximum of 1000 projects and 1000 issues can be checked.');
          return permissions.map((permission) => ({
            permission,
            issues: issueIds.filter((id) => {
              const issue = store.issues.find((candidate) => candidate.id === String(id));
              return (
                issue !== undefined &&
                (who === null || (store.canBrowse(who, issue) && store.mayOnIssue(who, issue, permission)))
              );
            }),
            projects: projectIds.filter((id) => {
              const project = store.project(String(id));
              return project !== undefined && (who === null || store.userPermissions(who, project).has(permission));
            }),
          }));
        });
      const globalPermissions = (stringList(body.globalPermissions) ?? []).filter((permission) =>
        who === null
          ? settings.grantedPermissions.has(permission)
          : permission === 'ADMINISTER' && store.jiraAdmins.has(who),
      );
      return { status: 200, body: { globalPermissions, projectPermissions: projectPermissions.flat() } };
    },

    'GET /rest/api/3/user/bulk': (request) => {
      const ids = list(request, 'accountId') ?? [];
      if (ids.length === 0) return errorAnswer(400, 'At least one accountId is required.');
      const startAt = int(request, 'startAt', 0);
      const maxResults = Math.min(int(request, 'maxResults', 10), 200);
      const known = ids.filter((id) => store.reference.users.some((user) => user.accountId === id));
      const values = known.slice(startAt, startAt + maxResults);
      return {
        status: 200,
        body: {
          self: `${base()}/rest/api/3/user/bulk`,
          startAt,
          maxResults,
          total: known.length,
          isLast: startAt + values.length >= known.length,
          values: values.map((id) => store.renderUser(id)),
        },
      };
    },

    'GET /rest/api/3/project/search': (request) => {
      const query = (first(request, 'query') ?? '').toLowerCase();
      const startAt = int(request, 'startAt', 0);
      const maxResults = Math.min(int(request, 'maxResults', 50), 100);
      const caller = request.caller;
      const found = store.projects
        .filter((project) => caller === null || store.userPermissions(caller, project).has('BROWSE_PROJECTS'))
        .filter((project) => `${project.key} ${project.name}`.toLowerCase().includes(query))
        .sort((a, b) => a.key.localeCompare(b.key));
      const values = found.slice(startAt, startAt + maxResults);
      return {
        status: 200,
        body: {
          self: `${base()}/rest/api/3/project/search`,
          startAt,
          maxResults,
          total: found.length,
          isLast: startAt + values.length >= found.length,
          values: values.map((project) => store.renderProject(project)),
        },
      };
    },

    'GET /rest/api/3/user/search': (request) => {
      const query = (first(request, 'query') ?? '').toLowerCase();
      if (query === '' && first(request, 'accountId') === undefined)
        return errorAnswer(400, 'One of query or accountId is required.');
      const maxResults = Math.min(int(request, 'maxResults', 50), 1000);
      return {
        status: 200,
        body: store.reference.users
          .filter((user) => (user.displayName ?? '').toLowerCase().startsWith(query))
          .slice(0, maxResults)
          .map((user) => store.renderUser(user.accountId)),
      };
    },

    'GET /rest/api/3/groups/picker': (request) => {
      const query = (first(request, 'query') ?? '').toLowerCase();
      const groups = STAND_IN_GROUPS.filter((group) => group.name.toLowerCase().includes(query)).slice(
        0,
        int(request, 'maxResults', 20),
      );
      return {
        status: 200,
        body: {
          header: `Showing ${groups.length} of ${groups.length} matching groups`,
          total: groups.length,
          groups: groups.map((group) => ({ ...group, html: group.name, labels: [] })),
        },
      };
    },

    'PUT /rest/forge/1/app/properties/{propertyKey}': (request) => {
      if (request.caller !== null)
        return { status: 403, body: { message: 'Only Forge apps can set app properties.', statusCode: 403 } };
      const key = request.pathParams.propertyKey;
      const existed = store.appProperties.has(key);
      store.appProperties.set(key, request.body);
      return {
        status: existed ? 200 : 201,
        body: { message: existed ? 'Property updated.' : 'Property created.', statusCode: existed ? 200 : 201 },
      };
    },

    'GET /rest/api/3/field': () => ({
      status: 200,
      body: [
        ...[
          'summary',
          'issuetype',
          'priority',
          'status',
          'created',
          'updated',
          'resolutiondate',
          'assignee',
          'reporter',
          'labels',
          'project',
        ].map((id) => ({
          id,
          key: id,
          name: id[0].toUpperCase() + id.slice(1),
          custom: false,
          orderable: true,
          navigable: true,
          searchable: true,
          clauseNames: [id],
        })),
        ...store.reference.appFields.map((field) => ({
          id: field.id,
          key: field.key,
          name: field.name,
          custom: true,
          orderable: true,
          navigable: true,
          searchable: true,
          clauseNames: [`cf[${field.id.replace('customfield_', '')}]`, field.name],
          schema: {
            type: field.type === 'object' ? 'any' : field.type,
            custom: `ari:cloud:ecosystem::extension/tariff-sla/${field.key}`,
            customId: Number(field.id.replace('customfield_', '')),
          },
        })),
      ],
    }),

    'GET /rest/api/3/status': () => ({
      status: 200,
      body: store.reference.statuses.map((status) => store.renderStatus(status)),
    }),

    // Jira answers this to anyone (no permission): the site's base URL and version.
    'GET /rest/api/3/serverInfo': () => ({
      status: 200,
      body: {
        baseUrl: STAND_IN_SITE_URL,
        displayUrl: STAND_IN_SITE_URL,
        deploymentType: 'Cloud',
        version: '1001.0.0-SNAPSHOT',
        versionNumbers: [1001, 0, 0],
        buildNumber: 100_000,
        buildDate: '2026-11-01T00:00:00.000+0000',
        serverTime: new Date(settings.now()).toISOString().replace('Z', '+0000'),
        scmInfo: 'stand-in',
        serverTitle: 'Jira stand-in',
      },
    }),
  };
}
