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
  /**
   * Working milliseconds the span adds to the clock (the calendar's working time of a counting span,
   * 0 for any other), recorded when the spans were built with the clock's calendar so that the
   * several questions asked of one clock (elapsed, deadline, at risk, breach, escalation levels)
   * do not measure the same span again and again.
   */
  countedMs?: number;
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
 * Given the clock's calendar, each span records the working time it counts (`countedMs`); the
 * functions below must then be asked with that same calendar.
 */
export function buildClockSpans(
  timeline: StatusTimeline,
  statuses: StatusSets,
  fromMs: number,
  endMs: number,
  waitingUntilMs: number | null,
  calendar?: BusinessCalendar,
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
      spans.push({
        startMs,
        endMs: splitMs,
        mode: 'waiting_estimate',
        status,
        countedMs: calendar === undefined ? undefined : 0,
      });
      if (splitMs < stopMs)
        spans.push({
          startMs: splitMs,
          endMs: stopMs,
          mode,
          status,
          countedMs: calendar?.workingMsBetween(splitMs, stopMs),
        });
    } else {
      const countedMs =
        calendar === undefined ? undefined : mode === 'counting' ? calendar.workingMsBetween(startMs, stopMs) : 0;
      spans.push({ startMs, endMs: stopMs, mode, status, countedMs });
    }
  }
  return spans;
}

/**
 * The spans up to `endMs` of spans built to a later end: those over by then are shared as they are,
 * the one running across `endMs` is cut there. The clocks of one issue differ only in where they
 * stop (unless one waits for an estimate), so they can share the spans of the longest.
 */
export function spansUntil(spans: readonly ClockSpan[], endMs: number, calendar?: BusinessCalendar): ClockSpan[] {
  const result: ClockSpan[] = [];
  for (const span of spans) {
    if (span.startMs >= endMs) break;
    if (span.endMs <= endMs) {
      result.push(span);
      continue;
    }
    const countedMs =
      calendar === undefined
        ? undefined
        : span.mode === 'counting'
          ? calendar.workingMsBetween(span.startMs, endMs)
          : 0;
    result.push({ startMs: span.startMs, endMs, mode: span.mode, status: span.status, countedMs });
    break;
  }
  return result;
}

/** Working milliseconds a span adds to its clock. */
function spanCountedMs(span: ClockSpan, calendar: BusinessCalendar): number {
  if (span.countedMs !== undefined) return span.countedMs;
  return span.mode === 'counting' ? calendar.workingMsBetween(span.startMs, span.endMs) : 0;
}

/** Working milliseconds counted by the clock over its spans. */
export function countedWorkingMs(spans: readonly ClockSpan[], calendar: BusinessCalendar): number {
  let total = 0;
  for (const span of spans) total += spanCountedMs(span, calendar);
  return total;
}

/**
 * Working time counted before each span (`before[i]`, with `before[spans.length]` the total), built
 * once per spans array and kept while the array lives: the questions asked of one clock (deadline,
 * at risk, breach, each escalation level, each change of target) then cost a binary search each
 * instead of a walk over every span, so a clock with n spans and n target changes stays O(n log n).
 */
const countedBefore = new WeakMap<readonly ClockSpan[], { calendar: BusinessCalendar; before: Float64Array }>();

function countedPrefix(spans: readonly ClockSpan[], calendar: BusinessCalendar): Float64Array {
  const cached = countedBefore.get(spans);
  if (cached !== undefined && cached.calendar === calendar) return cached.before;
  const before = new Float64Array(spans.length + 1);
  for (let index = 0; index < spans.length; index++)
    before[index + 1] = before[index] + spanCountedMs(spans[index], calendar);
  countedBefore.set(spans, { calendar, before });
  return before;
}

/** The first span index whose counted end (`before[i + 1]`) reaches the threshold (or passes it, `strict`), or -1. */
function firstSpanReaching(before: Float64Array, thresholdMs: number, strict: boolean): number {
  let low = 0;
  let high = before.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const end = before[middle + 1];
    if (strict ? end > thresholdMs : end >= thresholdMs) high = middle;
    else low = middle + 1;
  }
  return low < before.length - 1 ? low : -1;
}

/**
 * Most clocks have a handful of spans: for them one walk is cheaper than building and caching the
 * prefix sums (a WeakMap entry and a typed array per call), which cost the common case 2–3× its
 * evaluation time. Long histories take the prefix path, so a clock stays O(n log n) in its spans.
 */
const SHORT_SPAN_LIST = 16;

function instantWhenCountedByWalk(
  spans: readonly ClockSpan[],
  calendar: BusinessCalendar,
  thresholdMs: number,
): number | null {
  let counted = 0;
  for (const span of spans) {
    if (span.mode !== 'counting') continue;
    const working = spanCountedMs(span, calendar);
    if (thresholdMs <= 0) {
      if (working > 0) return calendar.nextWorkingInstant(span.startMs);
      continue;
    }
    if (counted + working >= thresholdMs) return calendar.addWorkingMs(span.startMs, thresholdMs - counted);
    counted += working;
  }
  return null;
}

function countedWorkingMsBeforeByWalk(
  spans: readonly ClockSpan[],
  calendar: BusinessCalendar,
  instantMs: number,
): number {
  let total = 0;
  for (const span of spans) {
    if (span.startMs >= instantMs) break;
    if (span.endMs <= instantMs) total += spanCountedMs(span, calendar);
    else if (span.mode === 'counting') total += calendar.workingMsBetween(span.startMs, instantMs);
  }
  return total;
}

