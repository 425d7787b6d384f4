import { DateTime } from 'luxon';
import { BusinessCalendar, CalendarHorizonError } from '../../../src/core/calendar/business-calendar';
import { calendarSchema } from '../../../src/core/calendar/calendar-schema';
import { dayNumberFromIsoDate } from '../../../src/core/calendar/wall-clock';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Validates the definition the way the catalog loader does, so every calendar here is one a user could write. */
function calendar(definition: unknown): BusinessCalendar {
  return new BusinessCalendar('test', calendarSchema.parse(definition));
}

/** A local wall time in a zone; an explicit offset in the text picks one side of a DST overlap. */
function at(localIso: string, zone: string): number {
  const parsed = DateTime.fromISO(localIso, { zone });
  if (!parsed.isValid) throw new Error(`bad test instant ${localIso}`);
  return parsed.toMillis();
}

function day(isoDate: string): number {
  const dayNumber = dayNumberFromIsoDate(isoDate);
  if (dayNumber === null) throw new Error(`bad test date ${isoDate}`);
  return dayNumber;
}

/** 2026-03-02 is a Monday; the week below runs Monday 2 to Sunday 8 March 2026. */
const MSK = 'Europe/Moscow';
const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const SYDNEY = 'Australia/Sydney';

describe('weekday ranges', () => {
  const officeHours = calendar({ zone: MSK, week: { weekdays: ['09:00-18:00'] } });

  test('An instant inside a weekday range is working time; the range end and the weekend are not', () => {
    expect(officeHours.isWorking(at('2026-03-02T09:00', MSK))).toBe(true);
    expect(officeHours.isWorking(at('2026-03-02T17:59:59.999', MSK))).toBe(true);
    expect(officeHours.isWorking(at('2026-03-02T08:59:59.999', MSK))).toBe(false);
    expect(officeHours.isWorking(at('2026-03-02T18:00', MSK))).toBe(false);
    expect(officeHours.isWorking(at('2026-03-07T12:00', MSK))).toBe(false);
  });

  test('Working time between two instants counts only their overlap with the ranges', () => {
    expect(officeHours.workingMsBetween(at('2026-03-02T07:00', MSK), at('2026-03-02T10:30', MSK))).toBe(1.5 * HOUR);
    expect(officeHours.workingMsBetween(at('2026-03-02T00:00', MSK), at('2026-03-09T00:00', MSK))).toBe(5 * 9 * HOUR);
  });

  test('Working time between is negative when the instants are given in reverse', () => {
    expect(officeHours.workingMsBetween(at('2026-03-03T10:00', MSK), at('2026-03-02T10:00', MSK))).toBe(-9 * HOUR);
  });

  test('Adding working time on a Friday evening carries over the weekend to Monday', () => {
    const due = officeHours.addWorkingMs(at('2026-11-20T17:30', MSK), HOUR);
    expect(due).toBe(at('2026-11-23T09:30', MSK));
  });

  test('A named day wins over "weekdays", and "weekdays" wins over "everyday"', () => {
    const mixed = calendar({
      zone: MSK,
      week: { everyday: ['10:00-12:00'], weekdays: ['09:00-18:00'], fri: ['09:00-16:00'] },
    });
    expect(mixed.isWorking(at('2026-03-05T16:30', MSK))).toBe(true);
    expect(mixed.isWorking(at('2026-03-06T16:30', MSK))).toBe(false);
    expect(mixed.isWorking(at('2026-03-07T10:30', MSK))).toBe(true);
    expect(mixed.isWorking(at('2026-03-07T09:30', MSK))).toBe(false);
    expect(mixed.kindOfDay(day('2026-03-07'))).toEqual({ kind: 'working' });
  });

  test('A day without ranges is a weekend day', () => {
    expect(officeHours.kindOfDay(day('2026-03-08'))).toEqual({ kind: 'weekend' });
    expect(officeHours.kindOfDay(day('2026-03-02'))).toEqual({ kind: 'working' });
  });

  test('Working time is counted to the millisecond, not rounded to minutes', () => {
    const from = at('2026-03-02T17:59:30.250', MSK);
    expect(officeHours.workingMsBetween(from, at('2026-03-03T09:00:01', MSK))).toBe(29_750 + 1_000);
    expect(officeHours.addWorkingMs(from, 30_000)).toBe(at('2026-03-03T09:00:00.250', MSK));
  });
});

