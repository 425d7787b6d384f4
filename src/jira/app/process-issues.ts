import type { NotCoveredIssue } from '../../core/contracts/resolve-issue-contracts';
import type { ValidationIssue } from '../../core/errors/validation-issue';
import type { IssueHistory } from '../../core/history/issue-history';
import type { AppFieldValueUpdate } from '../client/jira-client';
import { JiraError } from '../client/jira-error';
import type { JiraChangeHistory, JiraIssue } from '../client/jira-schemas';
import type { AppSettings } from '../config/app-settings';
import { nextTransitionAtMs } from '../../core/sla/next-transition';
import { acquireLock } from '../escalation/issue-lock';
import { copyDiffers, writeIssueFacts, type IssueFacts } from '../sla/issue-facts';
import type { ProjectMapping } from '../config/jira-mapping-schema';
import { runEscalations } from '../escalation/escalation-runner';
import { MessagesDeferred } from '../escalation/escalation-messages';
import type { NoteLanguage } from '../../core/escalation/escalation-note';
import { findFirstResponse } from '../mapping/first-response';
import {
  dailyLimitPeers,
  earlierLimitPeers,
  evaluateJiraIssues,
  type JiraEvaluation,
  type JiraIssueInput,
} from '../sla/evaluate-jira-issues';
import { SLA_PROPERTY_KEY, type LineChange, type SlaProperty } from '../sla/sla-property';
import {
  fieldValueOf,
  nextProperty,
  notCoveredSummary,
  propertyChanged,
  summarizeEvaluation,
  type SlaSummary,
} from '../sla/sla-summary';
import type { AppDeps } from './app-deps';
import { markReportsStale } from './report-staleness';

/** One Jira issue to evaluate, with what the app already recorded about it. */
export interface IssueWork {
  readonly issue: JiraIssue;
  readonly histories: readonly JiraChangeHistory[];
  /**
   * The app's own record of the issue, from storage (`facts.record`); what changed is judged against it.
   * Never the issue property, which any user who can edit the issue can rewrite.
   */
  readonly property: SlaProperty | null;
  /** The facts record in storage the `property` came from (null: the app has none yet). */
  readonly facts: IssueFacts | null;
  /**
   * What the issue property holds in Jira (undefined: not read). Only compared with the record: a copy
   * that differs (edited or deleted by someone) is written back; nothing is ever read from it.
   */
  readonly jiraCopy?: unknown;
  readonly project: ProjectMapping;
  /** Facts to record now (a post function's line change), on top of what the property holds. */
  readonly record?: { readonly lineChange?: LineChange };
}

/** What the app knows beyond Jira's own data: the first response and the support-line changes. */
interface RecordedFacts {
  readonly response: SlaProperty['response'];
  readonly lineHistory: readonly LineChange[];
}

function recordedFacts(work: IssueWork): RecordedFacts {
  const lineHistory = [...(work.property?.lineHistory ?? [])];
  if (work.record?.lineChange) lineHistory.push(work.record.lineChange);
  return { response: work.property?.response ?? null, lineHistory };
}

/** An issue after evaluation, before any write. */
export interface EvaluatedIssue extends JiraEvaluation {
  readonly work: IssueWork;
  readonly facts: RecordedFacts;
  readonly summary: SlaSummary;
  readonly next: SlaProperty;
  readonly isDone: boolean;
  /** When the evaluation changes next without an event (the sweep's due index); null: only an event changes it. */
  readonly nextAtMs: number | null;
}

/** Counters of one processing pass. */
export interface ProcessStats {
  issues: number;
  propertyWrites: number;
  fieldWrites: number;
  /** Escalation levels acted on. */
  escalations: number;
  /** Levels recorded without acting (the core's skip reasons). */
  escalationsRecorded: number;
  responseChecks: number;
  skippedLocked: number;
  unmapped: number;
  /** Copies in Jira that differed from the app's record (edited or deleted by someone) and were written back. */
  restored: number;
  /** Facts records written to storage. */
  factWrites: number;
  errors: Array<{ issue: string; code: string; message: string }>;
}

