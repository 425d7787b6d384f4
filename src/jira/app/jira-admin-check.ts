import type { JiraClient } from '../client/jira-client';

/**
 * Asks Jira whether the user behind `userJira` (a client that calls Jira as the user, not as the
 * app) holds the global `ADMINISTER` permission. A failed call counts as "no": settings stay closed
 * rather than open on an error.
 *
 * @example
 * const isAdmin = jiraAdminCheck(createJiraClient({ requestJira: createForgeRequestJira((url, init) => api.asUser().requestJira(url, init)) }));
 * if (!(await isAdmin())) return forbidden();
 */
export function jiraAdminCheck(userJira: Pick<JiraClient, 'getMyPermissions'>): () => Promise<boolean> {
  return async () => {
    try {
      const permissions = await userJira.getMyPermissions(['ADMINISTER']);
      return permissions.ADMINISTER === true;
    } catch {
      return false;
    }
  };
}