describe('several ranges a day', () => {
  const withLunch = calendar({ zone: MSK, week: { weekdays: ['09:00-13:00', '14:00-18:00'] } });

  test('The break between two ranges is not working time', () => {
    expect(withLunch.isWorking(at('2026-03-02T12:59', MSK))).toBe(true);
    expect(withLunch.isWorking(at('2026-03-02T13:30', MSK))).toBe(false);
    expect(withLunch.isWorking(at('2026-03-02T14:00', MSK))).toBe(true);
  });

  test('A day holds the sum of its ranges', () => {
    expect(withLunch.workingMsBetween(at('2026-03-02T00:00', MSK), at('2026-03-03T00:00', MSK))).toBe(8 * HOUR);
  });

  test('Adding working time skips the break', () => {
    expect(withLunch.addWorkingMs(at('2026-03-02T12:30', MSK), HOUR)).toBe(at('2026-03-02T14:30', MSK));
  });

  test('Ranges of one day listed out of order or overlapping count their union once', () => {
    const messy = calendar({ zone: MSK, week: { weekdays: ['14:00-18:00', '09:00-13:00', '12:00-15:00'] } });
    expect(messy.workingMsBetween(at('2026-03-02T00:00', MSK), at('2026-03-03T00:00', MSK))).toBe(9 * HOUR);
    expect(messy.isWorking(at('2026-03-02T13:30', MSK))).toBe(true);
  });
});

describe('ranges past midnight', () => {
  const nightShift = calendar({ zone: MSK, week: { weekdays: ['22:00-06:00'] } });

  test('A range past midnight runs into the next morning', () => {
    expect(nightShift.isWorking(at('2026-03-06T23:00', MSK))).toBe(true);
    expect(nightShift.isWorking(at('2026-03-07T05:59', MSK))).toBe(true);
    expect(nightShift.isWorking(at('2026-03-07T06:00', MSK))).toBe(false);
    expect(nightShift.workingMsBetween(at('2026-03-06T12:00', MSK), at('2026-03-07T12:00', MSK))).toBe(8 * HOUR);
  });

  test('The early hours of a date belong to the previous date: Monday 03:00 is off when Sunday has no range', () => {
    expect(nightShift.isWorking(at('2026-03-09T03:00', MSK))).toBe(false);
    expect(nightShift.isWorking(at('2026-03-10T03:00', MSK))).toBe(true);
  });

  test('A holiday on the following date does not cut an overnight range short', () => {
    const withHoliday = calendar({ zone: MSK, week: { weekdays: ['22:00-06:00'] }, holidays: ['2026-03-03'] });
    expect(withHoliday.isWorking(at('2026-03-03T05:00', MSK))).toBe(true);
    expect(withHoliday.workingMsBetween(at('2026-03-02T12:00', MSK), at('2026-03-03T12:00', MSK))).toBe(8 * HOUR);
  });

  test('A holiday on the starting date removes its whole overnight range', () => {
    const withHoliday = calendar({ zone: MSK, week: { weekdays: ['22:00-06:00'] }, holidays: ['2026-03-03'] });
    expect(withHoliday.isWorking(at('2026-03-03T23:00', MSK))).toBe(false);
    expect(withHoliday.isWorking(at('2026-03-04T05:00', MSK))).toBe(false);
    expect(withHoliday.isWorking(at('2026-03-04T23:00', MSK))).toBe(true);
  });

  test('Adding working time continues through midnight', () => {
    expect(nightShift.addWorkingMs(at('2026-03-02T23:30', MSK), HOUR)).toBe(at('2026-03-03T00:30', MSK));
    expect(nightShift.addWorkingMs(at('2026-03-03T05:30', MSK), HOUR)).toBe(at('2026-03-03T22:30', MSK));
  });

  test('An overnight range meeting the next morning range makes one continuous interval', () => {
    const shifts = calendar({ zone: MSK, week: { weekdays: ['22:00-06:00', '06:00-10:00'] } });
    const intervals = shifts.workingIntervalsBetween(at('2026-03-02T20:00', MSK), at('2026-03-03T12:00', MSK));
    expect(intervals).toEqual([{ startMs: at('2026-03-02T22:00', MSK), endMs: at('2026-03-03T10:00', MSK) }]);
  });
});

