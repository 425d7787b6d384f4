import { DateTime } from 'luxon';
import { adviceText } from '../../../src/core/advisor/advice-text';
import { adviseTariffs, type TariffAdvice, type TariffOutcome } from '../../../src/core/advisor/advise-tariffs';
import { parseIssueHistories } from '../../../src/core/history/issue-history';
import { catalogWith } from '../ledger/ledger-fixture';

// The client is on "standard" (resolution in 240 working minutes, 160 000 ₽ a month, 3 incidents a day).
const catalog = catalogWith({ c: { terms: [{ tariff: 'standard', from: '2026-09-01' }] } });

/** An incident answered after 20 minutes and resolved after 300 working minutes, with 2 h of work. */
function incident(key: string, createdLocal: string): Record<string, unknown> {
  const created = DateTime.fromISO(createdLocal, { zone: 'Europe/Moscow' });
  const iso = (value: DateTime): string => value.toISO({ suppressMilliseconds: true }) ?? '';
  return {
    key,
    contract: 'c',
    type: 'incident',
    priority: 'normal',
    createdAt: iso(created),
    status: 'New',
    events: [
      { at: iso(created.plus({ minutes: 20 })), kind: 'response' },
      { at: iso(created.plus({ minutes: 30 })), kind: 'status', to: 'In Progress' },
      { at: iso(created.plus({ minutes: 300 })), kind: 'status', to: 'Resolved' },
    ],
    worklogs: [{ at: iso(created.plus({ minutes: 300 })), minutes: 120, author: 'ann' }],
  };
}

const { issues, problems } = parseIssueHistories({
  issues: [
    incident('I-1', '2026-10-05T09:00'),
    incident('I-2', '2026-10-05T09:30'),
    incident('I-3', '2026-10-05T10:00'),
    incident('I-4', '2026-11-10T10:00'),
  ],
});
if (problems.length > 0) throw new Error(JSON.stringify(problems));
const nowMs = DateTime.fromISO('2026-12-01T10:00:00+03:00', { setZone: true }).toMillis();
const options = {
  contractId: 'c',
  fromMonth: '2026-10',
  toMonth: '2026-11',
  nowMs,
  targetCompliancePercent: 95,
  tariffIds: ['standard', 'basic', 'pack10', 'bank10', 'free'],
};
const advice = adviseTariffs(catalog, issues, options);
const outcome = (result: TariffAdvice, tariffId: string): TariffOutcome => {
  const found = result.candidates.find((candidate) => candidate.tariffId === tariffId);
  if (!found) throw new Error(`no outcome for ${tariffId}`);
  return found;
};

describe('tariff advisor', () => {
  test('The current terms are replayed as they are: every resolution breached, 160 000 ₽ a month', () => {
    expect(advice.current.actual).toBe(true);
    expect(advice.current.sla.resolution).toMatchObject({ due: 4, met: 0, breached: 4, compliancePercent: 0 });
    expect(advice.current.months.map((month) => month.totalMinor)).toEqual([160_000_00, 160_000_00]);
    expect(advice.current.meetsTarget).toBe(false);
  });

  test('The same history under a tariff with a longer resolution target meets it, and its own daily limit is billed', () => {
    const basic = outcome(advice, 'basic');
    expect(basic.sla.resolution).toMatchObject({ due: 4, met: 4, compliancePercent: 100 });
    expect(basic.overLimitIncidents).toBe(1);
    expect(basic.months.map((month) => [month.month, month.byKind, month.totalMinor])).toEqual([
      ['2026-10', { subscription: 100_000_00, over_limit_incident: 3_000_00 }, 103_000_00],
      ['2026-11', { subscription: 100_000_00 }, 100_000_00],
    ]);
    expect(basic.meetsTarget).toBe(true);
  });

  test('The cheapest tariff that meets the target and keeps the current clocks is recommended', () => {
    expect(advice.recommended).toBe('basic');
    expect(advice.candidates.map((candidate) => candidate.totalMinor)).toEqual(
      [...advice.candidates.map((candidate) => candidate.totalMinor)].sort((a, b) => a - b),
    );
  });

  test('Each tariff that falls short says why: breaches of a clock, a clock it does not offer, request types it does not cover', () => {
    expect(outcome(advice, 'standard').failures).toEqual([
      {
        kind: 'compliance',
        clock: 'resolution',
        compliancePercent: 0,
        breaches: 4,
        due: 4,
        issueKeys: ['I-1', 'I-2', 'I-3', 'I-4'],
      },
    ]);
    expect(outcome(advice, 'pack10').failures).toEqual([
      { kind: 'clock_not_offered', clock: 'resolution', dueUnderCurrent: 4 },
    ]);
    expect(outcome(advice, 'free').failures).toEqual([
      { kind: 'not_covered', type: 'incident', requests: 4, issueKeys: ['I-1', 'I-2', 'I-3', 'I-4'] },
    ]);
  });

  test('A free plan still bills the uncovered work by the hour in the replay', () => {
    expect(outcome(advice, 'free').months.map((month) => month.byKind.uncovered_work)).toEqual([
      3 * 2 * 3_000_00,
      2 * 3_000_00,
    ]);
  });

  test('Allowing fewer clocks lets an hour package win on price', () => {
    const relaxed = adviseTariffs(catalog, issues, { ...options, allowFewerClocks: true });
    expect(relaxed.recommended).toBe('bank10');
    expect(outcome(relaxed, 'bank10').months.map((month) => month.totalMinor)).toEqual([30_000_00, 0]);
  });

  test('A higher target than any tariff reaches leaves no recommendation, and the text says so', () => {
    const strict = adviseTariffs(
      catalog,
      [...issues, ...parseIssueHistories({ issues: [{ ...incident('I-5', '2026-11-11T10:00'), events: [] }] }).issues],
      options,
    );
    expect(strict.recommended).toBeNull();
    expect(adviceText(strict, 'en')).toContain('No tariff would have met 95%');
  });

  test('The text names the recommendation, marks it in the table and shows its month-by-month costs', () => {
    const text = adviceText(advice, 'en');
    expect(text).toContain(
      'Recommendation: basic «Базовый» is the cheapest tariff meeting 95% on every clock: RUB\u00a0203,000.00 over 2 months, RUB\u00a0117,000.00 less than the current terms.',
    );
    expect(text).toMatch(/^★ basic/m);
    expect(text).toMatch(/^▸ Current terms \(standard\)/m);
    expect(text).toContain('Month by month: basic «Базовый»');
    expect(text).toContain('4 breaches of the resolution clock');
  });
});
