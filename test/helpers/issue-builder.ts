import type { ClockName } from '../../src/core/catalog/catalog-schema';
import type { CompiledCatalog } from '../../src/core/catalog/compiled-catalog';
import { formatIssues } from '../../src/core/errors/validation-issue';
import { issueHistorySchema } from '../../src/core/history/issue-history-schema';
import { normalizeIssueHistory, type IssueHistory } from '../../src/core/history/issue-history';
import type { ClockEvaluation } from '../../src/core/sla/clock-evaluation';
import type { IssueEvaluation } from '../../src/core/sla/evaluate-issue';
import { evaluatePortfolio, type PortfolioEvaluation } from '../../src/core/sla/evaluate-portfolio';
import { msk, mskIso } from './instants';

/** An event as written in tests: instants are Moscow wall times "YYYY-MM-DD HH:MM". */
export type EventSpec =
  | { at: string; kind: 'status'; to: string; by?: string }
  | { at: string; kind: 'response'; by?: string }
  | { at: string; kind: 'priority'; to: string }
  | { at: string; kind: 'type'; to: string }
  | { at: string; kind: 'estimate'; minutes: number }
  | { at: string; kind: 'line'; to: string };

export const status = (at: string, to: string, by?: string): EventSpec => ({
  at,
  kind: 'status',
  to,
  ...(by ? { by } : {}),
});
export const response = (at: string, by?: string): EventSpec => ({ at, kind: 'response', ...(by ? { by } : {}) });
export const priority = (at: string, to: string): EventSpec => ({ at, kind: 'priority', to });
export const type = (at: string, to: string): EventSpec => ({ at, kind: 'type', to });
export const estimate = (at: string, minutes: number): EventSpec => ({ at, kind: 'estimate', minutes });

export interface IssueSpec {
  key?: string;
  contract?: string;
  type?: string;
  priority?: string;
  status?: string;
  /** Moscow wall time of creation. */
  created: string;
  events?: EventSpec[];
}

/** The issue as it appears in a history file (ISO instants with +03:00). */
export function issueDocument(spec: IssueSpec): Record<string, unknown> {
  return {
    key: spec.key ?? 'T-1',
    contract: spec.contract ?? 'acme',
    type: spec.type ?? 'incident',
    priority: spec.priority ?? 'normal',
    createdAt: mskIso(spec.created),
    status: spec.status ?? 'New',
    events: (spec.events ?? []).map((event) => ({ ...event, at: mskIso(event.at) })),
  };
}

/** An issue validated by the history schema and normalised, exactly as the file reader hands it over. */
export function issue(spec: IssueSpec): IssueHistory {
  return normalizeIssueHistory(issueHistorySchema.parse(issueDocument(spec)));
}

/** Evaluates issues at a Moscow wall time. */
export function evaluateAt(catalog: CompiledCatalog, issues: IssueHistory[], at: string): PortfolioEvaluation {
  return evaluatePortfolio(catalog, issues, msk(at));
}

/** Evaluates one issue at a Moscow wall time; fails when the issue does not fit the catalog. */
export function evaluateOne(catalog: CompiledCatalog, spec: IssueSpec, at: string): IssueEvaluation {
  const portfolio = evaluateAt(catalog, [issue(spec)], at);
  if (portfolio.problems.length > 0)
    throw new Error(`test issue does not fit the catalog:\n${formatIssues(portfolio.problems)}`);
  if (portfolio.evaluations.length !== 1)
    throw new Error('test issue was not evaluated (created after the evaluation instant?)');
  return portfolio.evaluations[0];
}

/** One clock of an evaluation; fails when the clock does not run for the issue. */
export function clockOf(evaluation: IssueEvaluation, name: ClockName): ClockEvaluation {
  const clock = evaluation.clocks[name];
  if (!clock) throw new Error(`${evaluation.key} has no ${name} clock`);
  return clock;
}
