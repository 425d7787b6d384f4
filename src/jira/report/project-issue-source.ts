import { DateTime } from 'luxon';
import type { IssueHistory } from '../../core/history/issue-history';
import type { AppDeps } from '../app/app-deps';
import { SLA_ISSUE_FIELDS, type JiraIssue, type JiraWorklog } from '../client/jira-schemas';
import type { AppSettings } from '../config/app-settings';
import { jiraIssueToHistory } from '../mapping/jira-issue-history';
import { contractReads, jiraContractAttributes } from '../mapping/contract-attributes';
import { accountsIn, displayNames, withDisplayNames } from '../app/display-names';
import { satisfactionFieldIds } from '../mapping/jira-rating';
import { readIssueFacts } from '../sla/issue-facts';
import { noteProjectId } from './project-ids';

/** A project's issues in engine terms, with their Jira ids (which permission checks take). */
export interface ProjectIssues {
  readonly issues: IssueHistory[];
  /** Jira issue id by key; absent where the source has no Jira ids (the preview). */
  readonly idsByKey?: Readonly<Record<string, string>>;
  /** The project each issue was read from, by key, when several were read (`loadContractIssues`). */
  readonly projectOfKey?: Readonly<Record<string, string>>;
}

/** Issues of one project as the engine reads them, for reports. */
export interface ProjectIssueSource {
  /**
   * Issues of the project that existed in `[fromMs, toMs)` and were not resolved before it, with
   * their worklogs from `fromMs` on.
   */
  load(projectKey: string, fromMs: number, toMs: number): Promise<ProjectIssues>;
}

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
    private readonly deps: Pick<AppDeps, 'jira' | 'store' | 'now'>,
    private readonly settings: AppSettings,
  ) {}

  async load(projectKey: string, fromMs: number, toMs: number): Promise<ProjectIssues> {
    const project = this.settings.mapping.projects[projectKey];
    if (!project) return { issues: [] };
    const jql = `project = "${projectKey}" AND created < "${jqlDate(toMs + DAY_MS)}" AND (resolved >= "${jqlDate(fromMs - DAY_MS)}" OR resolved is EMPTY) ORDER BY key ASC`;
    const issues: JiraIssue[] = [];
    // The satisfaction fields are read only where a statement needs them (and only when mapped).
    const ratingFields = satisfactionFieldIds(project);
    // With contract rules, the fields they read (organizations, a "Client" field) and their changelog too.
    const reads = contractReads(this.settings.mapping, [...SLA_ISSUE_FIELDS, ...ratingFields]);
    const fields =
      reads.issueFields ?? (ratingFields.length === 0 ? undefined : [...SLA_ISSUE_FIELDS, ...ratingFields]);
    const search = fields === undefined ? { jql, maxResults: 100 } : { jql, maxResults: 100, fields };
    for await (const issue of this.deps.jira.searchJqlAll(search)) issues.push(issue);
    if (issues.length === 0) return { issues: [] };
    // The project's id, for contract rules naming the project by id (kept once, beside its key).
    const ownIssue = issues.find((issue) => issue.fields.project?.key === projectKey);
    await noteProjectId(this.deps.store, projectKey, ownIssue?.fields.project?.id);
    const changelogFields =
      reads.changelog.fieldIds === undefined ? undefined : [...reads.changelog.fieldIds, ...ratingFields.slice(0, 1)];
    const changelogs = await this.deps.jira.bulkFetchChangelogs(
      issues.map((issue) => issue.id),
      changelogFields === undefined || changelogFields.length > 10
        ? { maxResults: 10_000 }
        : { fieldIds: changelogFields, maxResults: 10_000 },
    );
    const withRules = this.settings.mapping.contractRules !== undefined;
    const histories = new Map(changelogs.map((entry) => [entry.issueId, entry.histories]));
    const worklogs = await this.worklogs(issues, fromMs);
    const result: IssueHistory[] = [];
    const idsByKey: Record<string, string> = {};
    for (const issue of issues) {
      // The first response and the lines come from the app's record in storage, never from the issue property.
      const property = (await readIssueFacts(this.deps.store, issue.id))?.record ?? null;
      const issueHistories = histories.get(issue.id) ?? [];
      const history = jiraIssueToHistory(
        { issue, histories: issueHistories, property, worklogs: worklogs.get(issue.id) ?? [] },
        project,
      );
      if (withRules)
        history.contractAttributes = jiraContractAttributes(
          { issue, histories: issueHistories },
          this.settings.mapping,
        );
      if (history.createdAtMs < toMs) {
        result.push(history);
        idsByKey[history.key] = issue.id;
      }
    }
    // People by display name in the ledger, the CSV and the breach list: changelog authors come named, the rest in bulk.
    const known = new Map(
      changelogs.flatMap((entry) =>
        entry.histories.flatMap((change) =>
          change.author?.accountId !== undefined && change.author.displayName !== undefined
            ? [[change.author.accountId, change.author.displayName] as const]
            : [],
        ),
      ),
    );
    for (const list of worklogs.values())
      for (const worklog of list)
        if (worklog.author?.accountId !== undefined && worklog.author.displayName !== undefined)
          known.set(worklog.author.accountId, worklog.author.displayName);
    const names = await displayNames(this.deps, accountsIn(result), known);
    return { issues: withDisplayNames(result, names), idsByKey };
  }

  private async worklogs(issues: readonly JiraIssue[], fromMs: number): Promise<Map<string, JiraWorklog[]>> {
    const byIssue = new Map<string, JiraWorklog[]>();
    const add = (worklog: JiraWorklog) => {
      const list = byIssue.get(worklog.issueId) ?? [];
      list.push(worklog);
      byIssue.set(worklog.issueId, list);
    };
    if (issues.length <= PER_ISSUE_WORKLOG_LIMIT) {
      for (const issue of issues)
        for (const worklog of await this.deps.jira.getIssueWorklogs(issue.id, { startedAfterMs: fromMs })) add(worklog);
      return byIssue;
    }
    const wanted = new Set(issues.map((issue) => issue.id));
    const ids: number[] = [];
    // Every worklog started in the window was created (and so updated) after its start, i.e. after fromMs.
    for await (const page of this.deps.jira.worklogsUpdatedSince(fromMs))
      for (const value of page.values) ids.push(value.worklogId);
    for (const worklog of await this.deps.jira.worklogList(ids)) if (wanted.has(worklog.issueId)) add(worklog);
    return byIssue;
  }
}

/**
 * Issues already in engine form (the preview and tests): a project's are those of its contract, and those
 * whose attributes at creation name the project (a shared desk's, given their contract by the rules).
 *
 * @example
 * new StaticIssueSource(parseIssueHistories(examples).issues, { ALFA: 'client-a', DESK: '' });
 */
export class StaticIssueSource implements ProjectIssueSource {
  constructor(
    private readonly issues: readonly IssueHistory[],
    private readonly contractOfProject: Readonly<Record<string, string>>,
  ) {}

  async load(projectKey: string, fromMs: number, toMs: number): Promise<ProjectIssues> {
    const contractId = this.contractOfProject[projectKey];
    return {
      issues: this.issues
        .filter(
          (issue) =>
            (issue.contractAttributes !== undefined
              ? issue.contractAttributes.project.includes(projectKey)
              : issue.contractId === contractId) && issue.createdAtMs < toMs,
        )
        .map((issue) => ({ ...issue, worklogs: issue.worklogs.filter((worklog) => worklog.atMs >= fromMs) })),
    };
  }
}
