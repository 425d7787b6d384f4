import type { IssueHistory, Worklog } from '../history/issue-history';
import { clockBreaches, type ClockBreach } from '../kpi/clock-breaches';
import type { PortfolioEvaluation } from '../sla/evaluate-portfolio';

/**
 * What the ledger needs of an issue: its worklogs and the engine's verdicts on it (the tariff it
 * was evaluated under, whether that tariff covers its request type, whether it was over the daily
 * limit). The ledger never re-decides these.
 */
export interface BillableIssue {
  key: string;
  contractId: string;
  /** Tariff in force when the issue was created (the one its SLA ran under). */
  tariffId: string;
  /** Calendar the issue's SLA ran on (the contract's own, or its tariff's): it decides what is off hours. */
  calendarId: string;
  type: string;
  covered: boolean;
  overLimit: boolean;
  /** Created outside the service schedule. */
  offHours: boolean;
  createdAtMs: number;
  line: string | null;
  worklogs: readonly Worklog[];
  /** Clocks of the issue that passed their target (for service credits); none when omitted. */
  breaches?: readonly ClockBreach[];
}

/**
 * Joins issue histories with their evaluations; issues the portfolio did not evaluate (invalid,
 * or created after the evaluation instant) are left out, as they are from the SLA board.
 *
 * @example
 * const portfolio = evaluatePortfolio(catalog, issues, nowMs);
 * const ledger = buildLedger(catalog, billableIssues(issues, portfolio), { throughMonth: '2026-11', nowMs });
 */
export function billableIssues(issues: readonly IssueHistory[], portfolio: PortfolioEvaluation): BillableIssue[] {
  const byKey = new Map<string, IssueHistory>();
  for (const issue of issues) byKey.set(issue.key, issue);
  const result: BillableIssue[] = [];
  for (const evaluation of portfolio.evaluations) {
    const issue = byKey.get(evaluation.key);
    if (!issue) continue;
    result.push({
      key: evaluation.key,
      contractId: evaluation.contractId,
      tariffId: evaluation.tariffId,
      calendarId: evaluation.calendarId,
      type: evaluation.type,
      covered: evaluation.covered,
      overLimit: evaluation.overLimit,
      offHours: evaluation.offHours,
      createdAtMs: evaluation.createdAtMs,
      line: evaluation.line,
      worklogs: issue.worklogs,
      breaches: clockBreaches(evaluation, portfolio.nowMs),
    });
  }
  return result;
}
