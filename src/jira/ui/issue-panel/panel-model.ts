import type { IssueSlaView, PanelClock } from '../../app/issue-panel-resolver';

/** Lozenge appearances of UI Kit. */
export type Appearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

const STATE_APPEARANCE: Record<string, Appearance> = {
  ok: 'inprogress',
  running: 'inprogress',
  at_risk: 'moved',
  breached: 'removed',
  paused: 'default',
  met: 'success',
  waiting: 'new',
  waiting_estimate: 'new',
  not_covered: 'default',
};

const STATE_TEXT: Record<string, string> = {
  ok: 'On track',
  running: 'Running',
  at_risk: 'At risk',
  breached: 'Breached',
  paused: 'Paused',
  met: 'Met',
  waiting: 'Waiting for estimate',
  waiting_estimate: 'Waiting for estimate',
  not_covered: 'Not covered',
};

const CLOCK_TEXT: Record<string, string> = { reaction: 'Reaction', start: 'Start of work', resolution: 'Resolution' };

export function stateLozenge(state: string): { text: string; appearance: Appearance } {
  return { text: STATE_TEXT[state] ?? state, appearance: STATE_APPEARANCE[state] ?? 'default' };
}

/** "2 h 05 min", "45 min". */
export function durationText(ms: number): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  if (hours < 48) return `${hours} h ${String(rest).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/**
 * The countdown the panel shows, computed in the browser from the stored deadline: the app writes a
 * deadline once, never a value that ticks.
 *
 * @example
 * countdownText('2026-11-20T17:30:00+03:00', Date.parse('2026-11-20T15:00:00+03:00')); // 'due in 2 h 30 min (wall clock)'
 */
export function countdownText(dueAt: string | null, nowMs: number): string | null {
  if (dueAt === null) return null;
  const dueMs = Date.parse(dueAt);
  if (Number.isNaN(dueMs)) return null;
  return dueMs >= nowMs ? `due in ${durationText(dueMs - nowMs)} (wall clock)` : `overdue by ${durationText(nowMs - dueMs)}`;
}

/** One row of the clocks table. */
export interface ClockRow {
  readonly clock: string;
  readonly state: { text: string; appearance: Appearance };
  readonly progress: number;
  readonly spent: string;
  readonly deadline: string;
}

/** Local "2026-11-20 17:30" of an ISO instant with offset, as the calendar wrote it. */
export function localText(iso: string | null): string {
  return iso === null ? '—' : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

export function clockRow(clock: PanelClock, nowMs: number): ClockRow {
  const target = clock.targetMinutes;
  const progress = target === null || target === 0 ? 0 : Math.min(1, clock.elapsedMinutes / target);
  const stopped = clock.stoppedAt !== null;
  const countdown = stopped ? null : countdownText(clock.dueAt, nowMs);
  return {
    clock: CLOCK_TEXT[clock.clock] ?? clock.clock,
    state: stateLozenge(clock.state),
    progress,
    spent: target === null ? `${clock.elapsedMinutes} min` : `${clock.elapsedMinutes} / ${target} working min`,
    deadline: stopped ? `stopped ${localText(clock.stoppedAt)}` : clock.dueAt === null ? 'moves while paused' : `${localText(clock.dueAt)}${countdown ? ` · ${countdown}` : ''}`,
  };
}

/** "12.5 of 25 h used, 12.5 h left" for the month's package. */
export function hoursText(view: Pick<IssueSlaView, 'hours'>): string {
  const { hours } = view;
  const own = `${hours.issueHours} h logged on this issue`;
  if (hours.used === null) return own;
  if (hours.included === null) return `${own}; ${hours.used} h used this month (${hours.month ?? ''}, no hour limit)`;
  const left = hours.remaining ?? hours.included - hours.used;
  return `${own}; package ${hours.month ?? ''}: ${hours.used} of ${hours.included} h used, ${left >= 0 ? `${left} h left` : `${-left} h over`}`;
}
