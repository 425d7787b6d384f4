import { parseIssueHistories } from '../../../src/core/history/issue-history';
import { evaluatePortfolio } from '../../../src/core/sla/evaluate-portfolio';
import { buildCatalog } from '../../helpers/catalog-builder';
import { issueDocument } from '../../helpers/issue-builder';
import { msk } from '../../helpers/instants';

/** Unknown priorities and request types fall back to the catalog's defaults when it has them. */
const withDefaults = buildCatalog({ defaults: { priority: 'normal', type: 'incident' } });
const withContractDefault = buildCatalog({
  defaults: { priority: 'normal' },
  contracts: { acme: { defaultPriority: 'high' } },
});

function evaluate(catalog: typeof withDefaults, overrides: Record<string, unknown>) {
  const parsed = parseIssueHistories({
    issues: [{ ...issueDocument({ key: 'X-1', created: '2026-11-16 10:00' }), ...overrides }],
  });
  return evaluatePortfolio(catalog, parsed.issues, msk('2026-11-16 12:00'));
}

test("An unknown priority takes the catalog's default priority instead of rejecting the issue", () => {
  const portfolio = evaluate(withDefaults, { priority: 'Blocker' });
  expect(portfolio.problems).toEqual([]);
  expect(portfolio.evaluations[0].priority).toBe('normal');
});

test("A contract's defaultPriority wins over the catalog's default", () => {
  const portfolio = evaluate(withContractDefault, { priority: 'Blocker' });
  expect(portfolio.evaluations[0].priority).toBe('high');
});

test("An unknown request type, also in a change event, takes the catalog's default type", () => {
  const portfolio = evaluate(withDefaults, {
    type: 'question',
    events: [{ at: '2026-11-16T11:00:00+03:00', kind: 'type', to: 'other' }],
  });
  expect(portfolio.problems).toEqual([]);
  expect(portfolio.evaluations[0].type).toBe('incident');
});

test('Without defaults an unknown priority is still reported', () => {
  const portfolio = evaluate(buildCatalog(), { priority: 'Blocker' });
  expect(portfolio.evaluations).toEqual([]);
  expect(portfolio.problems.map((problem) => problem.code)).toEqual(['unknown_priority']);
});