describe('24/7', () => {
  test('An always-open calendar counts elapsed time, even across a DST change', () => {
    const open = calendar({ zone: BERLIN, alwaysOpen: true });
    const from = at('2026-03-28T00:00', BERLIN);
    const to = at('2026-03-30T00:00', BERLIN);
    expect(open.workingMsBetween(from, to)).toBe(to - from);
    expect(to - from).toBe(47 * HOUR);
    expect(open.addWorkingMs(from, 30 * HOUR)).toBe(from + 30 * HOUR);
  });

  test('"everyday 00:00-24:00" is the same as always open: one interval without seams at midnight', () => {
    const everyday = calendar({ zone: BERLIN, week: { everyday: ['00:00-24:00'] } });
    const open = calendar({ zone: BERLIN, alwaysOpen: true });
    const from = at('2026-03-25T12:00', BERLIN);
    const to = at('2026-04-02T12:00', BERLIN);
    expect(everyday.workingIntervalsBetween(from, to)).toEqual([{ startMs: from, endMs: to }]);
    expect(open.workingIntervalsBetween(from, to)).toEqual([{ startMs: from, endMs: to }]);
    expect(everyday.addWorkingMs(from, 100 * HOUR)).toBe(open.addWorkingMs(from, 100 * HOUR));
  });

  test('A holiday still closes an always-open calendar for that date', () => {
    const open = calendar({ zone: MSK, alwaysOpen: true, holidays: [{ date: '2026-01-01', name: 'New Year' }] });
    expect(open.isWorking(at('2026-01-01T12:00', MSK))).toBe(false);
    expect(open.nextWorkingInstant(at('2026-01-01T12:00', MSK))).toBe(at('2026-01-02T00:00', MSK));
    expect(open.kindOfDay(day('2026-01-01'))).toEqual({ kind: 'holiday', name: 'New Year' });
  });
});

describe('holidays', () => {
  const ru = calendar({
    zone: MSK,
    week: { weekdays: ['09:00-18:00'] },
    holidays: [{ date: '2026-02-23', name: 'Defender of the Fatherland Day' }, '2026-03-09'],
  });

  test('A holiday on a weekday has no working time', () => {
    expect(ru.isWorking(at('2026-02-23T12:00', MSK))).toBe(false);
    expect(ru.workingMsBetween(at('2026-02-23T00:00', MSK), at('2026-02-24T00:00', MSK))).toBe(0);
  });

  test('A holiday is reported with its name, or without one when given as a bare date', () => {
    expect(ru.kindOfDay(day('2026-02-23'))).toEqual({ kind: 'holiday', name: 'Defender of the Fatherland Day' });
    expect(ru.kindOfDay(day('2026-03-09'))).toEqual({ kind: 'holiday', name: undefined });
  });

  test('Adding working time jumps over a long weekend made by a holiday', () => {
    expect(ru.addWorkingMs(at('2026-03-06T17:00', MSK), 2 * HOUR)).toBe(at('2026-03-10T10:00', MSK));
  });
});

