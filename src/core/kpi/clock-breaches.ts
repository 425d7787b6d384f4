import { CLOCK_NAMES, type ClockName } from '../catalog/catalog-schema';
import type { IssueEvaluation } from '../sla/evaluate-issue';

/** A clock of an issue that passed its target, dated at the breach. */
export interface ClockBreach {
  clock: ClockName;
  breachedAtMs: number;
  targetMinutes: number;
  elapsedMinutes: number;
  /** Priority and request type whose target the clock was judged by (at its stop, or now). */
  priority: string;
  type: string;
}

/**
 * The breached clocks of an evaluated issue: clocks with a target, on a covered request, in state
 * `breached`, dated at the breach (at the stop or at the evaluation instant when the engine gives no
 * breach instant). The one rule behind the KPIs' breaches and the ledger's service credits: a breach
 * counts once, in the month it happened, whether or not the clock has stopped since.
 *
 * @example
 * clockBreaches(evaluation, nowMs).map((breach) => breach.clock); // ['resolution']
 */
export function clockBreaches(evaluation: IssueEvaluation, nowMs: number): ClockBreach[] {
  const breaches: ClockBreach[] = [];
  for (const name of CLOCK_NAMES) {
    const clock = evaluation.clocks[name];
    if (!clock || clock.targetMinutes === null || clock.state !== 'breached') continue;
    breaches.push({
      clock: name,
      breachedAtMs: clock.breachedAtMs ?? clock.stoppedAtMs ?? nowMs,
      targetMinutes: clock.targetMinutes,
      elapsedMinutes: clock.elapsedMinutes,
      priority: clock.priority,
      type: clock.type,
    });
  }
  return breaches;
}