export function emptyStats(): ProcessStats {
  return {
    issues: 0,
    propertyWrites: 0,
    fieldWrites: 0,
    escalations: 0,
    escalationsRecorded: 0,
    responseChecks: 0,
    skippedLocked: 0,
    unmapped: 0,
    restored: 0,
    factWrites: 0,
    errors: [],
  };
}

export function addStats(total: ProcessStats, part: ProcessStats): void {
  total.issues += part.issues;
  total.propertyWrites += part.propertyWrites;
  total.fieldWrites += part.fieldWrites;
  total.escalations += part.escalations;
  total.escalationsRecorded += part.escalationsRecorded;
  total.responseChecks += part.responseChecks;
  total.skippedLocked += part.skippedLocked;
  total.unmapped += part.unmapped;
  total.restored += part.restored;
  total.factWrites += part.factWrites;
  total.errors.push(...part.errors);
}

/** Options of one pass. */
export interface ProcessOptions {
  readonly runId: string;
  /** Id of the SLA field, or null to write the property only. */
  readonly fieldId: string | null;
  /**
   * `always`: look for the first response whenever the reaction clock is open and none is recorded
   * (one issue, from a trigger). `on_change`: only when the badge would change or an escalation of the
   * reaction clock is due (the sweep, where unchanged issues must cost nothing).
   */
  readonly responseCheck: 'always' | 'on_change';
  /**
   * Issues evaluated before in the same run (a sweep's earlier batches, in creation order), as bare
   * histories: the daily limit ranks the works among them, so Jira is asked for the day's other
   * issues only when an over-limit answer could still be short of them.
   */
  readonly limitPeers?: readonly IssueHistory[];
}

function jiraInput(work: IssueWork, facts: RecordedFacts): JiraIssueInput {
  return {
    issue: work.issue,
    histories: work.histories,
    property: {
      response: facts.response,
      lineHistory: [...facts.lineHistory],
      escalations: work.property?.escalations ?? [],
    },
    project: work.project,
  };
}

/** The Jira view of a core evaluation: the badge summary and the property it asks for. */
function evaluatedIssue(work: IssueWork, facts: RecordedFacts, result: JiraEvaluation, nowMs: number): EvaluatedIssue {
  const { evaluation, contract, term } = result;
  const nextAtMs = nextTransitionAtMs(
    evaluation,
    { calendar: term.calendar, atRiskPercent: term.tariff.atRiskPercent },
    nowMs,
  );
  const isDone =
    work.issue.fields.status?.statusCategory.key === 'done' || contract.statuses.done.has(evaluation.status);
  const summary = summarizeEvaluation(evaluation, term.tariff, term.calendar.zone, work.project.initialLine, isDone);
  const next = nextProperty(work.property, summary, { response: facts.response, lineHistory: [...facts.lineHistory] });
  return { ...result, work, facts, summary, next, isDone, nextAtMs };
}

/** One evaluation of the works with the given facts and daily-limit peers: evaluated issues and the problems of the others. */
function evaluateWorks(
  settings: AppSettings,
  works: readonly IssueWork[],
  facts: readonly RecordedFacts[],
  nowMs: number,
  peers: readonly IssueHistory[],
): {
  items: EvaluatedIssue[];
  problems: Map<number, ValidationIssue[]>;
  notCovered: Array<{ work: IssueWork; issue: NotCoveredIssue }>;
} {
  const { evaluated, problems, notCovered } = evaluateJiraIssues(
    settings,
    works.map((work, index) => jiraInput(work, facts[index])),
    nowMs,
    peers,
  );
  const items: EvaluatedIssue[] = [];
  works.forEach((work, index) => {
    const result = evaluated.get(index);
    if (result) items.push(evaluatedIssue(work, facts[index], result, nowMs));
  });
  const uncovered = [...notCovered].map(([index, issue]) => ({ work: works[index], issue }));
  return { items, problems: new Map(problems), notCovered: uncovered };
}

