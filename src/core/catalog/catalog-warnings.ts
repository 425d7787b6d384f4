import { minutesFromHhMm } from '../calendar/wall-clock';
import type { ValidationIssue } from '../errors/validation-issue';
import type { Catalog } from './catalog-schema';

const DAY_KEYS = ['everyday', 'weekdays', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A range as minute intervals of one day (an overnight range gives two). */
function intervalsOf(range: string): Array<[number, number]> {
  const [start, end] = range.split('-').map((part) => minutesFromHhMm(part.trim()) ?? 0);
  return end > start
    ? [[start, end]]
    : [
        [start, 1440],
        [0, end],
      ];
}

function overlapping(ranges: readonly string[]): [number, number] | null {
  const intervals = ranges.flatMap((range, index) => intervalsOf(range).map(([start, end]) => ({ start, end, index })));
  intervals.sort((a, b) => a.start - b.start);
  for (let position = 1; position < intervals.length; position++) {
    const previous = intervals[position - 1];
    if (intervals[position].start < previous.end && intervals[position].index !== previous.index)
      return [previous.index, intervals[position].index];
  }
  return null;
}

/**
 * What a valid catalog allows but probably does not mean: working ranges of one day that overlap
 * (counted once, but a sign of a typo), dated overrides whose ranges overlap, a priority listed twice.
 *
 * @example
 * catalogWarnings(catalog); // [{ code: 'overlapping_ranges', path: ['calendars', 'office', 'week', 'mon', 1], … }]
 */
export function catalogWarnings(catalog: Catalog): ValidationIssue[] {
  const warnings: ValidationIssue[] = [];
  catalog.priorities.forEach((priority, index) => {
    if (catalog.priorities.indexOf(priority) !== index)
      warnings.push({
        code: 'duplicate_priority',
        path: ['priorities', index],
        message: `priority "${priority}" is listed twice (its rank is the first): keep it once`,
      });
  });
  for (const [calendarId, calendar] of Object.entries(catalog.calendars)) {
    const check = (path: Array<string | number>, ranges: readonly string[] | undefined): void => {
      const pair = ranges === undefined ? null : overlapping(ranges);
      if (pair && ranges) {
        warnings.push({
          code: 'overlapping_ranges',
          path: [...path, pair[1]],
          message: `range "${ranges[pair[1]]}" overlaps "${ranges[pair[0]]}": the time is counted once; merge them`,
        });
      }
    };
    for (const key of DAY_KEYS) check(['calendars', calendarId, 'week', key], calendar.week?.[key]);
    (calendar.overrides ?? []).forEach((override, index) =>
      check(['calendars', calendarId, 'overrides', index, 'ranges'], override.ranges),
    );
  }
  return warnings;
}

/**
 * The zone in which months and term dates are read when the catalog names none: the calendars'
 * zone when they all agree (a Moscow provider's months are Moscow months), else UTC with a warning.
 */
export function defaultTimeZone(document: unknown, catalog: Catalog): { timeZone: string; warning?: ValidationIssue } {
  const given = typeof document === 'object' && document !== null && Object.hasOwn(document, 'timeZone');
  if (given) return { timeZone: catalog.timeZone };
  const zones = [...new Set(Object.values(catalog.calendars).map((calendar) => calendar.zone))];
  if (zones.length === 1) return { timeZone: zones[0] };
  if (zones.length === 0) return { timeZone: catalog.timeZone };
  return {
    timeZone: catalog.timeZone,
    warning: {
      code: 'time_zone_guessed',
      path: ['timeZone'],
      message: `no "timeZone": months and term dates are read in ${catalog.timeZone}, while the calendars use ${zones.map((zone) => `"${zone}"`).join(', ')}; set "timeZone" (or each contract's)`,
    },
  };
}
