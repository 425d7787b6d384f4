import type { JiraIssue } from '../client/jira-schemas';
import { projectMapping, type AppSettings } from '../config/app-settings';
import { contractReads } from '../mapping/contract-attributes';
import { readIssueFacts } from '../sla/issue-facts';
import type { AppDeps } from './app-deps';
import type { IssueWork } from './process-issues';
import { jiraCopyOf } from './refresh-issue';

/**
 * What `processIssues` needs for a batch of issues found by a sweep: their changelogs in one bulk
 * request, the app's own record of each from storage, and each one's project mapping (issues of a
 * project no longer served are dropped). Shared by the five-minute sweep and the daily reconciliation.
 */
export async function issueWorksOf(
  deps: AppDeps,
  settings: AppSettings,
  issues: readonly JiraIssue[],
  counters: { changelogBatches: number },
): Promise<IssueWork[]> {
  if (issues.length === 0) return [];
  const changelogs = await deps.jira.bulkFetchChangelogs(
    issues.map((issue) => issue.id),
    { ...contractReads(settings.mapping).changelog, maxResults: 10_000 },
  );
  counters.changelogBatches++;
  const byId = new Map(changelogs.map((entry) => [entry.issueId, entry.histories]));
  const works: IssueWork[] = [];
  for (const issue of issues) {
    const project = projectMapping(settings, issue.fields.project?.key ?? issue.key.split('-')[0]);
    if (!project) continue;
    const facts = await readIssueFacts(deps.store, issue.id);
    works.push({
      issue,
      histories: byId.get(issue.id) ?? [],
      property: facts?.record ?? null,
      facts,
      jiraCopy: jiraCopyOf(issue),
      project,
    });
  }
  return works;
}
