import ICAL from 'ical.js';
import type { ValidationIssue } from '../core/errors/validation-issue';

/** A holiday as the calendar definition takes it (`holidays: [{ date, name }]`). */
export interface IcalHoliday {
  date: string;
  name?: string;
}

/** The holidays found in an iCalendar file, and every problem met on the way. */
export interface IcalHolidayImport {
  holidays: IcalHoliday[];
  errors: ValidationIssue[];
}

/** The years whose occurrences of recurring (RRULE) events are imported, both inclusive. */
export interface IcalHolidayOptions {
  fromYear?: number;
  toYear?: number;
}

type IcalComponent = InstanceType<typeof ICAL.Component>;
type IcalEvent = InstanceType<typeof ICAL.Event>;
type IcalTime = InstanceType<typeof ICAL.Time>;

const MS_PER_DAY = 86_400_000;
/** A longer all-day event is almost certainly a typo in DTEND, not a holiday. */
const MAX_EVENT_DAYS = 366;
/** Bounds the walk through a recurrence whose occurrences never reach the requested years. */
const MAX_OCCURRENCES = 10_000;

/**
 * Reads the holidays of an iCalendar (RFC 5545) file: every all-day VEVENT gives its dates, a
 * multi-day event (DTEND or DURATION) gives each date up to DTEND exclusive, and a yearly RRULE
 * gives its occurrences within `fromYear`-`toYear` (EXDATE and moved or cancelled occurrences are
 * honoured). Events with a time of day, other recurrence frequencies and malformed events are
 * reported in `errors` and skipped; the rest is still imported. A date named by several events
 * keeps all names, joined with "; ".
 *
 * The adapter between holiday feeds and the calendar definition; it parses text and does no I/O.
 *
 * @example
 * const { holidays, errors } = parseIcalHolidays(fs.readFileSync('examples/holidays/ru-2026.ics', 'utf8'), 'ru-2026.ics');
 * // holidays[0] → { date: '2026-01-01', name: 'New Year holidays' }; errors → []
 * const calendar = { zone: 'Europe/Moscow', week: { weekdays: ['09:00-18:00'] }, holidays };
 */
export function parseIcalHolidays(
  icsText: string,
  source: string,
  options: IcalHolidayOptions = {},
): IcalHolidayImport {
  const errors: ValidationIssue[] = [];
  const root = parseCalendar(icsText, source, errors);
  if (!root) return { holidays: [], errors };

  const namesByDay = new Map<number, string[]>();
  const addDays = (startDay: number, endDay: number, name: string | undefined): void => {
    for (let day = startDay; day < endDay; day++) {
      const names = namesByDay.get(day) ?? [];
      if (name !== undefined && !names.includes(name)) names.push(name);
      namesByDay.set(day, names);
    }
  };

  const vevents = root.getAllSubcomponents('vevent');
  const mastersByUid = new Map<string, IcalEvent>();
  const standalone: Array<{ event: IcalEvent; index: number }> = [];
  for (const component of vevents) {
    const uid = readText(component, 'uid');
    if (uid !== undefined && !component.hasProperty('recurrence-id')) mastersByUid.set(uid, new ICAL.Event(component));
  }
  vevents.forEach((component, index) => {
    const uid = readText(component, 'uid');
    const master = uid === undefined ? undefined : mastersByUid.get(uid);
    if (component.hasProperty('recurrence-id') && master && master.isRecurring()) {
      // A moved or cancelled occurrence: its master reads it while walking the recurrence.
      master.relateException(component);
      return;
    }
    standalone.push({ event: master && master.component === component ? master : new ICAL.Event(component), index });
  });

  for (const { event, index } of standalone) {
    const path = [source, 'VEVENT', index];
    const label = describeEvent(event.component);
    try {
      if (isCancelled(event.component)) continue;
      const span = allDaySpan(event.component, event, label, path, errors);
      if (!span) continue;
      if (!event.isRecurring()) {
        addDays(span.startDay, span.endDay, readText(event.component, 'summary'));
        continue;
      }
      expandRecurrence(event, label, path, options, errors, (startDay, endDay, name) =>
        addDays(startDay, endDay, name),
      );
    } catch (error) {
      errors.push({ code: 'ical_invalid_event', path, message: `${label} cannot be read: ${errorText(error)}` });
    }
  }

  const holidays = [...namesByDay.entries()]
    .sort(([a], [b]) => a - b)
    .map(([day, names]): IcalHoliday => {
      const date = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
      return names.length > 0 ? { date, name: names.join('; ') } : { date };
    });
  return { holidays, errors };
}

function parseCalendar(icsText: string, source: string, errors: ValidationIssue[]): IcalComponent | null {
  let jcal: unknown;
  try {
    jcal = ICAL.parse(icsText);
  } catch (error) {
    errors.push({
      code: 'ical_unreadable',
      path: [source],
      message: `not a readable iCalendar file: ${errorText(error)}${lineHint(icsText, error)}`,
    });
    return null;
  }
  if (!Array.isArray(jcal) || jcal[0] !== 'vcalendar') {
    errors.push({
      code: 'ical_no_calendar',
      path: [source],
      message: 'not an iCalendar file: expected it to start with BEGIN:VCALENDAR and end with END:VCALENDAR',
    });
    return null;
  }
  return new ICAL.Component(jcal);
}

