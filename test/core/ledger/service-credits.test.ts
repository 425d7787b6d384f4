import type { ContractStatement } from '../../../src/core/statement/monthly-statement';
import { buildMonthlyStatement } from '../../../src/core/statement/monthly-statement';
import type { Charge } from '../../../src/core/ledger/hour-ledger';
import { evaluatePortfolio } from '../../../src/core/sla/evaluate-portfolio';
import { buildCatalog, type Doc } from '../../helpers/catalog-builder';
import { issue, response, status, type IssueSpec } from '../../helpers/issue-builder';
import { msk } from '../../helpers/instants';
import { chargedMinor, ledgerOf, monthOf } from './ledger-fixture';

/**
 * Service credits: each breached clock of a tariff with `serviceCredits` earns the client a credit
 * line (fixed amount or percent of the monthly fee, exact to the kopeck), the first `graceBreaches`
 * of a month are free and the month's credits stop at `monthlyCap`.
 * The `office` calendar is Mon–Fri 09:00–18:00 in Moscow; 2026-11-16 is a Monday.
 */
const RULES = [
  { clocks: ['resolution'], priorities: ['critical'], percentOfFee: 7.5 },
  { clocks: ['resolution'], requestTypes: ['bug'], amount: 1234.56 },
  { clocks: ['reaction'], amount: 1000 },
];

function catalogWithCredits(
  credits: Doc = {},
  contract: Doc = { terms: [{ tariff: 'credited', from: '2026-01-01' }] },
) {
  return buildCatalog({
    tariffs: {
      credited: {
        name: 'С кредитами',
        calendar: 'office',
        targets: { reaction: 60, resolution: 480 },
        priorities: { critical: { resolution: 240 } },
        prices: { monthly: 33333.33 },
        serviceCredits: { rules: RULES, ...credits },
      },
      plain: {
        name: 'Без кредитов',
        calendar: 'office',
        targets: { reaction: 60, resolution: 480 },
        prices: { monthly: 10000 },
      },
    },
    contracts: { acme: { name: 'Acme', ...contract } },
  });
}

/** A request that gets no first response: its reaction clock (60 min) breaches an hour after creation. */
const unanswered = (key: string, created: string): IssueSpec => ({ key, created });

function creditLines(credits: Doc, specs: IssueSpec[], at: string, month = '2026-11', contract?: Doc): Charge[] {
  const ledger = ledgerOf(
    catalogWithCredits(credits, contract),
    specs.map(issue),
    month,
    at.replace(' ', 'T') + ':00+03:00',
  );
  return monthOf(ledger, 'acme', month).charges.filter((charge) => charge.kind === 'service_credit');
}

const summary = (lines: Charge[]) =>
  lines.map((line) => [
    line.issueKeys[0],
    line.credit?.clock,
    line.amountMinor,
    line.credit?.grace,
    line.credit?.capped,
  ]);

test('A percent of the monthly fee is exact to the kopeck: 7.5 % of 33 333,33 ₽ = 2 499,99975 → 2 500,00 ₽', () => {
  const critical: IssueSpec = {
    key: 'C-1',
    priority: 'critical',
    created: '2026-11-16 10:00',
    events: [response('2026-11-16 10:30')],
  };
  const [line] = creditLines({}, [critical], '2026-11-30 12:00');
  expect(line).toMatchObject({
    kind: 'service_credit',
    unit: 'breach',
    quantity: 1,
    unitPriceMinor: 3_333_333,
    percent: 7.5,
    amountMinor: -250_000,
    prepaid: false,
    issueKeys: ['C-1'],
  });
  expect(line.credit).toEqual({
    clock: 'resolution',
    breachedAtMs: msk('2026-11-16 14:00'),
    targetMinutes: 240,
    elapsedMinutes: expect.any(Number),
    ruleIndex: 0,
    fullMinor: 250_000,
    grace: false,
    capped: false,
  });
});

test('The first matching rule prices a breach: a critical bug takes the percent rule, a normal bug the fixed bug amount', () => {
  const criticalBug: IssueSpec = {
    key: 'B-1',
    type: 'bug',
    priority: 'critical',
    created: '2026-11-16 10:00',
    events: [response('2026-11-16 10:30')],
  };
  const normalBug: IssueSpec = {
    key: 'B-2',
    type: 'bug',
    created: '2026-11-16 10:00',
    events: [response('2026-11-16 10:30')],
  };
  const normalIncident: IssueSpec = { key: 'I-1', created: '2026-11-16 10:00', events: [response('2026-11-16 10:30')] };
  expect(summary(creditLines({}, [criticalBug, normalBug, normalIncident], '2026-11-30 12:00'))).toEqual([
    ['B-1', 'resolution', -250_000, false, false],
    ['B-2', 'resolution', -123_456, false, false],
  ]);
});

