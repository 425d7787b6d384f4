import type { BusinessCalendar } from '../calendar/business-calendar';
import type { StatusSets } from '../catalog/compiled-catalog';

/** What a clock does during a span of an issue's life. */
export type SpanMode = 'counting' | 'paused' | 'done' | 'waiting_estimate';

/** A stretch of time in which a clock's mode and the status stay the same. */
export interface ClockSpan {
  startMs: number;
  endMs: number;
  mode: SpanMode;
  status: string;
}

/** An issue's status over time: `names[i]` holds from `startsMs[i]` until the next start. */
export interface StatusTimeline {
  startsMs: number[];
  names: string[];
}

/**
 * Cuts `[fromMs, endMs)` into spans by status: a done status is not counted (the issue was
 * resolved; a reopen resumes the clock), a pause status pauses, anything else counts. Before
 * `waitingUntilMs` (the first estimate, for estimate-based deadlines) counting time is waiting.
 */
export function buildClockSpans(
  timeline: StatusTimeline,
  statuses: StatusSets,
  fromMs: number,
  endMs: number,
  waitingUntilMs: number | null,
): ClockSpan[] {
  const spans: ClockSpan[] = [];
  const { startsMs, names } = timeline;
  for (let index = 0; index < startsMs.length; index++) {
    const startMs = Math.max(startsMs[index], fromMs);
    const stopMs = Math.min(index + 1 < startsMs.length ? startsMs[index + 1] : Infinity, endMs);
    if (startMs >= stopMs) continue;
    const status = names[index];
    const mode: SpanMode = statuses.done.has(status) ? 'done' : statuses.paused.has(status) ? 'paused' : 'counting';
    if (mode === 'counting' && waitingUntilMs !== null && startMs < waitingUntilMs) {
      const splitMs = Math.min(waitingUntilMs, stopMs);
      spans.push({ startMs, endMs: splitMs, mode: 'waiting_estimate', status });
      if (splitMs < stopMs) spans.push({ startMs: splitMs, endMs: stopMs, mode, status });
    } else {
      spans.push({ startMs, endMs: stopMs, mode, status });
    }
  }
  return spans;
}

/** Working milliseconds counted by the clock over its spans. */
export function countedWorkingMs(spans: readonly ClockSpan[], calendar: BusinessCalendar): number {
  let total = 0;
  for (const span of spans) {
    if (span.mode === 'counting') total += calendar.workingMsBetween(span.startMs, span.endMs);
  }
  return total;
}

/**
 * The instant at which the counted working time reached `thresholdMs`, or null when it had not
 * by the end of the spans. A threshold of zero or less is reached at the first counted instant.
 */
export function instantWhenCounted(spans: readonly ClockSpan[], calendar: BusinessCalendar, thresholdMs: number): number | null {
  let counted = 0;
  for (const span of spans) {
    if (span.mode !== 'counting') continue;
    const working = calendar.workingMsBetween(span.startMs, span.endMs);
    if (thresholdMs <= 0) {
      if (working > 0) return calendar.nextWorkingInstant(span.startMs);
      continue;
    }
    if (counted + working >= thresholdMs) return calendar.addWorkingMs(span.startMs, thresholdMs - counted);
    counted += working;
  }
  return null;
}
