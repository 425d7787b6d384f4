import { DateTime } from 'luxon';

const MS_PER_MINUTE = 60_000;

/**
 * The slow, obvious answer for an office-hours calendar (one range a day, Monday to Friday, minus
 * holidays): every local date is turned into its UTC opening and closing instants by luxon, and
 * working time is walked date by date. Used to check every implementation before timing it.
 *
 * @example
 * const oracle = new OfficeHoursOracle('Europe/Moscow', 9, 18, ['2026-01-01']);
 * oracle.addMinutes(Date.parse('2026-11-20T17:30:00+03:00'), 60); // Monday 2026-11-23 09:30 +03:00
 */
export class OfficeHoursOracle {
  private readonly holidays: Set<string>;

  constructor(
    readonly zone: string,
    private readonly openHour: number,
    private readonly closeHour: number,
    holidays: readonly string[],
  ) {
    this.holidays = new Set(holidays);
  }

  /** The UTC [open, close) of a local date, or null on weekends and holidays. */
  private officeHoursOf(date: DateTime): [number, number] | null {
    if (date.weekday > 5 || this.holidays.has(date.toISODate() ?? '')) return null;
    return [date.set({ hour: this.openHour }).toMillis(), date.set({ hour: this.closeHour }).toMillis()];
  }

  /** The instant `minutes` working minutes after `startMs`; landing on a closing time returns it. */
  addMinutes(startMs: number, minutes: number): number {
    let remainingMs = minutes * MS_PER_MINUTE;
    if (remainingMs === 0) return startMs;
    for (let date = DateTime.fromMillis(startMs, { zone: this.zone }).startOf('day'); ; date = date.plus({ days: 1 })) {
      const hours = this.officeHoursOf(date);
      if (!hours || hours[1] <= startMs) continue;
      const from = Math.max(startMs, hours[0]);
      if (remainingMs <= hours[1] - from) return from + remainingMs;
      remainingMs -= hours[1] - from;
    }
  }

  /** Working minutes in [fromMs, toMs). */
  minutesBetween(fromMs: number, toMs: number): number {
    let totalMs = 0;
    const last = DateTime.fromMillis(toMs, { zone: this.zone }).startOf('day');
    for (
      let date = DateTime.fromMillis(fromMs, { zone: this.zone }).startOf('day');
      date <= last;
      date = date.plus({ days: 1 })
    ) {
      const hours = this.officeHoursOf(date);
      if (hours) totalMs += Math.max(0, Math.min(toMs, hours[1]) - Math.max(fromMs, hours[0]));
    }
    return totalMs / MS_PER_MINUTE;
  }
}
