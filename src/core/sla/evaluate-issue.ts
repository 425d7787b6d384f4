import { entryOf } from '../errors/safe-record';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { CLOCK_NAMES, type ClockName, type Tariff } from '../catalog/catalog-schema';
import type { CompiledContract, ContractTariff } from '../catalog/compiled-catalog';
import { planEscalations, type EscalationStep } from '../escalation/escalation-plan';
import type { IssueHistory } from '../history/issue-history';
import { buildClockSpans, spansUntil, type ClockSpan, type StatusTimeline, type TargetPeriod } from './clock-spans';
import { evaluateClock, type ClockEvaluation, type ClockState } from './clock-evaluation';
import { resolveClockTarget, type EstimateAt } from './clock-target';

/** Everything the engine says about one issue at one instant. */
export interface IssueEvaluation {
  key: string;
  contractId: string;
  tariffId: string;
  calendarId: string;
  /** Type, priority, status and support line now. */
  type: string;
  priority: string;
  status: string;
  line: string | null;
  createdAtMs: number;
  /** First working instant at or after creation: where the clocks start counting. */
  clockStartMs: number;
  /** Created outside the service schedule. */
  offHours: boolean;
  /** Beyond the tariff's daily incident limit. */
  overLimit: boolean;
  /** The request type is covered by the tariff (a free plan covers bugs only). */
  covered: boolean;
  /** The most urgent clock state, for a badge. */
  state: ClockState;
  clocks: Partial<Record<ClockName, ClockEvaluation>>;
  escalations: EscalationStep[];
}

const STATE_URGENCY: Record<ClockState, number> = {
  breached: 6,
  at_risk: 5,
  running: 4,
  paused: 3,
  waiting_estimate: 2,
  met: 1,
  not_covered: 0,
};

/** The most urgent of several clock states (breached before at risk before running …). */
export function mostUrgentState(states: readonly ClockState[]): ClockState {
  let result: ClockState = 'met';
  let best = -1;
  for (const state of states) {
    if (STATE_URGENCY[state] > best) {
      best = STATE_URGENCY[state];
      result = state;
    }
  }
  return result;
}

function valueAt(changes: ReadonlyArray<{ atMs: number; to: string }>, initial: string, atMs: number): string {
  let value = initial;
  for (const change of changes) {
    if (change.atMs > atMs) break;
    value = change.to;
  }
  return value;
}

/** The latest estimate made at or before `atMs`, dated at the first estimate (the deadline counts from it). */
function estimateAt(estimates: readonly EstimateAt[], atMs: number): EstimateAt | null {
  let latest = -1;
  while (latest + 1 < estimates.length && estimates[latest + 1].atMs <= atMs) latest++;
  return latest < 0 ? null : { minutes: estimates[latest].minutes, atMs: estimates[0].atMs };
}

/**
 * The targets a clock had over time, one period per change of type, priority or estimate up to
 * `endMs` that moved it; undefined when nothing moved it (the common case, kept cheap).
 *
 * One merge over the three change lists (each already in time order): the type, priority and
 * estimate in force are carried along, so a history of n changes costs O(n), not O(n²).
 */
