import { formatInstant } from '../../core/calendar/format-instant';
import type { ClockName } from '../../core/catalog/catalog-schema';
import { explainText } from '../../core/report/explain-text';
import type { ClockState } from '../../core/sla/clock-evaluation';
import { explainIssue, type SegmentReason } from '../../core/sla/explain-issue';
import { loadAppSettings, projectMapping } from '../config/app-settings';
import { readEscalationRecord } from '../escalation/escalation-runner';
import { HISTORY_FIELD_IDS, jiraIssueToHistory } from '../mapping/jira-issue-history';
import { dailyLimitPeers, evaluateJiraIssues } from '../sla/evaluate-jira-issues';
import type { SlaState } from '../sla/sla-property';
import { summarizeEvaluation } from '../sla/sla-summary';
import type { AppDeps } from './app-deps';
import { getProjectReport, type ReportDeps } from './project-report-resolver';
import { fetchIssueWithProperty } from './refresh-issue';
import { fail, ok, type ResolverResult } from './resolver-result';

/** One stretch of a clock's life in the panel's breakdown. */
export interface PanelSegment {
  readonly from: string;
  readonly to: string;
  readonly counted: boolean;
  readonly minutes: number;
  readonly reason: string;
}

export interface PanelClock {
  readonly clock: ClockName;
  readonly state: ClockState;
  readonly targetMinutes: number | null;
  readonly elapsedMinutes: number;
  /** The UI counts down to this instant itself; the app never writes a ticking value. */
  readonly dueAt: string | null;
  readonly stoppedAt: string | null;
  readonly breachedAt: string | null;
  readonly segments: readonly PanelSegment[];
}

/** What the issue panel shows. */
export interface IssueSlaView {
  readonly issueKey: string;
  readonly contract: { readonly id: string; readonly name: string };
  readonly tariff: { readonly id: string; readonly name: string };
  readonly state: SlaState;
  /** Beyond the tariff's daily incident limit. */
  readonly overLimit: boolean;
  readonly line: string | null;
  readonly nextLine: string | null;
  readonly escalationAllowed: boolean;
  readonly clocks: readonly PanelClock[];
  readonly explain: string;
  readonly escalations: {
    readonly done: ReadonlyArray<{ readonly level: number; readonly clock: string; readonly at: string; readonly skipped?: string }>;
    readonly next: ReadonlyArray<{ readonly level: number; readonly clock: string; readonly dueAt: string }>;
  };
  readonly hours: {
    readonly issueHours: number;
    readonly month: string | null;
    /** Package figures of the month from the project's statement; null when the tariff has no hour package. */
    readonly included: number | null;
    readonly used: number | null;
    readonly remaining: number | null;
  };
  readonly evaluatedAt: string;
}

function reasonText(reason: SegmentReason): string {
  switch (reason.kind) {
    case 'working':
      return `working time, ${reason.status}`;
    case 'outside_schedule':
      return 'outside the schedule';
    case 'weekend':
      return 'weekend';
    case 'holiday':
      return `holiday${reason.name ? `: ${reason.name}` : ''}`;
    case 'day_off':
      return `day off${reason.name ? `: ${reason.name}` : ''}`;
    case 'paused':
      return `paused: ${reason.status}`;
    case 'done':
      return `resolved: ${reason.status}`;
    case 'waiting_estimate':
      return 'waiting for the estimate';
  }
}

/** Segments the panel lists per clock (the newest); the full breakdown is in `explain`. */
const PANEL_SEGMENTS = 30;

/**
 * Resolver of the issue panel: the issue's clocks with deadlines, the explain breakdown, escalations
 * done and coming, and the hours logged against the contract's package this month. Reads only.
 *
 * @example
 * await getIssueSla(deps, reportDeps, { issueKey: 'SUP-1' });
 */
