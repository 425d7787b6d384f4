import fc from 'fast-check';
import { DateTime } from 'luxon';
import { BusinessCalendar, CalendarHorizonError } from '../../../src/core/calendar/business-calendar';
import { calendarSchema } from '../../../src/core/calendar/calendar-schema';

/*
 * The calendar held against a slow, obvious oracle: every UTC minute of a three-day window is
 * converted to local wall time with luxon and judged against the definition's ranges directly.
 * The oracle shares no code with the calendar (it parses ranges and walks dates itself).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WINDOW_MINUTES = 3 * 24 * 60;
const ZONES = ['Europe/Moscow', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney'] as const;
const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const FIRST_YEAR = 2024;
const LAST_YEAR = 2028;
/** Scenarios per property: each builds a calendar and a minute-by-minute oracle, then checks many instants. */
const NUM_RUNS = 25;
const CHECKS_PER_SCENARIO = 40;

type Zone = (typeof ZONES)[number];

interface Scenario {
  zone: Zone;
  /** The local date the window is built around: midnight of the day before to midnight two days after. */
  anchor: string;
  week: Record<(typeof WEEKDAY_KEYS)[number], string[]>;
  /** Holiday and override dates, as day offsets from the anchor so that they land in the window. */
  holidayOffsets: number[];
  overrides: Array<{ offset: number; ranges: string[] }>;
}

/** Local dates on which the zone's offset changed, found by comparing the offsets of consecutive noons. */
function offsetChangeDates(zone: string, fromYear: number, toYear: number): string[] {
  const dates: string[] = [];
  let previousOffset: number | null = null;
  for (
    let date = DateTime.fromObject({ year: fromYear, month: 1, day: 1, hour: 12 }, { zone });
    date.year <= toYear;
    date = date.plus({ days: 1 })
  ) {
    if (previousOffset !== null && date.offset !== previousOffset) dates.push(date.toISODate() ?? '');
    previousOffset = date.offset;
  }
  return dates;
}

/** Moscow has not changed its clocks since 2014, so its last two changes stand in for the DST days. */
const OFFSET_CHANGE_DATES: Record<Zone, string[]> = {
  'Europe/Moscow': offsetChangeDates('Europe/Moscow', 2010, 2015),
  'Europe/Berlin': offsetChangeDates('Europe/Berlin', FIRST_YEAR, LAST_YEAR),
  'America/New_York': offsetChangeDates('America/New_York', FIRST_YEAR, LAST_YEAR),
  'Australia/Sydney': offsetChangeDates('Australia/Sydney', FIRST_YEAR, LAST_YEAR),
};

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Mostly on a half-hour grid, so that ranges touch and instants land on their ends; sometimes any minute. */
const startMinuteArb = fc.oneof(
  fc.integer({ min: 0, max: 47 }).map((slot) => slot * 30),
  fc.integer({ min: 0, max: 1439 }),
);
const endMinuteArb = fc.oneof(
  fc.integer({ min: 0, max: 48 }).map((slot) => slot * 30),
  fc.integer({ min: 0, max: 1440 }),
);
const rangeArb = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .tuple(startMinuteArb, endMinuteArb)
      .filter(([start, end]) => start !== end)
      .map(([start, end]) => `${hhmm(start)}-${hhmm(end)}`),
  },
  { weight: 1, arbitrary: fc.constant('00:00-24:00') },
);
const dayRangesArb = fc.array(rangeArb, { maxLength: 3 });

const randomDateArb = fc
  .integer({ min: Date.UTC(FIRST_YEAR, 0, 1) / DAY, max: Date.UTC(LAST_YEAR, 11, 31) / DAY })
  .map((dayNumber) => new Date(dayNumber * DAY).toISOString().slice(0, 10));

const scenarioArb: fc.Arbitrary<Scenario> = fc.constantFrom(...ZONES).chain((zone) =>
  fc.record({
    zone: fc.constant(zone),
    anchor: fc.oneof(fc.constantFrom(...OFFSET_CHANGE_DATES[zone]), randomDateArb),
    week: fc.record({
      mon: dayRangesArb,
      tue: dayRangesArb,
      wed: dayRangesArb,
      thu: dayRangesArb,
      fri: dayRangesArb,
      sat: dayRangesArb,
      sun: dayRangesArb,
    }),
    holidayOffsets: fc.uniqueArray(fc.integer({ min: -2, max: 3 }), { maxLength: 3 }),
    overrides: fc.uniqueArray(
      fc.record({ offset: fc.integer({ min: -2, max: 3 }), ranges: fc.array(rangeArb, { maxLength: 2 }) }),
      {
        maxLength: 2,
        selector: (override) => override.offset,
      },
    ),
  }),
);

function shiftDate(isoDate: string, days: number): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).plus({ days }).toISODate() ?? '';
}

