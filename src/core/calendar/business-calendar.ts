import type { CalendarDefinition } from './calendar-schema';
import {
  MINUTES_PER_DAY,
  MS_PER_DAY,
  MS_PER_MINUTE,
  dayNumberFromIsoDate,
  firstDayOfYear,
  isoWeekdayOfDayNumber,
  minutesFromHhMm,
  yearOfDayNumber,
} from './wall-clock';
import { ZoneOffsets } from './zone-offsets';

/** Why a local day has the ranges it has; used to explain uncounted time. */
export type DayKind =
  | { kind: 'working' }
  | { kind: 'weekend' }
  | { kind: 'holiday'; name: string | undefined }
  | { kind: 'override'; name: string | undefined; dayOff: boolean };

/** A working interval in UTC milliseconds, end exclusive. */
export interface WorkingInterval {
  startMs: number;
  endMs: number;
}

/** Raised when a query cannot be answered within the calendar's horizon (no working time for centuries). */
export class CalendarHorizonError extends Error {
  readonly code = 'calendar_no_working_time';
  constructor(readonly calendarId: string) {
    super(`calendar "${calendarId}" has no working time within ${MAX_HORIZON_YEARS} years of the requested instant`);
  }
}

const MAX_HORIZON_YEARS = 200;
const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const WHOLE_DAY: Array<[number, number]> = [[0, MINUTES_PER_DAY]];

function parseRanges(ranges: readonly string[]): Array<[number, number]> {
  return ranges.map((range) => {
    const [startText, endText] = range.split('-');
    const start = minutesFromHhMm(startText.trim()) ?? 0;
    let end = minutesFromHhMm(endText.trim()) ?? 0;
    // An end not after the start belongs to the next day: 22:00-06:00 is 22:00 to 06:00 tomorrow.
    if (end <= start) end += MINUTES_PER_DAY;
    return [start, end];
  });
}

/**
 * A business calendar compiled into sorted UTC working intervals with cumulative working time.
 *
 * The rules, all of them tested:
 * - An instant is working time when its local wall-clock time, in the calendar's zone, falls inside
 *   a working range of its local date. A range past midnight (22:00-06:00) belongs to the date it
 *   starts on, so a holiday on the next date does not cut it short.
 * - Precedence for a date: a dated override, then a holiday, then the weekday's ranges.
 * - DST gap: wall times that do not exist are simply absent, so the day has that much less
 *   working time (a 01:00-05:00 range across a spring-forward at 02:00 holds 3 hours).
 * - DST overlap: wall times that occur twice count twice, as the hours really were worked
 *   (a 00:00-04:00 range across a fall-back at 03:00 holds 5 hours).
 * - Adding working time that lands exactly on the end of a range returns that end (18:00 today),
 *   never the start of the next range.
 *
 * Hand-written rather than built on a business-time library because every SLA clock runs through
 * it: after a one-off compilation, every query is a binary search over typed arrays, narrowed by a
 * per-day index to the few intervals of one day, and never builds a zoned DateTime, which is what
 * makes 100 000 issue evaluations a second possible.
 *
 * @example
 * const calendar = new BusinessCalendar('msk-9-18', {
 *   zone: 'Europe/Moscow', week: { weekdays: ['09:00-18:00'] }, holidays: ['2026-01-01'],
 * });
 * const dueAtMs = calendar.addWorkingMs(Date.parse('2026-11-20T17:30:00+03:00'), 60 * 60_000);
 * // 2026-11-23T09:30:00+03:00: Friday's last 30 minutes, then Monday's first 30.
 */
export class BusinessCalendar {
  readonly zone: string;
  private readonly holidays = new Map<number, string | undefined>();
  private readonly overrides = new Map<number, { ranges: Array<[number, number]>; name: string | undefined }>();
  private readonly weekRanges: Array<Array<[number, number]>> = [];
  /**
   * The last local day that can hold working time: +Infinity when some weekday has ranges, else the
   * last override with ranges (-Infinity when there is none). Lets a search for working time stop as
   * soon as the window has passed it, instead of compiling two centuries of empty days.
   */
  private readonly lastDayWithRanges: number;

  private fromDay = 0;
  private toDay = 0;
  private coverFromMs = Infinity;
  private coverToMs = -Infinity;
  private offsets: ZoneOffsets | null = null;
  private starts = new Float64Array(0);
  private ends = new Float64Array(0);
  /** Working ms before interval i. */
  private cumulativeBefore = new Float64Array(0);
  /** Working ms up to the end of interval i. */
  private cumulativeAfter = new Float64Array(0);
  /** Latest end of the ranges attributed to a local day, for "end of that working day" rules. */
  private dayEnds = new Map<number, number>();
  /** UTC midnight that day slot 0 of `lastStartBeforeDay` begins at. */
  private dayIndexOriginMs = 0;
  /**
   * For each UTC day of the window, the last interval starting at or before its midnight (-1 for
   * none): it narrows every interval search to the few intervals of one day.
   */
  private lastStartBeforeDay = new Int32Array(0);

