import { z } from 'zod';
import type { JiraIssue } from '../client/jira-schemas';
import { projectMapping, type AppSettings } from '../config/app-settings';
import { contractReads } from '../mapping/contract-attributes';
import { readIssueFacts } from '../sla/issue-facts';
import { SLA_PROPERTY_KEY } from '../sla/sla-property';
import type { AppDeps } from './app-deps';
import { processIssues, type IssueWork, type ProcessStats } from './process-issues';
import { slaFieldId } from './sla-field';

const issuePropertiesSchema = z.object({ properties: z.record(z.string(), z.unknown()) });

/** JQL naming one issue by id (digits) or key. */
export function singleIssueJql(issueIdOrKey: string): string {
  return /^\d+$/.test(issueIdOrKey) ? `id = ${issueIdOrKey}` : `key = "${issueIdOrKey.replace(/["\\]/g, '')}"`;
}

/** The SLA property copy a search hit carries (search answers hold the properties asked for); undefined when absent. */
export function jiraCopyOf(issue: JiraIssue): unknown {
  const parsed = issuePropertiesSchema.safeParse(issue);
  return parsed.success ? parsed.data.properties[SLA_PROPERTY_KEY] : undefined;
}

/**
 * One issue with the copy of the SLA property Jira holds, in one search request (a search returns
 * properties, a plain GET does not). The copy is only compared with the app's record, never trusted.
 */
export async function fetchIssueWithCopy(
  deps: Pick<AppDeps, 'jira'>,
  issueIdOrKey: string,
  fields?: readonly string[],
): Promise<{ issue: JiraIssue; jiraCopy: unknown } | null> {
  const page = await deps.jira.searchJql({
    jql: singleIssueJql(issueIdOrKey),
    properties: [SLA_PROPERTY_KEY],
    maxResults: 1,
    ...(fields ? { fields } : {}),
  });
  const issue = page.issues[0];
  if (!issue) return null;
  return { issue, jiraCopy: jiraCopyOf(issue) };
}

export type RefreshOutcome =
  | { served: false; reason: 'not_found' | 'project_not_served' }
  | { served: true; issueKey: string; stats: ProcessStats };

/**
 * Re-evaluates one issue now and writes what changed (field, property, due escalations): what a
 * trigger, a post function or the issue panel calls after something happened to the issue.
 *
 * @example
 * await refreshIssue(deps, settings, '10001', { runId: 'trigger-…' });
 */
export async function refreshIssue(
  deps: AppDeps,
  settings: AppSettings,
  issueIdOrKey: string,
  options: { readonly runId: string; readonly record?: IssueWork['record'] },
): Promise<RefreshOutcome> {
  const reads = contractReads(settings.mapping);
  const found = await fetchIssueWithCopy(deps, issueIdOrKey, reads.issueFields);
  if (!found) return { served: false, reason: 'not_found' };
  const projectKey = found.issue.fields.project?.key ?? found.issue.key.split('-')[0];
  const project = projectMapping(settings, projectKey);
  if (!project) return { served: false, reason: 'project_not_served' };
  const [changelog] = await deps.jira.bulkFetchChangelogs([found.issue.id], {
    ...reads.changelog,
    maxResults: 10_000,
  });
  const facts = await readIssueFacts(deps.store, found.issue.id);
  const work: IssueWork = {
    issue: found.issue,
    histories: changelog?.histories ?? [],
    property: facts?.record ?? null,
    facts,
    jiraCopy: found.jiraCopy,
    project,
    record: options.record,
  };
  const fieldId = await slaFieldId(deps);
  const stats = await processIssues(deps, settings, [work], { runId: options.runId, fieldId, responseCheck: 'always' });
  return { served: true, issueKey: found.issue.key, stats };
}
