/**
 * Wall-clock arithmetic without time zones.
 *
 * A "wall" instant is a local date and time written as if it were UTC (Date.UTC(y, m, d, h, min)).
 * Day numbers count local calendar days since 1970-01-01. Keeping local dates in this form lets
 * the calendar compiler walk days with integer steps instead of building zoned luxon DateTimes.
 */
export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;
export const MINUTES_PER_DAY = 1_440;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` into a day number, or returns null when it is not a real calendar date. */
export function dayNumberFromIsoDate(isoDate: string): number | null {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const check = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  check.setUTCFullYear(year, month - 1, day);
  const wallMs = check.getTime();
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return wallMs / MS_PER_DAY;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekdayOfDayNumber(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** Year of a day number. */
export function yearOfDayNumber(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCFullYear();
}

/** Day number of 1 January of a year. */
export function firstDayOfYear(year: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, 0, 1);
  return date.getTime() / MS_PER_DAY;
}

const HH_MM = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** Parses `HH:MM` (00:00 … 24:00) into minutes since midnight, or null. */
export function minutesFromHhMm(text: string): number | null {
  const match = HH_MM.exec(text);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes > MINUTES_PER_DAY ? null : minutes;
}
