import { z } from 'zod';
import { formatInstant } from '../../core/calendar/format-instant';
import type { ClockName } from '../../core/catalog/catalog-schema';
import { explainText } from '../../core/report/explain-text';
import type { ClockState } from '../../core/sla/clock-evaluation';
import { explainIssue, type SegmentReason } from '../../core/sla/explain-issue';
import { projectMapping } from '../config/app-settings';
import { readEscalationRecord } from '../escalation/escalation-runner';
import { contractReads } from '../mapping/contract-attributes';
import { earlierLimitPeers, evaluateJiraIssues } from '../sla/evaluate-jira-issues';
import type { SlaState } from '../sla/sla-property';
import { summarizeEvaluation } from '../sla/sla-summary';
import type { AppDeps } from './app-deps';
import { SLA_ISSUE_FIELDS } from '../client/jira-schemas';
import { readIssueFacts } from '../sla/issue-facts';
import { accountsIn, displayNames, withDisplayNames } from './display-names';
import { readHoursSummary, type ReportDeps } from './project-report-resolver';
import { fetchIssueWithCopy } from './refresh-issue';
import { fail, ok, type ResolverResult } from './resolver-result';
import { pageSettings } from './page-settings';

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
  /** The status that pauses the clock now, when it is paused by one. */
  readonly pausedBy?: string | null;
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
    readonly done: ReadonlyArray<{
      readonly level: number;
      readonly clock: string;
      readonly at: string;
      readonly skipped?: string;
    }>;
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
  /** The mapping's language (the panel follows the user's locale first) and the calendar's zone. */
  readonly language?: string;
  readonly zone?: string;
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

/** The status pausing a clock whose latest stretch is a pause, else null. */
function pauseStatusOf(segments: ReadonlyArray<{ readonly reason: SegmentReason }>): string | null {
  const last = segments[segments.length - 1]?.reason;
  return last?.kind === 'paused' ? last.status : null;
}

const timeSpentSchema = z.looseObject({ fields: z.looseObject({ timespent: z.number().nullable().optional() }) });

/** Time logged on the issue, from its `timespent` field (Jira sums the worklogs). */
function timeSpentSeconds(issue: unknown): number {
  const parsed = timeSpentSchema.safeParse(issue);
  return parsed.success ? (parsed.data.fields.timespent ?? 0) : 0;
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
export async function getIssueSla(
  deps: AppDeps,
  reportDeps: ReportDeps,
  context: { readonly issueKey?: string },
): Promise<ResolverResult<IssueSlaView>> {
  if (context.issueKey === undefined) return fail('no_issue', 'the panel was opened outside an issue');
  const loaded = await pageSettings(deps.store);
  if (!loaded.ok) return loaded;
  const settings = loaded.value;
  // 1st request: the issue (with the time logged on it, so its worklogs need not be read).
  const reads = contractReads(settings.mapping, [...SLA_ISSUE_FIELDS, 'timespent']);
  const found = await fetchIssueWithCopy(
    deps,
    context.issueKey,
    reads.issueFields ?? [...SLA_ISSUE_FIELDS, 'timespent'],
  );
  if (!found) return fail('not_found', `issue ${context.issueKey} was not found`);
  const projectKey = found.issue.fields.project?.key ?? found.issue.key.split('-')[0];
  const project = projectMapping(settings, projectKey);
  if (!project)
    return fail('project_not_served', `project ${projectKey} is not served by Tariff SLA`, ['projects', projectKey]);
  // A shared project's issues get their contract from the contract rules, known once evaluated.
  const shared = project.contract === '' && settings.mapping.contractRules !== undefined;
  if (!shared && !settings.catalog.contract(project.contract))
    return fail('unknown_contract', `contract ${project.contract} is not in the catalog`);

  // 2nd request: its changelog.
  const [changelog] = await deps.jira.bulkFetchChangelogs([found.issue.id], {
    ...reads.changelog,
    maxResults: 10_000,
  });
  // The app's own record in storage, never the issue property (which users can edit).
  const facts = await readIssueFacts(deps.store, found.issue.id);
  const input = { issue: found.issue, histories: changelog?.histories ?? [], property: facts?.record ?? null, project };
  const nowMs = deps.now();
  // The daily limit ranks the issue among the earlier ones of its day. Ranked alone an incident can only rank
  // earlier, so when the app's record says "within the limit" the answer stands without asking Jira for them;
  // otherwise (3rd request) only the earlier ones of its service day, a page of at most the limit.
  const withinLimit = facts !== null && !facts.record.slaOverLimit;
  const peers = withinLimit ? [] : await earlierLimitPeers(deps, settings, input, nowMs);
  const { evaluated, problems, notCovered } = evaluateJiraIssues(settings, [input], nowMs, peers);
  const result = evaluated.get(0);
  const uncovered = notCovered.get(0);
  if (uncovered) return fail('not_covered', `${found.issue.key}: ${uncovered.reason}`, ['issues', found.issue.key]);
  if (!result) {
    const messages = (problems.get(0) ?? []).map((problem) => problem.message);
    return fail('invalid_issue', `${found.issue.key} cannot be evaluated: ${messages.join('; ')}`, [
      'issues',
      found.issue.key,
    ]);
  }
  const { evaluation, term, contract } = result;
  // Names of the people the explain text mentions that the changelog did not name (cached a day).
  const knownNames = new Map(
    (changelog?.histories ?? []).flatMap((entry) =>
      entry.author?.accountId !== undefined && entry.author.displayName !== undefined
        ? [[entry.author.accountId, entry.author.displayName] as const]
        : [],
    ),
  );
  const names = await displayNames(deps, accountsIn([result.history]), knownNames);
  const [history] = withDisplayNames([result.history], names);
  const calendar = term.calendar;
  const isDone =
    found.issue.fields.status?.statusCategory.key === 'done' || contract.statuses.done.has(evaluation.status);
  const summary = summarizeEvaluation(evaluation, term.tariff, calendar.zone, project.initialLine, isDone);
  const explained = explainIssue(history, evaluation, calendar);
  const at = (ms: number | null) => (ms === null ? null : formatInstant(ms, calendar));
  const record = await readEscalationRecord(deps, found.issue.id);

  // The package figures come from the project's last computed statement, if any: the panel never builds
  // the project's report, so opening it costs the same in a project of 10 issues or 100 000.
  const hoursSummary = await readHoursSummary(reportDeps, projectKey, contract.id, nowMs, contract.timeZone);

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
      pausedBy: pauseStatusOf(clock.segments),
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
      done: record.log.map((entry) => ({
        level: entry.level,
        clock: entry.clock,
        at: formatInstant(entry.doneAtMs, calendar),
        ...(entry.skipped ? { skipped: entry.skipped } : {}),
      })),
      next: evaluation.escalations
        .filter((step) => !step.due)
        .map((step) => ({ level: step.level, clock: step.clock, dueAt: formatInstant(step.dueAtMs, calendar) })),
    },
    hours: {
      issueHours: Math.round((timeSpentSeconds(found.issue) / 3600) * 100) / 100,
      month: hoursSummary?.month ?? null,
      included: hoursSummary?.included ?? null,
      used: hoursSummary?.used ?? null,
      remaining: hoursSummary?.remaining ?? null,
    },
    evaluatedAt: formatInstant(nowMs, calendar),
    language: settings.mapping.language,
    zone: calendar.zone,
  });
}
