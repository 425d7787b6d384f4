import { contractKpis } from '../../../src/core/kpi/contract-kpis';
import { judgeCsat } from '../../../src/core/kpi/csat-judgement';
import { evaluatedIssuesByContract } from '../../../src/core/kpi/evaluated-issue';
import type { SatisfactionFigures } from '../../../src/core/kpi/satisfaction-kpis';
import { issueHistorySchema } from '../../../src/core/history/issue-history-schema';
import { normalizeIssueHistory, type IssueHistory } from '../../../src/core/history/issue-history';
import { evaluatePortfolio } from '../../../src/core/sla/evaluate-portfolio';
import { buildCatalog } from '../../helpers/catalog-builder';
import { issueDocument, status, type IssueSpec } from '../../helpers/issue-builder';
import { msk, mskIso } from '../../helpers/instants';

/**
 * CSAT of one contract and month: ratings count in the month they were given; the response rate is
 * the share of the month's resolved requests rated by month end.
 */
const catalog = buildCatalog();

function ratedIssue(
  spec: IssueSpec,
  rating?: { score: number; at: string; comment?: string },
  extra: Record<string, unknown> = {},
): IssueHistory {
  const document = {
    ...issueDocument(spec),
    ...extra,
    ...(rating ? { rating: { ...rating, at: mskIso(rating.at) } } : {}),
  };
  return normalizeIssueHistory(issueHistorySchema.parse(document));
}

const ISSUES: IssueHistory[] = [
  ratedIssue(
    { key: 'A', created: '2026-11-16 10:00', events: [status('2026-11-16 12:00', 'Resolved')] },
    { score: 5, at: '2026-11-17 09:00' },
  ),
  ratedIssue(
    {
      key: 'B',
      type: 'bug',
      created: '2026-11-16 10:00',
      events: [{ at: '2026-11-16 11:00', kind: 'line', to: 'L2' }, status('2026-11-17 12:00', 'Resolved')],
    },
    { score: 2, at: '2026-11-18 10:00', comment: 'Долго' },
    { summary: 'Ошибка в отчёте' },
  ),
  ratedIssue({ key: 'C', created: '2026-11-16 10:00', events: [status('2026-11-18 12:00', 'Resolved')] }),
  // Resolved in October, rated in November: a November response, not in November's response rate.
  ratedIssue(
    { key: 'D', created: '2026-10-30 10:00', events: [status('2026-10-30 12:00', 'Resolved')] },
    { score: 4, at: '2026-11-02 10:00' },
  ),
  // Resolved in November, rated in December: in November's population, unrated there; a December response.
  ratedIssue(
    { key: 'E', created: '2026-11-20 10:00', events: [status('2026-11-30 17:00', 'Resolved')] },
    { score: 5, at: '2026-12-01 10:00' },
  ),
  ratedIssue({ key: 'F', created: '2026-11-20 10:00' }),
];

function kpisOf(month: string, at = '2026-12-05 12:00') {
  const nowMs = msk(at);
  const portfolio = evaluatePortfolio(catalog, ISSUES, nowMs);
  return contractKpis({
    catalog,
    contractId: 'acme',
    month,
    issues: evaluatedIssuesByContract(ISSUES, portfolio).get('acme') ?? [],
    nowMs,
  }).satisfaction;
}

test('Responses, average, satisfied share and distribution count the ratings given in the month', () => {
  const csat = kpisOf('2026-11');
  expect(csat).toMatchObject({ responses: 3, satisfied: 2, distribution: [0, 1, 0, 1, 1] });
  expect(csat.averageScore).toBeCloseTo(11 / 3, 10);
  expect(csat.satisfiedPercent).toBeCloseTo(200 / 3, 10);
});

test('The response rate is the share of requests resolved in the month that were rated by its end', () => {
  expect(kpisOf('2026-11')).toMatchObject({ resolved: 4, rated: 2, responseRatePercent: 50 });
  expect(kpisOf('2026-12')).toMatchObject({
    responses: 1,
    resolved: 0,
    rated: 0,
    responseRatePercent: null,
    averageScore: 5,
  });
});

test('A rating after the evaluation instant is not known yet', () => {
  expect(kpisOf('2026-12', '2026-12-01 09:59')).toMatchObject({
    responses: 0,
    averageScore: null,
    satisfiedPercent: null,
  });
});

test('Ratings are grouped per request type and per support line at the rating, most responses first', () => {
  const csat = kpisOf('2026-11');
  expect(csat.byType).toEqual([
    { type: 'incident', responses: 2, averageScore: 4.5, satisfied: 2, satisfiedPercent: 100 },
    { type: 'bug', responses: 1, averageScore: 2, satisfied: 0, satisfiedPercent: 0 },
  ]);
  expect(csat.byLine.map((group) => [group.line, group.responses])).toEqual([
    ['unassigned', 2],
    ['L2', 1],
  ]);
});

test('The lowest-rated requests list ratings below 4 with comment and summary, lowest first', () => {
  expect(kpisOf('2026-11').lowestRated).toEqual([
    {
      key: 'B',
      score: 2,
      atMs: msk('2026-11-18 10:00'),
      comment: 'Долго',
      summary: 'Ошибка в отчёте',
      type: 'bug',
      priority: 'normal',
      line: 'L2',
    },
  ]);
});

describe('CSAT target', () => {
  const figures = (responses: number, satisfied: number, averageScore: number): SatisfactionFigures => ({
    responses,
    satisfied,
    averageScore,
    satisfiedPercent: (satisfied / responses) * 100,
  });

  test('Exactly the target share is met; one satisfied response fewer is missed', () => {
    expect(judgeCsat(figures(20, 17, 4.3), { satisfiedPercent: 85 }).verdict).toBe('met');
    expect(judgeCsat(figures(20, 16, 4.3), { satisfiedPercent: 85 })).toMatchObject({
      verdict: 'missed',
      satisfiedMet: false,
      averageMet: null,
    });
  });

  test('Both measures must be reached when both are stated', () => {
    expect(judgeCsat(figures(5, 5, 21 / 5), { satisfiedPercent: 85, averageScore: 4.2 })).toMatchObject({
      verdict: 'met',
      satisfiedMet: true,
      averageMet: true,
    });
    expect(judgeCsat(figures(5, 5, 4.19), { satisfiedPercent: 85, averageScore: 4.2 })).toMatchObject({
      verdict: 'missed',
      satisfiedMet: true,
      averageMet: false,
    });
  });

  test('Too few responses are not judged', () => {
    expect(judgeCsat(figures(2, 0, 1), { satisfiedPercent: 85, minimumResponses: 3 })).toMatchObject({
      verdict: 'not_enough_responses',
      minimumResponses: 3,
    });
    expect(
      judgeCsat({ responses: 0, satisfied: 0, averageScore: null, satisfiedPercent: null }, { averageScore: 4 })
        .verdict,
    ).toBe('not_enough_responses');
  });
});
