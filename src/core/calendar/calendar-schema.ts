import { IANAZone } from 'luxon';
import { z } from 'zod';
import { MAX_YEAR, MIN_YEAR } from '../errors/input-bounds';
import { dayNumberFromIsoDate, minutesFromHhMm } from './wall-clock';

/** `HH:MM-HH:MM`; an end not after the start means the range runs past midnight (22:00-06:00). */
export const timeRangeSchema = z.string().refine(
  (text) => {
    const parts = text.split('-');
    if (parts.length !== 2) return false;
    const start = minutesFromHhMm(parts[0].trim());
    const end = minutesFromHhMm(parts[1].trim());
    return start !== null && end !== null && start < 1440 && start !== end;
  },
  {
    message:
      'expected a time range "HH:MM-HH:MM" such as "09:00-18:00" (use "00:00-24:00" for a whole day; an end before the start runs past midnight)',
  },
);

export const isoDateSchema = z
  .string()
  .refine((text) => dayNumberFromIsoDate(text) !== null, { message: 'expected a calendar date "YYYY-MM-DD"' })
  .refine(
    (text) => !/^\d{4}-/.test(text) || (Number(text.slice(0, 4)) >= MIN_YEAR && Number(text.slice(0, 4)) <= MAX_YEAR),
    {
      message: `expected a year from ${MIN_YEAR} to ${MAX_YEAR}`,
    },
  );

export const timeZoneSchema = z
  .string()
  .refine((zone) => IANAZone.isValidZone(zone), { message: 'expected an IANA time zone such as "Europe/Moscow"' });

const dayRangesSchema = z.array(timeRangeSchema);

export const holidaySchema = z.union([
  isoDateSchema,
  z.object({ date: isoDateSchema, name: z.string().optional() }).strict(),
]);

export const calendarOverrideSchema = z
  .object({
    date: isoDateSchema,
    /** Working ranges of that date; an empty list makes it a day off. */
    ranges: dayRangesSchema,
    name: z.string().optional(),
  })
  .strict();

/**
 * A business calendar: an IANA zone and working ranges per weekday, with holidays and dated overrides.
 * `weekdays` and `everyday` are shorthands; a named day (`sat`) wins over a shorthand.
 */
export const calendarSchema = z
  .object({
    name: z.string().optional(),
    zone: timeZoneSchema,
    alwaysOpen: z.boolean().optional(),
    week: z
      .object({
        everyday: dayRangesSchema.optional(),
        weekdays: dayRangesSchema.optional(),
        mon: dayRangesSchema.optional(),
        tue: dayRangesSchema.optional(),
        wed: dayRangesSchema.optional(),
        thu: dayRangesSchema.optional(),
        fri: dayRangesSchema.optional(),
        sat: dayRangesSchema.optional(),
        sun: dayRangesSchema.optional(),
      })
      .strict()
      .optional(),
    holidays: z.array(holidaySchema).optional(),
    /**
     * iCalendar files with more holidays (paths relative to the catalog file). The catalog reader
     * imports them into `holidays`; the engine itself reads no files.
     */
    holidayFiles: z.array(z.string().min(1)).optional(),
    overrides: z.array(calendarOverrideSchema).optional(),
  })
  .strict()
  .refine((calendar) => calendar.alwaysOpen === true || calendar.week !== undefined, {
    message:
      'a calendar needs working ranges: add "week" (for example weekdays: ["09:00-18:00"]) or "alwaysOpen: true"',
  })
  .refine((calendar) => !(calendar.alwaysOpen === true && calendar.week !== undefined), {
    message: 'a calendar is either "alwaysOpen: true" or has "week" ranges, not both: remove one',
  });

export type CalendarDefinition = z.infer<typeof calendarSchema>;
export type CalendarOverride = z.infer<typeof calendarOverrideSchema>;
