import dayjs from 'dayjs';
import dayjsBusinessTime from 'dayjs-business-time';
import { DateTime } from 'luxon';
import moment from 'moment-timezone';
import 'moment-business-time';
import WorkingTimeCalculator from 'working-time-calculator';
import { BusinessCalendar } from '../src/core/calendar/business-calendar';
import { calendarSchema } from '../src/core/calendar/calendar-schema';

dayjs.extend(dayjsBusinessTime);

const MS_PER_MINUTE = 60_000;

/** Sets the process time zone for peers that only work in local time; returns what undoes it. */
function useProcessZone(zone: string): () => void {
  const previous = process.env.TZ;
  process.env.TZ = zone;
  return () => {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  };
}

/** The calendar every implementation is set up with: one range a day, Monday to Friday, minus holidays. */
export interface OfficeCalendarSpec {
  zone: string;
  /** `HH:MM` */
  open: string;
  /** `HH:MM` */
  close: string;
  holidays: ReadonlyArray<{ date: string; name?: string }>;
}

/** One operation over prepared cases: `operation(i)` answers case i (inputs are converted beforehand). */
export type CaseOperation = (caseIndex: number) => number;

/** An implementation set up for one zone. A null operation is one the implementation cannot express. */
export interface ZoneRunner {
  /** Epoch ms of `minutes` working minutes after each start. */
  addWorkingMinutes: ((startsMs: readonly number[], minutes: number) => CaseOperation) | null;
  /** Working minutes in each `[fromMs, toMs)`. */
  workingMinutesBetween: ((spans: ReadonlyArray<readonly [number, number]>) => CaseOperation) | null;
  /** Undoes process-wide settings made for this zone; runners are torn down in reverse order. */
  tearDown(): void;
}

/** A business-time implementation under comparison. */
export interface CalendarImplementation {
  name: string;
  isThisEngine: boolean;
  /** What it cannot express as stated, and how it is run instead; printed with the results. */
  limitations: string[];
  setUp(spec: OfficeCalendarSpec): ZoneRunner;
}

const thisEngine: CalendarImplementation = {
  name: 'this engine',
  isThisEngine: true,
  limitations: [],
  setUp(spec) {
    const calendar = new BusinessCalendar(
      'bench',
      calendarSchema.parse({
        zone: spec.zone,
        week: { weekdays: [`${spec.open}-${spec.close}`] },
        holidays: spec.holidays,
      }),
    );
    return {
      addWorkingMinutes(startsMs, minutes) {
        const starts = Float64Array.from(startsMs);
        const workingMs = minutes * MS_PER_MINUTE;
        return (caseIndex) => calendar.addWorkingMs(starts[caseIndex], workingMs);
      },
      workingMinutesBetween(spans) {
        const from = Float64Array.from(spans, ([fromMs]) => fromMs);
        const to = Float64Array.from(spans, ([, toMs]) => toMs);
        return (caseIndex) => calendar.workingMsBetween(from[caseIndex], to[caseIndex]) / MS_PER_MINUTE;
      },
      tearDown() {},
    };
  },
};

const momentBusinessTime: CalendarImplementation = {
  name: 'moment-business-time',
  isThisEngine: false,
  limitations: ['works on moment objects in their own zone: run with moment-timezone moments in the calendar zone'],
  setUp(spec) {
    // Hours and holidays live in the global moment locale, so one calendar at a time.
    const hours = [`${spec.open}:00`, `${spec.close}:00`];
    moment.updateLocale('en', {
      workinghours: { 0: null, 1: hours, 2: hours, 3: hours, 4: hours, 5: hours, 6: null },
      holidays: spec.holidays.map((holiday) => holiday.date),
    });
    return {
      addWorkingMinutes(startsMs, minutes) {
        const starts = startsMs.map((startMs) => moment.tz(startMs, spec.zone));
        // addWorkingTime changes the moment it is called on, so each call works on a copy.
        return (caseIndex) => starts[caseIndex].clone().addWorkingTime(minutes, 'minutes').valueOf();
      },
      workingMinutesBetween(spans) {
        const from = spans.map(([fromMs]) => moment.tz(fromMs, spec.zone));
        const to = spans.map(([, toMs]) => moment.tz(toMs, spec.zone));
        return (caseIndex) => to[caseIndex].workingDiff(from[caseIndex], 'minutes');
      },
      tearDown() {},
    };
  },
};

const dayjsBusiness: CalendarImplementation = {
  name: 'dayjs-business-time',
  isThisEngine: false,
  limitations: [
    'works in the process time zone: with dayjs timezone-plugin objects, adding 540 minutes to Friday 2026-03-27 17:00 Europe/Berlin (the DST weekend) never returns',
    'so it runs on plain dayjs objects with process.env.TZ set to the calendar zone',
  ],
  setUp(spec) {
    const restoreZone = useProcessZone(spec.zone);
    const segment = [{ start: `${spec.open}:00`, end: `${spec.close}:00` }];
    dayjs.setBusinessTime({
      sunday: null,
      monday: segment,
      tuesday: segment,
      wednesday: segment,
      thursday: segment,
      friday: segment,
      saturday: null,
    });
    dayjs.setHolidays(spec.holidays.map((holiday) => holiday.date));
    return {
      addWorkingMinutes(startsMs, minutes) {
        const starts = startsMs.map((startMs) => dayjs(startMs));
        return (caseIndex) => starts[caseIndex].addBusinessMinutes(minutes).valueOf();
      },
      workingMinutesBetween(spans) {
        const from = spans.map(([fromMs]) => dayjs(fromMs));
        const to = spans.map(([, toMs]) => dayjs(toMs));
        return (caseIndex) => from[caseIndex].businessMinutesDiff(to[caseIndex]);
      },
      tearDown: restoreZone,
    };
  },
};

const workingTimeCalculator: CalendarImplementation = {
  name: 'working-time-calculator',
  isThisEngine: false,
  limitations: [
    'only measures working time between two instants: it cannot add working time',
    'given ISO strings with an offset, it walks days in that fixed offset, so after a DST change every working day slips to the previous date (Europe/Berlin, 30 days from 2026-10-14 00:32: one working day too many)',
    'so it is given Date objects with process.env.TZ set to the calendar zone; holidays are excluded spans',
  ],
  setUp(spec) {
    const restoreZone = useProcessZone(spec.zone);
    const calculator = new WorkingTimeCalculator();
    calculator.addWorkingHours(WorkingTimeCalculator.WEEKDAYS, spec.open, spec.close, spec.zone);
    for (const holiday of spec.holidays) {
      const start = DateTime.fromISO(holiday.date, { zone: spec.zone });
      calculator.excludeBetween(start.toJSDate(), start.plus({ days: 1 }).toJSDate(), holiday.name);
    }
    return {
      addWorkingMinutes: null,
      workingMinutesBetween(spans) {
        const from = spans.map(([fromMs]) => new Date(fromMs));
        const to = spans.map(([, toMs]) => new Date(toMs));
        return (caseIndex) => calculator.calcMinutesBetween(from[caseIndex], to[caseIndex]);
      },
      tearDown: restoreZone,
    };
  },
};

/** This engine first, then the peers, in the order of the result tables. */
export const calendarImplementations: readonly CalendarImplementation[] = [
  thisEngine,
  momentBusinessTime,
  dayjsBusiness,
  workingTimeCalculator,
];
