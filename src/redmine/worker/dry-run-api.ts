import type { RedmineIssueUpdate } from '../client';
import type { RedmineApi } from './redmine-api';

/** A write the worker would have sent. */
export interface PlannedRequest {
  method: 'PUT';
  path: string;
  body: unknown;
}

/**
 * Wraps an API so that reads go to Redmine and writes are handed to `print` instead: the worker
 * runs its whole cycle and nothing in Redmine changes.
 *
 * @example
 * const api = dryRunApi(client, (request) => io.stdout(JSON.stringify({ dryRun: true, ...request })));
 */
export function dryRunApi(api: RedmineApi, print: (request: PlannedRequest) => void): RedmineApi {
  return {
    eachIssuePage: (query, onPage) => api.eachIssuePage(query, onPage),
    listIssues: (query) => api.listIssues(query),
    getIssue: (id, options) => api.getIssue(id, options),
    listTimeEntries: (query) => api.listTimeEntries(query),
    listProjects: () => api.listProjects(),
    listIssueStatuses: () => api.listIssueStatuses(),
    listTrackers: () => api.listTrackers(),
    listIssuePriorities: () => api.listIssuePriorities(),
    listCustomFields: () => api.listCustomFields(),
    getCurrentUser: () => api.getCurrentUser(),
    listUsers: (options) => api.listUsers(options),
    listGroups: () => api.listGroups(),
    getWikiPage: (project, title) => api.getWikiPage(project, title),
    updateIssue: async (id: number, fields: RedmineIssueUpdate) => {
      print({ method: 'PUT', path: `/issues/${id}.json`, body: { issue: fields } });
    },
    putWikiPage: async (project, title, text, comments = '') => {
      print({
        method: 'PUT',
        path: `/projects/${encodeURIComponent(String(project))}/wiki/${encodeURIComponent(title)}.json`,
        body: { wiki_page: { text, comments } },
      });
      return { created: false };
    },
  };
}
