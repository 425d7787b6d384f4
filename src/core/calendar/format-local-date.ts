import type { BusinessCalendar } from './business-calendar';

/**
 * The calendar day of an instant in the calendar's zone, as `YYYY-MM-DD`: the value of a date field
 * (Redmine's date custom fields, filterable and sortable) for a due instant whose exact time is
 * kept elsewhere. 23:30 in Moscow is that Moscow day, even though it is 20:30 UTC.
 *
 * @example
 * formatLocalDate(Date.parse('2026-11-20T21:30:00Z'), moscow); // '2026-11-21'
 */
export function formatLocalDate(instantMs: number, calendar: BusinessCalendar): string {
  const offsetMinutes = Math.round(calendar.offsetMinutesAt(instantMs));
  const wall = new Date(instantMs + offsetMinutes * 60_000);
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
}
