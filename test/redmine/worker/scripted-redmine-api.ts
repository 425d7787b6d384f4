import type {
  RedmineIssueQuery,
  RedmineIssueUpdate,
  RedmineTimeEntryQuery,
  RedmineUploadRef,
} from '../../../src/redmine/client';
import { RedmineError, type RedmineErrorData } from '../../../src/redmine/errors';
import type {
  RedmineCustomField,
  RedmineGroup,
  RedmineIssue,
  RedmineIssuePriority,
  RedmineIssueStatus,
  RedmineJournal,
  RedmineProject,
  RedmineTimeEntry,
  RedmineTracker,
  RedmineUser,
  RedmineWikiPage,
} from '../../../src/redmine/schemas';
import type { RedmineApi } from '../../../src/redmine/worker/redmine-api';

/** Calls that change Redmine. */
const WRITES: ReadonlySet<string> = new Set(['updateIssue', 'putWikiPage', 'uploadFile', 'deleteAttachment']);

/** One scripted answer: a value, or a failure the real client would throw. */
export type Scripted<T> = { value: T } | { error: Partial<RedmineErrorData> & Pick<RedmineErrorData, 'code'> };

export interface ApiCall {
  method: string;
  args: unknown[];
}

export const STATUSES: RedmineIssueStatus[] = [
  { id: 1, name: 'New', is_closed: false },
  { id: 2, name: 'In Progress', is_closed: false },
  { id: 3, name: 'Waiting for customer', is_closed: false },
  { id: 4, name: 'Resolved', is_closed: true },
  { id: 5, name: 'Closed', is_closed: true },
];
export const TRACKERS: RedmineTracker[] = [
  { id: 1, name: 'Bug' },
  { id: 2, name: 'Feature' },
  { id: 3, name: 'Support' },
];
export const PRIORITIES: RedmineIssuePriority[] = [
  { id: 1, name: 'Low' },
  { id: 2, name: 'Normal', is_default: true },
  { id: 3, name: 'High' },
  { id: 4, name: 'Urgent' },
  { id: 5, name: 'Immediate' },
];
export const FIELD_NAMES = [
  'SLA state',
  'SLA reaction due',
  'SLA start due',
  'SLA resolution due',
  'SLA tariff',
  'Support line',
  'SLA flags',
  'SLA reaction due date',
  'SLA start due date',
  'SLA resolution due date',
] as const;
export const CUSTOM_FIELDS: RedmineCustomField[] = FIELD_NAMES.map((name, index) => ({
  id: index + 1,
  name,
  customized_type: 'issue',
  field_format: name.endsWith(' date') ? 'date' : 'string',
}));
export const WORKER_USER: RedmineUser = { id: 1, login: 'admin', firstname: 'Redmine', lastname: 'Admin', admin: true };
export const STAFF_USER: RedmineUser = { id: 7, login: 'support1', firstname: 'Sam', lastname: 'Support' };
export const PROJECT: RedmineProject = {
  id: 10,
  name: 'Alpha support',
  identifier: 'alpha-support',
  created_on: '2026-01-01T00:00:00Z',
  updated_on: '2026-01-01T00:00:00Z',
};

/** A Redmine issue answer with sensible defaults; custom field values by name. */
export function redmineIssue(
  id: number,
  overrides: Partial<RedmineIssue> & { fields?: Partial<Record<string, string>> } = {},
): RedmineIssue {
  const { fields = {}, ...rest } = overrides;
  return {
    id,
    project: { id: PROJECT.id, name: PROJECT.name },
    tracker: { id: 3, name: 'Support' },
    status: { id: 1, name: 'New', is_closed: false },
    priority: { id: 2, name: 'Normal' },
    subject: `Issue ${id}`,
    custom_fields: CUSTOM_FIELDS.map((field) => ({
      id: field.id,
      name: field.name,
      value: fields[field.name] ?? null,
    })),
    created_on: '2026-11-20T07:00:00Z',
    updated_on: '2026-11-20T07:00:00Z',
    ...rest,
  };
}