/** Whether the stored badge, or the reaction escalations, would change: what makes a sweep look further. */
function wouldChange(item: EvaluatedIssue): boolean {
  const done = new Set(item.work.property?.escalations ?? []);
  return (
    fieldChanged(item.work.property, item.summary) ||
    item.intents(done).some((intent) => intent.identity.clock === 'reaction')
  );
}

/**
 * Whether the over-limit answer may be short of issues the evaluation did not see: ranked among fewer
 * issues, an incident can only rank earlier, so "over" is certain but "within the limit" is not when
 * nothing was recorded yet or the record said "over".
 */
function overLimitUncertain(item: EvaluatedIssue): boolean {
  if (item.term.tariff.incidentsPerDay === undefined || item.evaluation.overLimit) return false;
  return item.work.property === null || item.work.property.slaOverLimit;
}

/** Up to this many uncertain issues are ranked each with its own bounded search; more share one search of their days. */
const BOUNDED_PEER_SEARCHES = 3;

/**
 * The issues that can rank before the uncertain ones: for a few (a trigger's one issue), each one's
 * earlier issues of its service day, a page of at most the limit (`earlierLimitPeers`); for more, one
 * search of the days around them all.
 */
async function uncertainPeers(
  deps: AppDeps,
  settings: AppSettings,
  uncertain: readonly EvaluatedIssue[],
  nowMs: number,
): Promise<IssueHistory[]> {
  if (uncertain.length > BOUNDED_PEER_SEARCHES)
    return dailyLimitPeers(
      deps,
      settings,
      uncertain.map((item) => item.history),
    );
  const byKey = new Map<string, IssueHistory>();
  for (const item of uncertain)
    for (const peer of await earlierLimitPeers(deps, settings, jiraInput(item.work, item.facts), nowMs))
      byKey.set(peer.key, peer);
  return [...byKey.values()];
}

/** Step 1: evaluate the works; the daily limit is ranked with the day's other issues from Jira when the answer is uncertain. */
async function evaluateStep(
  deps: AppDeps,
  settings: AppSettings,
  works: readonly IssueWork[],
  nowMs: number,
  options: ProcessOptions,
  stats: ProcessStats,
): Promise<{ items: EvaluatedIssue[]; peers: IssueHistory[]; uncovered: IssueWork[] }> {
  // A shared project leaves its contract to the mapping's contract rules (one per issue).
  const mapped = works.filter(
    (work) =>
      settings.catalog.contract(work.project.contract) !== undefined ||
      (work.project.contract === '' && settings.mapping.contractRules !== undefined),
  );
  stats.unmapped += works.length - mapped.length;
  const facts = mapped.map(recordedFacts);
  let peers: IssueHistory[] = [...(options.limitPeers ?? [])];
  let round = evaluateWorks(settings, mapped, facts, nowMs, peers);
  const uncertain = round.items.filter(overLimitUncertain);
  if (uncertain.length > 0) {
    // Only those issues pay for the search, so an unchanged sweep costs nothing more.
    const fetched = await uncertainPeers(deps, settings, uncertain, nowMs);
    if (fetched.length > 0) {
      peers = [...peers, ...fetched];
      round = evaluateWorks(settings, mapped, facts, nowMs, peers);
    }
  }
  for (const [index, problems] of round.problems) recordProblems(stats, mapped[index].issue.key, problems);
  // No contract rule covers these: they are not evaluated; the badge says so and the statements list them.
  for (const { issue } of round.notCovered)
    deps.log({ event: 'sla_not_covered', issue: issue.key, runId: options.runId, reason: issue.reason });
  return { items: round.items, peers, uncovered: round.notCovered.map(({ work }) => work) };
}

