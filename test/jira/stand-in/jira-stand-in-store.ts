/**
 * In-memory Jira site behind the stand-in: reference data, issues with their history,
 * comments, worklogs, properties and app field values, rendered the way Jira Cloud
 * renders them (timestamps like `2026-11-20T15:00:00.000+0300`, ADF bodies, string ids).
 */
import { DateTime } from 'luxon';
import type { JqlIssueView } from './jql-subset';

/** An instant as tests like to write it: ISO text, epoch milliseconds or a Date. */
export type Instant = string | number | Date;

export interface StandInStatus {
  readonly id: string;
  readonly name: string;
  readonly category: 'new' | 'indeterminate' | 'done';
}
export interface StandInPriority {
  readonly id: string;
  readonly name: string;
}
export interface StandInIssueType {
  readonly id: string;
  readonly name: string;
}
export interface StandInUser {
  readonly accountId: string;
  readonly displayName: string;
  readonly accountType: 'atlassian' | 'app';
}
/** Jira's project types: `service_desk` is a Jira Service Management project. */
export type StandInProjectType = 'service_desk' | 'software' | 'business';

export interface StandInProject {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly typeKey: StandInProjectType;
}
/** An app-owned (Forge) custom field. `type` decides which values Jira accepts. */
export interface StandInAppField {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly type: 'string' | 'number' | 'datetime' | 'object';
}

/**
 * One changed field. The texts are kept as `fromText`/`toText` and renamed to Jira's `fromString`/
 * `toString` only when rendered: `toString` is also the name of the method every object inherits,
 * so an item holding it under that name would read as a function whenever the text is absent.
 */
export interface StandInChangeItem {
  readonly field: string;
  readonly fieldId: string;
  readonly fieldtype: 'jira' | 'custom';
  readonly from?: string;
  readonly fromText?: string;
  readonly to?: string;
  readonly toText?: string;
}

export interface StandInHistory {
  readonly id: string;
  readonly created: number;
  readonly authorId: string;
  readonly items: readonly StandInChangeItem[];
}

/** Who may see a comment, as Jira stores it: a project role (by name) or a group. */
export interface StandInVisibility {
  readonly type: 'role' | 'group';
  readonly value: string;
}

export interface StandInComment {
  readonly id: string;
  readonly created: number;
  readonly authorId: string;
  readonly body: unknown;
  /** Absent: visible to everyone who can see the issue. */
  readonly visibility?: StandInVisibility;
  /** Comment properties sent on create, by key. */
  readonly properties: ReadonlyMap<string, unknown>;
}

/** An e-mail the app asked Jira to send about an issue (`POST /issue/{issueIdOrKey}/notify`), as received. */
export interface StandInNotification {
  readonly at: number;
  readonly subject: string | undefined;
  readonly textBody: string | undefined;
  readonly htmlBody: string | undefined;
  readonly to: {
    readonly users: readonly string[];
    /** Group ids and group names, as sent. */
    readonly groups: ReadonlyArray<{ readonly groupId?: string; readonly name?: string }>;
    readonly assignee: boolean;
    readonly watchers: boolean;
    readonly reporter: boolean;
  };
}

export interface StandInWorklog {
  readonly id: string;
  readonly issueId: string;
  readonly authorId: string;
  readonly started: number;
  readonly timeSpentSeconds: number;
  readonly created: number;
  updated: number;
}

export interface StandInIssue {
  readonly id: string;
  readonly key: string;
  readonly projectId: string;
  summary: string;
  issueTypeId: string;
  priorityId: string | null;
  statusId: string;
  readonly created: number;
  updated: number;
  resolved: number | null;
  assigneeId: string | null;
  reporterId: string | null;
  labels: string[];
  readonly histories: StandInHistory[];
  readonly comments: StandInComment[];
  readonly notifications: StandInNotification[];
  readonly properties: Map<string, unknown>;
  readonly appFieldValues: Map<string, unknown>;
  /** Values of the site's own custom fields (JSM Organizations, a "Client" select), by field id. */
  readonly customFieldValues: Map<string, unknown>;
}

/** One change in a seeded issue's past; every set field becomes a changelog item. */
export interface SeedChange {
  readonly at: Instant;
  readonly status?: string;
  readonly priority?: string;
  readonly issueType?: string;
  readonly assignee?: string | null;
  readonly author?: string;
  /** New values of custom fields by id (`null` clears one); each becomes a changelog item as Jira writes it. */
  readonly customFields?: Readonly<Record<string, unknown>>;
}