/** A journal by `user` at `at`. */
export function journal(
  id: number,
  at: string,
  user: RedmineUser,
  extra: Partial<RedmineJournal> = {},
): RedmineJournal {
  return {
    id,
    user: { id: user.id, name: `${user.firstname} ${user.lastname}` },
    created_on: at,
    details: [],
    notes: null,
    private_notes: false,
    ...extra,
  };
}

function settle<T>(scripted: Scripted<T> | undefined, method: string): T {
  if (scripted === undefined) throw new Error(`unscripted call to ${method}`);
  if ('error' in scripted) {
    throw new RedmineError({
      message: `${scripted.error.code} (scripted)`,
      endpoint: method,
      path: [],
      attempts: 1,
      retryable: false,
      ...scripted.error,
    });
  }
  return scripted.value;
}

/**
 * A {@link RedmineApi} answering from queues, one per method, and logging every call. Directory
 * lookups (statuses, trackers, fields, user, projects, groups) answer the constants above unless
 * scripted; issue, time entry and wiki calls must be scripted.
 */
export class ScriptedRedmineApi implements RedmineApi {
  readonly calls: ApiCall[] = [];
  readonly issuePages: Array<Scripted<RedmineIssue[]>> = [];
  /**
   * Answers to listings of issues last changed with the worker's key (`last_updated_by=<worker>`);
   * a function is called when the listing is made (to answer with what was written so far).
   */
  readonly ownIssuePages: Array<Scripted<RedmineIssue[]> | (() => RedmineIssue[])> = [];
  readonly issues: Array<Scripted<RedmineIssue>> = [];
  readonly updates: Array<Scripted<void>> = [];
  readonly timeEntries: Array<Scripted<RedmineTimeEntry[]>> = [];
  readonly wikiPages: Array<Scripted<RedmineWikiPage | null>> = [];
  readonly wikiWrites: Array<Scripted<{ created: boolean }>> = [];
  readonly uploads: Array<Scripted<{ token: string }>> = [];
  readonly attachmentDeletes: Array<Scripted<undefined>> = [];
  groups: RedmineGroup[] = [
    { id: 50, name: 'Support L1' },
    { id: 51, name: 'Support L2' },
  ];
  groupMembers: Record<number, RedmineUser[]> = { 50: [STAFF_USER], 51: [] };
  /** Issue listing queries, in order. */
  readonly listings: RedmineIssueQuery[] = [];
  /** Issue updates sent, in order. */
  readonly sentUpdates: Array<{ id: number; update: RedmineIssueUpdate }> = [];
  /** Runs before each call, e.g. to abort a signal at a given moment. */
  beforeCall?: (call: ApiCall) => void;

  /** Methods that fail on every call, e.g. `{ listCustomFields: { code: 'redmine_auth', status: 403 } }`. */
  refuse: Partial<Record<keyof RedmineApi, Partial<RedmineErrorData> & Pick<RedmineErrorData, 'code'>>> = {};

