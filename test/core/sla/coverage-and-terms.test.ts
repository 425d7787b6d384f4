import { buildCatalog } from '../../helpers/catalog-builder';
import { clockOf, evaluateAt, evaluateOne, issue, type } from '../../helpers/issue-builder';
import { mskLocal } from '../../helpers/instants';

/**
 * Request types a tariff does not cover, and contract terms that change tariff on a date.
 * Calendar `office`: Mon–Fri 09:00–18:00 Moscow. Mon 2026-11-16.
 */

describe('free plan: uncovered request types', () => {
  const catalog = buildCatalog({
    escalationPolicies: {
      ladder: {
        levels: [{ level: 1, percentOfTarget: 50, actions: [{ kind: 'notify', recipients: ['support_lead'] }] }],
      },
    },
    tariffs: {
      main: undefined,
      free: {
        name: 'Free',
        calendar: 'office',
        coveredTypes: ['bug'],
        escalationPolicy: 'ladder',
        targets: { reaction: 480 },
        requestTypes: { bug: { resolution: 480 } },
      },
    },
    contracts: { acme: { terms: [{ tariff: 'free', from: '2026-01-01' }] } },
  });

  test('A request type the tariff does not cover is not covered: no targets, no deadline', () => {
    const evaluation = evaluateOne(catalog, { type: 'consultation', created: '2026-11-16 10:00' }, '2026-11-18 10:00');
    expect(evaluation.covered).toBe(false);
    expect(evaluation.state).toBe('not_covered');
    const reaction = clockOf(evaluation, 'reaction');
    expect(reaction.state).toBe('not_covered');
    expect(reaction.targetMinutes).toBeNull();
    expect(reaction.dueAtMs).toBeNull();
    expect(reaction.breachedAtMs).toBeNull();
  });

  test('An uncovered request gets no escalations, however long it waits', () => {
    // Two working days later, far past 50 % of 480, and still nothing is escalated.
    const evaluation = evaluateOne(catalog, { type: 'consultation', created: '2026-11-16 10:00' }, '2026-11-18 10:00');
    expect(evaluation.escalations).toEqual([]);
  });

  test('A covered request on the same plan runs its clocks and escalates', () => {
    const evaluation = evaluateOne(catalog, { type: 'bug', created: '2026-11-16 10:00' }, '2026-11-16 15:00');
    expect(evaluation.covered).toBe(true);
    // 300 of 480: level 1 (50 % = 240 min) fell due at 14:00.
    expect(clockOf(evaluation, 'reaction').state).toBe('running');
    expect(evaluation.escalations.map((step) => [step.level, step.clock, mskLocal(step.dueAtMs), step.due])).toEqual([
      [1, 'reaction', '2026-11-16 14:00', true],
      [1, 'resolution', '2026-11-16 14:00', true],
    ]);
  });

  test('Reclassifying an uncovered request as a covered type brings it under the SLA', () => {
    const evaluation = evaluateOne(
      catalog,
      { type: 'consultation', created: '2026-11-16 10:00', events: [type('2026-11-16 11:00', 'bug')] },
      '2026-11-16 12:00',
    );
    expect(evaluation.covered).toBe(true);
    // The bug targets apply from creation: 120 of 480.
    expect(clockOf(evaluation, 'resolution').elapsedMinutes).toBe(120);
  });
});

describe('effective-dated contract terms', () => {
  const catalog = buildCatalog({
    tariffs: { fast: { name: 'Fast', calendar: 'always', targets: { reaction: 15 } } },
    contracts: {
      acme: {
        terms: [
          { tariff: 'main', from: '2026-01-01' },
          { tariff: 'fast', from: '2026-11-16' },
        ],
      },
      // Yekaterinburg is +05:00: its 2026-11-16 starts at 2026-11-15 22:00 Moscow time.
      ural: {
        name: 'Ural',
        timeZone: 'Asia/Yekaterinburg',
        terms: [
          { tariff: 'main', from: '2026-01-01' },
          { tariff: 'fast', from: '2026-11-16' },
        ],
      },
    },
  });

  test('An issue created the day before a tariff change falls under the old tariff', () => {
    const evaluation = evaluateOne(catalog, { created: '2026-11-15 23:59' }, '2026-11-16 12:00');
    expect(evaluation.tariffId).toBe('main');
    expect(clockOf(evaluation, 'reaction').targetMinutes).toBe(60);
  });

  test('An issue created at local midnight of the change date falls under the new tariff', () => {
    const evaluation = evaluateOne(catalog, { created: '2026-11-16 00:00' }, '2026-11-16 12:00');
    expect(evaluation.tariffId).toBe('fast');
    expect(evaluation.calendarId).toBe('always');
    expect(clockOf(evaluation, 'reaction').targetMinutes).toBe(15);
  });

  test("The change date is read at midnight in the contract's own zone", () => {
    // 22:30 Moscow on the 15th is 00:30 on the 16th in Yekaterinburg: the new tariff already applies.
    const ural = (created: string) => evaluateOne(catalog, { contract: 'ural', created }, '2026-11-16 12:00').tariffId;
    expect(ural('2026-11-15 21:59')).toBe('main');
    expect(ural('2026-11-15 22:30')).toBe('fast');
  });

  test('An issue keeps the tariff of its creation date when evaluated after a change', () => {
    const evaluation = evaluateOne(catalog, { created: '2026-11-13 10:00' }, '2026-11-17 12:00');
    expect(evaluation.tariffId).toBe('main');
  });

  test('An issue created before the first term falls under the first term', () => {
    expect(evaluateOne(catalog, { created: '2025-12-30 10:00' }, '2025-12-30 12:00').tariffId).toBe('main');
  });

  test('Issues of one contract on both sides of a change are evaluated under their own tariffs', () => {
    const portfolio = evaluateAt(
      catalog,
      [issue({ key: 'OLD', created: '2026-11-13 17:30' }), issue({ key: 'NEW', created: '2026-11-16 10:00' })],
      '2026-11-16 10:10',
    );
    expect(portfolio.evaluations.map((evaluation) => [evaluation.key, evaluation.tariffId])).toEqual([
      ['OLD', 'main'],
      ['NEW', 'fast'],
    ]);
  });
});
