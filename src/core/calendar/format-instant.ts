import type { BusinessCalendar } from './business-calendar';

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/**
 * ISO 8601 with the calendar's offset at that instant ("2026-11-20T17:30:00+03:00"), built from the
 * precomputed offsets rather than a zoned DateTime so that formatting large results stays cheap.
 */
export function formatInstant(instantMs: number, calendar: BusinessCalendar): string {
  // Zones before standard time had offsets in seconds (Moscow's LMT, +02:30:17); ISO 8601 offsets are
  // whole minutes, so the offset is rounded and the wall time follows it: still the same instant.
  const offsetMinutes = Math.round(calendar.offsetMinutesAt(instantMs));
  const wall = new Date(instantMs + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  const millis = wall.getUTCMilliseconds();
  return (
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}` +
    (millis ? `.${pad(millis, 3)}` : '') +
    `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`
  );
}