describe('dated overrides', () => {
  const ru = calendar({
    zone: MSK,
    week: { weekdays: ['09:00-18:00'] },
    holidays: ['2026-05-01', '2026-05-04'],
    overrides: [
      { date: '2026-04-25', ranges: ['09:00-18:00'], name: 'working Saturday transferred from 4 May' },
      { date: '2026-04-30', ranges: ['09:00-17:00'], name: 'pre-holiday day' },
      { date: '2026-04-28', ranges: [], name: 'office closed' },
      { date: '2026-05-04', ranges: ['10:00-12:00'], name: 'duty hours on a holiday' },
    ],
  });

  test('An override makes a Saturday a working day', () => {
    expect(ru.isWorking(at('2026-04-25T10:00', MSK))).toBe(true);
    expect(ru.kindOfDay(day('2026-04-25'))).toEqual({
      kind: 'override',
      name: 'working Saturday transferred from 4 May',
      dayOff: false,
    });
    expect(ru.addWorkingMs(at('2026-04-24T17:00', MSK), 2 * HOUR)).toBe(at('2026-04-25T10:00', MSK));
  });

  test('A shortened pre-holiday day ends at the override time and the deadline moves past the holiday', () => {
    expect(ru.isWorking(at('2026-04-30T16:59', MSK))).toBe(true);
    expect(ru.isWorking(at('2026-04-30T17:30', MSK))).toBe(false);
    expect(ru.endOfWorkingDay(day('2026-04-30'))).toBe(at('2026-04-30T17:00', MSK));
    expect(ru.addWorkingMs(at('2026-04-30T16:30', MSK), HOUR)).toBe(at('2026-05-04T10:30', MSK));
  });

  test('An override with no ranges makes a weekday a day off', () => {
    expect(ru.isWorking(at('2026-04-28T12:00', MSK))).toBe(false);
    expect(ru.kindOfDay(day('2026-04-28'))).toEqual({ kind: 'override', name: 'office closed', dayOff: true });
    expect(ru.nextWorkingInstant(at('2026-04-28T12:00', MSK))).toBe(at('2026-04-29T09:00', MSK));
  });

  test('An override wins over a holiday on the same date', () => {
    expect(ru.workingMsBetween(at('2026-05-04T00:00', MSK), at('2026-05-05T00:00', MSK))).toBe(2 * HOUR);
    expect(ru.kindOfDay(day('2026-05-04'))).toEqual({
      kind: 'override',
      name: 'duty hours on a holiday',
      dayOff: false,
    });
  });
});

describe('DST gap: wall times that do not exist are not worked', () => {
  test.each([
    [BERLIN, '2026-03-29'],
    [NEW_YORK, '2026-03-08'],
    [SYDNEY, '2026-10-04'],
  ])('In %s on %s a 01:00-05:00 range holds 3 hours', (zone, date) => {
    const early = calendar({ zone, week: { everyday: ['01:00-05:00'] } });
    expect(early.workingMsBetween(at(`${date}T00:00`, zone), at(`${date}T12:00`, zone))).toBe(3 * HOUR);
    expect(early.workingMsBetween(at(`${date}T00:00`, zone), at(`${date}T12:00`, zone))).toBe(
      early.workingMsBetween(at(`${date}T01:00`, zone), at(`${date}T05:00`, zone)),
    );
  });

  test.each([
    [BERLIN, '2026-03-29'],
    [NEW_YORK, '2026-03-08'],
    [SYDNEY, '2026-10-04'],
  ])('In %s on %s adding 2 hours from 01:00 jumps the missing hour', (zone, date) => {
    const early = calendar({ zone, week: { everyday: ['01:00-05:00'] } });
    expect(early.addWorkingMs(at(`${date}T01:00`, zone), 2 * HOUR)).toBe(at(`${date}T04:00`, zone));
  });

  test('A range starting inside the gap starts when the clocks resume', () => {
    const late = calendar({ zone: BERLIN, week: { everyday: ['02:30-06:00'] } });
    expect(late.nextWorkingInstant(at('2026-03-29T00:00', BERLIN))).toBe(Date.parse('2026-03-29T03:00:00+02:00'));
    expect(late.workingMsBetween(at('2026-03-29T00:00', BERLIN), at('2026-03-29T12:00', BERLIN))).toBe(3 * HOUR);
  });

  test('A range lying wholly in the gap gives the day no working time', () => {
    const gapOnly = calendar({ zone: NEW_YORK, week: { sun: ['02:10-02:50'] } });
    expect(gapOnly.endOfWorkingDay(day('2026-03-08'))).toBeNull();
    expect(gapOnly.endOfWorkingDay(day('2026-03-15'))).toBe(at('2026-03-15T02:50', NEW_YORK));
  });

  test('Office hours on the Monday after the change keep their wall-clock times', () => {
    const office = calendar({ zone: BERLIN, week: { weekdays: ['09:00-18:00'] } });
    expect(office.addWorkingMs(at('2026-03-27T17:00', BERLIN), 2 * HOUR)).toBe(Date.parse('2026-03-30T10:00:00+02:00'));
  });
});