export interface SeedWorklog {
  readonly started: Instant;
  readonly seconds: number;
  readonly author?: string;
  /** When the worklog was last edited; defaults to `started`. */
  readonly updated?: Instant;
}

export interface SeedIssue {
  /** Project key; the project is created when missing. */
  readonly project: string;
  readonly summary?: string;
  readonly issueType?: string;
  readonly priority?: string | null;
  readonly status?: string;
  readonly created: Instant;
  readonly reporter?: string;
  readonly assignee?: string | null;
  readonly labels?: readonly string[];
  readonly history?: readonly SeedChange[];
  readonly worklogs?: readonly SeedWorklog[];
  readonly properties?: Readonly<Record<string, unknown>>;
  /** Custom field values the issue was created with, by field id (e.g. JSM organizations: `[{id, name}]`). */
  readonly customFields?: Readonly<Record<string, unknown>>;
}

export interface StandInReferenceData {
  readonly statuses: readonly StandInStatus[];
  readonly priorities: readonly StandInPriority[];
  readonly issueTypes: readonly StandInIssueType[];
  readonly users: readonly StandInUser[];
  readonly appFields: readonly StandInAppField[];
  /** Names of the site's project roles; a comment restricted to another role is refused. */
  readonly projectRoles: readonly string[];
  /** The account the app calls Jira as (`/myself`). */
  readonly appAccountId: string;
}

