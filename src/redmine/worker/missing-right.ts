import type { RedmineErrorData } from '../errors';

/** What the worker needs each directory endpoint for, and what to do when its key may not read it. */
const RIGHTS: Array<{ endpoint: RegExp; right: string; fix: string }> = [
  {
    endpoint: /\/users\/current\.json$/,
    right: 'sign in with its API key',
    fix: 'check the key (My account → API access key) and that Administration → Settings → API → Enable REST web service is ticked',
  },
  {
    endpoint: /\/custom_fields\.json$/,
    right: 'read custom field definitions (administrators only)',
    fix: "make the worker's user an administrator, or give the field ids instead of names in the config (fields.state: 12, …; `tariff-sla redmine check` prints them)",
  },
  {
    endpoint: /\/groups(\/\d+)?\.json$/,
    right: 'list groups (administrators only)',
    fix: "make the worker's user an administrator, or name support staff by user id (staff.users) and lines by user id (lines.<line>: {user: 12})",
  },
  {
    endpoint: /\/users\.json$/,
    right: 'list users (administrators only)',
    fix: "make the worker's user an administrator, or give line assignees by user id (lines.<line>: {user: 12}) instead of login or group",
  },
  {
    endpoint: /\/projects\.json$/,
    right: 'list projects',
    fix: "make the worker's user a member of the synced projects",
  },
  {
    endpoint: /\/issues\.json$/,
    right: 'view issues of the synced projects',
    fix: 'give the worker\'s user a role with "View issues" in each synced project',
  },
  {
    endpoint: /\/(issue_statuses|trackers|enumerations\/issue_priorities)\.json$/,
    right: 'read statuses, trackers and priorities',
    fix: 'check that the REST web service is enabled and the key is valid',
  },
];

/** A refused request turned into a message naming the right the key's user lacks, and the fix. */
export interface MissingRight {
  endpoint: string;
  status?: number;
  right: string;
  message: string;
}

/**
 * Explains a 401/403 met outside a single issue: a rejected key (401) or a right the worker's
 * user lacks (403), by endpoint. These are not outages: retrying cannot help until someone fixes
 * the key, the user's rights or the config.
 *
 * @example
 * missingRight({ code: 'redmine_auth', status: 403, endpoint: 'GET /custom_fields.json', … }).message;
 * // "the worker's user may not read custom field definitions (administrators only) (GET /custom_fields.json, 403): make the worker's user an administrator, or …"
 */
export function missingRight(error: RedmineErrorData): MissingRight {
  if (error.status === 401) {
    return {
      endpoint: error.endpoint,
      status: 401,
      right: 'a valid API key',
      message: `Redmine rejected the API key (${error.endpoint}, 401): check the key (My account → API access key) and that the REST web service is enabled`,
    };
  }
  const path = error.endpoint.replace(/^[A-Z]+ /, '');
  const known = RIGHTS.find((candidate) => candidate.endpoint.test(path));
  const right = known?.right ?? `access ${path}`;
  const fix = known?.fix ?? "check the roles of the worker's user in the synced projects";
  return {
    endpoint: error.endpoint,
    ...(error.status !== undefined ? { status: error.status } : {}),
    right,
    message: `the worker's user may not ${right} (${error.endpoint}, ${error.status ?? 'refused'}): ${fix}`,
  };
}
