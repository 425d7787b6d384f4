import { DateTime } from 'luxon';
import type { IssueHistory } from '../../core/history/issue-history';
import type { AppDeps } from '../app/app-deps';
import { SLA_ISSUE_FIELDS, type JiraIssue, type JiraWorklog } from '../client/jira-schemas';
import type { AppSettings } from '../config/app-settings';
import { HISTORY_FIELD_IDS, jiraIssueToHistory } from '../mapping/jira-issue-history';
import { satisfactionFieldIds } from '../mapping/jira-rating';
import { readSlaProperty, SLA_PROPERTY_KEY } from '../sla/sla-property';
import { z } from 'zod';

/** Issues of one project as the engine reads them, for reports and the issue panel. */
export interface ProjectIssueSource {
  /**
   * Issues of the project that existed in `[fromMs, toMs)` and were not resolved before it, with
   * their worklogs from `fromMs` on.
   */
  load(projectKey: string, fromMs: number, toMs: number): Promise<IssueHistory[]>;
}

const issuePropertiesSchema = z.object({ properties: z.record(z.string(), z.unknown()) });

/** A day's margin on JQL dates: Jira reads them in the caller's zone, the app filters exactly afterwards. */
const DAY_MS = 86_400_000;
/** Up to this many issues, worklogs are read per issue; above it, through the site's worklog change feed. */
const PER_ISSUE_WORKLOG_LIMIT = 40;

function jqlDate(ms: number): string {
  return DateTime.fromMillis(ms, { zone: 'UTC' }).toFormat('yyyy-MM-dd');
}

/**
 * Reads a project's issues from Jira: one search (100 issues and their SLA property per page), bulk
 * changelogs (1000 issues per request), and worklogs — per issue for small sets, otherwise from
 * `/worklog/updated` + `/worklog/list` (ids of the whole site, 1000 per request), kept for the project's issues.
 *
 * @example
 * const issues = await new JiraProjectIssueSource(deps, settings).load('SUP', Date.parse('2026-11-01'), Date.parse('2026-12-01'));
 */
export class JiraProjectIssueSource implements ProjectIssueSource {
  constructor(
    private readonly deps: Pick<AppDeps, 'jira'>,
    private readonly settings: AppSettings,
  ) {}

  async load(projectKey: string, fromMs: number, toMs: number): Promise<IssueHistory[]> {
    const project = this.settings.mapping.projects[projectKey];
    if (!project) return [];
    const jql = `project = "${projectKey}" AND created < "${jqlDate(toMs + DAY_MS)}" AND (resolved >= "${jqlDate(fromMs - DAY_MS)}" OR resolved is EMPTY) ORDER BY key ASC`;
    const issues: JiraIssue[] = [];
    // The satisfaction fields are read only where a statement needs them (and only when mapped).
    const ratingFields = satisfactionFieldIds(project);
    const search = ratingFields.length === 0 ? { jql, properties: [SLA_PROPERTY_KEY], maxResults: 100 } : { jql, properties: [SLA_PROPERTY_KEY], maxResults: 100, fields: [...SLA_ISSUE_FIELDS, ...ratingFields] };
    for await (const issue of this.deps.jira.searchJqlAll(search)) issues.push(issue);
    if (issues.length === 0) return [];
    const changelogs = await this.deps.jira.bulkFetchChangelogs(
      issues.map((issue) => issue.id),
      { fieldIds: [...HISTORY_FIELD_IDS, ...ratingFields.slice(0, 1)], maxResults: 10_000 },
    );
    const histories = new Map(changelogs.map((entry) => [entry.issueId, entry.histories]));
    const worklogs = await this.worklogs(issues, fromMs);
    const result: IssueHistory[] = [];
    for (const issue of issues) {
      const parsed = issuePropertiesSchema.safeParse(issue);
      const property = readSlaProperty(parsed.success ? parsed.data.properties[SLA_PROPERTY_KEY] : undefined);
      const history = jiraIssueToHistory({ issue, histories: histories.get(issue.id) ?? [], property, worklogs: worklogs.get(issue.id) ?? [] }, project);
      if (history.createdAtMs < toMs) result.push(history);
    }
    return result;
  }

  private async worklogs(issues: readonly JiraIssue[], fromMs: number): Promise<Map<string, JiraWorklog[]>> {
    const byIssue = new Map<string, JiraWorklog[]>();
    const add = (worklog: JiraWorklog) => {
      const list = byIssue.get(worklog.issueId) ?? [];
      list.push(worklog);
      byIssue.set(worklog.issueId, list);
    };
    if (issues.length <= PER_ISSUE_WORKLOG_LIMIT) {
      for (const issue of issues) for (const worklog of await this.deps.jira.getIssueWorklogs(issue.id, { startedAfterMs: fromMs })) add(worklog);
      return byIssue;
    }
    const wanted = new Set(issues.map((issue) => issue.id));
    const ids: number[] = [];
    // Every worklog started in the window was created (and so updated) after its start, i.e. after fromMs.
    for await (const page of this.deps.jira.worklogsUpdatedSince(fromMs)) for (const value of page.values) ids.push(value.worklogId);
    for (const worklog of await this.deps.jira.worklogList(ids)) if (wanted.has(worklog.issueId)) add(worklog);
    return byIssue;
  }
}

/**
 * Issues already in engine form (the preview and tests), filtered by the project's contract.
 *
 * @example
 * new StaticIssueSource(parseIssueHistories(examples).issues, { ALFA: 'client-a' });
 */
export class StaticIssueSource implements ProjectIssueSource {
  constructor(
    private readonly issues: readonly IssueHistory[],
    private readonly contractOfProject: Readonly<Record<string, string>>,
  ) {}

  async load(projectKey: string, fromMs: number, toMs: number): Promise<IssueHistory[]> {
    const contractId = this.contractOfProject[projectKey];
    return this.issues.filter((issue) => issue.contractId === contractId && issue.createdAtMs < toMs).map((issue) => ({ ...issue, worklogs: issue.worklogs.filter((worklog) => worklog.atMs >= fromMs) }));
  }
}