function buildCalendar(scenario: Scenario): BusinessCalendar {
  return new BusinessCalendar(
    'property',
    calendarSchema.parse({
      zone: scenario.zone,
      week: scenario.week,
      holidays: scenario.holidayOffsets.map((offset) => shiftDate(scenario.anchor, offset)),
      overrides: scenario.overrides.map((override) => ({
        date: shiftDate(scenario.anchor, override.offset),
        ranges: override.ranges,
      })),
    }),
  );
}

/** The oracle: a flag per UTC minute of the window, decided from the local wall time alone. */
class MinuteOracle {
  readonly startMs: number;
  readonly endMs: number;
  private readonly working = new Uint8Array(WINDOW_MINUTES);

  constructor(scenario: Scenario) {
    const parse = (range: string): [number, number] => {
      const [start, end] = range.split('-').map((text) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5)));
      return [start, end <= start ? end + 1440 : end];
    };
    const holidays = new Set(scenario.holidayOffsets.map((offset) => shiftDate(scenario.anchor, offset)));
    const overrides = new Map(
      scenario.overrides.map((override) => [shiftDate(scenario.anchor, override.offset), override.ranges.map(parse)]),
    );
    // Precedence for a date: an override, then a holiday, then the weekday.
    const rangesOn = (isoDate: string): Array<[number, number]> => {
      const override = overrides.get(isoDate);
      if (override) return override;
      if (holidays.has(isoDate)) return [];
      const weekday = DateTime.fromISO(isoDate, { zone: 'UTC' }).weekday;
      return scenario.week[WEEKDAY_KEYS[weekday - 1]].map(parse);
    };
    // The window touches five local dates; remembering their ranges keeps the oracle to one luxon call a minute.
    const rangesByDate = new Map<string, { today: Array<[number, number]>; yesterday: Array<[number, number]> }>();
    const rangesAround = (isoDate: string) => {
      let ranges = rangesByDate.get(isoDate);
      if (!ranges) {
        ranges = { today: rangesOn(isoDate), yesterday: rangesOn(shiftDate(isoDate, -1)) };
        rangesByDate.set(isoDate, ranges);
      }
      return ranges;
    };

    this.startMs = DateTime.fromISO(scenario.anchor, { zone: scenario.zone }).toMillis() - DAY;
    this.endMs = this.startMs + WINDOW_MINUTES * MINUTE;
    for (let index = 0; index < WINDOW_MINUTES; index++) {
      const local = DateTime.fromMillis(this.startMs + index * MINUTE, { zone: scenario.zone });
      const date = `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
      const minuteOfDay = local.hour * 60 + local.minute;
      const { today, yesterday } = rangesAround(date);
      const inToday = today.some(([start, end]) => start <= minuteOfDay && minuteOfDay < end);
      const inYesterday = yesterday.some(([, end]) => end > 1440 && minuteOfDay < end - 1440);
      this.working[index] = inToday || inYesterday ? 1 : 0;
    }
  }

  isWorking(instantMs: number): boolean {
    return this.working[Math.floor((instantMs - this.startMs) / MINUTE)] === 1;
  }

  /** Working milliseconds in [fromMs, toMs), summed minute by minute. */
  workingMsBetween(fromMs: number, toMs: number): number {
    let total = 0;
    for (
      let minuteStart = this.startMs + Math.floor((fromMs - this.startMs) / MINUTE) * MINUTE;
      minuteStart < toMs;
      minuteStart += MINUTE
    ) {
      if (!this.isWorking(minuteStart)) continue;
      total += Math.min(toMs, minuteStart + MINUTE) - Math.max(fromMs, minuteStart);
    }
    return total;
  }

  /** The first working instant at or after `instantMs`, or null when there is none in the window. */
  nextWorkingInstant(instantMs: number): number | null {
    if (this.isWorking(instantMs)) return instantMs;
    for (
      let minuteStart = this.startMs + (Math.floor((instantMs - this.startMs) / MINUTE) + 1) * MINUTE;
      minuteStart < this.endMs;
      minuteStart += MINUTE
    ) {
      if (this.isWorking(minuteStart)) return minuteStart;
    }
    return null;
  }
}

/** Fractions of the window, turned into instants once the window is known; some minute-aligned, some not. */
const instantFractionArb = fc.oneof(
  fc.integer({ min: 0, max: WINDOW_MINUTES - 1 }).map((minute) => minute * MINUTE),
  fc.integer({ min: 0, max: WINDOW_MINUTES * MINUTE - 1 }),
);

function describeScenario(scenario: Scenario): string {
  return JSON.stringify(scenario);
}

function horizonOrValue(compute: () => number): number | 'no working time' {
  try {
    return compute();
  } catch (error) {
    if (error instanceof CalendarHorizonError) return 'no working time';
    throw error;
  }
}

describe('BusinessCalendar against a minute-by-minute oracle', () => {
  test('isWorking agrees with the oracle for any instant', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(instantFractionArb, { minLength: CHECKS_PER_SCENARIO, maxLength: CHECKS_PER_SCENARIO }),
        (scenario, offsets) => {
          const calendar = buildCalendar(scenario);
          const oracle = new MinuteOracle(scenario);
          for (const offset of offsets) {
            const instant = oracle.startMs + offset;
            if (calendar.isWorking(instant) !== oracle.isWorking(instant)) {
              throw new Error(
                `isWorking(${new Date(instant).toISOString()}) disagrees in ${describeScenario(scenario)}`,
              );
            }
          }
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  test('workingMsBetween equals the oracle count, and its negation when reversed', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(fc.tuple(instantFractionArb, instantFractionArb), {
          minLength: CHECKS_PER_SCENARIO,
          maxLength: CHECKS_PER_SCENARIO,
        }),
        (scenario, pairs) => {
          const calendar = buildCalendar(scenario);
          const oracle = new MinuteOracle(scenario);
          for (const [first, second] of pairs) {
            const from = oracle.startMs + Math.min(first, second);
            const to = oracle.startMs + Math.max(first, second);
            const expected = oracle.workingMsBetween(from, to);
            expect(calendar.workingMsBetween(from, to)).toBe(expected);
            expect(calendar.workingMsBetween(to, from)).toBe(expected === 0 ? 0 : -expected);
          }
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  test('addWorkingMs(a, m) is the earliest instant t with workingMsBetween(a, t) = m', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(fc.tuple(instantFractionArb, instantFractionArb), {
          minLength: CHECKS_PER_SCENARIO,
          maxLength: CHECKS_PER_SCENARIO,
        }),
        (scenario, pairs) => {
          const calendar = buildCalendar(scenario);
          const oracle = new MinuteOracle(scenario);
          for (const [first, second] of pairs) {
            // m is the working time up to a random later instant b, so the answer lies in the window
            // and, whenever b is off work, is exactly the end of a range.
            const from = oracle.startMs + Math.min(first, second);
            const bound = oracle.startMs + Math.max(first, second);
            const amount = oracle.workingMsBetween(from, bound);
            const due = calendar.addWorkingMs(from, amount);
            expect(due).toBeGreaterThanOrEqual(from);
            expect(due).toBeLessThanOrEqual(bound);
            expect(oracle.workingMsBetween(from, due)).toBe(amount);
            if (amount === 0) expect(due).toBe(from);
            else expect(oracle.isWorking(due - 1)).toBe(true);
          }
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  test('Adding x then y equals adding x + y, also when x lands exactly on a range end or either is zero', () => {
    // Holds for every x, y >= 0 because a result on a range end has the same working-time position as
    // the next range start; it would break if adding zero snapped to the next working instant.
    const amountArb = fc.oneof(
      fc.constant(0),
      fc.integer({ min: 1, max: 3 * 24 * 60 }).map((minutes) => minutes * MINUTE),
      fc.integer({ min: 1, max: 3 * DAY }),
    );
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(fc.tuple(instantFractionArb, instantFractionArb, amountArb), {
          minLength: CHECKS_PER_SCENARIO,
          maxLength: CHECKS_PER_SCENARIO,
        }),
        (scenario, triples) => {
          const calendar = buildCalendar(scenario);
          const oracle = new MinuteOracle(scenario);
          for (const [first, second, y] of triples) {
            const from = oracle.startMs + Math.min(first, second);
            // x runs to a random later instant, so that it often ends exactly on a range end.
            const x = oracle.workingMsBetween(from, oracle.startMs + Math.max(first, second));
            const inTwoSteps = horizonOrValue(() => calendar.addWorkingMs(calendar.addWorkingMs(from, x), y));
            const inOneStep = horizonOrValue(() => calendar.addWorkingMs(from, x + y));
            expect(inTwoSteps).toBe(inOneStep);
          }
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  test('nextWorkingInstant is the first working instant the oracle finds, and workingIntervalsBetween covers exactly the working time', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(fc.tuple(instantFractionArb, instantFractionArb), {
          minLength: CHECKS_PER_SCENARIO,
          maxLength: CHECKS_PER_SCENARIO,
        }),
        (scenario, pairs) => {
          const calendar = buildCalendar(scenario);
          const oracle = new MinuteOracle(scenario);
          for (const [first, second] of pairs) {
            const from = oracle.startMs + Math.min(first, second);
            const to = oracle.startMs + Math.max(first, second);
            const expectedNext = oracle.nextWorkingInstant(from);
            if (expectedNext !== null) expect(calendar.nextWorkingInstant(from)).toBe(expectedNext);
            const intervals = calendar.workingIntervalsBetween(from, to);
            let covered = 0;
            let previousEnd = -Infinity;
            for (const interval of intervals) {
              expect(interval.startMs).toBeGreaterThan(previousEnd);
              expect(interval.endMs).toBeGreaterThan(interval.startMs);
              expect(oracle.workingMsBetween(interval.startMs, interval.endMs)).toBe(interval.endMs - interval.startMs);
              covered += interval.endMs - interval.startMs;
              previousEnd = interval.endMs;
            }
            expect(covered).toBe(oracle.workingMsBetween(from, to));
          }
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
