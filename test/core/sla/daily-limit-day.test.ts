import { DateTime } from 'luxon';
import { buildCatalog } from '../../helpers/catalog-builder';
import { issue } from '../../helpers/issue-builder';
import { dailyLimitDay } from '../../../src/core/sla/daily-limit-day';

/**
 * The service day a tracker asks about when it ranks one issue under the daily incident limit: the
 * local day of the tariff calendar's zone, the tariff in force at the issue's creation.
 */
const catalog = buildCatalog({
  calendars: { berlin: { zone: 'Europe/Berlin', week: { weekdays: ['09:00-18:00'] } } },
  tariffs: {
    main: { incidentsPerDay: 5 },
    unlimited: { name: 'Unlimited', calendar: 'office', targets: { reaction: 60, resolution: 480 } },
    berlin: { name: 'Berlin', calendar: 'berlin', incidentsPerDay: 3, targets: { reaction: 60, resolution: 480 } },
  },
  contracts: {
    acme: {
      name: 'Acme',
      terms: [
        { tariff: 'main', from: '2026-01-01' },
        { tariff: 'unlimited', from: '2026-12-01' },
      ],
    },
    globex: { name: 'Globex', terms: [{ tariff: 'berlin', from: '2026-01-01' }] },
  },
});

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();

test('An issue is ranked from local midnight of its day in the tariff calendar zone, with the tariff limit', () => {
  // 00:30 Moscow on Tuesday is Monday 21:30 UTC: Tuesday's service day.
  const created = issue({ key: 'A-1', created: '2026-11-17 00:30' });
  expect(dailyLimitDay(catalog, created)).toEqual({
    contractId: 'acme',
    dayStartMs: at('2026-11-17T00:00', 'Europe/Moscow'),
    incidentsPerDay: 5,
  });
});

test('The day follows the calendar zone, across a change of daylight saving time', () => {
  // Sunday 2026-10-25 in Berlin has 25 hours; 23:30 local is still that day.
  const created = issue({ key: 'G-1', contract: 'globex', created: '2026-10-26 01:30' });
  expect(dailyLimitDay(catalog, created)).toEqual({
    contractId: 'globex',
    dayStartMs: at('2026-10-25T00:00', 'Europe/Berlin'),
    incidentsPerDay: 3,
  });
});

test('No day when the tariff in force at creation has no daily limit, or the contract is unknown', () => {
  expect(dailyLimitDay(catalog, issue({ key: 'A-2', created: '2026-12-02 10:00' }))).toBeNull();
  expect(
    dailyLimitDay(catalog, { ...issue({ key: 'X-1', created: '2026-11-16 10:00' }), contractId: 'nobody' }),
  ).toBeNull();
});
