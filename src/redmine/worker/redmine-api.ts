import type { RedmineClient } from '../client';

/**
 * The part of {@link RedmineClient} the sync worker uses. The worker depends on this shape only,
 * so tests hand it a scripted fake and `--dry-run` wraps it to print writes instead of sending them.
 */
export type RedmineApi = Pick<
  RedmineClient,
  | 'eachIssuePage'
  | 'listIssues'
  | 'getIssue'
  | 'updateIssue'
  | 'listTimeEntries'
  | 'listProjects'
  | 'listIssueStatuses'
  | 'listTrackers'
  | 'listIssuePriorities'
  | 'listCustomFields'
  | 'getCurrentUser'
  | 'listUsers'
  | 'listGroups'
  | 'getWikiPage'
  | 'putWikiPage'
  | 'uploadFile'
  | 'deleteAttachment'
>;
