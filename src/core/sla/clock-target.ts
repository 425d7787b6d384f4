import { entryOf } from '../errors/safe-record';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { MS_PER_MINUTE, minutesFromHhMm } from '../calendar/wall-clock';
import type { ClockName, Tariff } from '../catalog/catalog-schema';

/** Where a clock's target came from, so `explain` can say it in words. */
export type TargetSource =
  | { kind: 'tariff' }
  | { kind: 'priority'; priority: string }
  | { kind: 'request_type'; type: string }
  | { kind: 'estimate'; estimateMinutes: number; estimatedAtMs: number }
  | { kind: 'same_day'; type: string; cutoff: string; endOfDayMs: number; ruleMinutes: number };

/** A clock's target for an issue, or the reason it has none. */
export type ClockTarget =
  { kind: 'target'; targetMs: number; source: TargetSource } | { kind: 'none' } | { kind: 'waiting_estimate' };

/** The latest estimate made at or before an instant. */
export interface EstimateAt {
  minutes: number;
  atMs: number;
}

/**
 * The sources that carry no instant are shared, frozen values: every clock of every issue holds one,
 * and there are only as many as the catalog has request types and priorities.
 */
const TARIFF_SOURCE: TargetSource = Object.freeze({ kind: 'tariff' });
const requestTypeSources = new Map<string, TargetSource>();
const prioritySources = new Map<string, TargetSource>();

function requestTypeSource(type: string): TargetSource {
  let source = requestTypeSources.get(type);
  if (source === undefined) requestTypeSources.set(type, (source = Object.freeze({ kind: 'request_type', type })));
  return source;
}

function prioritySource(priority: string): TargetSource {
  let source = prioritySources.get(priority);
  if (source === undefined) prioritySources.set(priority, (source = Object.freeze({ kind: 'priority', priority })));
  return source;
}

/** Parsed cutoffs ("16:00" → 960): a catalog has a handful, and every bug's target asks for one. */
const cutoffMinutes = new Map<string, number>();

function cutoffMinuteOf(cutoff: string): number {
  let minute = cutoffMinutes.get(cutoff);
  if (minute === undefined) {
    minute = minutesFromHhMm(cutoff) ?? 0;
    cutoffMinutes.set(cutoff, minute);
  }
  return minute;
}

/**
 * The target of one clock for a request of `type` and `priority`.
 *
 * Precedence, most specific first: the tariff's rule for the request type, then its target for the
 * priority, then its default target. A resolution rule of `estimate` takes the specialist's
 * estimate; a same-day cutoff caps the target at the end of the working day the issue came in on
 * when it came in on a working day before the cutoff (pauses still extend it, as for any target).
 */
export function resolveClockTarget(
  tariff: Tariff,
  clock: ClockName,
  type: string,
  priority: string,
  estimate: EstimateAt | null,
  createdAtMs: number,
  calendar: BusinessCalendar,
): ClockTarget {
  const typeRule = entryOf(tariff.requestTypes, type);
  const typeTarget = typeRule?.[clock];
  if (typeTarget === 'estimate') {
    if (!estimate) return { kind: 'waiting_estimate' };
    return {
      kind: 'target',
      targetMs: estimate.minutes * MS_PER_MINUTE,
      source: { kind: 'estimate', estimateMinutes: estimate.minutes, estimatedAtMs: estimate.atMs },
    };
  }
  let targetMinutes: number | undefined;
  let source: TargetSource;
  if (typeTarget !== undefined) {
    targetMinutes = typeTarget;
    source = requestTypeSource(type);
  } else if (entryOf(tariff.priorities, priority)?.[clock] !== undefined) {
    targetMinutes = entryOf(tariff.priorities, priority)?.[clock];
    source = prioritySource(priority);
  } else {
    targetMinutes = tariff.targets[clock];
    source = TARIFF_SOURCE;
  }
  if (targetMinutes === undefined) return { kind: 'none' };
  let targetMs = targetMinutes * MS_PER_MINUTE;

  const cutoff = clock === 'resolution' ? typeRule?.sameDayCutoff : undefined;
  if (cutoff !== undefined) {
    const cutoffMinute = cutoffMinuteOf(cutoff);
    const day = calendar.localDayNumber(createdAtMs);
    const endOfDayMs = calendar.endOfWorkingDay(day);
    if (endOfDayMs !== null && calendar.localMinuteOfDay(createdAtMs) < cutoffMinute) {
      const untilEndOfDayMs = calendar.workingMsBetween(createdAtMs, endOfDayMs);
      if (untilEndOfDayMs > 0 && untilEndOfDayMs < targetMs) {
        targetMs = untilEndOfDayMs;
        source = { kind: 'same_day', type, cutoff, endOfDayMs, ruleMinutes: targetMinutes };
      }
    }
  }
  return { kind: 'target', targetMs, source };
}
