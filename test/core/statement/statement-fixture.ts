import { DateTime } from 'luxon';
import type { IssueHistory } from '../../../src/core/history/issue-history';
import { buildMonthlyStatement, type MonthlyStatement } from '../../../src/core/statement/monthly-statement';
import { evaluatePortfolio } from '../../../src/core/sla/evaluate-portfolio';
import { catalogWith, issue } from '../ledger/ledger-fixture';

/**
 * A small statement with text that tempts every renderer's escaping: a contract name with a comma
 * and quotes, summaries with pipes, markup and HTML; overage, an off-hours surcharge and a breach.
 */
export function trickyStatement(): MonthlyStatement {
  const catalog = catalogWith({
    c: { name: 'ООО "Ромашка, и партнёры"', terms: [{ tariff: 'pack10', from: '2026-10-01' }] },
  });
  const issues: IssueHistory[] = [
    issue('c', '2026-10-05T10:00:00+03:00', [['2026-10-05T12:00:00+03:00', 11 * 60]], {
      key: 'R-1',
      summary: 'Сбой | печать <script>alert(1)</script> *важно* _срочно_',
    }),
    issue('c', '2026-10-10T10:00:00+03:00', [['2026-10-10T12:00:00+03:00', 30]], {
      key: 'R-2',
      summary: 'Суббота: "ссылка":http://example.com @код@',
    }),
  ];
  const nowMs = DateTime.fromISO('2026-11-01T10:00:00+03:00', { setZone: true }).toMillis();
  return buildMonthlyStatement(catalog, issues, evaluatePortfolio(catalog, issues, nowMs), { month: '2026-10' });
}
