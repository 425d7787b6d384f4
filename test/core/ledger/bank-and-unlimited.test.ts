import { catalogWith, chargedMinor, HOUR, issue, ledgerOf, monthOf } from './ledger-fixture';

describe('no-burn bank of hours (10 h bought for 30 000 ₽, 3 000 ₽/h beyond it)', () => {
  const catalog = catalogWith({ c: { terms: [{ tariff: 'bank10', from: '2026-10-01' }] } });
  const work = issue('c', '2026-10-05T10:00:00+03:00', [
    ['2026-10-05T12:00:00+03:00', 4 * 60],
    ['2026-11-10T12:00:00+03:00', 8 * 60],
  ]);
  const ledger = ledgerOf(catalog, [work], '2026-12', '2027-01-01T12:00:00+03:00');
  const october = monthOf(ledger, 'c', '2026-10');
  const november = monthOf(ledger, 'c', '2026-11');
  const december = monthOf(ledger, 'c', '2026-12');

  test('The bank is bought once, when the term starts, and charged at its price', () => {
    expect(october.entries[0]).toEqual({
      kind: 'bank_topup',
      month: '2026-10',
      seconds: 10 * HOUR,
      tariffId: 'bank10',
    });
    expect(chargedMinor(october, 'bank_package')).toBe(30_000_00);
    expect(chargedMinor(november, 'bank_package')).toBe(0);
    expect(november.entries.some((entry) => entry.kind === 'bank_topup')).toBe(false);
  });

  test('What is left carries over at month end instead of burning', () => {
    expect(october.totals.burned).toBe(0);
    expect(october.entries.filter((entry) => entry.kind === 'carry_over').map((entry) => entry.seconds)).toEqual([
      6 * HOUR,
    ]);
    expect(november.totals.broughtForward).toBe(6 * HOUR);
    expect(november.entries[0]).toMatchObject({ kind: 'brought_forward', seconds: 6 * HOUR });
  });

  test('Work beyond the bank is overage at the hourly rate, and an empty bank carries nothing', () => {
    expect(november.totals.drawnFromBank).toBe(6 * HOUR);
    expect(november.totals.overage).toBe(2 * HOUR);
    expect(chargedMinor(november, 'overage')).toBe(2 * 3_000_00);
    expect(november.totals.carriedOver).toBe(0);
    expect(december.totals.broughtForward).toBe(0);
    expect(december.charges).toEqual([]);
  });

  test('A second bank term adds to what is left of the first', () => {
    const two = catalogWith({
      c: {
        terms: [
          { tariff: 'bank10', from: '2026-10-01' },
          { tariff: 'bank15', from: '2026-12-01' },
        ],
      },
    });
    const light = issue('c', '2026-10-05T10:00:00+03:00', [['2026-10-05T12:00:00+03:00', 4 * 60]]);
    const months = ledgerOf(two, [light], '2026-12', '2027-01-01T12:00:00+03:00');
    const dec = monthOf(months, 'c', '2026-12');
    expect(dec.totals.broughtForward).toBe(6 * HOUR);
    expect(dec.totals.bankTopUp).toBe(15 * HOUR);
    expect(dec.totals.carriedOver).toBe(21 * HOUR);
    expect(chargedMinor(dec, 'bank_package')).toBe(43_500_00);
  });

  test('After a change to a monthly package the bank still never burns: it is drawn once the allowance is used', () => {
    const change = catalogWith({
      c: {
        terms: [
          { tariff: 'bank10', from: '2026-10-01' },
          { tariff: 'pack10', from: '2026-11-01' },
        ],
      },
    });
    const heavy = issue('c', '2026-10-05T10:00:00+03:00', [
      ['2026-10-05T12:00:00+03:00', 2 * 60],
      ['2026-11-10T12:00:00+03:00', 15 * 60],
    ]);
    const nov = monthOf(ledgerOf(change, [heavy], '2026-11', '2026-12-01T12:00:00+03:00'), 'c', '2026-11');
    expect(nov.tariffId).toBe('pack10');
    expect([nov.totals.drawnFromAllowance, nov.totals.drawnFromBank, nov.totals.overage]).toEqual([
      10 * HOUR,
      5 * HOUR,
      0,
    ]);
    expect(nov.totals.burned).toBe(0);
    expect(nov.totals.carriedOver).toBe(3 * HOUR);
  });
});

describe('unlimited hours', () => {
  test('Any amount of covered work is included in the fee: no overage, nothing burns', () => {
    const catalog = catalogWith({ c: { terms: [{ tariff: 'unlimited', from: '2026-09-01' }] } });
    const lots = issue('c', '2026-09-01T10:00:00+03:00', [
      ['2026-09-01T12:00:00+03:00', 40 * 60],
      ['2026-09-02T12:00:00+03:00', 40 * 60],
    ]);
    const month = monthOf(ledgerOf(catalog, [lots], '2026-09', '2026-10-01T12:00:00+03:00'), 'c', '2026-09');
    expect(month.packageKind).toBe('unlimited');
    expect(month.totals.coveredByFee).toBe(80 * HOUR);
    expect(month.totals.overage + month.totals.burned).toBe(0);
    expect(month.entries.filter((entry) => entry.kind === 'work').every((entry) => entry.source === 'unlimited')).toBe(
      true,
    );
    expect(month.charges.map((charge) => charge.kind)).toEqual(['subscription']);
  });

  test.each([
    [2, 0],
    [3, 10],
  ])('Prepaying %i months gives %i %% off (10 %% from 3 months)', (prepaidMonths, percent) => {
    const catalog = catalogWith({ c: { terms: [{ tariff: 'unlimited', from: '2026-09-01', prepaidMonths }] } });
    const month = monthOf(ledgerOf(catalog, [], '2026-09', '2026-10-01T12:00:00+03:00'), 'c', '2026-09');
    expect(month.discountPercent).toBe(percent);
    expect(chargedMinor(month, 'prepayment_discount')).toBe(percent === 0 ? 0 : -15_000_00);
  });
});
