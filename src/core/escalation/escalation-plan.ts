import type { BusinessCalendar } from '../calendar/business-calendar';
import { MS_PER_MINUTE } from '../calendar/wall-clock';
import { CLOCK_NAMES, type ClockName, type EscalationAction, type EscalationMode, type EscalationPolicy, type Recipient } from '../catalog/catalog-schema';
import { instantWhenCounted } from '../sla/clock-spans';
import type { ClockEvaluation } from '../sla/clock-evaluation';

/** One escalation level for one clock: when it falls due and what it does. */
export interface EscalationStep {
  level: number;
  clock: ClockName;
  /** When the level fell due, or will fall due if the clock keeps running. */
  dueAtMs: number;
  /** True when the level is due by now; false for a projection of a running clock. */
  due: boolean;
  /** Actions after the tariff's escalation mode has decided who among the client is involved. */
  actions: EscalationAction[];
}

const CLIENT_RECIPIENTS: Record<EscalationMode, ReadonlySet<Recipient>> = {
  with_client_team: new Set(),
  minimal_client: new Set<Recipient>(['client_team']),
  without_client: new Set<Recipient>(['client_team', 'client_contact']),
};

/**
 * Applies the escalation mode: "with the client's team" keeps every recipient; "with minimal client
 * participation" informs the client's contact person only; "without the client" keeps the
 * escalation inside the provider (client recipients dropped, comments made internal).
 */
export function actionsForMode(actions: readonly EscalationAction[], mode: EscalationMode): EscalationAction[] {
  const excluded = CLIENT_RECIPIENTS[mode];
  const result: EscalationAction[] = [];
  for (const action of actions) {
    if (action.kind === 'notify') {
      const recipients = action.recipients.filter((recipient) => !excluded.has(recipient));
      if (recipients.length > 0) result.push({ kind: 'notify', recipients });
    } else if (action.kind === 'comment' && mode === 'without_client' && action.visibleToClient) {
      result.push({ ...action, visibleToClient: false });
    } else {
      result.push(action);
    }
  }
  return result;
}

function isClockRunning(clock: ClockEvaluation): boolean {
  return clock.stoppedAtMs === null && (clock.state === 'running' || clock.state === 'at_risk' || clock.state === 'breached');
}

/**
 * The escalation steps of an issue: levels already due (from the clock's real history) and, for
 * clocks still running, when the next levels will fall due. Stopped clocks keep only the levels
 * they reached before stopping; paused clocks project nothing, since no one knows when they resume.
 *
 * @example
 * planEscalations(policy, 'minimal_client', [resolutionClock], calendar, nowMs)
 * // → [{ level: 1, clock: 'resolution', dueAtMs: …, due: true, actions: [{ kind: 'notify', … }] }]
 */
export function planEscalations(
  policy: EscalationPolicy | undefined,
  mode: EscalationMode,
  clocks: readonly ClockEvaluation[],
  calendar: BusinessCalendar,
  nowMs: number,
): EscalationStep[] {
  if (!policy) return [];
  const steps: EscalationStep[] = [];
  for (const level of policy.levels) {
    const watched = level.clocks ?? CLOCK_NAMES;
    for (const clock of clocks) {
      if (clock.targetMs === null || !watched.includes(clock.clock)) continue;
      const thresholdMs =
        level.percentOfTarget !== undefined ? (clock.targetMs * level.percentOfTarget) / 100 : clock.targetMs - (level.minutesBeforeDue ?? 0) * MS_PER_MINUTE;
      const reachedMs = instantWhenCounted(clock.spans, calendar, thresholdMs);
      let dueAtMs: number;
      let due: boolean;
      // A level reached only at the very instant the clock stopped was never missed: the stop came first.
      if (reachedMs !== null && clock.stoppedAtMs !== null && reachedMs >= clock.stoppedAtMs) continue;
      if (reachedMs !== null) {
        dueAtMs = reachedMs;
        due = true;
      } else if (isClockRunning(clock)) {
        dueAtMs = calendar.addWorkingMs(nowMs, thresholdMs - clock.elapsedMs);
        due = false;
      } else continue;
      const actions = actionsForMode(level.actions, mode);
      if (actions.length > 0) steps.push({ level: level.level, clock: clock.clock, dueAtMs, due, actions });
    }
  }
  return steps;
}
