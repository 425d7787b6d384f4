import type { CompiledContract } from '../../core/catalog/compiled-catalog';
import type { IssueHistory } from '../../core/history/issue-history';
import { evaluateIssue, type IssueEvaluation } from '../../core/sla/evaluate-issue';
import type { AppFieldValueUpdate } from '../client/jira-client';
import { JiraError } from '../client/jira-error';
import type { JiraChangeHistory, JiraIssue } from '../client/jira-schemas';
import { escalateSinceOf, type AppSettings } from '../config/app-settings';
import type { ProjectMapping } from '../config/jira-mapping-schema';
import { dueEscalations, runEscalations } from '../escalation/escalation-runner';
import { acquireLock } from '../escalation/issue-lock';
import { findFirstResponse } from '../mapping/first-response';
import { jiraIssueToHistory } from '../mapping/jira-issue-history';
import { nextTransitionAtMs } from '../../core/sla/next-transition';
import { copyDiffers, writeIssueFacts, type IssueFacts } from '../sla/issue-facts';
import { SLA_PROPERTY_KEY, type LineChange, type SlaProperty } from '../sla/sla-property';
import { fieldValueOf, nextProperty, propertyChanged, summarizeEvaluation, type SlaSummary } from '../sla/sla-summary';
import type { AppDeps } from './app-deps';

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
export interface EvaluatedIssue {
  readonly work: IssueWork;
  readonly history: IssueHistory;
  readonly evaluation: IssueEvaluation;
  readonly contract: CompiledContract;
  readonly summary: SlaSummary;
  readonly next: SlaProperty;
  readonly isDone: boolean;
  /** When the evaluation changes next without an event (the due index of the sweep). */
  readonly nextAtMs: number | null;
}

/** Counters of one processing pass. */
export interface ProcessStats {
  issues: number;
  propertyWrites: number;
  fieldWrites: number;
  /** Escalation levels acted on. */
  escalations: number;
  /** Levels recorded without acting (due before the project was enabled, or on a done issue). */
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
  return { issues: 0, propertyWrites: 0, fieldWrites: 0, escalations: 0, escalationsRecorded: 0, responseChecks: 0, skippedLocked: 0, unmapped: 0, restored: 0, factWrites: 0, errors: [] };
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
}

function evaluateWork(settings: AppSettings, work: IssueWork, nowMs: number, facts: RecordedFacts): EvaluatedIssue | null {
  const catalog = settings.catalog;
  const contract = catalog.contract(work.project.contract);
  if (!contract) return null;
  const property = { response: facts.response, lineHistory: [...facts.lineHistory] };
  const { history } = jiraIssueToHistory({ issue: work.issue, histories: work.histories, property }, catalog, work.project);
  const term = catalog.tariffAt(contract, history.createdAtMs);
  const evaluation = evaluateIssue(history, contract, term, nowMs);
  const isDone = work.issue.fields.status?.statusCategory.key === 'done' || contract.statuses.done.has(evaluation.status);
  const summary = summarizeEvaluation(evaluation, term.tariff, term.calendar.zone, work.project.initialLine, isDone);
  const nextAtMs = nextTransitionAtMs(evaluation, { calendar: term.calendar, atRiskPercent: term.tariff.atRiskPercent }, nowMs);
  return { work, history, evaluation, contract, summary, next: nextProperty(work.property, summary, property), isDone, nextAtMs };
}

const SUMMARY_KEYS: ReadonlyArray<keyof SlaSummary> = ['slaState', 'slaDueAt', 'slaTariff', 'clock'];

function fieldChanged(stored: SlaProperty | null, summary: SlaSummary): boolean {
  return stored === null || SUMMARY_KEYS.some((key) => stored[key] !== summary[key]);
}

/** Updates per request to the field-value endpoint. */
const FIELD_UPDATES_PER_REQUEST = 200;

/**
 * Evaluates issues and writes only what changed: the SLA field (batched, several issues per request)
 * before the issue property, so a failure between the two is repaired by the next run; escalations that
 * fell due run exactly once (see runEscalations). Errors of one issue are recorded and the others go on.
 *
 * @example
 * const stats = await processIssues(deps, settings, works, { runId, fieldId, responseCheck: 'on_change' });
 * stats.propertyWrites; // 0 when nothing changed since the last run
 */
