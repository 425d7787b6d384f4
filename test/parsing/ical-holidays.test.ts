import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIcalHolidays } from '../../src/parsing/ical-holidays';
import { BusinessCalendar } from '../../src/core/calendar/business-calendar';
import { calendarSchema } from '../../src/core/calendar/calendar-schema';
import { formatIssues } from '../../src/core/errors/validation-issue';
import { dayNumberFromIsoDate } from '../../src/core/calendar/wall-clock';

const RU_2026_PATH = join(__dirname, '..', '..', 'examples', 'holidays', 'ru-2026.ics');

/** A VCALENDAR around the given VEVENT lines, CRLF-separated as RFC 5545 asks. */
function ics(...eventLines: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//holidays//EN', ...eventLines, 'END:VCALENDAR', ''].join(
    '\r\n',
  );
}

function vevent(...lines: string[]): string[] {
  return ['BEGIN:VEVENT', `DTSTAMP:20250101T000000Z`, ...lines, 'END:VEVENT'];
}

function dates(result: ReturnType<typeof parseIcalHolidays>): string[] {
  return result.holidays.map((holiday) => holiday.date);
}

describe('the shipped Russian 2026 holidays (examples/holidays/ru-2026.ics)', () => {
  const result = parseIcalHolidays(readFileSync(RU_2026_PATH, 'utf8'), 'ru-2026.ics');

  test('Imports without errors', () => {
    expect(result.errors).toEqual([]);
  });

  test('Lists the holidays of the Labour Code and the days off moved by the 2026 decree', () => {
    expect(dates(result)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      '2026-01-04',
      '2026-01-05',
      '2026-01-06',
      '2026-01-07',
      '2026-01-08',
      '2026-01-09', // moved from Saturday 3 January
      '2026-02-23',
      '2026-03-08',
      '2026-03-09', // 8 March is a Sunday, so Monday 9 March is off
      '2026-05-01',
      '2026-05-09',
      '2026-05-11', // 9 May is a Saturday, so Monday 11 May is off
      '2026-06-12',
      '2026-11-04',
      '2026-12-31', // moved from Sunday 4 January
    ]);
  });

  test('Gives a Monday-to-Friday calendar the official 247 working days of 2026', () => {
    const calendar = new BusinessCalendar(
      'ru-2026',
      calendarSchema.parse({ zone: 'Europe/Moscow', week: { weekdays: ['09:00-18:00'] }, holidays: result.holidays }),
    );
    const first = dayNumberFromIsoDate('2026-01-01') ?? NaN;
    const last = dayNumberFromIsoDate('2026-12-31') ?? NaN;
    let workingDays = 0;
    for (let day = first; day <= last; day++) if (calendar.endOfWorkingDay(day) !== null) workingDays++;
    expect(workingDays).toBe(247);
  });

  test('Keeps the event names, joining them where two events share a date', () => {
    expect(result.holidays.find((holiday) => holiday.date === '2026-06-12')).toEqual({
      date: '2026-06-12',
      name: 'Russia Day',
    });
    expect(result.holidays.find((holiday) => holiday.date === '2026-01-03')?.name).toBe('New Year holidays');
  });
});

