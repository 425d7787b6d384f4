import { issueHistorySchema } from '../../../src/core/history/issue-history-schema';
import { normalizeIssueHistory, type IssueHistory } from '../../../src/core/history/issue-history';
import { buildMonthlyStatement, type MonthlyStatement } from '../../../src/core/statement/monthly-statement';
import { renderStatement, STATEMENT_FORMATS } from '../../../src/core/statement/render-statement';
import { statementToJson } from '../../../src/core/statement/statement-json';
import { LANGS } from '../../../src/core/statement/statement-locale';
import { evaluatePortfolio } from '../../../src/core/sla/evaluate-portfolio';
import { buildCatalog } from '../../helpers/catalog-builder';
import { issueDocument, response, status } from '../../helpers/issue-builder';
import { msk, mskIso } from '../../helpers/instants';

/**
 * CSAT and service credits reach every statement format in both languages: a tariff with a CSAT
 * target (85 % satisfied, missed with 1 of 2) and credits (1 000 ₽ per reaction breach, first free).
 */
function statement(): MonthlyStatement {
  const catalog = buildCatalog({
    tariffs: {
      main: {
        name: 'Main',
        calendar: 'office',
        targets: { reaction: 60, resolution: 480 },
        prices: { monthly: 50000 },
        csatTarget: { satisfiedPercent: 85 },
        serviceCredits: { rules: [{ clocks: ['reaction'], amount: 1000 }], graceBreaches: 1 },
      },
    },
  });
  const rated = (key: string, created: string, score: number, comment?: string): IssueHistory =>
    normalizeIssueHistory(
      issueHistorySchema.parse({
        ...issueDocument({ key, created, events: [status(`${created.slice(0, 10)} 17:00`, 'Resolved')] }),
        summary: `Запрос ${key}`,
        rating: { score, at: mskIso(`${created.slice(0, 10)} 17:30`), ...(comment ? { comment } : {}) },
      }),
    );
  const issues = [
    rated('LATE-1', '2026-11-16 10:00', 2, 'Ответили только к вечеру'),
    rated('LATE-2', '2026-11-17 10:00', 5),
    normalizeIssueHistory(
      issueHistorySchema.parse(
        issueDocument({ key: 'OK-1', created: '2026-11-18 10:00', events: [response('2026-11-18 10:10')] }),
      ),
    ),
  ];
  return buildMonthlyStatement(catalog, issues, evaluatePortfolio(catalog, issues, msk('2026-12-01 10:00')), {
    month: '2026-11',
  });
}

test('JSON: the month’s CSAT with its target and verdict, credit lines with their breach and explain call, totals net of credits', () => {
  const contract = statementToJson(statement(), 'en').contracts[0];
  expect(contract.satisfaction).toMatchObject({
    responses: 2,
    averageScore: 3.5,
    satisfied: 1,
    satisfiedPercent: 50,
    resolved: 2,
    rated: 2,
    responseRatePercent: 100,
    target: { satisfiedPercent: 85, averageScore: null, minimumResponses: 1, verdict: 'missed' },
    lowestRated: [{ issue: 'LATE-1', score: 2, comment: 'Ответили только к вечеру' }],
  });
  const credits = contract.charges.filter((charge) => charge.kind === 'service_credit');
  expect(credits.map((charge) => [charge.issues, charge.amount, charge.breach?.grace])).toEqual([
    [['LATE-1'], 0, true],
    [['LATE-2'], -1000, false],
  ]);
  expect(credits[1].breach).toMatchObject({
    clock: 'reaction',
    breachedAt: '2026-11-17T11:00:00+03:00',
    targetMinutes: 60,
    explain: 'tariff-sla explain --key LATE-2 --at 2026-12-01T10:00:00+03:00',
  });
  expect(contract.totals).toMatchObject({ charges: 50000, credits: -1000, amount: 49000, due: 49000 });
});

test('CSV: a negative service_credit row per credited breach and a csat_target row; amounts add up to the net total', () => {
  const rows = renderStatement(statement(), 'csv', 'en').trimEnd().split('\r\n').slice(1);
  const kinds = rows.map((row) => row.split(',')[4]);
  expect(kinds).toEqual(['subscription', 'service_credit', 'service_credit', 'csat_target']);
  expect(rows[3]).toContain('CSAT target: at least 85% satisfied — missed');
  const amounts = rows.map((row) => Number(row.split(',').at(-3)));
  expect(amounts.reduce((sum, amount) => sum + amount, 0)).toBe(49000);
});

describe.each(LANGS)('every text format in %s', (lang) => {
  const expected = {
    ru: [
      'Удовлетворённость клиентов (CSAT)',
      'не выполнена',
      'Сервисные кредиты за нарушения SLA',
      'льготное нарушение',
      'Начислено до кредитов',
    ],
    en: [
      'Customer satisfaction (CSAT)',
      'missed',
      'Service credits for SLA breaches',
      'grace breach',
      'Charges before credits',
    ],
  }[lang];
  test.each(STATEMENT_FORMATS.filter((format) => format !== 'csv' && format !== 'json'))(
    '%s shows CSAT, its verdict, the credit lines and the explain call',
    (format) => {
      // Textile writes paired markup characters ("--key") as entities; Redmine shows them as written.
      const text = renderStatement(statement(), format, lang).replace(/&#(\d+);/g, (_, code: string) =>
        String.fromCharCode(Number(code)),
      );
      for (const phrase of expected) expect(text).toContain(phrase);
      expect(text).toContain('LATE-1');
      expect(text).toContain('tariff-sla explain --key LATE-2');
    },
  );
});
