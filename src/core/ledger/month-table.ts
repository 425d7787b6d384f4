import { DateTime } from 'luxon';

/** A calendar month, `YYYY-MM`. */
export type MonthId = string;

const MONTH_ID = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `{year, month}` (month 1–12) of a `YYYY-MM` text, or null. */
export function parseMonthId(text: string): { year: number; month: number } | null {
  const match = MONTH_ID.exec(text);
  return match ? { year: Number(match[1]), month: Number(match[2]) } : null;
}

/** `YYYY-MM` of a year and a month that may run past 12 or below 1 (2026, 13 → 2027-01). */
export function monthIdOf(year: number, month: number): MonthId {
  const index = year * 12 + (month - 1);
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** The month `count` months after (or before) `month`. */
export function addMonths(month: MonthId, count: number): MonthId {
  const parsed = parseMonthId(month);
  if (!parsed) throw new RangeError(`not a month: "${month}"`);
  return monthIdOf(parsed.year, parsed.month + count);
}

/** Months from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthsBetween(from: MonthId, to: MonthId): MonthId[] {
  const months: MonthId[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}

/**
 * Month boundaries of one time zone as epoch milliseconds, computed once with luxon so that
 * attributing a worklog to its month is a binary search, not a zoned DateTime per worklog.
 * Month `i` is `[startsMs[i], startsMs[i + 1])`: local midnight of the 1st to local midnight of the
 * next 1st, so a worklog at 23:30 local on the 31st belongs to that month whatever UTC says.
 *
 * @example
 * const table = new MonthTable('Europe/Moscow', '2026-09', '2026-11');
 * table.indexOf(Date.parse('2026-10-31T23:30:00+03:00')); // 1 (October)
 */
export class MonthTable {
  readonly months: readonly MonthId[];
  /** `months.length + 1` boundaries; the last is the end of the last month. */
  readonly startsMs: Float64Array;

  constructor(
    readonly zone: string,
    readonly from: MonthId,
    readonly to: MonthId,
  ) {
    this.months = monthsBetween(from, to);
    this.startsMs = new Float64Array(this.months.length + 1);
    const first = parseMonthId(from);
    if (!first) throw new RangeError(`not a month: "${from}"`);
    for (let index = 0; index <= this.months.length; index++) {
      const y = Math.floor((first.year * 12 + first.month - 1 + index) / 12);
      const m = first.year * 12 + first.month - 1 + index - y * 12 + 1;
      this.startsMs[index] = DateTime.fromObject({ year: y, month: m, day: 1 }, { zone }).startOf('day').toMillis();
    }
  }

  /** Index of the month holding an instant: −1 before the first month, `months.length` after the last. */
  indexOf(instantMs: number): number {
    const starts = this.startsMs;
    if (instantMs < starts[0]) return -1;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (starts[middle] <= instantMs) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  startMs(index: number): number {
    return this.startsMs[index];
  }

  endMs(index: number): number {
    return this.startsMs[index + 1];
  }

  /** Index of a month id, or −1. */
  indexOfMonth(month: MonthId): number {
    const parsedFrom = parseMonthId(this.from);
    const parsed = parseMonthId(month);
    if (!parsedFrom || !parsed) return -1;
    const index = parsed.year * 12 + parsed.month - (parsedFrom.year * 12 + parsedFrom.month);
    return index >= 0 && index < this.months.length ? index : -1;
  }

  /**
   * Local midnights of every day of a month (and the next month's first midnight), for per-day
   * figures: day `d` is `[result[d], result[d + 1])`.
   */
  dayStartsMs(index: number): Float64Array {
    const start = DateTime.fromMillis(this.startsMs[index], { zone: this.zone });
    const days = start.daysInMonth ?? 31;
    const result = new Float64Array(days + 1);
    for (let day = 0; day < days; day++) result[day] = start.plus({ days: day }).startOf('day').toMillis();
    result[days] = this.startsMs[index + 1];
    return result;
  }
}

/** Index of the slot `[bounds[i], bounds[i + 1])` holding an instant, or −1 outside them all. */
export function slotIndex(bounds: Float64Array, instantMs: number): number {
  if (instantMs < bounds[0] || instantMs >= bounds[bounds.length - 1]) return -1;
  let low = 0;
  let high = bounds.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (bounds[middle] <= instantMs) low = middle;
    else high = middle - 1;
  }
  return low;
}
