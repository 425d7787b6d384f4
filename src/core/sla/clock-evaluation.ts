import type { BusinessCalendar } from '../calendar/business-calendar';
import { MS_PER_MINUTE } from '../calendar/wall-clock';
import type { ClockName } from '../catalog/catalog-schema';
import {
  countedWorkingMs,
  instantThresholdHeldSince,
  instantWhenCounted,
  type ClockSpan,
  type TargetPeriod,
} from './clock-spans';
import type { ClockTarget, TargetSource } from './clock-target';

const NO_TARGET_CHANGES: readonly TargetPeriod[] = Object.freeze([]);

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
  /**
   * The targets in force over the clock's life, oldest first, the last one being `targetMs`, when a
   * priority, type or estimate change moved it; empty when the target never changed (or there is none).
   */
  targetPeriods: readonly TargetPeriod[];
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
  /**
   * The targets in force over the clock's life, oldest first, each from the change (type, priority,
   * estimate) that set it, the last one being `target`. Omitted (or one period) when it never changed.
   */
  targetPeriods?: readonly TargetPeriod[];
  atRiskPercent: number;
  nowMs: number;
  /**
   * The clock does not count at `nowMs` (the issue sits in a pause status, or still waits for an
   * estimate). Given explicitly because a change at exactly `nowMs` leaves no span behind to show it.
   */
  pausedNow?: boolean;
  type: string;
  priority: string;
}

// Evaluations are plain object literals with every field (no spread): one is built for every clock
// of every issue, and spreading into a fresh object is the slow path of the hot loop.

/** A clock without a deadline: not covered, waiting for an estimate, or without a target. */
function withoutTarget(inputs: ClockInputs, state: ClockState, elapsedMs: number): ClockEvaluation {
  return {
    clock: inputs.clock,
    state,
    targetMs: null,
    targetMinutes: null,
    elapsedMs,
    elapsedMinutes: Math.floor(elapsedMs / MS_PER_MINUTE),
    remainingMinutes: null,
    dueAtMs: null,
    stoppedAtMs: inputs.stoppedAtMs,
    breachedAtMs: null,
    atRiskAtMs: null,
    targetSource: null,
    targetPeriods: NO_TARGET_CHANGES,
    type: inputs.type,
    priority: inputs.priority,
    spans: inputs.spans,
  };
}

/**
 * Decides a clock's state from its spans and target.
 * - Met when it stopped with elapsed time not above the target (stopping exactly at the deadline is met).
 * - Breached once elapsed time exceeds the target; the breach instant is the deadline, or the moment a
 *   priority, type or estimate change shortened the target below the time already spent (a change
 *   that leaves an earlier breach in place, or does not move the target, keeps the earlier instant).
 * - At risk when running past `atRiskPercent` of the target; paused while the issue waits.
 */
export function evaluateClock(inputs: ClockInputs): ClockEvaluation {
  const { clock, spans, calendar, target, nowMs } = inputs;
  const elapsedMs = countedWorkingMs(spans, calendar);
  const elapsedMinutes = Math.floor(elapsedMs / MS_PER_MINUTE);
  const lastSpan = spans.length > 0 ? spans[spans.length - 1] : null;
  const isOpen = inputs.stoppedAtMs === null;
  if (!inputs.covered) return withoutTarget(inputs, 'not_covered', elapsedMs);
  if (target.kind === 'waiting_estimate') return withoutTarget(inputs, isOpen ? 'waiting_estimate' : 'met', elapsedMs);
  if (target.kind === 'none') return withoutTarget(inputs, 'met', elapsedMs);

  const targetMs = target.targetMs;
  const targetPeriods =
    inputs.targetPeriods !== undefined && inputs.targetPeriods.length > 1 ? inputs.targetPeriods : NO_TARGET_CHANGES;
  const reachedMs = instantWhenCounted(spans, calendar, targetMs);
  // Paused is a fact about the status at `nowMs`, given by the caller: a clock that starts counting
  // again exactly at `nowMs` (reopen, resume, first estimate) leaves only a zero-length span behind,
  // so the last span still shows the pause. Without the fact, the last span decides.
  const isPausedNow =
    isOpen &&
    (inputs.pausedNow ?? (lastSpan !== null && lastSpan.endMs >= inputs.nowMs && lastSpan.mode !== 'counting'));
  let dueAtMs: number | null;
  if (reachedMs !== null) dueAtMs = reachedMs;
  else if (!isOpen) dueAtMs = calendar.addWorkingMs(inputs.stoppedAtMs ?? nowMs, targetMs - elapsedMs);
  else if (isPausedNow) dueAtMs = null;
  else dueAtMs = calendar.addWorkingMs(nowMs, targetMs - elapsedMs);

  const breached = elapsedMs > targetMs;
  const atRiskThresholdMs = (targetMs * inputs.atRiskPercent) / 100;
  const atRiskAtMs =
    elapsedMs >= atRiskThresholdMs
      ? instantThresholdHeldSince(spans, calendar, targetMs, targetPeriods, inputs.atRiskPercent / 100)
      : null;
  let state: ClockState;
  if (breached) state = 'breached';
  else if (!isOpen) state = 'met';
  else if (isPausedNow) state = 'paused';
  else if (elapsedMs >= atRiskThresholdMs) state = 'at_risk';
  else state = 'running';

  return {
    clock,
    state,
    targetMs,
    targetMinutes: Math.round(targetMs / MS_PER_MINUTE),
    elapsedMs,
    elapsedMinutes,
    remainingMinutes: Math.round(targetMs / MS_PER_MINUTE) - elapsedMinutes,
    dueAtMs,
    stoppedAtMs: inputs.stoppedAtMs,
    breachedAtMs: breached ? instantThresholdHeldSince(spans, calendar, targetMs, targetPeriods, 1, 0, true) : null,
    atRiskAtMs,
    targetSource: target.source,
    targetPeriods,
    type: inputs.type,
    priority: inputs.priority,
    spans,
  };
}
