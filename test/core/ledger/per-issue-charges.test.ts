import { catalogWith, chargedMinor, HOUR, issue, ledgerOf, monthOf } from './ledger-fixture';

describe('incidents over the daily limit', () => {
  test('Each incident past the daily limit is billed once at the tariff price, in the month it was created', () => {
    const catalog = catalogWith({ c: { terms: [{ tariff: 'basic', from: '2026-09-01' }] } });
    const day = ['09:00', '10:00', '11:00', '12:00'].map((time, index) =>
      issue('c', `2026-10-14T${time}:00+03:00`, [], { key: `LIM-${index + 1}` }),
    );
    const month = monthOf(ledgerOf(catalog, day, '2026-10', '2026-11-01T12:00:00+03:00'), 'c', '2026-10');
    const overLimit = month.charges.filter((charge) => charge.kind === 'over_limit_incident');
    expect(overLimit.map((charge) => [charge.issueKeys[0], charge.amountMinor])).toEqual([
      ['LIM-3', 3_000_00],
      ['LIM-4', 3_000_00],
    ]);
  });

  test('The price is that of the tariff the incident fell under, while the month is billed under the term in force on the 1st', () => {
    // basic (limit 2, 3 000 ₽) until 15 November; standard (limit 3, 2 500 ₽) from 16 November.
    const catalog = catalogWith({
      c: {
        terms: [
          { tariff: 'basic', from: '2026-09-01' },
          { tariff: 'standard', from: '2026-11-16' },
        ],
      },
    });
    const day = ['09:00', '10:00', '11:00', '12:00'].map((time, index) =>
      issue('c', `2026-11-20T${time}:00+03:00`, [], { key: `STD-${index + 1}` }),
    );
    const ledger = ledgerOf(catalog, day, '2026-12', '2027-01-01T12:00:00+03:00');
    const november = monthOf(ledger, 'c', '2026-11');
    expect(november.tariffId).toBe('basic');
    expect(chargedMinor(november, 'subscription')).toBe(100_000_00);
    expect(
      november.charges
        .filter((charge) => charge.kind === 'over_limit_incident')
        .map((charge) => [charge.issueKeys[0], charge.tariffId, charge.amountMinor]),
    ).toEqual([['STD-4', 'standard', 2_500_00]]);
    expect(monthOf(ledger, 'c', '2026-12').tariffId).toBe('standard');
    expect(chargedMinor(monthOf(ledger, 'c', '2026-12'), 'subscription')).toBe(160_000_00);
  });
});

describe('off-hours surcharge', () => {
  const catalog = catalogWith({ c: { terms: [{ tariff: 'pack10', from: '2026-10-01' }], calendar: 'office' } });
  const evening = issue(
    'c',
    '2026-10-14T10:00:00+03:00',
    [
      ['2026-10-14T12:00:00+03:00', 60],
      ['2026-10-14T19:30:00+03:00', 90],
    ],
    { key: 'EVE-1' },
  );
  const weekend = issue('c', '2026-10-16T10:00:00+03:00', [['2026-10-17T11:00:00+03:00', 120]], { key: 'SAT-1' });
  const month = monthOf(ledgerOf(catalog, [evening, weekend], '2026-10', '2026-11-01T12:00:00+03:00'), 'c', '2026-10');

  test('Work booked outside the calendar’s working time (an evening, a Saturday) carries 50 % of the hourly rate per issue', () => {
    expect(
      month.charges
        .filter((charge) => charge.kind === 'off_hours_surcharge')
        .map((charge) => [charge.issueKeys[0], charge.seconds, charge.percent, charge.amountMinor]),
    ).toEqual([
      ['EVE-1', 1.5 * HOUR, 50, 2_100_00],
      ['SAT-1', 2 * HOUR, 50, 2_800_00],
    ]);
    expect(month.totals.offHours).toBe(3.5 * HOUR);
  });

  test('Off-hours work still draws on the package; only the surcharge is extra', () => {
    expect(month.totals.drawnFromAllowance).toBe(4.5 * HOUR);
    expect(month.entries.filter((entry) => entry.offHours).map((entry) => entry.issueKey)).toEqual(['EVE-1', 'SAT-1']);
  });

  test('A tariff without a surcharge bills no surcharge for the same work', () => {
    const plain = catalogWith({ c: { terms: [{ tariff: 'basic', from: '2026-10-01' }] } });
    const same = monthOf(ledgerOf(plain, [evening, weekend], '2026-10', '2026-11-01T12:00:00+03:00'), 'c', '2026-10');
    expect(same.totals.offHours).toBe(3.5 * HOUR);
    expect(chargedMinor(same, 'off_hours_surcharge')).toBe(0);
  });

  test('A surcharge without an hourly rate to apply it to is reported as a notice, not billed as zero silently', () => {
    const broken = catalogWith({ c: { terms: [{ tariff: 'nohourly', from: '2026-10-01' }] } });
    const ledger = ledgerOf(broken, [weekend], '2026-10', '2026-11-01T12:00:00+03:00');
    expect(chargedMinor(monthOf(ledger, 'c', '2026-10'), 'off_hours_surcharge')).toBe(0);
    expect(ledger.notices.map((notice) => [notice.code, notice.path.join('.')])).toEqual(
      expect.arrayContaining([['no_hourly_rate_for_surcharge', 'tariffs.nohourly.prices.hourly']]),
    );
  });
});

