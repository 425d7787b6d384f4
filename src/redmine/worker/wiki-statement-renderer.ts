import { buildMonthlyStatement } from '../../core/statement/monthly-statement';
import { renderStatement } from '../../core/statement/render-statement';
import type { Lang } from '../../core/statement/statement-locale';
import { STATEMENT_WORDS } from '../../core/statement/statement-words';
import type { StatementRenderer } from './statement-publisher';

/**
 * The monthly statement of the engine (hour ledger, SLA compliance, KPIs, charges) as Redmine
 * wiki text, Textile or Markdown, in `lang`. The "as of" lines are what changes on every
 * rendering; they are left out of the comparison that decides whether the page is rewritten.
 *
 * @example
 * const renderer = wikiStatementRenderer('ru');
 * renderer.render({ contractId: 'client-a', month: '2026-11', format: 'textile', catalog, issues, portfolio });
 */
export function wikiStatementRenderer(lang: Lang): StatementRenderer {
  const asOf = STATEMENT_WORDS[lang].asOf;
  return {
    render: ({ contractId, month, format, catalog, issues, portfolio }) => {
      const statement = buildMonthlyStatement(catalog, issues, portfolio, { month, contractIds: [contractId] });
      if (statement.contracts.length === 0) return null;
      return renderStatement(statement, format === 'textile' ? 'textile' : 'md', lang);
    },
    stableText: (text) =>
      text
        .replace(/\r\n/g, '\n')
        .split('\n')
        .filter((line) => !line.includes(asOf))
        .join('\n'),
  };
}
