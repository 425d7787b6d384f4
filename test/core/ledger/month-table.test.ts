import { DateTime } from 'luxon';
import { addMonths, MonthTable, monthsBetween, parseMonthId, slotIndex } from '../../../src/core/ledger/month-table';

const ms = (iso: string): number => DateTime.fromISO(iso, { setZone: true }).toMillis();

describe('month attribution in the contract time zone', () => {
  test('A worklog at 23:30 local on 31 October in New York belongs to October, though UTC already says November', () => {
    const table = new MonthTable('America/New_York', '2026-10', '2026-11');
    const instant = ms('2026-10-31T23:30:00-04:00');
    expect(new Date(instant).toISOString().slice(0, 7)).toBe('2026-11');
    expect(table.months[table.indexOf(instant)]).toBe('2026-10');
  });

  test('A worklog at 00:30 local on 1 November in Moscow belongs to November, though UTC still says October', () => {
    const table = new MonthTable('Europe/Moscow', '2026-10', '2026-11');
    const instant = ms('2026-11-01T00:30:00+03:00');
    expect(new Date(instant).toISOString().slice(0, 7)).toBe('2026-10');
    expect(table.months[table.indexOf(instant)]).toBe('2026-11');
  });

  test('Month boundaries follow the zone across a DST change (Berlin, October has 31 days and 745 hours)', () => {
    const table = new MonthTable('Europe/Berlin', '2026-10', '2026-10');
    expect(table.endMs(0) - table.startMs(0)).toBe(745 * 3_600_000);
    expect(table.indexOf(table.startMs(0) - 1)).toBe(-1);
    expect(table.indexOf(table.endMs(0))).toBe(1);
  });

  test('Days of a month are local midnights, 23 or 25 hours long on DST days', () => {
    const table = new MonthTable('Europe/Berlin', '2026-10', '2026-10');
    const days = table.dayStartsMs(0);
    expect(days.length).toBe(32);
    expect(days[25] - days[24]).toBe(25 * 3_600_000); // 25 October 2026, clocks go back
    expect(slotIndex(days, ms('2026-10-25T23:59:00+01:00'))).toBe(24);
  });

  test('Month ids step across years and refuse what is not a month', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(parseMonthId('2026-13')).toBeNull();
    expect(parseMonthId('2026-1')).toBeNull();
  });
});