export async function getIssueSla(deps: AppDeps, reportDeps: ReportDeps, context: { readonly issueKey?: string }): Promise<ResolverResult<IssueSlaView>> {
  if (context.issueKey === undefined) return fail('no_issue', 'the panel was opened outside an issue');
  const loaded = await loadAppSettings(deps.store);
  if (loaded === null) return fail('not_configured', 'a Jira admin has not set up Tariff SLA yet');
  if (!loaded.ok) return fail('invalid_settings', 'the saved settings are not valid; a Jira admin should open Tariff SLA settings');
  const settings = loaded.settings;
  const found = await fetchIssueWithProperty(deps, context.issueKey);
  if (!found) return fail('not_found', `issue ${context.issueKey} was not found`);
  const projectKey = found.issue.fields.project?.key ?? found.issue.key.split('-')[0];
  const project = projectMapping(settings, projectKey);
  if (!project) return fail('project_not_served', `project ${projectKey} is not served by Tariff SLA`, ['projects', projectKey]);
  const contract = settings.catalog.contract(project.contract);
  if (!contract) return fail('unknown_contract', `contract ${project.contract} is not in the catalog`);

  const [changelog] = await deps.jira.bulkFetchChangelogs([found.issue.id], { fieldIds: HISTORY_FIELD_IDS, maxResults: 10_000 });
  const worklogs = await deps.jira.getIssueWorklogs(found.issue.id);
  const input = { issue: found.issue, histories: changelog?.histories ?? [], property: found.property, project, worklogs };
  const nowMs = deps.now();
  // The daily limit ranks the issue among the others of its day: the panel asks Jira for them.
  const peers = await dailyLimitPeers(deps, settings, [jiraIssueToHistory(input, project)]);
  const { evaluated, problems } = evaluateJiraIssues(settings, [input], nowMs, peers);
  const result = evaluated.get(0);
  if (!result) {
    const messages = (problems.get(0) ?? []).map((problem) => problem.message);
    return fail('invalid_issue', `${found.issue.key} cannot be evaluated: ${messages.join('; ')}`, ['issues', found.issue.key]);
  }
  const { history, evaluation, term } = result;
  const calendar = term.calendar;
  const isDone = found.issue.fields.status?.statusCategory.key === 'done' || contract.statuses.done.has(evaluation.status);
  const summary = summarizeEvaluation(evaluation, term.tariff, calendar.zone, project.initialLine, isDone);
  const explained = explainIssue(history, evaluation, calendar);
  const at = (ms: number | null) => (ms === null ? null : formatInstant(ms, calendar));
  const record = await readEscalationRecord(deps, found.issue.id);

  const report = await getProjectReport(reportDeps, { projectKey }, { lang: settings.mapping.language });
  const hoursJson = report.ok ? report.value.statement.contracts[0]?.hours : undefined;

  return ok({
    issueKey: found.issue.key,
    contract: { id: contract.id, name: contract.contract.name },
    tariff: { id: term.tariffId, name: term.tariff.name },
    state: summary.slaState,
    overLimit: summary.slaOverLimit,
    line: summary.line,
    nextLine: summary.nextLine,
    escalationAllowed: summary.escalationAllowed,
    clocks: explained.map((clock) => ({
      clock: clock.clock,
      state: clock.evaluation.state,
      targetMinutes: clock.evaluation.targetMinutes,
      elapsedMinutes: clock.evaluation.elapsedMinutes,
      dueAt: at(clock.evaluation.dueAtMs),
      stoppedAt: at(clock.evaluation.stoppedAtMs),
      breachedAt: at(clock.evaluation.breachedAtMs),
      segments: clock.segments.slice(-PANEL_SEGMENTS).map((segment) => ({
        from: formatInstant(segment.fromMs, calendar),
        to: formatInstant(segment.toMs, calendar),
        counted: segment.counted,
        minutes: Math.round(segment.workingMinutes),
        reason: reasonText(segment.reason),
      })),
    })),
    explain: explainText(evaluation, explained, term.tariff, calendar),
    escalations: {
      done: record.log.map((entry) => ({ level: entry.level, clock: entry.clock, at: formatInstant(entry.doneAtMs, calendar), ...(entry.skipped ? { skipped: entry.skipped } : {}) })),
      next: evaluation.escalations.filter((step) => !step.due).map((step) => ({ level: step.level, clock: step.clock, dueAt: formatInstant(step.dueAtMs, calendar) })),
    },
    hours: {
      issueHours: Math.round((history.worklogs.reduce((sum, worklog) => sum + worklog.minutes, 0) / 60) * 100) / 100,
      month: report.ok ? report.value.month : null,
      included: hoursJson?.included ?? null,
      used: hoursJson?.used ?? null,
      remaining: hoursJson?.remaining ?? null,
    },
    evaluatedAt: formatInstant(nowMs, calendar),
  });
}