describe('free plan (bugs only)', () => {
  const catalog = catalogWith({ f: { terms: [{ tariff: 'free', from: '2026-06-01' }] } });
  const bug = issue('f', '2026-10-05T10:00:00+03:00', [['2026-10-05T12:00:00+03:00', 120]], {
    type: 'bug',
    key: 'BUG-1',
  });
  const question = issue('f', '2026-10-06T10:00:00+03:00', [['2026-10-06T11:30:00+03:00', 90]], {
    type: 'consultation',
    key: 'Q-1',
  });
  const month = monthOf(ledgerOf(catalog, [bug, question], '2026-10', '2026-11-01T12:00:00+03:00'), 'f', '2026-10');

  test('Work on a request type the plan does not cover is billed per issue at the hourly rate', () => {
    expect(month.charges.map((charge) => [charge.kind, charge.issueKeys, charge.seconds, charge.amountMinor])).toEqual([
      ['uncovered_work', ['Q-1'], 1.5 * HOUR, 4_500_00],
    ]);
    expect(month.entries.filter((entry) => entry.kind === 'uncovered').map((entry) => entry.issueKey)).toEqual(['Q-1']);
  });

  test('Covered bugs are free and recorded as work covered by the (zero) fee', () => {
    expect(month.totals.coveredByFee).toBe(2 * HOUR);
    expect(
      month.entries.filter((entry) => entry.kind === 'work').map((entry) => [entry.issueKey, entry.source]),
    ).toEqual([['BUG-1', 'fee']]);
  });
});

describe('effective-dated changes', () => {
  test('A package change from the 1st applies from that month on', () => {
    const catalog = catalogWith({
      c: {
        terms: [
          { tariff: 'pack10', from: '2026-09-01' },
          { tariff: 'pack25', from: '2026-12-01' },
        ],
      },
    });
    const work = issue('c', '2026-11-30T10:00:00+03:00', [
      ['2026-11-30T12:00:00+03:00', 12 * 60],
      ['2026-12-01T12:00:00+03:00', 12 * 60],
    ]);
    const ledger = ledgerOf(catalog, [work], '2026-12', '2027-01-01T12:00:00+03:00');
    const november = monthOf(ledger, 'c', '2026-11');
    const december = monthOf(ledger, 'c', '2026-12');
    expect([november.tariffId, november.totals.allowance, november.totals.overage]).toEqual([
      'pack10',
      10 * HOUR,
      2 * HOUR,
    ]);
    expect([december.tariffId, december.totals.allowance, december.totals.overage, december.totals.burned]).toEqual([
      'pack25',
      25 * HOUR,
      0,
      13 * HOUR,
    ]);
    expect(december.termMonth).toBe(1);
  });

  test('Leaving a package before its minimum term bills the months left at the full fee in the last month of the term', () => {
    const early = catalogWith({
      c: {
        terms: [
          { tariff: 'pack10', from: '2026-09-01' },
          { tariff: 'pack25', from: '2026-11-01' },
        ],
      },
    });
    const october = monthOf(ledgerOf(early, [], '2026-11', '2026-12-01T00:00:00+03:00'), 'c', '2026-10');
    expect(
      october.charges
        .filter((charge) => charge.kind === 'minimum_term')
        .map((charge) => [charge.quantity, charge.amountMinor]),
    ).toEqual([[1, 25_000_00]]);

    const onTime = catalogWith({
      c: {
        terms: [
          { tariff: 'pack10', from: '2026-09-01' },
          { tariff: 'pack25', from: '2026-12-01' },
        ],
      },
    });
    const ledger = ledgerOf(onTime, [], '2026-12', '2027-01-01T00:00:00+03:00');
    expect(
      ledger.contracts[0].months.flatMap((month) => month.charges).some((charge) => charge.kind === 'minimum_term'),
    ).toBe(false);
  });

  test('Work before the contract’s first term is not billed and is reported', () => {
    const catalog = catalogWith({ c: { terms: [{ tariff: 'pack10', from: '2026-10-01' }] } });
    const ledger = ledgerOf(
      catalog,
      [issue('c', '2026-09-20T10:00:00+03:00', [['2026-09-20T12:00:00+03:00', 60]])],
      '2026-10',
      '2026-11-01T00:00:00+03:00',
    );
    expect(monthOf(ledger, 'c', '2026-10').totals.drawnFromAllowance).toBe(0);
    expect(ledger.notices.map((notice) => notice.code)).toContain('worklog_before_contract');
  });
});
