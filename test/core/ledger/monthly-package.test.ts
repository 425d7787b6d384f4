import { catalogWith, chargedMinor, HOUR, issue, ledgerOf, monthOf } from './ledger-fixture';

describe('monthly hour package (10 h, 2 800 ₽/h beyond it)', () => {
  const catalog = catalogWith({ c: { terms: [{ tariff: 'pack10', from: '2026-09-01' }] } });
  const work = issue('c', '2026-09-10T10:00:00+03:00', [
    ['2026-09-10T11:00:00+03:00', 180],
    ['2026-09-30T23:30:00+03:00', 60],
    ['2026-10-01T10:00:00+03:00', 600],
    ['2026-10-02T10:00:00+03:00', 120],
  ]);
  const ledger = ledgerOf(catalog, [work], '2026-10', '2026-11-01T12:00:00+03:00');
  const september = monthOf(ledger, 'c', '2026-09');
  const october = monthOf(ledger, 'c', '2026-10');

  test('Unused hours burn at month end as an explicit burn entry', () => {
    expect(september.totals.allowance).toBe(10 * HOUR);
    expect(september.totals.drawnFromAllowance).toBe(4 * HOUR);
    const burn = september.entries.filter((entry) => entry.kind === 'burn');
    expect(burn).toEqual([{ kind: 'burn', month: '2026-09', seconds: 6 * HOUR, tariffId: 'pack10' }]);
    expect(september.totals.burned).toBe(6 * HOUR);
  });

  test('A worklog at 23:30 local on the 30th counts in that month, not the next', () => {
    const late = september.entries.find((entry) => entry.kind === 'work' && entry.worklogIndex === 1);
    expect(late?.month).toBe('2026-09');
    expect(october.entries.some((entry) => entry.issueKey === work.key && entry.worklogIndex === 1)).toBe(false);
  });

  test('The next month starts with a fresh allowance; work beyond it is overage at the hourly rate', () => {
    expect(october.totals.allowance).toBe(10 * HOUR);
    expect(october.totals.drawnFromAllowance).toBe(10 * HOUR);
    expect(october.totals.overage).toBe(2 * HOUR);
    expect(october.totals.burned).toBe(0);
    expect(chargedMinor(october, 'overage')).toBe(2 * 2_800_00);
    const overage = october.charges.find((charge) => charge.kind === 'overage');
    expect(overage?.issueKeys).toEqual([work.key]);
  });

  test('Every hour of the month is traceable to a worklog: work and overage entries add up to the worklogs', () => {
    const fromWorklogs = october.entries
      .filter((entry) => entry.kind === 'work' || entry.kind === 'overage')
      .reduce((sum, entry) => sum + entry.seconds, 0);
    expect(fromWorklogs).toBe((600 + 120) * 60);
    for (const entry of october.entries.filter(
      (candidate) => candidate.kind === 'work' || candidate.kind === 'overage',
    )) {
      expect(entry.issueKey).toBe(work.key);
      expect(work.worklogs[entry.worklogIndex ?? -1]?.atMs).toBe(entry.atMs);
    }
  });

  test('A worklog that crosses the end of the allowance is split into a work entry and an overage entry', () => {
    const second = october.entries.filter((entry) => entry.worklogIndex === 3);
    expect(second.map((entry) => [entry.kind, entry.seconds])).toEqual([['overage', 2 * HOUR]]);
    const big = catalogWith({ c: { terms: [{ tariff: 'pack10', from: '2026-09-01' }] } });
    const split = ledgerOf(
      big,
      [issue('c', '2026-09-01T10:00:00+03:00', [['2026-09-01T12:00:00+03:00', 11 * 60]])],
      '2026-09',
      '2026-10-01T00:00:00+03:00',
    );
    expect(
      monthOf(split, 'c', '2026-09')
        .entries.filter((entry) => entry.worklogIndex === 0)
        .map((entry) => [entry.kind, entry.source, entry.seconds]),
    ).toEqual([
      ['work', 'allowance', 10 * HOUR],
      ['overage', undefined, 1 * HOUR],
    ]);
  });

  test('A month not over at the evaluation instant posts no burn yet', () => {
    const open = ledgerOf(catalog, [work], '2026-10', '2026-10-15T12:00:00+03:00');
    const month = monthOf(open, 'c', '2026-10');
    expect(month.closed).toBe(false);
    expect(month.entries.some((entry) => entry.kind === 'burn')).toBe(false);
    expect(month.totals.allowanceLeft).toBe(0);
    expect(monthOf(open, 'c', '2026-09').closed).toBe(true);
  });

  test('Worklogs after the evaluation instant are not posted', () => {
    const early = ledgerOf(catalog, [work], '2026-10', '2026-10-01T12:00:00+03:00');
    expect(monthOf(early, 'c', '2026-10').totals.drawnFromAllowance).toBe(10 * HOUR);
    expect(monthOf(early, 'c', '2026-10').totals.overage).toBe(0);
  });

  test('The monthly fee is charged every month at the tariff price', () => {
    expect(chargedMinor(september, 'subscription')).toBe(25_000_00);
    expect(chargedMinor(october, 'subscription')).toBe(25_000_00);
  });
});

