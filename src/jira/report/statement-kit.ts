import type { CompiledCatalog } from '../../core/catalog/compiled-catalog';
import type { IssueHistory } from '../../core/history/issue-history';
import type { PortfolioEvaluation } from '../../core/sla/evaluate-portfolio';
import {
  buildMonthlyStatement,
  type MonthlyStatement,
  type StatementOptions,
} from '../../core/statement/monthly-statement';
import { burndownChartSvg, complianceChartSvg } from '../../core/statement/statement-charts';
import { statementCsv } from '../../core/statement/statement-csv';
import { statementDocument, type DocBlock } from '../../core/statement/statement-document';
import { statementToJson, type StatementJson } from '../../core/statement/statement-json';
import { StatementLocale, type Lang } from '../../core/statement/statement-locale';
import { STATEMENT_WORDS } from '../../core/statement/statement-words';

/**
 * The statement functions the project page shows, injected so the report can be built against any
 * statement engine with this shape; {@link engineStatementKit} is the project's own.
 */
export interface StatementKit {
  build(
    catalog: CompiledCatalog,
    issues: readonly IssueHistory[],
    portfolio: PortfolioEvaluation,
    options: StatementOptions,
  ): MonthlyStatement;
  document(statement: MonthlyStatement, lang: Lang): DocBlock[];
  csv(statement: MonthlyStatement, lang: Lang): string;
  json(statement: MonthlyStatement, lang: Lang): StatementJson;
  /** Inline SVG charts of the statement's first contract. */
  charts(statement: MonthlyStatement, lang: Lang): { burndown: string; compliance: string };
}

/**
 * The engine's monthly statement: the same figures, words and charts as `tariff-sla report` and the
 * Redmine wiki page.
 *
 * @example
 * const statement = engineStatementKit.build(catalog, issues, evaluatePortfolio(catalog, issues, now), { month: '2026-11', contractIds: ['client-a'] });
 * engineStatementKit.csv(statement, 'ru');
 */
export const engineStatementKit: StatementKit = {
  build: buildMonthlyStatement,
  document: statementDocument,
  csv: statementCsv,
  json: statementToJson,
  charts(statement, lang) {
    const contract = statement.contracts[0];
    if (!contract) return { burndown: '', compliance: '' };
    const locale = new StatementLocale(lang, statement.currency);
    const words = STATEMENT_WORDS[lang];
    return {
      burndown: burndownChartSvg(contract.burndown, contract.includedSeconds, locale, words),
      compliance: complianceChartSvg(contract.kpis.sla, locale, words),
    };
  },
};
