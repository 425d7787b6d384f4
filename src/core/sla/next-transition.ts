import type { BusinessCalendar } from '../calendar/business-calendar';
import type { ClockEvaluation } from './clock-evaluation';
import type { IssueEvaluation } from './evaluate-issue';

/** What the next-transition rule needs besides the evaluation: the clocks' calendar and the tariff's at-risk percent. */
export interface NextTransitionTerms {
  readonly calendar: BusinessCalendar;
  readonly atRiskPercent: number;
}

/** The instant a running clock crosses its at-risk threshold; null when it has no target or already crossed it. */
function atRiskInstantMs(clock: ClockEvaluation, terms: NextTransitionTerms, nowMs: number): number | null {
  if (clock.state !== 'running' || clock.targetMs === null) return null;
  const thresholdMs = (clock.targetMs * terms.atRiskPercent) / 100;
  if (clock.elapsedMs >= thresholdMs) return null;
  return terms.calendar.addWorkingMs(nowMs, thresholdMs - clock.elapsedMs);
}

/**
 * The next instant after `nowMs` at which the evaluation of an issue changes without anything happening
 * to the issue: a running clock turns at risk, an at-risk clock is breached, or an escalation level falls
 * due. Between events, an issue's state changes only at these instants, so a sweep need not look at an
 * issue before this instant (null: nothing changes until the next event — every clock is stopped, paused,
 * waiting for an estimate or not covered).
 *
 * A paused clock resumes only on a status change, which is an event; a clock whose target a change will
 * move is re-evaluated at that change.
 *
 * @example
 * nextTransitionAtMs(evaluation, { calendar: term.calendar, atRiskPercent: term.tariff.atRiskPercent }, nowMs);
 * // e.g. the instant 80 % of the resolution target is used up
 */
export function nextTransitionAtMs(
  evaluation: IssueEvaluation,
  terms: NextTransitionTerms,
  nowMs: number,
): number | null {
  let next = Number.POSITIVE_INFINITY;
  const consider = (atMs: number | null) => {
    if (atMs !== null && atMs > nowMs && atMs < next) next = atMs;
  };
  for (const clock of Object.values(evaluation.clocks)) {
    if (clock === undefined || clock.stoppedAtMs !== null) continue;
    consider(atRiskInstantMs(clock, terms, nowMs));
    // Breach: the first working instant past the deadline (exactly at the deadline the clock is still at risk,
    // and a deadline at the end of a working day is breached only when the next one begins).
    if ((clock.state === 'running' || clock.state === 'at_risk') && clock.dueAtMs !== null)
      consider(terms.calendar.addWorkingMs(clock.dueAtMs, 1));
  }
  for (const step of evaluation.escalations) if (!step.due) consider(step.dueAtMs);
  return Number.isFinite(next) ? next : null;
}
