import { buildCatalog } from '../../helpers/catalog-builder';
import { evaluateAt, issue, type IssueSpec } from '../../helpers/issue-builder';
import type { PortfolioEvaluation } from '../../../src/core/sla/evaluate-portfolio';

/**
 * The daily incident limit: tariff `main` allows 5 incidents a day; a second contract `globex` is on
 * the same tariff. Days are local days of the tariff calendar's zone (Moscow, +03:00).
 */
const catalog = buildCatalog({
  tariffs: { main: { incidentsPerDay: 5 } },
  contracts: { globex: { name: 'Globex', terms: [{ tariff: 'main', from: '2026-01-01' }] } },
});

function overLimitKeys(portfolio: PortfolioEvaluation): string[] {
  return portfolio.evaluations.filter((evaluation) => evaluation.overLimit).map((evaluation) => evaluation.key);
}

/** Incidents I-1 … I-n on Monday 2026-11-16 at 09:00, 10:00, … */
function mondayIncidents(count: number, extra: Partial<IssueSpec> = {}): IssueSpec[] {
  return Array.from({ length: count }, (_, index) => ({
    key: `I-${index + 1}`,
    created: `2026-11-16 ${String(9 + index).padStart(2, '0')}:00`,
    ...extra,
  }));
}

test('The sixth incident of a day on a 5-a-day tariff is over the limit, the first five are not', () => {
  const portfolio = evaluateAt(catalog, mondayIncidents(6).map(issue), '2026-11-16 18:00');
  expect(overLimitKeys(portfolio)).toEqual(['I-6']);
});

test('Incidents are ranked by creation time, not by their order in the input', () => {
  const shuffled = mondayIncidents(6).reverse().map(issue);
  // I-6 (14:00) is still the latest created, though it comes first in the input.
  expect(overLimitKeys(evaluateAt(catalog, shuffled, '2026-11-16 18:00'))).toEqual(['I-6']);
});

test('Incidents created at the same instant are ranked by key', () => {
  const specs: IssueSpec[] = [
    ...mondayIncidents(4),
    { key: 'B', created: '2026-11-16 15:00' },
    { key: 'A', created: '2026-11-16 15:00' },
  ];
  // A and B tie for fifth place; "A" < "B", so A is the fifth and B the sixth.
  expect(overLimitKeys(evaluateAt(catalog, specs.map(issue), '2026-11-16 18:00'))).toEqual(['B']);
});

test('The limit counts per contract: five incidents each for two contracts are all within it', () => {
  const issues = [
    ...mondayIncidents(5),
    ...mondayIncidents(5).map((spec) => ({ ...spec, key: `G-${spec.key}`, contract: 'globex' })),
  ].map(issue);
  expect(overLimitKeys(evaluateAt(catalog, issues, '2026-11-16 18:00'))).toEqual([]);
});

test('The limit counts per local day of the calendar zone: 00:30 Moscow starts a new day', () => {
  // Tuesday 00:30 Moscow is Monday 21:30 UTC, yet it is Tuesday's first incident.
  const specs: IssueSpec[] = [
    ...mondayIncidents(5),
    { key: 'LATE-MON', created: '2026-11-16 23:30' },
    { key: 'EARLY-TUE', created: '2026-11-17 00:30' },
  ];
  expect(overLimitKeys(evaluateAt(catalog, specs.map(issue), '2026-11-17 12:00'))).toEqual(['LATE-MON']);
});

test('Request types the tariff does not cover do not count against the limit', () => {
  const covering = buildCatalog({ tariffs: { main: { incidentsPerDay: 5, coveredTypes: ['incident', 'bug'] } } });
  // A consultation at 08:00 comes first, yet five incidents after it are all within the limit.
  const specs: IssueSpec[] = [{ key: 'C', type: 'consultation', created: '2026-11-16 08:00' }, ...mondayIncidents(5)];
  const portfolio = evaluateAt(covering, specs.map(issue), '2026-11-16 18:00');
  expect(overLimitKeys(portfolio)).toEqual([]);
  expect(portfolio.evaluations.find((evaluation) => evaluation.key === 'C')?.covered).toBe(false);
});

test('With incidentTypes only those request types count, and the others are never over the limit', () => {
  const incidentsOnly = buildCatalog({ tariffs: { main: { incidentsPerDay: 5, incidentTypes: ['incident'] } } });
  // Five incidents, then a bug at 15:00 and a sixth incident at 16:00.
  const specs: IssueSpec[] = [
    ...mondayIncidents(5),
    { key: 'BUG', type: 'bug', created: '2026-11-16 15:00' },
    { key: 'I-6', created: '2026-11-16 16:00' },
  ];
  expect(overLimitKeys(evaluateAt(incidentsOnly, specs.map(issue), '2026-11-16 18:00'))).toEqual(['I-6']);
});

test('Without incidentsPerDay there is no limit', () => {
  expect(overLimitKeys(evaluateAt(buildCatalog(), mondayIncidents(8).map(issue), '2026-11-16 18:00'))).toEqual([]);
});

test('Issues created after the evaluation instant do not count towards the limit', () => {
  // At 13:30 only I-1 … I-5 (09:00 … 13:00) exist.
  const portfolio = evaluateAt(catalog, mondayIncidents(6).map(issue), '2026-11-16 13:30');
  expect(portfolio.evaluations).toHaveLength(5);
  expect(overLimitKeys(portfolio)).toEqual([]);
});