describe('parseIcalHolidays', () => {
  test('A multi-day event gives each of its dates, DTEND being exclusive', () => {
    const result = parseIcalHolidays(
      ics(...vevent('UID:a', 'DTSTART;VALUE=DATE:20261230', 'DTEND;VALUE=DATE:20270103', 'SUMMARY:Winter break')),
      'test.ics',
    );
    expect(result.errors).toEqual([]);
    expect(result.holidays).toEqual([
      { date: '2026-12-30', name: 'Winter break' },
      { date: '2026-12-31', name: 'Winter break' },
      { date: '2027-01-01', name: 'Winter break' },
      { date: '2027-01-02', name: 'Winter break' },
    ]);
  });

  test('An all-day event without DTEND lasts one day; one with DURATION lasts that many days', () => {
    const result = parseIcalHolidays(
      ics(
        ...vevent('UID:a', 'DTSTART;VALUE=DATE:20260612', 'SUMMARY:One'),
        ...vevent('UID:b', 'DTSTART;VALUE=DATE:20260101', 'DURATION:P3D', 'SUMMARY:Three'),
      ),
      'test.ics',
    );
    expect(result.errors).toEqual([]);
    expect(dates(result)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-06-12']);
  });

  test('A yearly RRULE is expanded for the requested years only', () => {
    const text = ics(...vevent('UID:new-year', 'DTSTART;VALUE=DATE:20000101', 'RRULE:FREQ=YEARLY', 'SUMMARY:New Year'));
    const result = parseIcalHolidays(text, 'test.ics', { fromYear: 2026, toYear: 2028 });
    expect(result.errors).toEqual([]);
    expect(dates(result)).toEqual(['2026-01-01', '2027-01-01', '2028-01-01']);
  });

  test('A yearly RRULE by weekday lands on the right date each year', () => {
    // The fourth Thursday of November: 26 Nov 2026, 25 Nov 2027.
    const text = ics(
      ...vevent(
        'UID:thanks',
        'DTSTART;VALUE=DATE:20201126',
        'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH',
        'SUMMARY:Thanksgiving',
      ),
    );
    expect(dates(parseIcalHolidays(text, 'test.ics', { fromYear: 2026, toYear: 2027 }))).toEqual([
      '2026-11-26',
      '2027-11-25',
    ]);
  });

  test('EXDATE removes an occurrence, and a RECURRENCE-ID exception moves or cancels one', () => {
    const text = ics(
      ...vevent(
        'UID:day',
        'DTSTART;VALUE=DATE:20250510',
        'RRULE:FREQ=YEARLY',
        'EXDATE;VALUE=DATE:20260510',
        'SUMMARY:Company day',
      ),
      ...vevent(
        'UID:day',
        'RECURRENCE-ID;VALUE=DATE:20270510',
        'DTSTART;VALUE=DATE:20270511',
        'SUMMARY:Company day (moved)',
      ),
      ...vevent(
        'UID:day',
        'RECURRENCE-ID;VALUE=DATE:20280510',
        'DTSTART;VALUE=DATE:20280510',
        'STATUS:CANCELLED',
        'SUMMARY:Company day',
      ),
    );
    const result = parseIcalHolidays(text, 'test.ics', { fromYear: 2025, toYear: 2029 });
    expect(result.errors).toEqual([]);
    expect(result.holidays).toEqual([
      { date: '2025-05-10', name: 'Company day' },
      { date: '2027-05-11', name: 'Company day (moved)' },
      { date: '2029-05-10', name: 'Company day' },
    ]);
  });

  test('A recurring event without the years to import is reported, not guessed', () => {
    const result = parseIcalHolidays(
      ics(
        ...vevent('UID:a', 'DTSTART;VALUE=DATE:20000101', 'RRULE:FREQ=YEARLY', 'SUMMARY:New Year'),
        ...vevent('UID:b', 'DTSTART;VALUE=DATE:20260612', 'SUMMARY:Russia Day'),
      ),
      'test.ics',
    );
    expect(dates(result)).toEqual(['2026-06-12']);
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'ical_recurrence_needs_years', path: ['test.ics', 'VEVENT', 0] }),
    ]);
    expect(result.errors[0].message).toContain('fromYear');
  });

  test('A recurrence other than yearly is reported', () => {
    const text = ics(...vevent('UID:a', 'DTSTART;VALUE=DATE:20260103', 'RRULE:FREQ=WEEKLY', 'SUMMARY:Saturdays'));
    const result = parseIcalHolidays(text, 'test.ics', { fromYear: 2026, toYear: 2026 });
    expect(result.holidays).toEqual([]);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'ical_unsupported_recurrence' })]);
  });

  test('An event with a time of day is reported and skipped, and the other events are still imported', () => {
    const result = parseIcalHolidays(
      ics(
        ...vevent('UID:meeting', 'DTSTART:20260612T100000Z', 'DTEND:20260612T110000Z', 'SUMMARY:Planning meeting'),
        ...vevent('UID:day', 'DTSTART;VALUE=DATE:20261104', 'SUMMARY:Unity Day'),
      ),
      'team.ics',
    );
    expect(dates(result)).toEqual(['2026-11-04']);
    expect(result.errors).toEqual([
      expect.objectContaining({ code: 'ical_not_all_day', path: ['team.ics', 'VEVENT', 0] }),
    ]);
    expect(result.errors[0].message).toContain('Planning meeting');
  });

  test('A date that does not exist, a missing DTSTART and an end before the start are reported per event', () => {
    const result = parseIcalHolidays(
      ics(
        ...vevent('UID:a', 'DTSTART;VALUE=DATE:20260231', 'SUMMARY:Impossible'),
        ...vevent('UID:b', 'SUMMARY:No start'),
        ...vevent('UID:c', 'DTSTART;VALUE=DATE:20260105', 'DTEND;VALUE=DATE:20260105', 'SUMMARY:Empty'),
        ...vevent('UID:d', 'DTSTART;VALUE=DATE:20260101', 'DTEND;VALUE=DATE:20280101', 'SUMMARY:Two years'),
        ...vevent('UID:e', 'DTSTART;VALUE=DATE:2026XX01', 'SUMMARY:Garbled'),
      ),
      'bad-dates.ics',
    );
    expect(result.holidays).toEqual([]);
    expect(result.errors.map((error) => [error.code, error.path[2]])).toEqual([
      ['ical_invalid_date', 0],
      ['ical_missing_start', 1],
      ['ical_invalid_range', 2],
      ['ical_invalid_range', 3],
      ['ical_invalid_date', 4],
    ]);
    expect(result.errors[0].message).toContain('2026-02-31');
  });

  test('A malformed file gives one clear error naming the source and the line', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20260101',
      'this line is not iCalendar',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const result = parseIcalHolidays(text, 'holidays/ru-broken.ics');
    expect(result.holidays).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: 'ical_unreadable', path: ['holidays/ru-broken.ics'] });
    expect(formatIssues(result.errors)).toMatch(/^holidays\/ru-broken\.ics: not a readable iCalendar file: .*line 5/);
  });

  test('A file that is not a calendar at all is reported with the source', () => {
    for (const text of ['', 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Someone\r\nEND:VCARD\r\n']) {
      const result = parseIcalHolidays(text, 'contacts.vcf');
      expect(result.holidays).toEqual([]);
      expect(result.errors).toEqual([expect.objectContaining({ code: 'ical_no_calendar', path: ['contacts.vcf'] })]);
    }
  });

  test('A date named by several events appears once with all the names', () => {
    const result = parseIcalHolidays(
      ics(
        ...vevent('UID:a', 'DTSTART;VALUE=DATE:20260107', 'SUMMARY:Christmas'),
        ...vevent('UID:b', 'DTSTART;VALUE=DATE:20260107', 'SUMMARY:New Year holidays'),
      ),
      'test.ics',
    );
    expect(result.holidays).toEqual([{ date: '2026-01-07', name: 'Christmas; New Year holidays' }]);
  });

  test('A cancelled event gives no holiday, and an unnamed one gives a date without a name', () => {
    const result = parseIcalHolidays(
      ics(
        ...vevent('UID:a', 'DTSTART;VALUE=DATE:20260107', 'STATUS:CANCELLED', 'SUMMARY:Called off'),
        ...vevent('UID:b', 'DTSTART;VALUE=DATE:20260108'),
      ),
      'test.ics',
    );
    expect(result.holidays).toEqual([{ date: '2026-01-08' }]);
  });

  test('The imported holidays are accepted by the calendar definition as they are', () => {
    const result = parseIcalHolidays(readFileSync(RU_2026_PATH, 'utf8'), 'ru-2026.ics');
    expect(
      calendarSchema.safeParse({
        zone: 'Europe/Moscow',
        week: { weekdays: ['09:00-18:00'] },
        holidays: result.holidays,
      }).success,
    ).toBe(true);
  });
});
