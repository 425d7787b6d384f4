import type { MonthlyStatement } from './monthly-statement';
import { statementCsv } from './statement-csv';
import { statementHtml } from './statement-html';
import { statementToJson } from './statement-json';
import type { Lang } from './statement-locale';
import { statementMarkdown } from './statement-markdown';
import { statementTextile } from './statement-textile';

/** Formats of the monthly statement. */
export const STATEMENT_FORMATS = ['json', 'csv', 'html', 'md', 'textile'] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

/**
 * The statement in one format and language, as text. Pure, so the Jira app's project page and the
 * Redmine worker render exactly what the CLI writes.
 *
 * @example
 * const statement = buildMonthlyStatement(catalog, issues, evaluatePortfolio(catalog, issues, nowMs), { month: '2026-11' });
 * const wikiText = renderStatement(statement, 'textile', 'ru');
 */
export function renderStatement(statement: MonthlyStatement, format: StatementFormat, lang: Lang): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(statementToJson(statement, lang), null, 2)}\n`;
    case 'csv':
      return statementCsv(statement, lang);
    case 'html':
      return statementHtml(statement, lang);
    case 'md':
      return statementMarkdown(statement, lang);
    case 'textile':
      return statementTextile(statement, lang);
  }
}