  constructor(
    readonly id: string,
    readonly definition: CalendarDefinition,
  ) {
    this.zone = definition.zone;
    for (let weekday = 1; weekday <= 7; weekday++) {
      const key = WEEKDAY_KEYS[weekday - 1];
      const week = definition.week;
      let ranges: readonly string[] | undefined;
      if (definition.alwaysOpen) ranges = undefined;
      else ranges = week?.[key] ?? (weekday <= 5 ? week?.weekdays : undefined) ?? week?.everyday ?? [];
      this.weekRanges.push(definition.alwaysOpen ? WHOLE_DAY : parseRanges(ranges ?? []));
    }
    for (const holiday of definition.holidays ?? []) {
      const date = typeof holiday === 'string' ? holiday : holiday.date;
      const name = typeof holiday === 'string' ? undefined : holiday.name;
      const day = dayNumberFromIsoDate(date);
      if (day !== null) this.holidays.set(day, name);
    }
    for (const override of definition.overrides ?? []) {
      const day = dayNumberFromIsoDate(override.date);
      if (day !== null) this.overrides.set(day, { ranges: parseRanges(override.ranges), name: override.name });
    }
    let lastDayWithRanges = this.weekRanges.some((ranges) => ranges.length > 0) ? Infinity : -Infinity;
    if (lastDayWithRanges === -Infinity) {
      for (const [day, override] of this.overrides) {
        if (override.ranges.length > 0 && day > lastDayWithRanges) lastDayWithRanges = day;
      }
    }
    this.lastDayWithRanges = lastDayWithRanges;
  }

  /** Working ranges (minutes after local midnight, end may pass 1440) of a local day. */
  rangesOfDay(dayNumber: number): Array<[number, number]> {
    const override = this.overrides.get(dayNumber);
    if (override) return override.ranges;
    if (this.holidays.has(dayNumber)) return [];
    return this.weekRanges[isoWeekdayOfDayNumber(dayNumber) - 1];
  }

  /** Why a local day is (not) a working day. */
  kindOfDay(dayNumber: number): DayKind {
    const override = this.overrides.get(dayNumber);
    if (override) return { kind: 'override', name: override.name, dayOff: override.ranges.length === 0 };
    if (this.holidays.has(dayNumber)) return { kind: 'holiday', name: this.holidays.get(dayNumber) };
    return this.weekRanges[isoWeekdayOfDayNumber(dayNumber) - 1].length === 0
      ? { kind: 'weekend' }
      : { kind: 'working' };
  }

  /** True when the instant is working time. */
  isWorking(instantMs: number): boolean {
    this.ensureCovers(instantMs);
    const index = this.lastIntervalStartingAtOrBefore(instantMs);
    return index >= 0 && instantMs < this.ends[index];
  }

  /** Working milliseconds in `[fromMs, toMs)`; negative when `toMs` is before `fromMs`. */
  workingMsBetween(fromMs: number, toMs: number): number {
    this.ensureCovers(fromMs);
    this.ensureCovers(toMs);
    return this.position(toMs) - this.position(fromMs);
  }

  /**
   * The instant at which `workingMs` of working time have passed after `fromMs`.
   * Zero returns `fromMs` itself; a result landing on a range end is that end.
   */
  addWorkingMs(fromMs: number, workingMs: number): number {
    // A NaN or infinite amount would otherwise send the search two centuries ahead and end in a
    // misleading "no working time".
    if (!Number.isFinite(workingMs))
      throw new RangeError(`calendar "${this.id}": working time ${workingMs} is not a finite amount`);
    if (workingMs <= 0) return fromMs;
    this.ensureCovers(fromMs);
    for (;;) {
      const fromIndex = this.lastIntervalStartingAtOrBefore(fromMs);
      const target = this.positionIn(fromIndex, fromMs) + workingMs;
      const total = this.cumulativeAfter.length > 0 ? this.cumulativeAfter[this.cumulativeAfter.length - 1] : 0;
      if (target <= total) {
        const index = this.firstIntervalEndingAtOrAfter(target, Math.max(0, fromIndex));
        return this.starts[index] + (target - this.cumulativeBefore[index]);
      }
      this.extendForward(fromMs);
    }
  }