/** Step 2: look for the first response where the reaction clock is open and none is recorded, and evaluate those issues again. */
async function responseStep(
  deps: AppDeps,
  settings: AppSettings,
  items: EvaluatedIssue[],
  peers: readonly IssueHistory[],
  nowMs: number,
  options: ProcessOptions,
  stats: ProcessStats,
): Promise<EvaluatedIssue[]> {
  const agents = new Set(settings.mapping.agents.accountIds);
  if (agents.size === 0) return items;
  const result: EvaluatedIssue[] = [];
  for (const item of items) {
    const reaction = item.evaluation.clocks.reaction;
    const reactionOpen = reaction !== undefined && reaction.stoppedAtMs === null && !item.isDone;
    if (!reactionOpen || item.facts.response !== null || (options.responseCheck !== 'always' && !wouldChange(item))) {
      result.push(item);
      continue;
    }
    try {
      stats.responseChecks++;
      const response = await findFirstResponse(deps.jira, item.work.issue.id, agents);
      if (response === null) {
        result.push(item);
        continue;
      }
      const others = [...items.filter((other) => other !== item).map((other) => other.history), ...peers];
      const again = evaluateWorks(settings, [item.work], [{ ...item.facts, response }], nowMs, others);
      result.push(again.items[0] ?? item);
    } catch (error) {
      recordError(stats, item.work.issue.key, error);
    }
  }
  return result;
}

/** What the SLA field shows (and the workflow condition reads): a change of any of these rewrites the field. */
const SUMMARY_KEYS: ReadonlyArray<keyof SlaSummary> = [
  'slaState',
  'slaDueAt',
  'slaTariff',
  'slaOverLimit',
  'clock',
  'escalationAllowed',
];

function fieldChanged(stored: SlaProperty | null, summary: SlaSummary): boolean {
  return stored === null || SUMMARY_KEYS.some((key) => stored[key] !== summary[key]);
}

/** Format of the SLA field's value: 2 added `escalationAllowed` (what the workflow condition reads). */
const FIELD_FORMAT = 2;

/** Whether the issue's SLA field was last written in an older format (the daily reconciliation rewrites it once). */
function fieldFormatOld(work: IssueWork): boolean {
  return work.facts !== null && (work.facts.fieldFormat ?? 1) < FIELD_FORMAT;
}

/** Updates per request to the field-value endpoint. */
const FIELD_UPDATES_PER_REQUEST = 200;

/**
 * Step 3: the SLA field, batched (several issues per request), before the issue property, so a failure
 * between the two is repaired by the next run. The issues whose field write failed are left out.
 */
async function fieldStep(
  deps: AppDeps,
  settings: AppSettings,
  items: EvaluatedIssue[],
  fieldId: string | null,
  stats: ProcessStats,
): Promise<EvaluatedIssue[]> {
  if (fieldId === null) return items;
  const updates: AppFieldValueUpdate[] = items
    .filter((item) => fieldChanged(item.work.property, item.summary) || fieldFormatOld(item.work))
    .map((item) => ({
      issueIds: [Number(item.work.issue.id)],
      value: fieldValueOf(item.summary, item.term.calendar.zone, settings.mapping.language),
    }));
  const failed = new Set<number>();
  for (let start = 0; start < updates.length; start += FIELD_UPDATES_PER_REQUEST) {
    const part = updates.slice(start, start + FIELD_UPDATES_PER_REQUEST);
    try {
      await deps.jira.setAppFieldValues(part, fieldId, { generateChangelog: false });
      stats.fieldWrites++;
    } catch (error) {
      // The properties of these issues are not written either, so the next run tries both again.
      for (const update of part) {
        failed.add(update.issueIds[0]);
        const item = items.find((candidate) => Number(candidate.work.issue.id) === update.issueIds[0]);
        if (item) recordError(stats, item.work.issue.key, error);
      }
    }
  }
  return items.filter((item) => !failed.has(Number(item.work.issue.id)));
}

/**
 * Step 4: due escalations (exactly once, see runEscalations), else the property copy when it changed or
 * differs from the app's record (edited by someone: written back); then the app's record in storage.
 */