test('Grace: the first breach of the month (by breach instant, whatever the input order) credits nothing', () => {
  const issues = [
    unanswered('R-3', '2026-11-16 12:00'),
    unanswered('R-1', '2026-11-16 10:00'),
    unanswered('R-2', '2026-11-16 11:00'),
  ];
  expect(summary(creditLines({ graceBreaches: 1 }, issues, '2026-11-16 17:00'))).toEqual([
    ['R-1', 'reaction', 0, true, false],
    ['R-2', 'reaction', -100_000, false, false],
    ['R-3', 'reaction', -100_000, false, false],
  ]);
});

test('A fixed monthly cap cuts the breach that reaches it and credits nothing after it', () => {
  const issues = ['10:00', '11:00', '12:00'].map((time, index) => unanswered(`R-${index + 1}`, `2026-11-16 ${time}`));
  const lines = creditLines({ monthlyCap: { amount: 1500 } }, issues, '2026-11-16 17:00');
  expect(summary(lines)).toEqual([
    ['R-1', 'reaction', -100_000, false, false],
    ['R-2', 'reaction', -50_000, false, true],
    ['R-3', 'reaction', 0, false, true],
  ]);
  expect(lines.reduce((sum, line) => sum + line.amountMinor, 0)).toBe(-150_000);
});

test('A cap in percent of the fee is exact: 5 % of 33 333,33 ₽ = 1 666,67 ₽, reached after grace', () => {
  const issues = ['10:00', '11:00', '12:00', '13:00'].map((time, index) =>
    unanswered(`R-${index + 1}`, `2026-11-16 ${time}`),
  );
  const lines = creditLines({ graceBreaches: 1, monthlyCap: { percentOfFee: 5 } }, issues, '2026-11-16 17:30');
  expect(summary(lines)).toEqual([
    ['R-1', 'reaction', 0, true, false],
    ['R-2', 'reaction', -100_000, false, false],
    ['R-3', 'reaction', -66_667, false, true],
    ['R-4', 'reaction', 0, false, true],
  ]);
});

test('A breach is credited in the month it happened, and grace starts again each month', () => {
  // Friday 30 October 17:30: the reaction hour runs 30 minutes on Friday and 30 on Monday 2 November.
  const issues = [
    unanswered('OCT-1', '2026-10-29 10:00'),
    unanswered('NOV-1', '2026-10-30 17:30'),
    unanswered('NOV-2', '2026-11-03 10:00'),
  ];
  const at = '2026-11-03 17:00';
  expect(summary(creditLines({ graceBreaches: 1 }, issues, at, '2026-10'))).toEqual([
    ['OCT-1', 'reaction', 0, true, false],
  ]);
  expect(summary(creditLines({ graceBreaches: 1 }, issues, at, '2026-11'))).toEqual([
    ['NOV-1', 'reaction', 0, true, false],
    ['NOV-2', 'reaction', -100_000, false, false],
  ]);
});

test('A breach is priced by the tariff its issue ran under: none for an issue under a tariff without credits', () => {
  const contract = {
    terms: [
      { tariff: 'credited', from: '2026-10-01' },
      { tariff: 'plain', from: '2026-11-16' },
    ],
  };
  const issues = [unanswered('OLD-1', '2026-11-13 10:00'), unanswered('NEW-1', '2026-11-16 10:00')];
  expect(summary(creditLines({}, issues, '2026-11-16 17:00', '2026-11', contract))).toEqual([
    ['OLD-1', 'reaction', -100_000, false, false],
  ]);
});

test('The statement shows the month net of credits: charges before credits, credits, total and amount due', () => {
  const catalog = catalogWithCredits({ graceBreaches: 1 });
  const issues = ['10:00', '11:00', '12:00'].map((time, index) =>
    issue(unanswered(`R-${index + 1}`, `2026-11-16 ${time}`)),
  );
  const portfolio = evaluatePortfolio(catalog, issues, msk('2026-11-16 17:00'));
  const contract: ContractStatement = buildMonthlyStatement(catalog, issues, portfolio, { month: '2026-11' })
    .contracts[0];
  expect(chargedMinor(contract.ledger, 'subscription')).toBe(3_333_333);
  expect({
    charges: contract.chargesMinor,
    credits: contract.creditsMinor,
    total: contract.totalMinor,
    due: contract.dueMinor,
  }).toEqual({
    charges: 3_333_333,
    credits: -200_000,
    total: 3_133_333,
    due: 3_133_333,
  });
});

test('A resolved request that met its targets earns no credit', () => {
  const fine: IssueSpec = {
    key: 'OK-1',
    created: '2026-11-16 10:00',
    events: [response('2026-11-16 10:30'), status('2026-11-16 12:00', 'Resolved')],
  };
  expect(creditLines({}, [fine], '2026-11-30 12:00')).toEqual([]);
});
