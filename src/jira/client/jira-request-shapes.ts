/** One kind of request the client can send. */
export interface JiraRequestShape {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** OpenAPI path template, exactly as in Jira's description. */
  readonly template: string;
  /** Counts against Jira's write budget (some reads are POSTs, e.g. search). */
  readonly write: boolean;
  /**
   * Safe to send twice. A non-idempotent request (a comment, a transition) is retried
   * only on answers that say it was not processed (429, 503), never on a timeout or 500.
   */
  readonly idempotent: boolean;
}

/**
 * Every request the Jira client can make, by name. Drives stats keys, retry rules and
 * the contract test that checks each shape against Jira's OpenAPI description.
 *
 * @example
 * ```ts
 * const { method, template } = JIRA_REQUEST_SHAPES.getIssue; // 'GET', '/rest/api/3/issue/{issueIdOrKey}'
 * ```
 */
export const JIRA_REQUEST_SHAPES = {
  searchJqlGet: { method: 'GET', template: '/rest/api/3/search/jql', write: false, idempotent: true },
  searchJqlPost: { method: 'POST', template: '/rest/api/3/search/jql', write: false, idempotent: true },
  bulkFetchChangelogs: { method: 'POST', template: '/rest/api/3/changelog/bulkfetch', write: false, idempotent: true },
  getIssue: { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}', write: false, idempotent: true },
  editIssue: { method: 'PUT', template: '/rest/api/3/issue/{issueIdOrKey}', write: true, idempotent: true },
  listComments: { method: 'GET', template: '/rest/api/3/issue/{issueIdOrKey}/comment', write: false, idempotent: true },
  addComment: { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/comment', write: true, idempotent: false },
  notify: { method: 'POST', template: '/rest/api/3/issue/{issueIdOrKey}/notify', write: true, idempotent: false },
  setIssueProperty: {
    method: 'PUT',
    template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
    write: true,
    idempotent: true,
  },
  setAppFieldValues: {
    method: 'PUT',
    template: '/rest/api/3/app/field/{fieldIdOrKey}/value',
    write: true,
    idempotent: true,
  },
  worklogsUpdatedSince: { method: 'GET', template: '/rest/api/3/worklog/updated', write: false, idempotent: true },
  worklogList: { method: 'POST', template: '/rest/api/3/worklog/list', write: false, idempotent: true },
  getIssueWorklogs: {
    method: 'GET',
    template: '/rest/api/3/issue/{issueIdOrKey}/worklog',
    write: false,
    idempotent: true,
  },
  getMyPermissions: { method: 'GET', template: '/rest/api/3/mypermissions', write: false, idempotent: true },
  getServerInfo: { method: 'GET', template: '/rest/api/3/serverInfo', write: false, idempotent: true },
  listFields: { method: 'GET', template: '/rest/api/3/field', write: false, idempotent: true },
  listStatuses: { method: 'GET', template: '/rest/api/3/status', write: false, idempotent: true },
  checkPermissions: { method: 'POST', template: '/rest/api/3/permissions/check', write: false, idempotent: true },
  getUsersBulk: { method: 'GET', template: '/rest/api/3/user/bulk', write: false, idempotent: true },
  searchProjects: { method: 'GET', template: '/rest/api/3/project/search', write: false, idempotent: true },
  searchUsers: { method: 'GET', template: '/rest/api/3/user/search', write: false, idempotent: true },
  findGroups: { method: 'GET', template: '/rest/api/3/groups/picker', write: false, idempotent: true },
  setAppProperty: {
    method: 'PUT',
    template: '/rest/forge/1/app/properties/{propertyKey}',
    write: true,
    idempotent: true,
  },
} as const satisfies Record<string, JiraRequestShape>;

/** Name of a request shape, e.g. `'getIssue'`. */
export type JiraRequestShapeName = keyof typeof JIRA_REQUEST_SHAPES;