/**
 * The instant at which the counted working time reached `thresholdMs`, or null when it had not
 * by the end of the spans. A threshold of zero or less is reached at the first counted instant.
 */
export function instantWhenCounted(
  spans: readonly ClockSpan[],
  calendar: BusinessCalendar,
  thresholdMs: number,
): number | null {
  if (spans.length === 0) return null;
  if (spans.length <= SHORT_SPAN_LIST) return instantWhenCountedByWalk(spans, calendar, thresholdMs);
  const before = countedPrefix(spans, calendar);
  if (thresholdMs <= 0) {
    const index = firstSpanReaching(before, 0, true);
    return index < 0 ? null : calendar.nextWorkingInstant(spans[index].startMs);
  }
  const index = firstSpanReaching(before, thresholdMs, false);
  return index < 0 ? null : calendar.addWorkingMs(spans[index].startMs, thresholdMs - before[index]);
}

/** Working milliseconds counted by the clock before `instantMs`. */
export function countedWorkingMsBefore(
  spans: readonly ClockSpan[],
  calendar: BusinessCalendar,
  instantMs: number,
): number {
  if (spans.length === 0 || spans[0].startMs >= instantMs) return 0;
  if (spans.length <= SHORT_SPAN_LIST) return countedWorkingMsBeforeByWalk(spans, calendar, instantMs);
  const before = countedPrefix(spans, calendar);
  // The last span starting before the instant: every earlier one ended by its start.
  let low = 0;
  let high = spans.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (spans[middle].startMs < instantMs) low = middle;
    else high = middle - 1;
  }
  const span = spans[low];
  if (span.endMs <= instantMs) return before[low + 1];
  return before[low] + (span.mode === 'counting' ? calendar.workingMsBetween(span.startMs, instantMs) : 0);
}

/**
 * A target in force from `fromMs` on, until the next period. `targetMs` is null while the clock had
 * no deadline (waiting for an estimate, or a request type without a target).
 */
export interface TargetPeriod {
  fromMs: number;
  targetMs: number | null;
  /**
   * Where the clock counted from under this period's rule, when not from its start: an estimate-based
   * target counts from the first estimate (the time before it was waiting).
   */
  countsFromMs?: number;
}

/** Working time the spans count before a period's rule started counting (0 unless it waited for an estimate). */
function uncountedBefore(spans: readonly ClockSpan[], calendar: BusinessCalendar, period: TargetPeriod): number {
  return period.countsFromMs === undefined ? 0 : countedWorkingMsBefore(spans, calendar, period.countsFromMs);
}

/**
 * The instant since which the counted time has stood at (or, `strict`, above) the threshold
 * `target in force × fraction − offsetMs` without a break up to the end of the spans, or null when it
 * does not stand there at the end. (80 % of the target: fraction 0.8; ten minutes before the
 * deadline: fraction 1, offset 600 000; the deadline itself: fraction 1.)
 *
 * With one target this is when the counted time reached the threshold. When the target changed
 * (priority, type, estimate), the latest target applies to all the time spent, but a threshold is
 * only crossed "because of" a change at that change: crossed before a change that kept it crossed,
 * it keeps its earlier instant; crossed only because a change lowered it, it is crossed at the change.
 *
 * @param targetMs the target in force at the end of the spans.
 * @param periods the clock's targets over time, oldest first, ending with `targetMs`; empty (or a
 *   single period) when the target never changed.
 */
export function instantThresholdHeldSince(
  spans: readonly ClockSpan[],
  calendar: BusinessCalendar,
  targetMs: number,
  periods: readonly TargetPeriod[],
  fraction: number,
  offsetMs = 0,
  strict = false,
): number | null {
  let reachedMs = instantWhenCounted(spans, calendar, targetMs * fraction - offsetMs);
  if (reachedMs === null || periods.length < 2) return reachedMs;
  let index = periods.length - 1;
  while (index > 0 && reachedMs <= periods[index].fromMs) {
    const changeMs = periods[index].fromMs;
    const countedAtChangeMs = countedWorkingMsBefore(spans, calendar, changeMs);
    // Strictly above: standing exactly at this period's threshold at the change breaks the run of
    // "above" there, so the threshold is crossed afresh after the change (never dated before it),
    // not at an earlier crossing under an older target.
    if (
      strict &&
      countedAtChangeMs - uncountedBefore(spans, calendar, periods[index]) <=
        (periods[index].targetMs ?? 0) * fraction - offsetMs
    )
      return Math.max(reachedMs, changeMs);
    const previous = periods[index - 1];
    if (previous.targetMs === null) return changeMs;
    const previousThresholdMs = previous.targetMs * fraction - offsetMs;
    // Time the spans count before the previous rule started counting (waiting for an estimate) was not counted under it.
    const uncountedMs = uncountedBefore(spans, calendar, previous);
    const heldBeforeChange = strict
      ? countedAtChangeMs - uncountedMs > previousThresholdMs
      : countedAtChangeMs - uncountedMs >= previousThresholdMs;
    if (!heldBeforeChange) return changeMs;
    reachedMs = instantWhenCounted(spans, calendar, previousThresholdMs + uncountedMs) ?? changeMs;
    index--;
  }
  return reachedMs;
}