  /** The instant itself when it is working time, else the start of the next working interval. */
  nextWorkingInstant(instantMs: number): number {
    this.ensureCovers(instantMs);
    for (;;) {
      const index = this.lastIntervalStartingAtOrBefore(instantMs);
      if (index >= 0 && instantMs < this.ends[index]) return instantMs;
      if (index + 1 < this.starts.length) return this.starts[index + 1];
      this.extendForward(instantMs);
    }
  }

  /** Local day number (days since 1970-01-01 in the calendar's zone) of an instant. */
  localDayNumber(instantMs: number): number {
    this.ensureCovers(instantMs);
    return Math.floor((instantMs + this.offsetsOrThrow().offsetMsAt(instantMs)) / MS_PER_DAY);
  }

  /** Minutes after local midnight of an instant. */
  localMinuteOfDay(instantMs: number): number {
    this.ensureCovers(instantMs);
    const wall = instantMs + this.offsetsOrThrow().offsetMsAt(instantMs);
    return Math.floor((wall - Math.floor(wall / MS_PER_DAY) * MS_PER_DAY) / MS_PER_MINUTE);
  }

  /** First instant of a local day (the end of the DST gap when midnight does not exist). */
  startOfLocalDay(dayNumber: number): number {
    this.ensureCovers(dayNumber * MS_PER_DAY);
    const pieces = this.offsetsOrThrow().utcIntervalsForWallRange(dayNumber * MS_PER_DAY, (dayNumber + 1) * MS_PER_DAY);
    return pieces.length > 0 ? pieces[0][0] : dayNumber * MS_PER_DAY;
  }

  /** Offset from UTC in minutes at an instant (for formatting output). */
  offsetMinutesAt(instantMs: number): number {
    this.ensureCovers(instantMs);
    return this.offsetsOrThrow().offsetMsAt(instantMs) / MS_PER_MINUTE;
  }

  /** The end of the last working range of a local day, or null when the day has no working time. */
  endOfWorkingDay(dayNumber: number): number | null {
    this.ensureCovers(dayNumber * MS_PER_DAY);
    return this.dayEnds.get(dayNumber) ?? null;
  }

  /** The working intervals that intersect `[fromMs, toMs)`, clipped to it. */
  workingIntervalsBetween(fromMs: number, toMs: number): WorkingInterval[] {
    if (toMs <= fromMs) return [];
    this.ensureCovers(fromMs);
    this.ensureCovers(toMs);
    const result: WorkingInterval[] = [];
    let index = Math.max(0, this.lastIntervalStartingAtOrBefore(fromMs));
    for (; index < this.starts.length && this.starts[index] < toMs; index++) {
      const startMs = Math.max(fromMs, this.starts[index]);
      const endMs = Math.min(toMs, this.ends[index]);
      if (startMs < endMs) result.push({ startMs, endMs });
    }
    return result;
  }

  private position(instantMs: number): number {
    return this.positionIn(this.lastIntervalStartingAtOrBefore(instantMs), instantMs);
  }

  /** Working ms of the window before an instant, given the last interval starting at or before it. */
  private positionIn(index: number, instantMs: number): number {
    if (index < 0) return 0;
    return this.cumulativeBefore[index] + Math.min(instantMs, this.ends[index]) - this.starts[index];
  }