export const DEFAULT_REFERENCE_DATA: StandInReferenceData = {
  statuses: [
    { id: '1', name: 'Open', category: 'new' },
    { id: '3', name: 'In Progress', category: 'indeterminate' },
    { id: '10001', name: 'Waiting for customer', category: 'indeterminate' },
    { id: '5', name: 'Resolved', category: 'done' },
    { id: '6', name: 'Closed', category: 'done' },
  ],
  priorities: [
    { id: '1', name: 'Highest' },
    { id: '2', name: 'High' },
    { id: '3', name: 'Medium' },
    { id: '4', name: 'Low' },
    { id: '5', name: 'Lowest' },
  ],
  issueTypes: [
    { id: '10002', name: 'Incident' },
    { id: '10003', name: 'Service request' },
    { id: '10004', name: 'Task' },
  ],
  users: [
    { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Dana Agent', accountType: 'atlassian' },
    { accountId: '5b10a2844c20165700ede21g', displayName: 'Lee Lead', accountType: 'atlassian' },
    { accountId: '60e5a1b2c3d4e5f6a7b8c9d0', displayName: 'Casey Customer', accountType: 'atlassian' },
    { accountId: '712020:tariff-sla-app', displayName: 'Tariff SLA', accountType: 'app' },
  ],
  appFields: [
    { id: 'customfield_10100', key: 'tariff-sla__sla-remaining', name: 'SLA time left', type: 'number' },
    { id: 'customfield_10101', key: 'tariff-sla__sla-state', name: 'SLA state', type: 'object' },
  ],
  projectRoles: ['Administrators', 'Developers', 'Service Desk Team', 'atlassian-addons-project-access'],
  appAccountId: '712020:tariff-sla-app',
};

/** What a user holds in a project nobody configured: an ordinary agent's rights (no project administration). */
export const DEFAULT_USER_PERMISSIONS: ReadonlySet<string> = new Set([
  'BROWSE_PROJECTS',
  'EDIT_ISSUES',
  'ADD_COMMENTS',
  'TRANSITION_ISSUES',
  'ASSIGN_ISSUES',
  'WORK_ON_ISSUES',
]);

const STATUS_CATEGORIES = {
  new: { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
  indeterminate: { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' },
  done: { id: 3, key: 'done', name: 'Done', colorName: 'green' },
} as const;

/** Thrown by store operations; the routes turn it into a Jira-style error answer. */
export class StandInError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'StandInError';
  }
}

export function toMillis(instant: Instant): number {
  if (typeof instant === 'number') return instant;
  if (instant instanceof Date) return instant.getTime();
  const parsed = DateTime.fromISO(instant, { setZone: true });
  if (!parsed.isValid) throw new RangeError(`not an ISO instant: ${instant}`);
  return parsed.toMillis();
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The in-memory site. Methods throw {@link StandInError} where Jira would answer 4xx. */
/** One option or organization of a custom field's value: its id and its text. */
function optionsOf(value: unknown): Array<{ id?: string; text: string }> {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(optionsOf);
  if (typeof value === 'string' || typeof value === 'number') return [{ text: String(value) }];
  if (typeof value !== 'object') return [];
  const id = 'id' in value && typeof value.id === 'string' ? value.id : undefined;
  const text =
    'value' in value && typeof value.value === 'string'
      ? value.value
      : 'name' in value && typeof value.name === 'string'
        ? value.name
        : (id ?? '');
  return [{ ...(id !== undefined ? { id } : {}), text }];
}

/**
 * One side of a custom field's changelog item, as Jira writes it: the option ids in `from`/`to` and
 * the texts in `fromString`/`toString`; a multi-valued field (organizations) as `[a, b]`.
 */
function changelogSide(side: 'from' | 'to', value: unknown): Partial<StandInChangeItem> {
  const options = optionsOf(value);
  if (options.length === 0) return {};
  const list = (texts: string[]) => (Array.isArray(value) ? `[${texts.join(', ')}]` : texts[0]);
  const ids = options.flatMap((option) => (option.id === undefined ? [] : [option.id]));
  const text = list(options.map((option) => option.text));
  return side === 'from'
    ? { ...(ids.length > 0 ? { from: list(ids) } : {}), fromText: text }
    : { ...(ids.length > 0 ? { to: list(ids) } : {}), toText: text };
}

export class JiraStandInStore {
  readonly projects: StandInProject[] = [];
  readonly issues: StandInIssue[] = [];
  readonly worklogs = new Map<string, StandInWorklog>();
  /**
   * Jira's permission model for users (the app, calling without a user, may do everything): project
   * permissions per project key and account; a project without an entry grants every user
   * {@link DEFAULT_USER_PERMISSIONS}.
   */
  readonly projectPermissions = new Map<string, Map<string, ReadonlySet<string>>>();
  /** Issue security: the accounts that may see an issue (absent: everyone who may browse its project). */
  readonly issueViewers = new Map<string, ReadonlySet<string>>();
  /** Accounts holding the global ADMINISTER permission. */
  readonly jiraAdmins = new Set<string>();
  /** Forge app properties (`/rest/forge/1/app/properties/{key}`), which only the app can write. */
  readonly appProperties = new Map<string, unknown>();
  private nextIssueId = 10000;
  /** Issues seeded per project id, for the next key number (counting the list each time is quadratic). */
  private readonly issuesPerProject = new Map<string, number>();
  private nextProjectId = 10000;
  private nextHistoryId = 100000;
  private nextCommentId = 20000;
  private nextWorklogId = 30000;

  constructor(
    readonly reference: StandInReferenceData,
    private readonly baseUrl: () => string,
    private readonly timeZone: string,
  ) {}

  // ---- lookups ---------------------------------------------------------------------

  status(nameOrId: string): StandInStatus {
    const found = this.reference.statuses.find((s) => s.id === nameOrId || same(s.name, nameOrId));
    if (!found) throw new StandInError(400, `Status '${nameOrId}' does not exist.`);
    return found;
  }

  priority(nameOrId: string): StandInPriority {
    const found = this.reference.priorities.find((p) => p.id === nameOrId || same(p.name, nameOrId));
    if (!found)
      throw new StandInError(400, `Priority '${nameOrId}' does not exist.`, {
        priority: `Specify a valid 'id' or 'name' for Priority`,
      });
    return found;
  }

  issueType(nameOrId: string): StandInIssueType {
    const found = this.reference.issueTypes.find((t) => t.id === nameOrId || same(t.name, nameOrId));
    if (!found) throw new StandInError(400, `Issue type '${nameOrId}' does not exist.`);
    return found;
  }

  user(accountId: string): StandInUser {
    const found = this.reference.users.find((u) => u.accountId === accountId);
    if (!found)
      throw new StandInError(400, `User '${accountId}' does not exist.`, {
        assignee: `User '${accountId}' cannot be assigned issues.`,
      });
    return found;
  }

  appField(idOrKey: string): StandInAppField | undefined {
    return this.reference.appFields.find((f) => f.id === idOrKey || f.key === idOrKey);
  }

  project(keyOrId: string): StandInProject | undefined {
    return this.projects.find((p) => p.id === keyOrId || same(p.key, keyOrId));
  }

  /** The issue by id or key; Jira's 404 when missing. */
  issue(idOrKey: string): StandInIssue {
    const found = this.issues.find((i) => i.id === idOrKey || same(i.key, idOrKey));
    if (!found) throw new StandInError(404, 'Issue does not exist or you do not have permission to see it.');
    return found;
  }

  // ---- permissions -----------------------------------------------------------------

  /** The project permissions a user holds in a project (`caller` null: the app, which holds every one). */
  userPermissions(caller: string, project: StandInProject | undefined): ReadonlySet<string> {
    const configured = project === undefined ? undefined : this.projectPermissions.get(project.key)?.get(caller);
    return configured ?? DEFAULT_USER_PERMISSIONS;
  }

  /** Whether the caller may see the issue: BROWSE_PROJECTS in its project and, under issue security, a listed viewer. */
  canBrowse(caller: string | null, issue: StandInIssue): boolean {
    if (caller === null) return true;
    const project = this.projects.find((p) => p.id === issue.projectId);
    if (!this.userPermissions(caller, project).has('BROWSE_PROJECTS')) return false;
    const viewers = this.issueViewers.get(issue.id);
    return viewers === undefined || viewers.has(caller);
  }

  /** The issue as the caller may see it: Jira's 404 when it does not exist or the caller may not browse it. */
  visibleIssue(caller: string | null, idOrKey: string): StandInIssue {
    const issue = this.issue(idOrKey);
    if (!this.canBrowse(caller, issue))
      throw new StandInError(404, 'Issue does not exist or you do not have permission to see it.');
    return issue;
  }

  /** Whether the caller holds a project permission on the issue (and may see it). */
  mayOnIssue(caller: string | null, issue: StandInIssue, permission: string): boolean {
    if (caller === null) return true;
    const project = this.projects.find((p) => p.id === issue.projectId);
    return this.canBrowse(caller, issue) && this.userPermissions(caller, project).has(permission);
  }

  // ---- seeding ---------------------------------------------------------------------

  /** Adds a project (a Jira Service Management one unless `typeKey` says otherwise); an existing key is returned as it is. */
  addProject(project: { key: string; name?: string; id?: string; typeKey?: StandInProjectType }): StandInProject {
    const existing = this.project(project.key);
    if (existing) return existing;
    const created = {
      id: project.id ?? String(this.nextProjectId++),
      key: project.key.toUpperCase(),
      name: project.name ?? `${project.key} project`,
      typeKey: project.typeKey ?? 'service_desk',
    };
    this.projects.push(created);
    return created;
  }

  seedIssue(seed: SeedIssue): StandInIssue {
    const project = this.addProject({ key: seed.project });
    const created = toMillis(seed.created);
    const number = (this.issuesPerProject.get(project.id) ?? 0) + 1;
    this.issuesPerProject.set(project.id, number);
    const issue: StandInIssue = {
      id: String(this.nextIssueId++),
      key: `${project.key}-${number}`,
      projectId: project.id,
      summary: seed.summary ?? `Issue ${number} of ${project.key}`,
      issueTypeId: this.issueType(seed.issueType ?? 'Incident').id,
      priorityId: seed.priority === null ? null : this.priority(seed.priority ?? 'Medium').id,
      statusId: this.status(seed.status ?? this.reference.statuses[0].name).id,
      created,
      updated: created,
      resolved: null,
      assigneeId: seed.assignee === undefined || seed.assignee === null ? null : this.user(seed.assignee).accountId,
      reporterId: seed.reporter ?? this.reference.users[0]?.accountId ?? null,
      labels: [...(seed.labels ?? [])],
      histories: [],
      comments: [],
      notifications: [],
      properties: new Map(Object.entries(seed.properties ?? {})),
      appFieldValues: new Map(),
      customFieldValues: new Map(Object.entries(seed.customFields ?? {})),
    };
    this.issues.push(issue);
    const changes = [...(seed.history ?? [])].sort((a, b) => toMillis(a.at) - toMillis(b.at));
    for (const change of changes) this.applyChange(issue, change);
    for (const worklog of seed.worklogs ?? []) this.addWorklog(issue.key, worklog);
    return issue;
  }

  /** Applies a dated change and records it in the changelog, as a person editing in Jira would. */
  applyChange(issue: StandInIssue, change: SeedChange): void {
    const at = toMillis(change.at);
    const items: StandInChangeItem[] = [];
    if (change.status !== undefined) {
      const from = this.status(issue.statusId);
      const to = this.status(change.status);
      items.push({
        field: 'status',
        fieldId: 'status',
        fieldtype: 'jira',
        from: from.id,
        fromText: from.name,
        to: to.id,
        toText: to.name,
      });
      const wasDone = from.category === 'done';
      issue.statusId = to.id;
      if (to.category === 'done' && !wasDone) {
        issue.resolved = at;
        items.push({ field: 'resolution', fieldId: 'resolution', fieldtype: 'jira', to: '10000', toText: 'Done' });
      } else if (to.category !== 'done' && wasDone) {
        issue.resolved = null;
        // A reopen clears the resolution: the item has no `to` and no `toString` on the wire, as Jira sends it.
        items.push({ field: 'resolution', fieldId: 'resolution', fieldtype: 'jira', from: '10000', fromText: 'Done' });
      }
    }
    if (change.priority !== undefined) {
      const from = issue.priorityId === null ? undefined : this.priority(issue.priorityId);
      const to = this.priority(change.priority);
      items.push({
        field: 'priority',
        fieldId: 'priority',
        fieldtype: 'jira',
        from: from?.id,
        fromText: from?.name,
        to: to.id,
        toText: to.name,
      });
      issue.priorityId = to.id;
    }
    if (change.issueType !== undefined) {
      const from = this.issueType(issue.issueTypeId);
      const to = this.issueType(change.issueType);
      items.push({
        field: 'issuetype',
        fieldId: 'issuetype',
        fieldtype: 'jira',
        from: from.id,
        fromText: from.name,
        to: to.id,
        toText: to.name,
      });
      issue.issueTypeId = to.id;
    }
    if (change.assignee !== undefined) {
      const from = issue.assigneeId === null ? undefined : this.user(issue.assigneeId);
      const to = change.assignee === null ? undefined : this.user(change.assignee);
      items.push({
        field: 'assignee',
        fieldId: 'assignee',
        fieldtype: 'jira',
        from: from?.accountId,
        fromText: from?.displayName,
        to: to?.accountId,
        toText: to?.displayName,
      });
      issue.assigneeId = to ? to.accountId : null;
    }
    for (const [fieldId, value] of Object.entries(change.customFields ?? {})) {
      const before = issue.customFieldValues.get(fieldId);
      items.push({
        field: fieldId,
        fieldId,
        fieldtype: 'custom',
        ...changelogSide('from', before),
        ...changelogSide('to', value),
      });
      if (value === null) issue.customFieldValues.delete(fieldId);
      else issue.customFieldValues.set(fieldId, value);
    }
    this.recordHistory(
      issue,
      at,
      change.author ?? this.reference.users[0]?.accountId ?? this.reference.appAccountId,
      items,
    );
  }

  recordHistory(issue: StandInIssue, at: number, authorId: string, items: readonly StandInChangeItem[]): void {
    if (items.length === 0) return;
    issue.histories.push({ id: String(this.nextHistoryId++), created: at, authorId, items });
    issue.updated = Math.max(issue.updated, at);
  }

  addWorklog(issueIdOrKey: string, seed: SeedWorklog): StandInWorklog {
    const issue = this.issue(issueIdOrKey);
    const started = toMillis(seed.started);
    const updated = seed.updated === undefined ? started : toMillis(seed.updated);
    const worklog: StandInWorklog = {
      id: String(this.nextWorklogId++),
      issueId: issue.id,
      authorId: seed.author ?? this.reference.users[0]?.accountId ?? this.reference.appAccountId,
      started,
      timeSpentSeconds: seed.seconds,
      created: updated,
      updated,
    };
    this.worklogs.set(worklog.id, worklog);
    issue.updated = Math.max(issue.updated, updated);
    return worklog;
  }

  addComment(
    issue: StandInIssue,
    at: number,
    authorId: string,
    body: unknown,
    restrictions: { visibility?: StandInVisibility; properties?: ReadonlyMap<string, unknown> } = {},
  ): StandInComment {
    const comment: StandInComment = {
      id: String(this.nextCommentId++),
      created: at,
      authorId,
      body,
      ...(restrictions.visibility !== undefined ? { visibility: restrictions.visibility } : {}),
      properties: restrictions.properties ?? new Map(),
    };
    issue.comments.push(comment);
    issue.updated = Math.max(issue.updated, at);
    return comment;
  }

  // ---- rendering -------------------------------------------------------------------

  timestamp(ms: number): string {
    return DateTime.fromMillis(ms, { zone: this.timeZone }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZZ");
  }

  renderUser(accountId: string): Record<string, unknown> {
    const user = this.reference.users.find((u) => u.accountId === accountId);
    return {
      self: `${this.baseUrl()}/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`,
      accountId,
      accountType: user?.accountType ?? 'unknown',
      displayName: user?.displayName ?? 'Former user',
      active: user !== undefined,
      timeZone: this.timeZone,
    };
  }

  renderStatus(status: StandInStatus): Record<string, unknown> {
    const category = STATUS_CATEGORIES[status.category];
    return {
      self: `${this.baseUrl()}/rest/api/3/status/${status.id}`,
      id: status.id,
      name: status.name,
      iconUrl: `${this.baseUrl()}/images/icons/statuses/generic.png`,
      statusCategory: { ...category, self: `${this.baseUrl()}/rest/api/3/statuscategory/${category.id}` },
    };
  }

  renderPriority(priority: StandInPriority): Record<string, unknown> {
    const rank = this.reference.priorities.indexOf(priority);
    return {
      self: `${this.baseUrl()}/rest/api/3/priority/${priority.id}`,
      id: priority.id,
      name: priority.name,
      iconUrl: `${this.baseUrl()}/images/icons/priorities/${priority.name.toLowerCase()}.svg`,
      statusColor: ['#d04437', '#f15C75', '#f79232', '#707070', '#999999'][rank] ?? '#999999',
      isDefault: same(priority.name, 'Medium'),
    };
  }

  renderProject(project: StandInProject): Record<string, unknown> {
    return {
      self: `${this.baseUrl()}/rest/api/3/project/${project.id}`,
      id: project.id,
      key: project.key,
      name: project.name,
      projectTypeKey: project.typeKey,
      simplified: false,
    };
  }

  /** Jira's `timespent`: the seconds logged on the issue, null when none. */
  timeSpentSeconds(issue: StandInIssue): number | null {
    let total = 0;
    for (const worklog of this.worklogs.values()) if (worklog.issueId === issue.id) total += worklog.timeSpentSeconds;
    return total === 0 ? null : total;
  }

  /** Every field Jira would hold for the issue, app fields included (null when unset). */
  allFields(issue: StandInIssue): Record<string, unknown> {
    const project = this.projects.find((p) => p.id === issue.projectId);
    const issueType = this.issueType(issue.issueTypeId);
    const fields: Record<string, unknown> = {
      summary: issue.summary,
      issuetype: {
        self: `${this.baseUrl()}/rest/api/3/issuetype/${issueType.id}`,
        id: issueType.id,
        name: issueType.name,
        subtask: false,
      },
      priority: issue.priorityId === null ? null : this.renderPriority(this.priority(issue.priorityId)),
      status: this.renderStatus(this.status(issue.statusId)),
      created: this.timestamp(issue.created),
      updated: this.timestamp(issue.updated),
      resolutiondate: issue.resolved === null ? null : this.timestamp(issue.resolved),
      assignee: issue.assigneeId === null ? null : this.renderUser(issue.assigneeId),
      reporter: issue.reporterId === null ? null : this.renderUser(issue.reporterId),
      labels: [...issue.labels],
      project: project ? this.renderProject(project) : null,
      timespent: this.timeSpentSeconds(issue),
    };
    for (const field of this.reference.appFields) fields[field.id] = issue.appFieldValues.get(field.id) ?? null;
    for (const [fieldId, value] of issue.customFieldValues) fields[fieldId] = value;
    return fields;
  }

  /**
   * The issue as Jira answers it. `fields` follows Jira: `*all`/`*navigable`, names, and
   * `-name` to drop one; `undefined` means every field.
   */
  renderIssue(
    issue: StandInIssue,
    fields: readonly string[] | undefined,
    properties: readonly string[] = [],
  ): Record<string, unknown> {
    const all = this.allFields(issue);
    const wanted = fields ?? ['*all'];
    const selected: Record<string, unknown> = {};
    const everything = wanted.includes('*all') || wanted.includes('*navigable');
    for (const [name, value] of Object.entries(all)) {
      const field = this.appField(name);
      const asked = everything || wanted.includes(name) || (field !== undefined && wanted.includes(field.key));
      if (asked && !wanted.includes(`-${name}`)) selected[name] = value;
    }
    const rendered: Record<string, unknown> = {
      id: issue.id,
      key: issue.key,
      self: `${this.baseUrl()}/rest/api/3/issue/${issue.id}`,
      fields: selected,
    };
    if (properties.length > 0) {
      rendered.properties = Object.fromEntries(
        properties.filter((key) => issue.properties.has(key)).map((key) => [key, issue.properties.get(key)]),
      );
    }
    return rendered;
  }

  renderHistory(history: StandInHistory): Record<string, unknown> {
    // Absent values are left out rather than sent as null: Jira's description types them as plain strings.
    const items = history.items.map((item) => {
      const wire: [string, string | undefined][] = [
        ['field', item.field],
        ['fieldId', item.fieldId],
        ['fieldtype', item.fieldtype],
        ['from', item.from],
        ['fromString', item.fromText],
        ['to', item.to],
        ['toString', item.toText],
      ];
      return Object.fromEntries(wire.filter(([, value]) => value !== undefined));
    });
    return {
      id: history.id,
      author: this.renderUser(history.authorId),
      created: this.timestamp(history.created),
      items,
    };
  }

  /**
   * Whether the customer portal shows the comment: in a Jira Service Management project a comment
   * whose `sd.public.comment` property says `internal: true` is an internal note; elsewhere every
   * comment counts as public (Jira's `jsdPublic` defaults to true).
   */
  isPublicToServiceDesk(issue: StandInIssue, comment: StandInComment): boolean {
    const project = this.projects.find((p) => p.id === issue.projectId);
    const marker = comment.properties.get('sd.public.comment');
    const internal = typeof marker === 'object' && marker !== null && 'internal' in marker && marker.internal === true;
    return !(project?.typeKey === 'service_desk' && internal);
  }

  renderComment(issue: StandInIssue, comment: StandInComment): Record<string, unknown> {
    return {
      self: `${this.baseUrl()}/rest/api/3/issue/${issue.id}/comment/${comment.id}`,
      id: comment.id,
      author: this.renderUser(comment.authorId),
      updateAuthor: this.renderUser(comment.authorId),
      body: comment.body,
      created: this.timestamp(comment.created),
      updated: this.timestamp(comment.created),
      ...(comment.visibility !== undefined
        ? {
            visibility: {
              type: comment.visibility.type,
              value: comment.visibility.value,
              identifier: comment.visibility.value,
            },
          }
        : {}),
      jsdPublic: this.isPublicToServiceDesk(issue, comment),
    };
  }

  renderWorklog(worklog: StandInWorklog): Record<string, unknown> {
    const hours = Math.floor(worklog.timeSpentSeconds / 3600);
    const minutes = Math.floor((worklog.timeSpentSeconds % 3600) / 60);
    return {
      self: `${this.baseUrl()}/rest/api/3/issue/${worklog.issueId}/worklog/${worklog.id}`,
      id: worklog.id,
      issueId: worklog.issueId,
      author: this.renderUser(worklog.authorId),
      updateAuthor: this.renderUser(worklog.authorId),
      started: this.timestamp(worklog.started),
      timeSpent: [hours > 0 ? `${hours}h` : '', minutes > 0 ? `${minutes}m` : ''].filter(Boolean).join(' ') || '0m',
      timeSpentSeconds: worklog.timeSpentSeconds,
      created: this.timestamp(worklog.created),
      updated: this.timestamp(worklog.updated),
    };
  }

  /** What JQL clauses look at. */
  jqlView(issue: StandInIssue): JqlIssueView {
    const project = this.projects.find((p) => p.id === issue.projectId);
    const status = this.status(issue.statusId);
    const priority = issue.priorityId === null ? null : this.priority(issue.priorityId);
    const issueType = this.issueType(issue.issueTypeId);
    return {
      id: Number(issue.id),
      key: issue.key,
      project: { id: project?.id ?? '', key: project?.key ?? '', name: project?.name ?? '' },
      status: {
        id: status.id,
        name: status.name,
        categoryKey: status.category,
        categoryName: STATUS_CATEGORIES[status.category].name,
      },
      priority: priority
        ? { id: priority.id, name: priority.name, rank: this.reference.priorities.indexOf(priority) }
        : null,
      issueType: { id: issueType.id, name: issueType.name },
      created: issue.created,
      updated: issue.updated,
      resolved: issue.resolved,
      assignee: issue.assigneeId,
      reporter: issue.reporterId,
      labels: issue.labels,
      properties: issue.properties,
    };
  }
}
