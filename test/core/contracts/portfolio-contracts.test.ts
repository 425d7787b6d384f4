import { contractRulesSchema } from '../../../src/core/contracts/contract-rules-schema';
import { resolveIssueContracts } from '../../../src/core/contracts/resolve-issue-contracts';
import { issueHistorySchema } from '../../../src/core/history/issue-history-schema';
import { normalizeIssueHistory, type IssueHistory } from '../../../src/core/history/issue-history';
import { evaluatePortfolio } from '../../../src/core/sla/evaluate-portfolio';
import { buildMonthlyStatement } from '../../../src/core/statement/monthly-statement';
import { notCoveredList } from '../../../src/core/statement/not-covered-list';
import { buildCatalog } from '../../helpers/catalog-builder';
import { msk, mskIso } from '../../helpers/instants';

/**
 * A shared service desk SUP serves two clients, told apart by the request's organization; client A
 * also has its own project ALFA. Both are on a tariff of 2 incidents a day.
 */
const catalog = buildCatalog({
  tariffs: { main: { incidentsPerDay: 2 } },
  contracts: {
    acme: undefined,
    'client-a': { name: 'Alfa', terms: [{ tariff: 'main', from: '2026-01-01' }] },
    'client-b': { name: 'Beta', terms: [{ tariff: 'main', from: '2026-01-01' }] },
  },
});
const rules = contractRulesSchema.parse({
  rules: [
    { organization: 'Alfa LLC', contract: 'client-a' },
    { organization: 'Beta JSC', contract: 'client-b' },
    { project: 'ALFA', contract: 'client-a' },
  ],
});

function request(key: string, project: string, created: string, organizations: string[] = []): IssueHistory {
  return normalizeIssueHistory(
    issueHistorySchema.parse({
      key,
      type: 'incident',
      priority: 'normal',
      status: 'New',
      createdAt: mskIso(created),
      attributes: { project, organizations },
      worklogs: [{ at: mskIso(created), minutes: 30, author: 'eng' }],
    }),
  );
}

const ISSUES = [
  request('SUP-1', 'SUP', '2026-11-16 09:00', ['Alfa LLC']),
  request('SUP-2', 'SUP', '2026-11-16 10:00', ['Beta JSC']),
  request('ALFA-1', 'ALFA', '2026-11-16 11:00'),
  request('SUP-3', 'SUP', '2026-11-16 12:00', ['Alfa LLC']),
  request('SUP-4', 'SUP', '2026-11-16 13:00', ['Gamma Ltd']),
];
const AT = msk('2026-11-16 18:00');

test('the rules give each request of a shared project its client', () => {
  const portfolio = evaluatePortfolio(catalog, ISSUES, AT, { contractRules: rules });
  expect(portfolio.evaluations.map((evaluation) => [evaluation.key, evaluation.contractId])).toEqual([
    ['SUP-1', 'client-a'],
    ['SUP-2', 'client-b'],
    ['ALFA-1', 'client-a'],
    ['SUP-3', 'client-a'],
  ]);
  expect(portfolio.problems).toEqual([]);
});

test('the daily incident limit counts per contract across projects: the third of client A that day is over it', () => {
  const portfolio = evaluatePortfolio(catalog, ISSUES, AT, { contractRules: rules });
  expect(
    portfolio.evaluations.filter((evaluation) => evaluation.overLimit).map((evaluation) => evaluation.key),
  ).toEqual(['SUP-3']);
  // Evaluating SUP-3 alone with the day's other requests as peers (as a tracker refreshing one issue does) agrees.
  const alone = evaluatePortfolio(catalog, [ISSUES[3]], AT, { contractRules: rules, limitPeers: ISSUES });
  expect(alone.evaluations.map((evaluation) => evaluation.overLimit)).toEqual([true]);
});

test('a request no rule matches is not covered: not evaluated, not a problem, with the reason', () => {
  const portfolio = evaluatePortfolio(catalog, ISSUES, AT, { contractRules: rules });
  expect(portfolio.notCovered).toEqual([
    {
      key: 'SUP-4',
      path: ['issues', 4],
      createdAtMs: msk('2026-11-16 13:00'),
      reason:
        'not covered: no contract rule matched project "SUP", organizations "Gamma Ltd", and the rules name no default contract',
    },
  ]);
});

test('one shared project gives each client its own statement, which never names a request no contract covers', () => {
  const portfolio = evaluatePortfolio(catalog, ISSUES, AT, { contractRules: rules });
  const statementOf = (contractIds?: string[]) =>
    buildMonthlyStatement(catalog, ISSUES, portfolio, { month: '2026-11', ...(contractIds ? { contractIds } : {}) });
  const alfa = statementOf(['client-a']);
  const beta = statementOf(['client-b']);
  expect(alfa.contracts.map((contract) => contract.contractId)).toEqual(['client-a']);
  expect(alfa.contracts[0].kpis.received).toBe(3);
  expect(alfa.contracts[0].usedSeconds).toBe(3 * 30 * 60);
  expect(beta.contracts[0].kpis.received).toBe(1);
  expect(beta.contracts[0].usedSeconds).toBe(30 * 60);
  // Privacy: SUP-4's reason names another client's organization ("Gamma Ltd"); no statement carries it.
  for (const statement of [alfa, beta, statementOf()]) {
    expect(JSON.stringify(statement)).not.toContain('SUP-4');
    expect(JSON.stringify(statement)).not.toContain('Gamma Ltd');
  }
  // It is on the provider's list instead, with the reason.
  const list = notCoveredList(portfolio.notCovered, {
    fromMs: msk('2026-11-01 00:00'),
    toMs: msk('2026-12-01 00:00'),
    zone: 'Europe/Moscow',
  });
  expect(list.requests).toEqual([
    {
      key: 'SUP-4',
      createdAt: '2026-11-16T13:00:00.000+03:00',
      reason: expect.stringContaining('organizations "Gamma Ltd"'),
    },
  ]);
});

test('contracts resolved by the caller give the same answers as contracts resolved by evaluatePortfolio', () => {
  const resolved = resolveIssueContracts(ISSUES, rules);
  const byCaller = evaluatePortfolio(catalog, resolved.issues, AT, { notCovered: resolved.notCovered });
  const byEngine = evaluatePortfolio(catalog, ISSUES, AT, { contractRules: rules });
  expect(byCaller.evaluations).toEqual(byEngine.evaluations);
  expect(byCaller.notCovered).toEqual(byEngine.notCovered);
});

test('an issue naming no contract, without rules, is not covered rather than an unknown contract', () => {
  const portfolio = evaluatePortfolio(catalog, ISSUES.slice(0, 1), AT);
  expect(portfolio.evaluations).toEqual([]);
  expect(portfolio.problems).toEqual([]);
  expect(portfolio.notCovered[0].reason).toBe(
    'not covered: the issue names no contract and no contract rules were given to choose one',
  );
});
