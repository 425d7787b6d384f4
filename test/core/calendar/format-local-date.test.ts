import { DateTime } from 'luxon';
import fc from 'fast-check';
import { BusinessCalendar } from '../../../src/core/calendar/business-calendar';
import { calendarSchema } from '../../../src/core/calendar/calendar-schema';
import { formatLocalDate } from '../../../src/core/calendar/format-local-date';

function calendar(zone: string): BusinessCalendar {
  return new BusinessCalendar('test', calendarSchema.parse({ zone, week: { weekdays: ['09:00-18:00'] } }));
}

describe('formatLocalDate', () => {
  it("gives the day in the calendar's zone, not in UTC", () => {
    expect(formatLocalDate(Date.parse('2026-11-20T21:30:00Z'), calendar('Europe/Moscow'))).toBe('2026-11-21');
    expect(formatLocalDate(Date.parse('2026-11-20T03:30:00Z'), calendar('America/New_York'))).toBe('2026-11-19');
  });

  it('follows daylight saving time at midnight', () => {
    // 2026-03-29 00:30 in Berlin is still winter time (+01:00): 2026-03-28T23:30Z.
    expect(formatLocalDate(Date.parse('2026-03-28T23:30:00Z'), calendar('Europe/Berlin'))).toBe('2026-03-29');
    expect(formatLocalDate(Date.parse('2026-10-24T22:30:00Z'), calendar('Europe/Berlin'))).toBe('2026-10-25');
  });

  it("agrees with luxon's local date for any instant of 2026 (property)", () => {
    const zones = ['Europe/Moscow', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'];
    const calendars = zones.map(calendar);
    const start = Date.parse('2026-01-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 364 * 24 * 60 }),
        fc.integer({ min: 0, max: zones.length - 1 }),
        (minute, index) => {
          const instantMs = start + minute * 60_000;
          const expected = DateTime.fromMillis(instantMs, { zone: zones[index] }).toISODate();
          expect(formatLocalDate(instantMs, calendars[index])).toBe(expected);
        },
      ),
      { seed: 20261207, numRuns: 300 },
    );
  });
});