/** The dates an all-day event covers, as day numbers `[startDay, endDay)`, or null after reporting why not. */
function allDaySpan(
  component: IcalComponent,
  event: IcalEvent,
  label: string,
  path: Array<string | number>,
  errors: ValidationIssue[],
): { startDay: number; endDay: number } | null {
  const start = component.getFirstProperty('dtstart');
  if (!start) {
    errors.push({
      code: 'ical_missing_start',
      path,
      message: `${label} has no DTSTART: add DTSTART;VALUE=DATE:YYYYMMDD`,
    });
    return null;
  }
  if (start.type !== 'date') {
    errors.push({
      code: 'ical_not_all_day',
      path,
      message: `${label} starts at a time of day (${String(start.getFirstValue())}); only all-day events (DTSTART;VALUE=DATE:YYYYMMDD) are holidays`,
    });
    return null;
  }
  for (const name of ['dtstart', 'dtend'] as const) {
    const property = component.getFirstProperty(name);
    const raw = property?.toJSON()[3];
    if (property && (typeof raw !== 'string' || dayNumberOf(raw) === null)) {
      errors.push({
        code: 'ical_invalid_date',
        path,
        message: `${label} has ${name.toUpperCase()} "${String(raw)}", which is not a calendar date`,
      });
      return null;
    }
  }
  const end = component.getFirstProperty('dtend');
  if (end && end.type !== 'date') {
    errors.push({
      code: 'ical_not_all_day',
      path,
      message: `${label} ends at a time of day; give DTEND as a date (DTEND;VALUE=DATE:YYYYMMDD)`,
    });
    return null;
  }
  const startDay = dayOfTime(event.startDate);
  const endDay = dayOfTime(event.endDate);
  if (endDay <= startDay) {
    errors.push({
      code: 'ical_invalid_range',
      path,
      message: `${label} ends before it starts: DTEND is exclusive, so a one-day event ends on the next date`,
    });
    return null;
  }
  if (endDay - startDay > MAX_EVENT_DAYS) {
    errors.push({
      code: 'ical_invalid_range',
      path,
      message: `${label} lasts ${endDay - startDay} days; check DTEND (a holiday lasts at most ${MAX_EVENT_DAYS} days)`,
    });
    return null;
  }
  return { startDay, endDay };
}

function expandRecurrence(
  event: IcalEvent,
  label: string,
  path: Array<string | number>,
  options: IcalHolidayOptions,
  errors: ValidationIssue[],
  add: (startDay: number, endDay: number, name: string | undefined) => void,
): void {
  const { fromYear, toYear } = options;
  if (
    fromYear === undefined ||
    toYear === undefined ||
    !Number.isInteger(fromYear) ||
    !Number.isInteger(toYear) ||
    fromYear > toYear
  ) {
    errors.push({
      code: 'ical_recurrence_needs_years',
      path,
      message: `${label} repeats (RRULE); pass the years to import, for example { fromYear: 2026, toYear: 2027 }`,
    });
    return;
  }
  const frequencies = Object.keys(event.getRecurrenceTypes());
  if (frequencies.some((frequency) => frequency !== 'YEARLY')) {
    errors.push({
      code: 'ical_unsupported_recurrence',
      path,
      message: `${label} repeats ${frequencies.join(', ')}; only yearly recurrences (FREQ=YEARLY) are read as holidays`,
    });
    return;
  }
  const iterator = event.iterator();
  for (let count = 0; count < MAX_OCCURRENCES; count++) {
    const occurrence = iterator.next();
    if (!occurrence || occurrence.year > toYear) return;
    if (occurrence.year < fromYear) continue;
    const details = event.getOccurrenceDetails(occurrence);
    if (isCancelled(details.item.component)) continue;
    if (!details.startDate.isDate) {
      errors.push({
        code: 'ical_not_all_day',
        path,
        message: `${label} has an occurrence moved to a time of day (${details.startDate.toString()}); skipped`,
      });
      continue;
    }
    const startDay = dayOfTime(details.startDate);
    const endDay = Math.max(startDay + 1, Math.min(dayOfTime(details.endDate), startDay + MAX_EVENT_DAYS));
    add(startDay, endDay, readText(details.item.component, 'summary'));
  }
  errors.push({
    code: 'ical_recurrence_too_long',
    path,
    message: `${label} has more than ${MAX_OCCURRENCES} occurrences before ${toYear + 1}; only the first were read`,
  });
}

function isCancelled(component: IcalComponent): boolean {
  return readText(component, 'status')?.toUpperCase() === 'CANCELLED';
}

function readText(component: IcalComponent, name: string): string | undefined {
  const value = component.getFirstPropertyValue(name);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function describeEvent(component: IcalComponent): string {
  const summary = readText(component, 'summary');
  const uid = readText(component, 'uid');
  if (summary !== undefined) return `event "${summary}"`;
  return uid !== undefined ? `event with UID ${uid}` : 'an event without SUMMARY or UID';
}

/** Day number of a `YYYY-MM-DD` jCal date, or null when the date does not exist (2026-02-31). */
function dayNumberOf(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day
    ? ms / MS_PER_DAY
    : null;
}

function dayOfTime(time: IcalTime): number {
  return Date.UTC(time.year, time.month - 1, time.day) / MS_PER_DAY;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** ical.js quotes the offending line but not its number; finding it saves the reader a search. */
function lineHint(icsText: string, error: unknown): string {
  const quoted = /"([^"]+)"\s*$/.exec(errorText(error));
  if (!quoted) return '';
  const lineIndex = icsText.split(/\r?\n/).findIndex((line) => line.includes(quoted[1]));
  return lineIndex >= 0 ? ` (line ${lineIndex + 1})` : '';
}
