import type { RedmineIssueUpdate } from '../client';
import type { RedmineApi } from './redmine-api';

/** A write the worker would have sent. */
export interface PlannedRequest {
  method: 'PUT' | 'POST' | 'DELETE';
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
    getWikiPage: (project, title, options) => api.getWikiPage(project, title, options),
    updateIssue: async (id: number, fields: RedmineIssueUpdate) => {
      print({ method: 'PUT', path: `/issues/${id}.json`, body: { issue: fields } });
    },
    putWikiPage: async (project, title, text, comments = '', uploads = []) => {
      print({
        method: 'PUT',
        path: `/projects/${encodeURIComponent(String(project))}/wiki/${encodeURIComponent(title)}.json`,
        body: { wiki_page: uploads.length > 0 ? { text, comments, uploads } : { text, comments } },
      });
      return { created: false };
    },
    uploadFile: async (bytes, filename) => {
      print({
        method: 'POST',
        path: `/uploads.json?filename=${encodeURIComponent(filename)}`,
        body: { bytes: bytes.byteLength },
      });
      return { token: `dry-run:${filename}` };
    },
    deleteAttachment: async (id) => {
      print({ method: 'DELETE', path: `/attachments/${id}.json`, body: null });
    },
  };
}