async function issueStep(
  deps: AppDeps,
  item: EvaluatedIssue,
  options: ProcessOptions,
  stats: ProcessStats,
  language: NoteLanguage,
): Promise<void> {
  const { work } = item;
  let record: SlaProperty = item.next;
  let copyWritten = false;
  // A copy in Jira that is not the app's record was written by someone else: whatever writes next puts the record back.
  if (work.jiraCopy !== undefined && work.property !== null && copyDiffers(work.jiraCopy, work.property)) {
    stats.restored++;
    deps.log({ event: 'sla_copy_restored', issue: work.issue.key, runId: options.runId });
  }
  if (item.intents(new Set(work.property?.escalations ?? [])).length > 0) {
    const outcome = await runEscalations(deps, {
      issueId: work.issue.id,
      issueKey: work.issue.key,
      evaluation: item.evaluation,
      contract: item.contract,
      project: work.project,
      intents: item.intents,
      stored: work.property,
      next: item.next,
      jiraIssue: {
        serviceDesk: work.issue.fields.project?.projectTypeKey === 'service_desk',
        hasReporter: work.issue.fields.reporter !== undefined && work.issue.fields.reporter !== null,
      },
      runId: options.runId,
      language,
    });
    if (outcome.locked) {
      stats.skippedLocked++;
      return;
    }
    stats.escalations += outcome.executed.length - outcome.recorded;
    stats.escalationsRecorded += outcome.recorded;
    if (outcome.written) {
      stats.propertyWrites += 1;
      record = outcome.written;
      copyWritten = true;
    }
    if (outcome.error !== undefined) {
      recordError(stats, work.issue.key, outcome.error);
      // What Jira accepted before the failure becomes the record, so it is not repeated.
      if (outcome.written) await saveFacts(deps, work, record, item.nextAtMs, options.runId, stats);
      return;
    }
  }
  if (!copyWritten) {
    const copyStale = work.jiraCopy !== undefined && copyDiffers(work.jiraCopy, record);
    if (copyStale || (work.jiraCopy === undefined && propertyChanged(work.property, record))) {
      await deps.jira.setIssueProperty(work.issue.id, SLA_PROPERTY_KEY, record);
      stats.propertyWrites++;
    }
  }
  await saveFacts(deps, work, record, item.nextAtMs, options.runId, stats);
}

/**
 * Step 5: the issues no contract covers (see the contract rules) show it: the SLA field and the
 * property say `not_covered` (no deadline, no tariff, no escalation), written only when they said
 * something else, so the client's team sees why no clock runs. Returns the issues whose record changed.
 */
async function notCoveredStep(
  deps: AppDeps,
  settings: AppSettings,
  works: readonly IssueWork[],
  options: ProcessOptions,
  stats: ProcessStats,
): Promise<IssueWork[]> {
  const changed: IssueWork[] = [];
  for (const work of works) {
    try {
      const summary = notCoveredSummary(work.property?.line ?? null);
      const record = nextProperty(work.property, summary);
      if (options.fieldId !== null && (fieldChanged(work.property, summary) || fieldFormatOld(work))) {
        const value = fieldValueOf(summary, 'UTC', settings.mapping.language);
        await deps.jira.setAppFieldValues([{ issueIds: [Number(work.issue.id)], value }], options.fieldId, {
          generateChangelog: false,
        });
        stats.fieldWrites++;
      }
      const copyStale = work.jiraCopy !== undefined && copyDiffers(work.jiraCopy, record);
      if (copyStale || (work.jiraCopy === undefined && propertyChanged(work.property, record))) {
        await deps.jira.setIssueProperty(work.issue.id, SLA_PROPERTY_KEY, record);
        stats.propertyWrites++;
      }
      if (work.facts === null || copyDiffers(work.facts.record, record)) changed.push(work);
      await saveFacts(deps, work, record, null, options.runId, stats);
    } catch (error) {
      recordError(stats, work.issue.key, error);
    }
  }
  return changed;
}

/**
 * Keeps the app's record of the issue in storage (under the issue's lock, the one escalations take), and
 * the issue's place in the sweep's due index; writes nothing when neither changed.
 */