function targetPeriodsOf(
  tariff: Tariff,
  clock: ClockName,
  issue: IssueHistory,
  typeChanges: ReadonlyArray<{ atMs: number; to: string }>,
  priorityChanges: ReadonlyArray<{ atMs: number; to: string }>,
  estimates: readonly EstimateAt[],
  endMs: number,
  calendar: BusinessCalendar,
  spans: readonly ClockSpan[],
): TargetPeriod[] | undefined {
  // Only a resolution rule can be "estimate", so estimates move no other clock.
  const clockEstimates = clock === 'resolution' ? estimates : NO_ESTIMATES;
  if (typeChanges.length === 0 && priorityChanges.length === 0 && clockEstimates.length === 0) return undefined;
  let typeIndex = 0;
  let priorityIndex = 0;
  let estimateIndex = 0;
  let spanIndex = 0;
  let type = issue.type;
  let priority = issue.priority;
  let estimate: EstimateAt | null = null;
  const periods: TargetPeriod[] = [];
  const addPeriod = (fromMs: number): void => {
    const target = resolveClockTarget(
      tariff,
      clock,
      type,
      priority,
      clock === 'resolution' ? estimate : null,
      issue.createdAtMs,
      calendar,
    );
    const targetMs = target.kind === 'target' ? target.targetMs : null;
    // A change that keeps the target starts no new period.
    if (periods.length === 0 || periods[periods.length - 1].targetMs !== targetMs) {
      // An estimate-based target counted from the first estimate, not from creation.
      if (target.kind === 'target' && target.source.kind === 'estimate')
        periods.push({ fromMs, targetMs, countsFromMs: target.source.estimatedAtMs });
      else periods.push({ fromMs, targetMs });
    }
  };
  // Changes at or before creation count from creation.
  let fromMs = issue.createdAtMs;
  for (;;) {
    // Apply every change up to `fromMs`; changes at one instant give one target.
    while (typeIndex < typeChanges.length && typeChanges[typeIndex].atMs <= fromMs) type = typeChanges[typeIndex++].to;
    while (priorityIndex < priorityChanges.length && priorityChanges[priorityIndex].atMs <= fromMs)
      priority = priorityChanges[priorityIndex++].to;
    while (estimateIndex < clockEstimates.length && clockEstimates[estimateIndex].atMs <= fromMs) {
      estimate = { minutes: clockEstimates[estimateIndex].minutes, atMs: clockEstimates[0].atMs };
      estimateIndex++;
    }
    addPeriod(fromMs);
    const nextMs = Math.min(
      typeIndex < typeChanges.length ? typeChanges[typeIndex].atMs : Infinity,
      priorityIndex < priorityChanges.length ? priorityChanges[priorityIndex].atMs : Infinity,
      estimateIndex < clockEstimates.length ? clockEstimates[estimateIndex].atMs : Infinity,
    );
    if (nextMs > endMs) break;
    // A change made while the issue was done reaches the stopped clock only when it reopens (a
    // stopped clock keeps the target it stopped with): it applies at the end of that done span.
    // Spans and changes are both sorted, so one forward pass over the spans does it.
    while (spanIndex < spans.length && spans[spanIndex].endMs <= nextMs) spanIndex++;
    const span = spans[spanIndex];
    fromMs = span !== undefined && span.mode === 'done' && span.startMs <= nextMs ? span.endMs : nextMs;
  }
  return periods.length > 1 ? periods : undefined;
}

/** Options of one evaluation. */
export interface EvaluateIssueOptions {
  /** Set by the portfolio pass, which sees every issue of the day. */
  overLimit?: boolean;
}

const NO_OPTIONS: EvaluateIssueOptions = Object.freeze({});
/** Shared empty lists, never written to: evaluateIssue replaces them before its first push. */
const NO_CHANGES: Array<{ atMs: number; to: string }> = [];
const NO_ESTIMATES: EstimateAt[] = [];

/**
 * Evaluates the reaction, start-of-work and resolution clocks of one issue at `nowMs`.
 *
 * - Reaction stops at the first response or the first status change to a status other than the
 *   contract's `statuses.initial` (an issue created already in work or done reacted at creation).
 * - Start of work stops at the first status that means work (or done).
 * - Resolution stops while the issue is done; a reopen resumes it, the time spent done not counted.
 * - Pause statuses pause every running clock. Events after `nowMs` are ignored (replay at any instant).
 *
 * @example
 * const contract = catalog.contract('client-a')!;
 * const evaluation = evaluateIssue(issue, contract, catalog.tariffAt(contract, issue.createdAtMs), Date.now());
 * evaluation.clocks.resolution?.state; // 'running' | 'at_risk' | 'breached' | …
 */
