/**
 * Library entry point of the engine and its file readers.
 *
 * @example
 * import { parseCatalogText, parseIssueHistories, evaluatePortfolio } from 'tariff-sla';
 */
export { BusinessCalendar, CalendarHorizonError } from './core/calendar/business-calendar';
export { formatInstant } from './core/calendar/format-instant';
export { catalogSchema, CLOCK_NAMES, ESCALATION_MODES } from './core/catalog/catalog-schema';
export type { Catalog, ClockName, Contract, EscalationMode, Tariff } from './core/catalog/catalog-schema';
export { CompiledCatalog } from './core/catalog/compiled-catalog';
export { catalogJsonSchema, parseCatalog } from './core/catalog/parse-catalog';
export { formatIssuePath, formatIssues } from './core/errors/validation-issue';
export type { ValidationIssue, Validated } from './core/errors/validation-issue';
export { parseIssueHistories, normalizeIssueHistory } from './core/history/issue-history';
export type { HistoryEvent, IssueHistory, Worklog } from './core/history/issue-history';
export { evaluateIssue } from './core/sla/evaluate-issue';
export type { IssueEvaluation } from './core/sla/evaluate-issue';
export { evaluatePortfolio } from './core/sla/evaluate-portfolio';
export { explainIssue } from './core/sla/explain-issue';
export { planEscalations } from './core/escalation/escalation-plan';
export { escalationIntents, escalationKey, reopenCycleAt } from './core/escalation/escalation-intents';
export type { EscalationIdentity, EscalationIntent, EscalationSkipReason } from './core/escalation/escalation-intents';
export type { PortfolioOptions } from './core/sla/evaluate-portfolio';
export { portfolioToJson, issueEvaluationToJson } from './core/report/evaluation-json';
export { explainText } from './core/report/explain-text';
export { boardText } from './core/report/board-text';
export { parseCatalogText, holidayYearsAround } from './parsing/parse-catalog-text';
export { parseIssuesText } from './parsing/parse-issues-text';
export { readCatalogFile } from './io/read-catalog-file';
export { readIssuesFile } from './io/read-issues-file';
export { billableIssues } from './core/ledger/billable-issue';
export { buildLedger } from './core/ledger/build-ledger';
export { contractKpis } from './core/kpi/contract-kpis';
export { buildMonthlyStatement } from './core/statement/monthly-statement';
export { renderStatement } from './core/statement/render-statement';
export { statementToJson } from './core/statement/statement-json';
export { adviseTariffs } from './core/advisor/advise-tariffs';
export { adviceText } from './core/advisor/advice-text';
