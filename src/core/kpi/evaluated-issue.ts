import type { IssueHistory } from '../history/issue-history';
import type { IssueEvaluation } from '../sla/evaluate-issue';
import type { PortfolioEvaluation } from '../sla/evaluate-portfolio';

/** An issue's history next to the engine's evaluation of it. */
export interface EvaluatedIssue {
  history: IssueHistory;
  evaluation: IssueEvaluation;
}

/**
 * The evaluated issues of a portfolio grouped by contract, in evaluation order. Issues the
 * portfolio left out (invalid, or created after its instant) are not in any group.
 *
 * @example
 * const groups = evaluatedIssuesByContract(issues, evaluatePortfolio(catalog, issues, nowMs));
 * groups.get('client-a')?.length;
 */
export function evaluatedIssuesByContract(
  issues: readonly IssueHistory[],
  portfolio: PortfolioEvaluation,
): Map<string, EvaluatedIssue[]> {
  const byKey = new Map<string, IssueHistory>();
  for (const issue of issues) byKey.set(issue.key, issue);
  const groups = new Map<string, EvaluatedIssue[]>();
  for (const evaluation of portfolio.evaluations) {
    const history = byKey.get(evaluation.key);
    if (!history) continue;
    const group = groups.get(evaluation.contractId);
    if (group) group.push({ history, evaluation });
    else groups.set(evaluation.contractId, [{ history, evaluation }]);
  }
  return groups;
}