  #log(method: string, args: unknown[]): void {
    const call = { method, args };
    this.calls.push(call);
    this.beforeCall?.(call);
    const refusal = this.refuse[method as keyof RedmineApi];
    if (refusal) settle({ error: { endpoint: `GET /${method}`, ...refusal } }, method);
  }

  /**
   * How a listing shows `base` after the worker's last update of it: the custom fields it sent,
   * `updatedOn`, no journals (listings carry none).
   */
  listedAfterUpdate(base: RedmineIssue, updatedOn: string): RedmineIssue {
    const sent = this.sentUpdates.filter((entry) => entry.id === base.id).at(-1);
    if (!sent) throw new Error(`issue ${base.id} was not updated`);
    const values = new Map((sent.update.custom_fields ?? []).map((field) => [field.id, field.value]));
    const { journals: _journals, ...rest } = base;
    return {
      ...rest,
      updated_on: updatedOn,
      custom_fields: base.custom_fields.map((field) =>
        values.has(field.id) ? { ...field, value: values.get(field.id) ?? null } : field,
      ),
    };
  }

  /** Calls of one method, their arguments. */
  callsOf(method: string): unknown[][] {
    return this.calls.filter((call) => call.method === method).map((call) => call.args);
  }

  get writeCount(): number {
    return this.calls.filter((call) => WRITES.has(call.method)).length;
  }

  async eachIssuePage(
    query: RedmineIssueQuery,
    onPage: (items: RedmineIssue[], page: { offset: number; total: number; index: number }) => void | Promise<void>,
  ) {
    this.#log('eachIssuePage', [query]);
    this.listings.push(query);
    // The listing of changes made with the worker's own key answers from its own queue, empty by default.
    const own = query.filters?.last_updated_by !== undefined && !query.filters.last_updated_by.startsWith('!');
    const ownAnswer = own ? (this.ownIssuePages.shift() ?? { value: [] }) : undefined;
    const items = own
      ? settle(typeof ownAnswer === 'function' ? { value: ownAnswer() } : ownAnswer, 'eachIssuePage (own)')
      : settle(this.issuePages.shift(), 'eachIssuePage');
    await onPage(items, { offset: 0, total: items.length, index: 0 });
    return { total: items.length, pages: 1, items: items.length };
  }

  async listIssues(query: RedmineIssueQuery = {}) {
    this.#log('listIssues', [query]);
    return settle(this.issuePages.shift(), 'listIssues');
  }

  async getIssue(id: number, options: { include?: readonly string[] } = {}) {
    this.#log('getIssue', [id, options]);
    return settle(this.issues.shift(), `getIssue ${id}`);
  }

  async updateIssue(id: number, fields: RedmineIssueUpdate) {
    this.#log('updateIssue', [id, fields]);
    this.sentUpdates.push({ id, update: fields });
    settle(this.updates.shift() ?? { value: undefined }, 'updateIssue');
  }

  async listTimeEntries(query: RedmineTimeEntryQuery = {}) {
    this.#log('listTimeEntries', [query]);
    return settle(this.timeEntries.shift(), 'listTimeEntries');
  }

  async listProjects() {
    this.#log('listProjects', []);
    return [PROJECT];
  }

  async listIssueStatuses() {
    this.#log('listIssueStatuses', []);
    return STATUSES;
  }

  async listTrackers() {
    this.#log('listTrackers', []);
    return TRACKERS;
  }

  async listIssuePriorities() {
    this.#log('listIssuePriorities', []);
    return PRIORITIES;
  }

  async listCustomFields() {
    this.#log('listCustomFields', []);
    return CUSTOM_FIELDS;
  }

  async getCurrentUser() {
    this.#log('getCurrentUser', []);
    return WORKER_USER;
  }

  async listUsers(options: { status?: 1 | 2 | 3 | ''; groupId?: number } = {}) {
    this.#log('listUsers', [options]);
    return options.groupId === undefined ? [WORKER_USER, STAFF_USER] : (this.groupMembers[options.groupId] ?? []);
  }

  async listGroups() {
    this.#log('listGroups', []);
    return this.groups;
  }

  async getWikiPage(project: number | string, title: string, options: { includeAttachments?: boolean } = {}) {
    this.#log('getWikiPage', [project, title, options]);
    return settle(this.wikiPages.shift() ?? { value: null }, 'getWikiPage');
  }

  async putWikiPage(
    project: number | string,
    title: string,
    text: string,
    comments = '',
    uploads: readonly RedmineUploadRef[] = [],
  ) {
    this.#log('putWikiPage', [project, title, text, comments, uploads]);
    return settle(this.wikiWrites.shift() ?? { value: { created: true } }, 'putWikiPage');
  }

  /** Answers from `uploads`, else a token `upload-N` numbered by call. */
  async uploadFile(bytes: Uint8Array, filename: string) {
    this.#log('uploadFile', [bytes, filename]);
    const token = `upload-${this.callsOf('uploadFile').length}`;
    return settle(this.uploads.shift() ?? { value: { token } }, 'uploadFile');
  }

  async deleteAttachment(id: number) {
    this.#log('deleteAttachment', [id]);
    settle(this.attachmentDeletes.shift() ?? { value: undefined }, 'deleteAttachment');
  }
}