describe('DST overlap: wall times that occur twice are worked twice', () => {
  test.each([
    [BERLIN, '2026-10-25'],
    [NEW_YORK, '2026-11-01'],
    [SYDNEY, '2026-04-05'],
  ])('In %s on %s a 00:00-04:00 range holds 5 hours', (zone, date) => {
    const early = calendar({ zone, week: { everyday: ['00:00-04:00'] } });
    expect(early.workingMsBetween(at(`${date}T00:00`, zone), at(`${date}T12:00`, zone))).toBe(5 * HOUR);
  });

  test('Both occurrences of a repeated wall time are working time (Berlin)', () => {
    const early = calendar({ zone: BERLIN, week: { everyday: ['00:00-04:00'] } });
    expect(early.isWorking(Date.parse('2026-10-25T02:30:00+02:00'))).toBe(true);
    expect(early.isWorking(Date.parse('2026-10-25T02:30:00+01:00'))).toBe(true);
  });

  test('A range ending inside the repeated hour is worked up to that wall time on both passes', () => {
    const early = calendar({ zone: BERLIN, week: { everyday: ['00:00-02:30'] } });
    expect(early.isWorking(Date.parse('2026-10-25T02:45:00+02:00'))).toBe(false);
    expect(early.isWorking(Date.parse('2026-10-25T02:15:00+01:00'))).toBe(true);
    expect(early.workingMsBetween(at('2026-10-25T00:00', BERLIN), at('2026-10-25T12:00', BERLIN))).toBe(3 * HOUR);
    expect(early.endOfWorkingDay(day('2026-10-25'))).toBe(Date.parse('2026-10-25T02:30:00+01:00'));
  });

  test('The repeated hour in Sydney (clocks go back from 03:00 to 02:00) counts twice', () => {
    const early = calendar({ zone: SYDNEY, week: { sun: ['02:00-03:00'] } });
    expect(early.workingMsBetween(at('2026-04-05T00:00', SYDNEY), at('2026-04-05T12:00', SYDNEY))).toBe(2 * HOUR);
    expect(early.workingMsBetween(at('2026-04-12T00:00', SYDNEY), at('2026-04-12T12:00', SYDNEY))).toBe(HOUR);
  });
});

describe('a deadline landing exactly on a range end', () => {
  const office = calendar({ zone: MSK, week: { weekdays: ['09:00-13:00', '14:00-18:00'] } });

  test('Returns the end of the range, not the start of the next one', () => {
    expect(office.addWorkingMs(at('2026-03-02T09:00', MSK), 4 * HOUR)).toBe(at('2026-03-02T13:00', MSK));
    expect(office.addWorkingMs(at('2026-03-02T09:00', MSK), 8 * HOUR)).toBe(at('2026-03-02T18:00', MSK));
  });

  test('Returns Friday evening, not Monday morning', () => {
    const due = office.addWorkingMs(at('2026-03-06T17:00', MSK), HOUR);
    expect(due).toBe(at('2026-03-06T18:00', MSK));
    expect(office.isWorking(due)).toBe(false);
    expect(office.nextWorkingInstant(due)).toBe(at('2026-03-09T09:00', MSK));
  });

  test('One more millisecond lands just after the next start', () => {
    expect(office.addWorkingMs(at('2026-03-06T17:00', MSK), HOUR + 1)).toBe(at('2026-03-09T09:00', MSK) + 1);
  });
});

