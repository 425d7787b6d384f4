import { catalogProblems, type Doc } from '../../helpers/catalog-builder';

/** A tariff's CSAT target and service credits are checked where they are written, with the fix. */
const tariff = (extra: Doc): Doc => ({
  tariffs: { main: { name: 'Main', calendar: 'office', targets: { reaction: 60 }, ...extra } },
});

test('A valid CSAT target and service credits pass', () => {
  expect(
    catalogProblems(
      tariff({
        prices: { monthly: 1000 },
        csatTarget: { satisfiedPercent: 85, averageScore: 4.2, minimumResponses: 3 },
        serviceCredits: {
          rules: [
            { clocks: ['resolution'], priorities: ['critical'], requestTypes: ['incident'], percentOfFee: 5 },
            { amount: 100 },
          ],
          graceBreaches: 1,
          monthlyCap: { percentOfFee: 10 },
        },
      }),
    ),
  ).toEqual([]);
});

test('A CSAT target needs a measure, and its numbers are bounded', () => {
  expect(catalogProblems(tariff({ csatTarget: { minimumResponses: 3 } }))).toEqual([
    'tariffs.main.csatTarget: a CSAT target needs "satisfiedPercent" (e.g. 85) or "averageScore" (e.g. 4.5), or both',
  ]);
  expect(catalogProblems(tariff({ csatTarget: { satisfiedPercent: 120, averageScore: 6 } }))).toEqual([
    'tariffs.main.csatTarget.satisfiedPercent: expected a percent <= 100',
    'tariffs.main.csatTarget.averageScore: expected a rating from 1 to 5',
  ]);
});

test('A credit rule states exactly one of a fixed amount and a percent of the fee', () => {
  expect(
    catalogProblems(
      tariff({ prices: { monthly: 1000 }, serviceCredits: { rules: [{ amount: 100, percentOfFee: 5 }] } }),
    ),
  ).toEqual([
    'tariffs.main.serviceCredits.rules[0]: set exactly one of "amount" (a fixed sum) or "percentOfFee" (a percent of the monthly fee)',
  ]);
  expect(catalogProblems(tariff({ serviceCredits: { rules: [{ clocks: ['reaction'] }] } }))).toEqual([
    'tariffs.main.serviceCredits.rules[0]: set exactly one of "amount" (a fixed sum) or "percentOfFee" (a percent of the monthly fee)',
  ]);
});

test('A percent of the fee without a fee, unknown priorities and types, negative grace are named by path', () => {
  expect(
    catalogProblems(
      tariff({
        serviceCredits: {
          rules: [{ priorities: ['p0'], requestTypes: ['question'], percentOfFee: 5 }],
          monthlyCap: { percentOfFee: 10 },
        },
      }),
    ),
  ).toEqual([
    'tariffs.main.serviceCredits.rules[0].priorities[0]: unknown priority "p0": add it to "priorities" or use one of "low", "normal", "high", "critical"',
    'tariffs.main.serviceCredits.rules[0].requestTypes[0]: unknown request type "question": define it under "requestTypes" or use one of "incident", "bug", "consultation", "enhancement"',
    'tariffs.main.serviceCredits.rules[0].percentOfFee: a percent of the monthly fee needs a fee: set prices.monthly, or state the credit as a fixed "amount"',
    'tariffs.main.serviceCredits.monthlyCap.percentOfFee: a percent of the monthly fee needs a fee: set prices.monthly, or state the credit as a fixed "amount"',
  ]);
  expect(catalogProblems(tariff({ serviceCredits: { rules: [{ amount: 1 }], graceBreaches: -1 } }))).toEqual([
    'tariffs.main.serviceCredits.graceBreaches: expected breaches >= 0',
  ]);
  expect(catalogProblems(tariff({ serviceCredits: { rules: [] } }))).toEqual([
    'tariffs.main.serviceCredits.rules: list at least one rule, e.g. [{ clocks: [resolution], amount: 2000 }]',
  ]);
});

test('Credit amounts and caps are money like every price: whole kopecks, bounded', () => {
  expect(
    catalogProblems(
      tariff({ serviceCredits: { rules: [{ amount: 2500.555 }], monthlyCap: { amount: 5_000_000_000 } } }),
    ),
  ).toEqual([
    'tariffs.main.serviceCredits.rules[0].amount: expected at most two decimals (whole kopecks/cents), e.g. 2500.55',
    'tariffs.main.serviceCredits.monthlyCap.amount: expected an amount of at most 1000000000',
  ]);
});
