import fc from 'fast-check';
import { DateTime } from 'luxon';
import { catalogWith, issue, ledgerOf } from './ledger-fixture';

const MONTHS = ['2026-09', '2026-10', '2026-11', '2026-12'];

/** Any mix of package terms, each starting on a 1st, and worklogs anywhere in the four months, local time. */
const scenario = fc.record({
  terms: fc.uniqueArray(
    fc.record({
      month: fc.integer({ min: 0, max: 3 }),
      tariff: fc.constantFrom('pack10', 'bank10', 'bank15', 'unlimited', 'basic', 'free'),
    }),
    {
      minLength: 1,
      maxLength: 3,
      selector: (term) => term.month,
    },
  ),
  worklogs: fc.array(
    fc.record({
      month: fc.integer({ min: 0, max: 3 }),
      day: fc.integer({ min: 1, max: 28 }),
      minute: fc.integer({ min: 0, max: 1439 }),
      minutes: fc.integer({ min: 1, max: 900 }),
      type: fc.constantFrom('incident', 'bug', 'consultation'),
    }),
    { maxLength: 40 },
  ),
});

describe('ledger conservation', () => {
  test('In every closed month, hours credited equal hours drawn, burnt or carried over, and worked hours all land somewhere', () => {
    fc.assert(
      fc.property(scenario, ({ terms, worklogs }) => {
        const sorted = [...terms].sort((a, b) => a.month - b.month);
        const catalog = catalogWith({
          c: {
            terms: sorted.map((term, index) => ({
              tariff: term.tariff,
              from: `${MONTHS[index === 0 ? 0 : term.month]}-01`,
            })),
          },
        });
        const issues = worklogs.map((worklog, index) => {
          const at = DateTime.fromObject(
            { year: 2026, month: 9 + worklog.month, day: worklog.day },
            { zone: 'Europe/Moscow' },
          ).plus({ minutes: worklog.minute });
          return issue('c', '2026-09-01T00:00:00+03:00', [[at.toISO() ?? '', worklog.minutes]], {
            type: worklog.type,
            key: `P-${index}`,
          });
        });
        const ledger = ledgerOf(catalog, issues, '2026-12', '2027-01-01T00:00:00+03:00');
        const months = ledger.contracts[0].months;
        expect(months.map((month) => month.month)).toEqual(MONTHS);
        months.forEach((month, index) => {
          const t = month.totals;
          expect(t.allowance + t.bankTopUp + t.broughtForward).toBe(
            t.drawnFromAllowance + t.drawnFromBank + t.burned + t.carriedOver,
          );
          const worked = worklogs
            .filter((worklog) => worklog.month === index)
            .reduce((sum, worklog) => sum + worklog.minutes * 60, 0);
          expect(t.drawnFromAllowance + t.drawnFromBank + t.coveredByFee + t.overage + t.uncovered).toBe(worked);
          if (index > 0) expect(t.broughtForward).toBe(months[index - 1].totals.carriedOver);
          if (month.packageKind === 'unlimited' || month.packageKind === 'none') expect(t.overage).toBe(0);
          const overageCharge = month.charges.find((charge) => charge.kind === 'overage');
          expect(overageCharge?.seconds ?? 0).toBe(t.overage);
        });
      }),
      { numRuns: 60 },
    );
  });
});