export async function processIssues(deps: AppDeps, settings: AppSettings, works: readonly IssueWork[], options: ProcessOptions): Promise<ProcessStats> {
  const stats = emptyStats();
  const nowMs = deps.now();
  const agents = new Set(settings.mapping.agents.accountIds);
  const evaluated: EvaluatedIssue[] = [];

  for (const work of works) {
    stats.issues++;
    try {
      const facts = recordedFacts(work);
      let result = evaluateWork(settings, work, nowMs, facts);
      if (!result) {
        stats.unmapped++;
        continue;
      }
      const reaction = result.evaluation.clocks.reaction;
      const reactionOpen = reaction !== undefined && reaction.stoppedAtMs === null && !result.isDone;
      const wouldChange =
        fieldChanged(work.property, result.summary) ||
        dueEscalations(result).some(({ step, marker }) => step.clock === 'reaction' && !(work.property?.escalations ?? []).includes(marker));
      if (reactionOpen && (work.property?.response ?? null) === null && agents.size > 0 && (options.responseCheck === 'always' || wouldChange)) {
        stats.responseChecks++;
        const response = await findFirstResponse(deps.jira, work.issue.id, agents);
        if (response) result = evaluateWork(settings, work, nowMs, { ...facts, response }) ?? result;
      }
      evaluated.push(result);
    } catch (error) {
      recordError(stats, work.issue.key, error);
    }
  }

  if (options.fieldId !== null) {
    const fieldId = options.fieldId;
    const updates: AppFieldValueUpdate[] = [];
    for (const item of evaluated) {
      if (!fieldChanged(item.work.property, item.summary)) continue;
      const term = item.contract.tariffs.find((candidate) => candidate.tariffId === item.evaluation.tariffId);
      updates.push({ issueIds: [Number(item.work.issue.id)], value: fieldValueOf(item.summary, term?.calendar.zone ?? 'UTC', settings.mapping.language) });
    }
    for (let start = 0; start < updates.length; start += FIELD_UPDATES_PER_REQUEST) {
      const part = updates.slice(start, start + FIELD_UPDATES_PER_REQUEST);
      try {
        await deps.jira.setAppFieldValues(part, fieldId, { generateChangelog: false });
        stats.fieldWrites++;
      } catch (error) {
        // The properties of these issues are not written either, so the next run tries both again.
        for (const update of part) {
          const failed = evaluated.findIndex((item) => Number(item.work.issue.id) === update.issueIds[0]);
          if (failed >= 0) {
            recordError(stats, evaluated[failed].work.issue.key, error);
            evaluated.splice(failed, 1);
          }
        }
      }
    }
  }

  for (const item of evaluated) {
    const { work } = item;
    try {
      let record: SlaProperty = item.next;
      let copyWritten = false;
      // A copy in Jira that is not the app's record was written by someone else: whatever writes next puts the record back.
      if (work.jiraCopy !== undefined && work.property !== null && copyDiffers(work.jiraCopy, work.property)) {
        stats.restored++;
        deps.log({ event: 'sla_copy_restored', issue: work.issue.key, runId: options.runId });
      }
      const hasPending = dueEscalations(item).some(({ marker }) => !(work.property?.escalations ?? []).includes(marker));
      if (hasPending) {
        const outcome = await runEscalations(deps, {
          issueId: work.issue.id,
          issueKey: work.issue.key,
          history: item.history,
          evaluation: item.evaluation,
          contract: item.contract,
          catalog: settings.catalog,
          project: work.project,
          stored: work.property,
          next: item.next,
          isDone: item.isDone,
          escalateSinceMs: escalateSinceOf(settings, work.issue.fields.project?.key ?? work.issue.key.split('-')[0]),
          jiraIssue: {
            serviceDesk: work.issue.fields.project?.projectTypeKey === 'service_desk',
            hasReporter: work.issue.fields.reporter !== undefined && work.issue.fields.reporter !== null,
          },
          language: settings.mapping.language,
          runId: options.runId,
        });
        if (outcome.locked) {
          stats.skippedLocked++;
          continue;
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
          // What the runner wrote to Jira is kept as the record, so it is not repeated.
          if (outcome.written) await saveFacts(deps, work, record, item.nextAtMs, options.runId, stats);
          continue;
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
    } catch (error) {
      recordError(stats, work.issue.key, error);
    }
  }
  return stats;
}

/**
 * Keeps the app's record of the issue in storage (under the issue's lock, the one escalations take), and
 * the issue's place in the sweep's due index; writes nothing when neither changed.
 */
async function saveFacts(deps: AppDeps, work: IssueWork, record: SlaProperty, nextAtMs: number | null, runId: string, stats: ProcessStats): Promise<void> {
  const projectKey = work.issue.fields.project?.key ?? work.issue.key.split('-')[0];
  const previous = work.facts;
  const unchanged =
    previous !== null && previous.nextAtMs === nextAtMs && previous.issueKey === work.issue.key && previous.projectKey === projectKey && !copyDiffers(previous.record, record);
  if (unchanged) return;
  const release = await acquireLock(deps.store, `esc:${work.issue.id}`, runId, deps.now());
  if (!release) {
    // Someone else is writing this issue's record now; the next event or sweep writes this one.
    deps.log({ event: 'sla_facts_locked', issue: work.issue.key, runId });
    return;
  }
  try {
    const facts: IssueFacts = { v: 1, issueKey: work.issue.key, projectKey, record, nextAtMs, evaluatedAtMs: deps.now() };
    await writeIssueFacts(deps.store, work.issue.id, previous, facts);
    stats.factWrites++;
  } finally {
    await release();
  }
}

function recordError(stats: ProcessStats, issue: string, error: unknown): void {
  if (error instanceof JiraError) stats.errors.push({ issue, code: error.code, message: error.message });
  else if (error instanceof Error) stats.errors.push({ issue, code: 'internal', message: error.message });
  else stats.errors.push({ issue, code: 'internal', message: String(error) });
}