describe('month attribution in a contract zone west of UTC', () => {
  test('A worklog at 23:30 local on 31 October in New York is October work, though it is 1 November in UTC', () => {
    const catalog = catalogWith({
      ny: { timeZone: 'America/New_York', calendar: 'office-ny', terms: [{ tariff: 'pack10', from: '2026-10-01' }] },
    });
    const late = issue('ny', '2026-10-30T10:00:00-04:00', [['2026-10-31T23:30:00-04:00', 90]]);
    const ledger = ledgerOf(catalog, [late], '2026-11', '2026-12-01T12:00:00-05:00');
    expect(monthOf(ledger, 'ny', '2026-10').totals.drawnFromAllowance).toBe(1.5 * HOUR);
    expect(monthOf(ledger, 'ny', '2026-11').totals.drawnFromAllowance).toBe(0);
    expect(monthOf(ledger, 'ny', '2026-10').totals.offHours).toBe(1.5 * HOUR);
  });
});

describe('prepayment discounts (5 % for more than 6 months, 10 % for more than 12)', () => {
  // Discount in kopecks off the 25 000,00 ₽ fee.
  const cases: Array<[number, number, number]> = [
    [3, 0, 0],
    [6, 0, 0],
    [7, 5, 1_250_00],
    [12, 5, 1_250_00],
    [13, 10, 2_500_00],
  ];
  test.each(cases)('%i prepaid months give %i %% off the monthly fee', (prepaidMonths, percent, discountMinor) => {
    const catalog = catalogWith({ c: { terms: [{ tariff: 'pack10', from: '2026-09-01', prepaidMonths }] } });
    const month = monthOf(ledgerOf(catalog, [], '2026-09', '2026-10-01T00:00:00+03:00'), 'c', '2026-09');
    expect(month.discountPercent).toBe(percent);
    expect(chargedMinor(month, 'prepayment_discount')).toBe(0 - discountMinor);
    expect(
      month.charges
        .filter((charge) => charge.kind === 'subscription' || charge.kind === 'prepayment_discount')
        .every((charge) => charge.prepaid),
    ).toBe(true);
  });

  test('The discount holds for the prepaid months only; the month after is billed in full and not prepaid', () => {
    const catalog = catalogWith({ c: { terms: [{ tariff: 'pack10', from: '2026-09-01', prepaidMonths: 7 }] } });
    const ledger = ledgerOf(catalog, [], '2027-04', '2027-05-01T00:00:00+03:00');
    const march = monthOf(ledger, 'c', '2027-03');
    const april = monthOf(ledger, 'c', '2027-04');
    expect([march.termMonth, march.prepaid, march.discountPercent]).toEqual([7, true, 5]);
    expect([april.termMonth, april.prepaid, april.discountPercent]).toEqual([8, false, 0]);
    expect(april.charges.map((charge) => [charge.kind, charge.amountMinor, charge.prepaid])).toEqual([
      ['subscription', 25_000_00, false],
    ]);
  });
});