async function saveFacts(
  deps: AppDeps,
  work: IssueWork,
  record: SlaProperty,
  nextAtMs: number | null,
  runId: string,
  stats: ProcessStats,
): Promise<void> {
  const projectKey = work.issue.fields.project?.key ?? work.issue.key.split('-')[0];
  const previous = work.facts;
  const unchanged =
    previous !== null &&
    previous.nextAtMs === nextAtMs &&
    previous.issueKey === work.issue.key &&
    previous.projectKey === projectKey &&
    (previous.fieldFormat ?? 1) === FIELD_FORMAT &&
    !copyDiffers(previous.record, record);
  if (unchanged) return;
  const release = await acquireLock(deps.store, `esc:${work.issue.id}`, runId, deps.now());
  if (!release) {
    // Someone else is writing this issue's record now; the next event or sweep writes this one.
    deps.log({ event: 'sla_facts_locked', issue: work.issue.key, runId });
    return;
  }
  try {
    const facts: IssueFacts = {
      v: 1,
      issueKey: work.issue.key,
      projectKey,
      record,
      nextAtMs,
      evaluatedAtMs: deps.now(),
      fieldFormat: FIELD_FORMAT,
    };
    await writeIssueFacts(deps.store, work.issue.id, previous, facts);
    stats.factWrites++;
  } finally {
    await release();
  }
}

/**
 * Evaluates issues through the core and writes only what changed, in named steps: evaluate (with the
 * daily-limit peers when a badge changes), look for first responses, write the SLA field, then per
 * issue run the due escalations or write the property. Errors of one issue (an issue the catalog
 * cannot evaluate included) are recorded with their code and the others go on.
 *
 * @example
 * const stats = await processIssues(deps, settings, works, { runId, fieldId, responseCheck: 'on_change' });
 * stats.propertyWrites; // 0 when nothing changed since the last run
 */
export async function processIssues(
  deps: AppDeps,
  settings: AppSettings,
  works: readonly IssueWork[],
  options: ProcessOptions,
): Promise<ProcessStats> {
  const stats = emptyStats();
  stats.issues = works.length;
  const nowMs = deps.now();
  let items: EvaluatedIssue[];
  let uncovered: IssueWork[];
  try {
    const evaluated = await evaluateStep(deps, settings, works, nowMs, options, stats);
    uncovered = evaluated.uncovered;
    items = await responseStep(deps, settings, evaluated.items, evaluated.peers, nowMs, options, stats);
  } catch (error) {
    for (const work of works) recordError(stats, work.issue.key, error);
    return stats;
  }
  items = await fieldStep(deps, settings, items, options.fieldId, stats);
  for (const item of items) {
    try {
      await issueStep(deps, item, options, stats, settings.mapping.language);
    } catch (error) {
      recordError(stats, item.work.issue.key, error);
    }
  }
  const markedUncovered = await notCoveredStep(deps, settings, uncovered, options, stats);
  // A project whose issues' SLA states moved (at a due instant too, without an event) has stale reports.
  // Per project, the contracts whose issues changed ('' for requests no contract covers).
  const changedProjects = new Map<string, Set<string>>();
  for (const { work, contract } of [
    ...items
      .filter((item) => item.work.facts === null || copyDiffers(item.work.facts.record, item.next))
      .map((item) => ({ work: item.work, contract: item.next.contract })),
    ...markedUncovered.map((work) => ({ work, contract: '' })),
  ]) {
    const projectKey = work.issue.fields.project?.key ?? work.issue.key.split('-')[0];
    changedProjects.set(projectKey, (changedProjects.get(projectKey) ?? new Set<string>()).add(contract));
  }
  for (const [projectKey, contracts] of changedProjects) await markReportsStale(deps, projectKey, contracts);
  return stats;
}

function recordProblems(stats: ProcessStats, issue: string, problems: readonly ValidationIssue[]): void {
  for (const problem of problems)
    stats.errors.push({ issue, code: problem.code, message: `${issue}: ${problem.message}` });
}

function recordError(stats: ProcessStats, issue: string, error: unknown): void {
  if (error instanceof JiraError) stats.errors.push({ issue, code: error.code, message: error.message });
  else if (error instanceof MessagesDeferred) stats.errors.push({ issue, code: error.code, message: error.message });
  else if (error instanceof Error) stats.errors.push({ issue, code: 'internal', message: error.message });
  else stats.errors.push({ issue, code: 'internal', message: String(error) });
}
