import fc from 'fast-check';
import { CLOCK_NAMES } from '../../../src/core/catalog/clock-names';
import type { Tariff } from '../../../src/core/catalog/catalog-schema';
import { creditRuleFor, serviceCreditCharges, type CreditableBreach } from '../../../src/core/ledger/service-credits';

/**
 * Whatever the breaches, rules, grace and cap: one line per breach a rule matches, in breach order,
 * the first `graceBreaches` free, each credit between nothing and its rule's full credit, and the
 * month's credits equal to the full credits after grace, up to the cap — independent of input order.
 */
const RULE_POOL = [
  { clocks: ['resolution' as const], priorities: ['critical'], percentOfFee: 7.5 },
  { clocks: ['resolution' as const], amount: 3000.01 },
  { clocks: ['reaction' as const], requestTypes: ['bug'], amount: 999.99 },
  { priorities: ['high'], percentOfFee: 2.25 },
  { clocks: ['start' as const], amount: 0 },
];

const scenario = fc.record({
  rules: fc.shuffledSubarray(RULE_POOL, { minLength: 1 }),
  grace: fc.integer({ min: 0, max: 3 }),
  cap: fc.oneof(
    fc.constant(undefined),
    fc.record({ amount: fc.integer({ min: 0, max: 20_000 }) }),
    fc.record({ percentOfFee: fc.constantFrom(1, 5, 12.5) }),
  ),
  breaches: fc.array(
    fc.record({
      key: fc.constantFrom('A-1', 'A-2', 'B-1'),
      clock: fc.constantFrom(...CLOCK_NAMES),
      priority: fc.constantFrom('normal', 'high', 'critical'),
      type: fc.constantFrom('incident', 'bug'),
      minute: fc.integer({ min: 0, max: 60 * 24 * 30 }),
    }),
    { maxLength: 25 },
  ),
});

const FEE = 33_333.33;

test('Credit lines keep grace, cap and rule amounts for any breaches, in any input order', () => {
  fc.assert(
    fc.property(scenario, fc.integer(), ({ rules, grace, cap, breaches }, shuffleSeed) => {
      const tariff: Tariff = {
        name: 'T',
        calendar: 'office',
        escalationMode: 'with_client_team',
        atRiskPercent: 80,
        targets: {},
        supportLines: ['L1'],
        prices: { monthly: FEE },
        serviceCredits: { rules, graceBreaches: grace, ...(cap ? { monthlyCap: cap } : {}) },
      };
      // One breach per issue and clock, as the engine gives them.
      const unique = new Map<string, CreditableBreach>();
      for (const item of breaches) {
        unique.set(`${item.key}/${item.clock}`, {
          issueKey: item.key,
          tariffId: 't',
          breach: {
            clock: item.clock,
            breachedAtMs: item.minute * 60_000,
            targetMinutes: 60,
            elapsedMinutes: 61,
            priority: item.priority,
            type: item.type,
          },
        });
      }
      const input = [...unique.values()];
      const lines = serviceCreditCharges({ t: tariff }, input);
      const shuffled = [...input].sort(
        (a, b) =>
          ((a.breach.breachedAtMs * 7919 + shuffleSeed) % 13) - ((b.breach.breachedAtMs * 7919 + shuffleSeed) % 13),
      );
      expect(serviceCreditCharges({ t: tariff }, shuffled)).toEqual(lines);

      const credits = tariff.serviceCredits;
      if (!credits) throw new Error('no credits');
      const matched = input.filter((item) => creditRuleFor(credits, item.breach) !== null);
      expect(lines).toHaveLength(matched.length);
      lines.forEach((line, index) => {
        const detail = line.credit;
        if (!detail) throw new Error('a credit line without its breach');
        expect(Number.isInteger(line.amountMinor)).toBe(true);
        expect(line.amountMinor).toBeLessThanOrEqual(0);
        expect(-line.amountMinor).toBeLessThanOrEqual(detail.fullMinor);
        expect(detail.grace).toBe(index < grace);
        if (detail.grace) expect(line.amountMinor).toBe(0);
        if (index > 0) expect(detail.breachedAtMs).toBeGreaterThanOrEqual(lines[index - 1].credit?.breachedAtMs ?? 0);
      });
      const fullAfterGrace = lines
        .filter((line) => !line.credit?.grace)
        .reduce((sum, line) => sum + (line.credit?.fullMinor ?? 0), 0);
      const capMinor =
        cap === undefined
          ? Infinity
          : 'amount' in cap
            ? cap.amount * 100
            : Math.round(3_333_333 * (cap.percentOfFee ?? 0)) / 100;
      const credited = 0 - lines.reduce((sum, line) => sum + line.amountMinor, 0);
      expect(credited).toBe(Math.min(fullAfterGrace, Math.round(capMinor)));
    }),
    { numRuns: 300, seed: 20261206 },
  );
});