  /** Binary search for the last interval starting at or before an instant, within its day's slot. */
  private lastIntervalStartingAtOrBefore(instantMs: number): number {
    const starts = this.starts;
    const slots = this.lastStartBeforeDay;
    const slot = Math.floor((instantMs - this.dayIndexOriginMs) / MS_PER_DAY);
    // The answer lies between the last interval starting before this UTC day and the last one
    // starting before the next; outside the indexed days the search spans every interval.
    let low = -1;
    let high = starts.length - 1;
    if (slot >= 0 && slot + 1 < slots.length) {
      low = slots[slot];
      high = slots[slot + 1];
    }
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= instantMs) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /**
   * The first interval whose cumulative end reaches a position, searched from `fromIndex` onwards:
   * galloping first, since a deadline is usually a few intervals after its start, then bisecting.
   */
  private firstIntervalEndingAtOrAfter(position: number, fromIndex: number): number {
    const after = this.cumulativeAfter;
    const last = after.length - 1;
    let low = fromIndex;
    let high = fromIndex;
    for (let step = 1; high < last && after[high] < position; step *= 2) {
      low = high + 1;
      high = Math.min(last, high + step);
    }
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (after[middle] >= position) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  private offsetsOrThrow(): ZoneOffsets {
    if (!this.offsets) throw new Error('calendar window not compiled');
    return this.offsets;
  }

  private ensureCovers(instantMs: number): void {
    if (instantMs >= this.coverFromMs && instantMs <= this.coverToMs) return;
    if (!Number.isFinite(instantMs))
      throw new RangeError(`calendar "${this.id}": instant ${instantMs} is not a finite time`);
    const year = new Date(instantMs).getUTCFullYear();
    const fromYear = this.offsets ? Math.min(yearOfDayNumber(this.fromDay), year - 1) : year - 1;
    const toYear = this.offsets ? Math.max(yearOfDayNumber(this.toDay - 1), year + 1) : year + 1;
    this.compile(fromYear, toYear);
  }

  private extendForward(requestedFromMs: number): void {
    // The window already holds every day with ranges, so no later working time can exist.
    if (this.lastDayWithRanges < this.toDay) throw new CalendarHorizonError(this.id);
    const currentToYear = yearOfDayNumber(this.toDay - 1);
    if (currentToYear - new Date(requestedFromMs).getUTCFullYear() > MAX_HORIZON_YEARS)
      throw new CalendarHorizonError(this.id);
    this.compile(
      yearOfDayNumber(this.fromDay),
      currentToYear + Math.max(1, Math.ceil((currentToYear - yearOfDayNumber(this.fromDay)) / 2)),
    );
  }

  /** Compiles the local days of years `[fromYear, toYear]` into UTC intervals. */
  private compile(fromYear: number, toYear: number): void {
    this.fromDay = firstDayOfYear(fromYear);
    this.toDay = firstDayOfYear(toYear + 1);
    // Offsets never exceed ±18 h and ranges span at most two days, so two days of margin keep
    // every answer inside the window exact.
    this.coverFromMs = (this.fromDay + 2) * MS_PER_DAY;
    this.coverToMs = (this.toDay - 3) * MS_PER_DAY;
    const offsets = ZoneOffsets.covering(this.zone, (this.fromDay - 2) * MS_PER_DAY, (this.toDay + 3) * MS_PER_DAY);
    this.offsets = offsets;
    const raw: Array<[number, number]> = [];
    const dayEnds = new Map<number, number>();
    for (let day = this.fromDay - 1; day < this.toDay; day++) {
      const wallMidnight = day * MS_PER_DAY;
      for (const [startMinute, endMinute] of this.rangesOfDay(day)) {
        const pieces = offsets.utcIntervalsForWallRange(
          wallMidnight + startMinute * MS_PER_MINUTE,
          wallMidnight + endMinute * MS_PER_MINUTE,
        );
        for (const piece of pieces) {
          raw.push(piece);
          const previousEnd = dayEnds.get(day);
          if (previousEnd === undefined || piece[1] > previousEnd) dayEnds.set(day, piece[1]);
        }
      }
    }
    raw.sort((a, b) => a[0] - b[0]);
    // Union of touching or overlapping ranges: 24/7 becomes one interval, 22:00-06:00 meets 06:00-10:00.
    const merged: Array<[number, number]> = [];
    for (const piece of raw) {
      const last = merged[merged.length - 1];
      if (last && piece[0] <= last[1]) last[1] = Math.max(last[1], piece[1]);
      else merged.push([piece[0], piece[1]]);
    }
    this.starts = new Float64Array(merged.length);
    this.ends = new Float64Array(merged.length);
    this.cumulativeBefore = new Float64Array(merged.length);
    this.cumulativeAfter = new Float64Array(merged.length);
    let total = 0;
    merged.forEach(([start, end], index) => {
      this.starts[index] = start;
      this.ends[index] = end;
      this.cumulativeBefore[index] = total;
      total += end - start;
      this.cumulativeAfter[index] = total;
    });
    this.dayEnds = dayEnds;
    this.indexDays((this.fromDay - 2) * MS_PER_DAY, (this.toDay + 3) * MS_PER_DAY);
  }

  /** Fills `lastStartBeforeDay` for every UTC day of `[fromMs, toMs)`, walking the intervals once. */
  private indexDays(fromMs: number, toMs: number): void {
    this.dayIndexOriginMs = Math.floor(fromMs / MS_PER_DAY) * MS_PER_DAY;
    const slots = new Int32Array(Math.ceil((toMs - this.dayIndexOriginMs) / MS_PER_DAY) + 1);
    let index = -1;
    for (let slot = 0; slot < slots.length; slot++) {
      const midnightMs = this.dayIndexOriginMs + slot * MS_PER_DAY;
      while (index + 1 < this.starts.length && this.starts[index + 1] <= midnightMs) index++;
      slots[slot] = index;
    }
    this.lastStartBeforeDay = slots;
  }
}
