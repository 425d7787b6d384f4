import type { BusinessCalendar } from '../calendar/business-calendar';
import { MS_PER_MINUTE } from '../calendar/wall-clock';
import {
  CLOCK_NAMES,
  type ClockName,
  type EscalationAction,
  type EscalationMode,
  type EscalationPolicy,
  type Recipient,
} from '../catalog/catalog-schema';
import { instantThresholdHeldSince } from '../sla/clock-spans';
import type { ClockEvaluation } from '../sla/clock-evaluation';

/** One escalation level for one clock: when it falls due and what it does. */
export interface EscalationStep {
  level: number;
  clock: ClockName;
  /** When the level fell due, or will fall due if the clock keeps running. */
  dueAtMs: number;
  /** True when the level is due by now; false for a projection of a running clock. */
  due: boolean;
  /** Actions after the tariff's escalation mode has decided who among the client is involved (shared and frozen). */
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

/**
 * The actions of each policy level under each mode, computed once and shared by every step that
 * level produces: frozen, so a consumer that tried to change them would fail loudly.
 */
const actionsByMode = new WeakMap<readonly EscalationAction[], Map<EscalationMode, EscalationAction[]>>();

function cachedActionsForMode(actions: readonly EscalationAction[], mode: EscalationMode): EscalationAction[] {
  let byMode = actionsByMode.get(actions);
  if (!byMode) {
    byMode = new Map();
    actionsByMode.set(actions, byMode);
  }
  let result = byMode.get(mode);
  if (!result) {
    result = Object.freeze(actionsForMode(actions, mode)) as EscalationAction[];
    byMode.set(mode, result);
  }
  return result;
}

/** Open and counting now: a breached clock that waits in a pause status is not running. */
function isClockRunning(clock: ClockEvaluation): boolean {
  const lastSpan = clock.spans.length > 0 ? clock.spans[clock.spans.length - 1] : null;
  return (
    clock.stoppedAtMs === null &&
    (lastSpan === null || lastSpan.mode === 'counting') &&
    (clock.state === 'running' || clock.state === 'at_risk' || clock.state === 'breached')
  );
}

/**
 * The escalation steps of an issue: levels already due (from the clock's real history) and, for
 * clocks still running, when the next levels will fall due. Stopped clocks keep only the levels
 * they reached before stopping; paused clocks (breached or not) project nothing, since no one knows
 * when they resume. A level that fell due only because a priority or type change shortened the
 * target is due at the change, like the breach.
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
      // threshold = target × fraction − offset: a percent of the target, or minutes before the deadline.
      const fraction = level.percentOfTarget !== undefined ? level.percentOfTarget / 100 : 1;
      const offsetMs = level.percentOfTarget !== undefined ? 0 : (level.minutesBeforeDue ?? 0) * MS_PER_MINUTE;
      const thresholdMs = clock.targetMs * fraction - offsetMs;
      // After a priority or type change, a level that falls due only because of the change is due at the change.
      const reachedMs = instantThresholdHeldSince(
        clock.spans,
        calendar,
        clock.targetMs,
        clock.targetPeriods,
        fraction,
        offsetMs,
      );
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
      const actions = cachedActionsForMode(level.actions, mode);
      if (actions.length > 0) steps.push({ level: level.level, clock: clock.clock, dueAtMs, due, actions });
    }
  }
  return steps;
}