describe('adding zero', () => {
  const office = calendar({ zone: MSK, week: { weekdays: ['09:00-18:00'] } });

  test('Adding zero returns the start itself, inside or outside working time', () => {
    expect(office.addWorkingMs(at('2026-03-02T10:00', MSK), 0)).toBe(at('2026-03-02T10:00', MSK));
    expect(office.addWorkingMs(at('2026-03-07T12:00', MSK), 0)).toBe(at('2026-03-07T12:00', MSK));
  });

  test('Adding a positive amount from outside working time starts counting at the next opening', () => {
    expect(office.addWorkingMs(at('2026-03-07T12:00', MSK), MINUTE)).toBe(at('2026-03-09T09:01', MSK));
  });
});

describe('nextWorkingInstant', () => {
  const office = calendar({ zone: MSK, week: { weekdays: ['09:00-13:00', '14:00-18:00'] }, holidays: ['2026-03-09'] });

  test('Returns the instant itself during working time', () => {
    expect(office.nextWorkingInstant(at('2026-03-02T10:15', MSK))).toBe(at('2026-03-02T10:15', MSK));
  });

  test('Returns the next opening before work, in the break and at a range end', () => {
    expect(office.nextWorkingInstant(at('2026-03-02T07:00', MSK))).toBe(at('2026-03-02T09:00', MSK));
    expect(office.nextWorkingInstant(at('2026-03-02T13:00', MSK))).toBe(at('2026-03-02T14:00', MSK));
    expect(office.nextWorkingInstant(at('2026-03-02T18:00', MSK))).toBe(at('2026-03-03T09:00', MSK));
  });

  test('Skips a weekend followed by a holiday', () => {
    expect(office.nextWorkingInstant(at('2026-03-06T18:30', MSK))).toBe(at('2026-03-10T09:00', MSK));
  });
});

describe('endOfWorkingDay', () => {
  const office = calendar({
    zone: MSK,
    week: { weekdays: ['09:00-13:00', '14:00-18:00'], sat: ['20:00-02:00'] },
    holidays: ['2026-03-09'],
  });

  test('Is the end of the last range of the local day', () => {
    expect(office.endOfWorkingDay(day('2026-03-02'))).toBe(at('2026-03-02T18:00', MSK));
  });

  test('Is the next morning for a range past midnight', () => {
    expect(office.endOfWorkingDay(day('2026-03-07'))).toBe(at('2026-03-08T02:00', MSK));
  });

  test('Is null for a day off', () => {
    expect(office.endOfWorkingDay(day('2026-03-08'))).toBeNull();
    expect(office.endOfWorkingDay(day('2026-03-09'))).toBeNull();
  });

  test('Finds the local day of an instant through localDayNumber', () => {
    const instant = at('2026-03-03T00:30', MSK);
    expect(office.localDayNumber(instant)).toBe(day('2026-03-03'));
    expect(office.localMinuteOfDay(instant)).toBe(30);
    expect(office.offsetMinutesAt(instant)).toBe(180);
    expect(office.endOfWorkingDay(office.localDayNumber(instant))).toBe(at('2026-03-03T18:00', MSK));
  });
});

