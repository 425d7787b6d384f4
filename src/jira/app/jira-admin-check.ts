import type { JiraClient } from '../client/jira-client';
import { JiraError } from '../client/jira-error';

/** Why Jira could not say whether the caller is an admin; each asks the person for something else. */
export type AdminCheckFailure = 'rate_limited' | 'consent_required' | 'jira_error' | 'jira_unreachable';

/**
 * The answer of the admin check: Jira said yes, Jira said no, or Jira did not answer (and why), so the
 * page can tell "only Jira administrators can…" from "Jira did not answer, try again in a minute".
 */
export type AdminCheck =
  | { readonly kind: 'admin' }
  | { readonly kind: 'not_admin' }
  | {
      readonly kind: 'unavailable';
      readonly reason: AdminCheckFailure;
      readonly status?: number;
      readonly retryAfterMs?: number;
    };

function failureOf(error: unknown): AdminCheck {
  if (!(error instanceof JiraError)) return { kind: 'unavailable', reason: 'jira_error' };
  const status = error.status === undefined ? {} : { status: error.status };
  const retry = error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs };
  switch (error.code) {
    case 'jira_rate_limited':
      return { kind: 'unavailable', reason: 'rate_limited', ...status, ...retry };
    case 'jira_unreachable':
      return { kind: 'unavailable', reason: 'jira_unreachable' };
    case 'jira_bad_response':
    case 'jira_too_large':
      return { kind: 'unavailable', reason: 'jira_error', ...status };
    case 'jira_http':
      // Asked as the user: 401 means the user has not allowed the app to act for them yet (Forge consent).
      return { kind: 'unavailable', reason: error.status === 401 ? 'consent_required' : 'jira_error', ...status };
  }
}

/**
 * Asks Jira whether the user behind `userJira` (a client that calls Jira as the user, not as the app)
 * holds the global `ADMINISTER` permission. A failed call is not a "no": it says which failure it was,
 * and settings stay closed until Jira answers.
 *
 * @example
 * const check = jiraAdminCheck(createJiraClient({ requestJira: createForgeRequestJira((url, init) => api.asUser().requestJira(url, init)) }));
 * const answer = await check(); // { kind: 'unavailable', reason: 'rate_limited', retryAfterMs: 30000 }
 */
export function jiraAdminCheck(userJira: Pick<JiraClient, 'getMyPermissions'>): () => Promise<AdminCheck> {
  return async () => {
    try {
      const permissions = await userJira.getMyPermissions(['ADMINISTER']);
      return permissions.ADMINISTER === true ? { kind: 'admin' } : { kind: 'not_admin' };
    } catch (error) {
      return failureOf(error);
    }
  };
}
