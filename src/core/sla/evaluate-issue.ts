import type { ClockName } from '../catalog/catalog-schema';
import type { CompiledContract, ContractTariff } from '../catalog/compiled-catalog';
import { planEscalations, type EscalationStep } from '../escalation/escalation-plan';
import type { IssueHistory } from '../history/issue-history';
import { buildClockSpans, type StatusTimeline } from './clock-spans';
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

function lastChangeAtOrBefore(changes: ReadonlyArray<{ atMs: number }>, atMs: number, fallbackMs: number): number {
  let result = fallbackMs;
  for (const change of changes) {
    if (change.atMs > atMs) break;
    result = change.atMs;
  }
  return result;
}

/** Options of one evaluation. */
export interface EvaluateIssueOptions {
  /** Set by the portfolio pass, which sees every issue of the day. */
  overLimit?: boolean;
}

/**
 * Evaluates the reaction, start-of-work and resolution clocks of one issue at `nowMs`.
 *
 * - Reaction stops at the first response or the first status change out of the creation status.
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
  options: EvaluateIssueOptions = {},
): IssueEvaluation {
  const { tariff, calendar } = contractTariff;
  const statuses = contract.statuses;
  const createdAtMs = issue.createdAtMs;

  const timeline: StatusTimeline = { startsMs: [createdAtMs], names: [issue.status] };
  const priorityChanges: Array<{ atMs: number; to: string }> = [];
  const typeChanges: Array<{ atMs: number; to: string }> = [];
  const estimates: EstimateAt[] = [];
  let reactionStopMs: number | null = null;
  let startStopMs: number | null = statuses.working.has(issue.status) || statuses.done.has(issue.status) ? createdAtMs : null;
  let currentStatus = issue.status;
  let doneSinceMs: number | null = statuses.done.has(issue.status) ? createdAtMs : null;
  let line: string | null = issue.line ?? null;

  for (const event of issue.events) {
    if (event.atMs > nowMs) break;
    switch (event.kind) {
      case 'status':
        if (event.to === currentStatus) break;
        if (reactionStopMs === null && event.to !== issue.status) reactionStopMs = event.atMs;
        if (startStopMs === null && (statuses.working.has(event.to) || statuses.done.has(event.to))) startStopMs = event.atMs;
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
        priorityChanges.push(event);
        break;
      case 'type':
        typeChanges.push(event);
        break;
      case 'estimate':
        estimates.push({ minutes: event.minutes, atMs: event.atMs });
        break;
      case 'line':
        line = event.to;
        break;
    }
  }

  const currentType = valueAt(typeChanges, issue.type, nowMs);
  const currentPriority = valueAt(priorityChanges, issue.priority, nowMs);
  const covered = contractTariff.coveredTypes === null || contractTariff.coveredTypes.has(currentType);
  const stopByClock: Record<ClockName, number | null> = { reaction: reactionStopMs, start: startStopMs, resolution: doneSinceMs };

  const clocks: Partial<Record<ClockName, ClockEvaluation>> = {};
  const evaluated: ClockEvaluation[] = [];
  for (const clock of ['reaction', 'start', 'resolution'] as const) {
    const stoppedAtMs = stopByClock[clock];
    const endMs = stoppedAtMs ?? nowMs;
    const type = valueAt(typeChanges, issue.type, endMs);
    const priority = valueAt(priorityChanges, issue.priority, endMs);
    let estimate: EstimateAt | null = null;
    for (const candidate of estimates) if (candidate.atMs <= endMs) estimate = { minutes: candidate.minutes, atMs: estimates[0].atMs };
    const target = resolveClockTarget(tariff, clock, type, priority, estimate, createdAtMs, calendar);
    if (target.kind === 'none') continue;
    const waitingUntilMs = tariff.requestTypes?.[type]?.resolution === 'estimate' && clock === 'resolution' ? (estimates[0]?.atMs ?? Infinity) : null;
    const spans = buildClockSpans(timeline, statuses, createdAtMs, endMs, waitingUntilMs);
    const targetChangedAtMs = Math.max(
      lastChangeAtOrBefore(typeChanges, endMs, createdAtMs),
      lastChangeAtOrBefore(priorityChanges, endMs, createdAtMs),
      lastChangeAtOrBefore(estimates, endMs, createdAtMs),
    );
    const evaluation = evaluateClock({
      clock,
      spans,
      calendar,
      target,
      covered,
      stoppedAtMs,
      targetChangedAtMs,
      atRiskPercent: tariff.atRiskPercent,
      nowMs,
      type,
      priority,
    });
    clocks[clock] = evaluation;
    evaluated.push(evaluation);
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
    state: mostUrgentState(evaluated.map((clock) => clock.state)),
    clocks,
    escalations: covered ? planEscalations(contractTariff.escalationPolicy, tariff.escalationMode, evaluated, calendar, nowMs) : [],
  };
}
