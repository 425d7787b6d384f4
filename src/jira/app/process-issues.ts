import type { CompiledContract } from '../../core/catalog/compiled-catalog';
import type { IssueHistory } from '../../core/history/issue-history';
import { evaluateIssue, type IssueEvaluation } from '../../core/sla/evaluate-issue';
import type { AppFieldValueUpdate } from '../client/jira-client';
import { JiraError } from '../client/jira-error';
import type { JiraChangeHistory, JiraIssue } from '../client/jira-schemas';
import type { AppSettings } from '../config/app-settings';
import type { ProjectMapping } from '../config/jira-mapping-schema';
import { dueEscalations, runEscalations } from '../escalation/escalation-runner';
import { findFirstResponse } from '../mapping/first-response';
import { jiraIssueToHistory } from '../mapping/jira-issue-history';
import { SLA_PROPERTY_KEY, type LineChange, type SlaProperty } from '../sla/sla-property';
import { fieldValueOf, nextProperty, propertyChanged, summarizeEvaluation, type SlaSummary } from '../sla/sla-summary';
import type { AppDeps } from './app-deps';

/** One Jira issue to evaluate, with what the app already stored on it. */
export interface IssueWork {
  readonly issue: JiraIssue;
  readonly histories: readonly JiraChangeHistory[];
  /** The property as stored in Jira; what changed is judged against it. */
  readonly property: SlaProperty | null;
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
  errors: Array<{ issue: string; code: string; message: string }>;
}

export function emptyStats(): ProcessStats {
  return { issues: 0, propertyWrites: 0, fieldWrites: 0, escalations: 0, escalationsRecorded: 0, responseChecks: 0, skippedLocked: 0, unmapped: 0, errors: [] };
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
  return { work, history, evaluation, contract, summary, next: nextProperty(work.property, summary, property), isDone };
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
          escalateSinceMs: settings.escalateSinceMs,
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
        if (outcome.error !== undefined) {
          if (outcome.written) stats.propertyWrites += 1;
          recordError(stats, work.issue.key, outcome.error);
          continue;
        }
        if (outcome.written) {
          stats.propertyWrites += 1;
          continue;
        }
      }
      if (propertyChanged(work.property, item.next)) {
        await deps.jira.setIssueProperty(work.issue.id, SLA_PROPERTY_KEY, item.next);
        stats.propertyWrites++;
      }
    } catch (error) {
      recordError(stats, work.issue.key, error);
    }
  }
  return stats;
}

function recordError(stats: ProcessStats, issue: string, error: unknown): void {
  if (error instanceof JiraError) stats.errors.push({ issue, code: error.code, message: error.message });
  else if (error instanceof Error) stats.errors.push({ issue, code: 'internal', message: error.message });
  else stats.errors.push({ issue, code: 'internal', message: String(error) });
}
