import type { BusinessCalendar } from '../calendar/business-calendar';
import { MS_PER_MINUTE } from '../calendar/wall-clock';
import type { ClockName } from '../catalog/catalog-schema';
import type { IssueHistory } from '../history/issue-history';
import type { ClockSpan } from './clock-spans';
import type { ClockEvaluation } from './clock-evaluation';
import type { IssueEvaluation } from './evaluate-issue';

/** Why a stretch of time counted or did not. */
export type SegmentReason =
  | { kind: 'working'; status: string }
  | { kind: 'outside_schedule' }
  | { kind: 'weekend' }
  | { kind: 'holiday'; name: string | undefined }
  | { kind: 'day_off'; name: string | undefined }
  | { kind: 'paused'; status: string }
  | { kind: 'done'; status: string }
  | { kind: 'waiting_estimate' };

/** A stretch of an issue's life as one clock saw it. */
export interface ExplainedSegment {
  fromMs: number;
  toMs: number;
  counted: boolean;
  /** Working minutes in the stretch: counted, or the schedule's minutes the clock did not count. */
  workingMinutes: number;
  reason: SegmentReason;
}

/** How a clock stopped, in terms of the issue's history. */
export type StopCause =
  | { kind: 'response'; atMs: number; by: string | undefined }
  | { kind: 'status'; atMs: number; status: string; by: string | undefined }
  | null;

/** One clock with every segment and the cause of its stop. */
export interface ExplainedClock {
  clock: ClockName;
  evaluation: ClockEvaluation;
  segments: ExplainedSegment[];
  stopCause: StopCause;
}

function nonWorkingReason(calendar: BusinessCalendar, dayNumber: number): SegmentReason {
  const kind = calendar.kindOfDay(dayNumber);
  switch (kind.kind) {
    case 'holiday':
      return { kind: 'holiday', name: kind.name };
    case 'weekend':
      return { kind: 'weekend' };
    case 'override':
      return kind.dayOff ? { kind: 'day_off', name: kind.name } : { kind: 'outside_schedule' };
    case 'working':
      return { kind: 'outside_schedule' };
  }
}

/** Splits a gap in the schedule at local midnights, so each day says why it did not count. */
function pushGap(segments: ExplainedSegment[], calendar: BusinessCalendar, fromMs: number, toMs: number): void {
  let cursor = fromMs;
  while (cursor < toMs) {
    const day = calendar.localDayNumber(cursor);
    const nextMidnight = calendar.startOfLocalDay(day + 1);
    const end = Math.min(toMs, nextMidnight > cursor ? nextMidnight : toMs);
    segments.push({
      fromMs: cursor,
      toMs: end,
      counted: false,
      workingMinutes: 0,
      reason: nonWorkingReason(calendar, day),
    });
    cursor = end;
  }
}

function explainSpan(span: ClockSpan, calendar: BusinessCalendar, segments: ExplainedSegment[]): void {
  if (span.mode !== 'counting') {
    const reason: SegmentReason =
      span.mode === 'paused'
        ? { kind: 'paused', status: span.status }
        : span.mode === 'done'
          ? { kind: 'done', status: span.status }
          : { kind: 'waiting_estimate' };
    const minutes = calendar.workingMsBetween(span.startMs, span.endMs) / MS_PER_MINUTE;
    segments.push({ fromMs: span.startMs, toMs: span.endMs, counted: false, workingMinutes: minutes, reason });
    return;
  }
  let cursor = span.startMs;
  for (const interval of calendar.workingIntervalsBetween(span.startMs, span.endMs)) {
    if (interval.startMs > cursor) pushGap(segments, calendar, cursor, interval.startMs);
    segments.push({
      fromMs: interval.startMs,
      toMs: interval.endMs,
      counted: true,
      workingMinutes: (interval.endMs - interval.startMs) / MS_PER_MINUTE,
      reason: { kind: 'working', status: span.status },
    });
    cursor = interval.endMs;
  }
  if (cursor < span.endMs) pushGap(segments, calendar, cursor, span.endMs);
}

function stopCauseOf(issue: IssueHistory, clock: ClockEvaluation): StopCause {
  const stoppedAtMs = clock.stoppedAtMs;
  if (stoppedAtMs === null) return null;
  for (const event of issue.events) {
    if (event.atMs !== stoppedAtMs) continue;
    if (clock.clock === 'reaction' && event.kind === 'response')
      return { kind: 'response', atMs: event.atMs, by: event.by };
    if (event.kind === 'status') return { kind: 'status', atMs: event.atMs, status: event.to, by: event.by };
  }
  return stoppedAtMs === issue.createdAtMs
    ? { kind: 'status', atMs: stoppedAtMs, status: issue.status, by: undefined }
    : null;
}

/**
 * Every counted and uncounted stretch of each clock of an issue, with the reason, for SLA disputes:
 * working time, time outside the schedule (per day: evening, weekend, holiday by name), pauses by
 * status, time spent done before a reopen, and time waiting for an estimate.
 *
 * @example
 * for (const clock of explainIssue(issue, evaluation, calendar)) {
 *   for (const segment of clock.segments) console.log(segment.counted, segment.reason.kind);
 * }
 */
export function explainIssue(
  issue: IssueHistory,
  evaluation: IssueEvaluation,
  calendar: BusinessCalendar,
): ExplainedClock[] {
  const result: ExplainedClock[] = [];
  for (const name of ['reaction', 'start', 'resolution'] as const) {
    const clock = evaluation.clocks[name];
    if (!clock) continue;
    const segments: ExplainedSegment[] = [];
    for (const span of clock.spans) explainSpan(span, calendar, segments);
    result.push({ clock: name, evaluation: clock, segments, stopCause: stopCauseOf(issue, clock) });
  }
  return result;
}