describe('workingIntervalsBetween', () => {
  const office = calendar({ zone: MSK, week: { weekdays: ['09:00-13:00', '14:00-18:00'] } });

  test('Lists the working intervals clipped to the span, in order', () => {
    const intervals = office.workingIntervalsBetween(at('2026-03-06T10:00', MSK), at('2026-03-09T09:30', MSK));
    expect(intervals).toEqual([
      { startMs: at('2026-03-06T10:00', MSK), endMs: at('2026-03-06T13:00', MSK) },
      { startMs: at('2026-03-06T14:00', MSK), endMs: at('2026-03-06T18:00', MSK) },
      { startMs: at('2026-03-09T09:00', MSK), endMs: at('2026-03-09T09:30', MSK) },
    ]);
  });

  test('Sums to workingMsBetween', () => {
    const from = at('2026-02-26T11:11', MSK);
    const to = at('2026-03-17T16:42', MSK);
    const total = office
      .workingIntervalsBetween(from, to)
      .reduce((sum, interval) => sum + interval.endMs - interval.startMs, 0);
    expect(total).toBe(office.workingMsBetween(from, to));
  });

  test('Is empty for an empty or reversed span, and for a span without working time', () => {
    expect(office.workingIntervalsBetween(at('2026-03-02T10:00', MSK), at('2026-03-02T10:00', MSK))).toEqual([]);
    expect(office.workingIntervalsBetween(at('2026-03-03T10:00', MSK), at('2026-03-02T10:00', MSK))).toEqual([]);
    expect(office.workingIntervalsBetween(at('2026-03-07T00:00', MSK), at('2026-03-09T00:00', MSK))).toEqual([]);
  });
});

describe('queries decades away', () => {
  /** Monday to Friday dates in [fromIso, toIso), counted one date at a time. */
  function weekdaysBetween(fromIso: string, toIso: string): number {
    let count = 0;
    for (
      let date = DateTime.fromISO(fromIso, { zone: 'UTC' });
      date < DateTime.fromISO(toIso, { zone: 'UTC' });
      date = date.plus({ days: 1 })
    ) {
      if (date.weekday <= 5) count++;
    }
    return count;
  }

  test('A query decades after the first extends the window and stays exact', () => {
    const office = calendar({ zone: MSK, week: { weekdays: ['09:00-18:00'] } });
    expect(office.isWorking(at('2026-03-02T10:00', MSK))).toBe(true);
    expect(office.addWorkingMs(at('2080-03-01T17:30', MSK), HOUR)).toBe(at('2080-03-04T09:30', MSK));
    expect(office.workingMsBetween(at('2026-01-01T00:00', MSK), at('2080-01-01T00:00', MSK))).toBe(
      weekdaysBetween('2026-01-01', '2080-01-01') * 9 * HOUR,
    );
  });

  test('A query decades before the first extends the window backwards, through Moscow DST years', () => {
    const office = calendar({ zone: MSK, week: { weekdays: ['09:00-18:00'] } });
    expect(office.isWorking(at('2026-03-02T10:00', MSK))).toBe(true);
    expect(office.isWorking(at('1999-07-05T10:00', MSK))).toBe(true);
    expect(office.offsetMinutesAt(at('1999-07-05T10:00', MSK))).toBe(240);
    expect(office.workingMsBetween(at('1999-01-01T00:00', MSK), at('2026-01-01T00:00', MSK))).toBe(
      weekdaysBetween('1999-01-01', '2026-01-01') * 9 * HOUR,
    );
  });

  test('Adding working time finds an override decades ahead in a calendar with no weekly ranges', () => {
    const onceAYear = calendar({ zone: MSK, week: {}, overrides: [{ date: '2070-06-01', ranges: ['10:00-12:00'] }] });
    expect(onceAYear.addWorkingMs(at('2026-01-01T00:00', MSK), HOUR)).toBe(at('2070-06-01T11:00', MSK));
  });
});