export function evaluateIssue(
  issue: IssueHistory,
  contract: CompiledContract,
  contractTariff: ContractTariff,
  nowMs: number,
  options: EvaluateIssueOptions = NO_OPTIONS,
): IssueEvaluation {
  const { tariff, calendar } = contractTariff;
  const statuses = contract.statuses;
  const createdAtMs = issue.createdAtMs;

  const timeline: StatusTimeline = { startsMs: [createdAtMs], names: [issue.status] };
  // Most issues never change type or priority: the lists are made on the first change.
  let priorityChanges: Array<{ atMs: number; to: string }> = NO_CHANGES;
  let typeChanges: Array<{ atMs: number; to: string }> = NO_CHANGES;
  let estimates: EstimateAt[] = NO_ESTIMATES;
  // Created already in work or done (staff logged it while handling it, or it was imported closed):
  // the reaction happened at creation, or the clock would wait forever for a response.
  let reactionStopMs: number | null =
    statuses.working.has(issue.status) || statuses.done.has(issue.status) ? createdAtMs : null;
  let startStopMs: number | null =
    statuses.working.has(issue.status) || statuses.done.has(issue.status) ? createdAtMs : null;
  let currentStatus = issue.status;
  let doneSinceMs: number | null = statuses.done.has(issue.status) ? createdAtMs : null;
  let line: string | null = issue.line ?? null;

  for (const event of issue.events) {
    if (event.atMs > nowMs) break;
    switch (event.kind) {
      case 'status':
        if (event.to === currentStatus) break;
        // Leaving the initial status is a reaction; moving into it (from a status the issue was created in) is not.
        if (reactionStopMs === null && event.to !== statuses.initial) reactionStopMs = event.atMs;
        if (startStopMs === null && (statuses.working.has(event.to) || statuses.done.has(event.to)))
          startStopMs = event.atMs;
        if (statuses.done.has(event.to)) {
          if (doneSinceMs === null) doneSinceMs = event.atMs;
        } else doneSinceMs = null;
        timeline.startsMs.push(event.atMs);
        timeline.names.push(event.to);
        currentStatus = event.to;
        break;
      case 'response':
        if (reactionStopMs === null) reactionStopMs = event.atMs;
        break;
      case 'priority':
        if (priorityChanges === NO_CHANGES) priorityChanges = [];
        priorityChanges.push(event);
        break;
      case 'type':
        if (typeChanges === NO_CHANGES) typeChanges = [];
        typeChanges.push(event);
        break;
      case 'estimate':
        if (estimates === NO_ESTIMATES) estimates = [];
        estimates.push(event);
        break;
      case 'line':
        line = event.to;
        break;
    }
  }

  const currentType = valueAt(typeChanges, issue.type, nowMs);
  const currentPriority = valueAt(priorityChanges, issue.priority, nowMs);
  const covered = contractTariff.coveredTypes === null || contractTariff.coveredTypes.has(currentType);

  const clocks: Partial<Record<ClockName, ClockEvaluation>> = {};
  const evaluated: ClockEvaluation[] = [];
  let state: ClockState = 'met';
  const latestEndMs = Math.max(reactionStopMs ?? nowMs, startStopMs ?? nowMs, doneSinceMs ?? nowMs);
  let sharedSpans: ClockSpan[] | null = null;
  for (const clock of CLOCK_NAMES) {
    const stoppedAtMs = clock === 'reaction' ? reactionStopMs : clock === 'start' ? startStopMs : doneSinceMs;
    const endMs = stoppedAtMs ?? nowMs;
    const type = valueAt(typeChanges, issue.type, endMs);
    const priority = valueAt(priorityChanges, issue.priority, endMs);
    const estimate = estimateAt(estimates, endMs);
    const target = resolveClockTarget(tariff, clock, type, priority, estimate, createdAtMs, calendar);
    if (target.kind === 'none') continue;
    const waitingUntilMs =
      entryOf(tariff.requestTypes, type)?.resolution === 'estimate' && clock === 'resolution'
        ? (estimates[0]?.atMs ?? Infinity)
        : null;
    let spans: ClockSpan[];
    if (waitingUntilMs !== null)
      spans = buildClockSpans(timeline, statuses, createdAtMs, endMs, waitingUntilMs, calendar);
    else {
      // Built once, to the latest stop of the three clocks; the others take a prefix of it.
      sharedSpans ??= buildClockSpans(timeline, statuses, createdAtMs, latestEndMs, null, calendar);
      spans = endMs === latestEndMs ? sharedSpans : spansUntil(sharedSpans, endMs, calendar);
    }
    const targetPeriods = covered
      ? targetPeriodsOf(tariff, clock, issue, typeChanges, priorityChanges, estimates, endMs, calendar, spans)
      : undefined;
    const evaluation = evaluateClock({
      clock,
      spans,
      calendar,
      target,
      covered,
      stoppedAtMs,
      targetPeriods,
      atRiskPercent: tariff.atRiskPercent,
      nowMs,
      pausedNow: statuses.paused.has(currentStatus),
      type,
      priority,
    });
    clocks[clock] = evaluation;
    evaluated.push(evaluation);
    if (evaluated.length === 1 || STATE_URGENCY[evaluation.state] > STATE_URGENCY[state]) state = evaluation.state;
  }

  return {
    key: issue.key,
    contractId: contract.id,
    tariffId: contractTariff.tariffId,
    calendarId: contractTariff.calendarId,
    type: currentType,
    priority: currentPriority,
    status: currentStatus,
    line,
    createdAtMs,
    clockStartMs: calendar.nextWorkingInstant(createdAtMs),
    offHours: !calendar.isWorking(createdAtMs),
    overLimit: options.overLimit ?? false,
    covered,
    state,
    clocks,
    escalations: covered
      ? planEscalations(contractTariff.escalationPolicy, tariff.escalationMode, evaluated, calendar, nowMs)
      : [],
  };
}
