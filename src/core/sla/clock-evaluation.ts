import type { BusinessCalendar } from '../calendar/business-calendar';
import { MS_PER_MINUTE } from '../calendar/wall-clock';
import type { ClockName } from '../catalog/catalog-schema';
import { countedWorkingMs, instantWhenCounted, type ClockSpan } from './clock-spans';
import type { ClockTarget, TargetSource } from './clock-target';

/** Where a clock stands. */
export type ClockState = 'running' | 'paused' | 'at_risk' | 'met' | 'breached' | 'waiting_estimate' | 'not_covered';

/** One SLA clock of one issue at the evaluation instant. */
export interface ClockEvaluation {
  clock: ClockName;
  state: ClockState;
  targetMs: number | null;
  targetMinutes: number | null;
  elapsedMs: number;
  elapsedMinutes: number;
  /** Target minus elapsed, in whole minutes; negative once breached. */
  remainingMinutes: number | null;
  /** When the target is (or was) reached; null while paused or without a target. */
  dueAtMs: number | null;
  /** When the clock stopped for good (met or breached), null while it can still run. */
  stoppedAtMs: number | null;
  breachedAtMs: number | null;
  /** When the clock passed the at-risk threshold, if it did. */
  atRiskAtMs: number | null;
  targetSource: TargetSource | null;
  /** Request type and priority whose target applies (those in force when the clock stopped, or now). */
  type: string;
  priority: string;
  spans: ClockSpan[];
}

/** What `evaluateClock` needs besides the spans. */
export interface ClockInputs {
  clock: ClockName;
  spans: ClockSpan[];
  calendar: BusinessCalendar;
  target: ClockTarget;
  covered: boolean;
  /** The clock stopped for good at this instant (null: still open at `nowMs`). */
  stoppedAtMs: number | null;
  /** The last change (type, priority, estimate) that could have moved the target. */
  targetChangedAtMs: number;
  atRiskPercent: number;
  nowMs: number;
  type: string;
  priority: string;
}

/**
 * Decides a clock's state from its spans and target.
 * - Met when it stopped with elapsed time not above the target (stopping exactly at the deadline is met).
 * - Breached once elapsed time exceeds the target; the breach instant is the deadline, or the moment a
 *   priority or type change shortened the target below the time already spent.
 * - At risk when running past `atRiskPercent` of the target; paused while the issue waits.
 */
export function evaluateClock(inputs: ClockInputs): ClockEvaluation {
  const { clock, spans, calendar, target, nowMs } = inputs;
  const elapsedMs = countedWorkingMs(spans, calendar);
  const elapsedMinutes = Math.floor(elapsedMs / MS_PER_MINUTE);
  const lastSpan = spans.length > 0 ? spans[spans.length - 1] : null;
  const isOpen = inputs.stoppedAtMs === null;
  const base = {
    clock,
    elapsedMs,
    elapsedMinutes,
    stoppedAtMs: inputs.stoppedAtMs,
    type: inputs.type,
    priority: inputs.priority,
    spans,
  };
  const withoutTarget = (state: ClockState): ClockEvaluation => ({
    ...base,
    state,
    targetMs: null,
    targetMinutes: null,
    remainingMinutes: null,
    dueAtMs: null,
    breachedAtMs: null,
    atRiskAtMs: null,
    targetSource: null,
  });
  if (!inputs.covered) return withoutTarget('not_covered');
  if (target.kind === 'waiting_estimate') return withoutTarget(isOpen ? 'waiting_estimate' : 'met');
  if (target.kind === 'none') return withoutTarget('met');

  const targetMs = target.targetMs;
  const reachedMs = instantWhenCounted(spans, calendar, targetMs);
  const isPausedNow = isOpen && lastSpan !== null && lastSpan.mode !== 'counting';
  let dueAtMs: number | null;
  if (reachedMs !== null) dueAtMs = reachedMs;
  else if (!isOpen) dueAtMs = calendar.addWorkingMs(inputs.stoppedAtMs ?? nowMs, targetMs - elapsedMs);
  else if (isPausedNow) dueAtMs = null;
  else dueAtMs = calendar.addWorkingMs(nowMs, targetMs - elapsedMs);

  const breached = elapsedMs > targetMs;
  const atRiskThresholdMs = (targetMs * inputs.atRiskPercent) / 100;
  const atRiskAtMs = elapsedMs >= atRiskThresholdMs ? instantWhenCounted(spans, calendar, atRiskThresholdMs) : null;
  let state: ClockState;
  if (breached) state = 'breached';
  else if (!isOpen) state = 'met';
  else if (isPausedNow) state = 'paused';
  else if (elapsedMs >= atRiskThresholdMs) state = 'at_risk';
  else state = 'running';

  return {
    ...base,
    state,
    targetMs,
    targetMinutes: Math.round(targetMs / MS_PER_MINUTE),
    remainingMinutes: Math.round(targetMs / MS_PER_MINUTE) - elapsedMinutes,
    dueAtMs,
    breachedAtMs: breached && reachedMs !== null ? Math.max(reachedMs, inputs.targetChangedAtMs) : null,
    atRiskAtMs,
    targetSource: target.source,
  };
}