describe('a calendar with no working time', () => {
  test('Adding working time raises CalendarHorizonError', () => {
    const never = calendar({ zone: MSK, week: { weekdays: [] } });
    expect(() => never.addWorkingMs(at('2026-03-02T10:00', MSK), MINUTE)).toThrow(CalendarHorizonError);
    expect(() => never.nextWorkingInstant(at('2026-03-02T10:00', MSK))).toThrow(CalendarHorizonError);
  });

  test('The error names the calendar and carries a code', () => {
    const never = new BusinessCalendar('closed-desk', calendarSchema.parse({ zone: MSK, week: {} }));
    let caught: unknown;
    try {
      never.addWorkingMs(at('2026-03-02T10:00', MSK), MINUTE);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CalendarHorizonError);
    expect((caught as CalendarHorizonError).code).toBe('calendar_no_working_time');
    expect((caught as CalendarHorizonError).message).toContain('closed-desk');
  });

  test('Asking for more working time than the calendar will ever have raises CalendarHorizonError', () => {
    const twoHours = calendar({ zone: MSK, week: {}, overrides: [{ date: '2026-06-01', ranges: ['10:00-12:00'] }] });
    expect(twoHours.addWorkingMs(at('2026-01-01T00:00', MSK), 2 * HOUR)).toBe(at('2026-06-01T12:00', MSK));
    expect(() => twoHours.addWorkingMs(at('2026-01-01T00:00', MSK), 2 * HOUR + 1)).toThrow(CalendarHorizonError);
  });

  test('Queries that need no future working time still answer', () => {
    const never = calendar({ zone: MSK, week: { weekdays: [] } });
    expect(never.isWorking(at('2026-03-02T10:00', MSK))).toBe(false);
    expect(never.workingMsBetween(at('2026-03-02T10:00', MSK), at('2026-04-02T10:00', MSK))).toBe(0);
    expect(never.addWorkingMs(at('2026-03-02T10:00', MSK), 0)).toBe(at('2026-03-02T10:00', MSK));
  });
});

describe('Europe/Moscow', () => {
  const office = calendar({ zone: MSK, week: { weekdays: ['09:00-18:00'] } });

  test('Keeps +03:00 all year since 2014: 09:00 is 06:00 UTC in winter and in summer', () => {
    expect(office.nextWorkingInstant(Date.parse('2026-01-12T00:00:00Z'))).toBe(Date.parse('2026-01-12T06:00:00Z'));
    expect(office.nextWorkingInstant(Date.parse('2026-07-13T00:00:00Z'))).toBe(Date.parse('2026-07-13T06:00:00Z'));
  });

  test('The last clock change (26 Oct 2014, 02:00 back to 01:00) repeated an hour', () => {
    const early = calendar({ zone: MSK, week: { everyday: ['00:00-04:00'] } });
    expect(early.workingMsBetween(at('2014-10-26T00:00', MSK), at('2014-10-26T12:00', MSK))).toBe(5 * HOUR);
    expect(early.workingMsBetween(at('2014-10-27T00:00', MSK), at('2014-10-27T12:00', MSK))).toBe(4 * HOUR);
  });

  test('The 2011 switch to permanent +04:00 (27 Mar 2011, 02:00 to 03:00) skipped an hour', () => {
    const early = calendar({ zone: MSK, week: { everyday: ['01:00-05:00'] } });
    expect(early.workingMsBetween(at('2011-03-27T00:00', MSK), at('2011-03-27T12:00', MSK))).toBe(3 * HOUR);
  });
});

describe('instants the calendar cannot place', () => {
  test('A non-finite instant raises a RangeError naming the calendar', () => {
    const office = calendar({ zone: MSK, week: { weekdays: ['09:00-18:00'] } });
    expect(() => office.isWorking(Number.NaN)).toThrow(RangeError);
    expect(() => office.addWorkingMs(Number.POSITIVE_INFINITY, HOUR)).toThrow(/test/);
  });

  test('A NaN or infinite amount to add raises a RangeError at once instead of searching for working time', () => {
    const office = calendar({ zone: MSK, week: { weekdays: ['09:00-18:00'] } });
    for (const amount of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => office.addWorkingMs(at('2026-03-02T10:00', MSK), amount)).toThrow(RangeError);
    }
  });
});
