import type { CompiledCatalog } from '../core/catalog/compiled-catalog';
import type { ValidationIssue } from '../core/errors/validation-issue';
import type { IssueHistory } from '../core/history/issue-history';
import { evaluatePortfolio, type PortfolioEvaluation } from '../core/sla/evaluate-portfolio';

/**
 * `evaluatePortfolio`, with one issue that makes the engine fail (an estimate its calendar cannot
 * hold in two centuries, say) turned into a problem of that issue: the others are evaluated together
 * as usual (so daily limits still see each other), and the failing ones are named by path.
 * The common case costs nothing extra; only a failure pays for finding the culprits one by one.
 */
export function evaluateIsolated(catalog: CompiledCatalog, issues: readonly IssueHistory[], nowMs: number): PortfolioEvaluation {
  try {
    return evaluatePortfolio(catalog, issues, nowMs);
  } catch {
    const healthy: IssueHistory[] = [];
    const failures: ValidationIssue[] = [];
    issues.forEach((issue, position) => {
      try {
        evaluatePortfolio(catalog, [{ ...issue, sourceIndex: issue.sourceIndex ?? position }], nowMs);
        healthy.push({ ...issue, sourceIndex: issue.sourceIndex ?? position });
      } catch (error) {
        failures.push({
          code: 'evaluation_failed',
          path: ['issues', issue.sourceIndex ?? position],
          message: `${issue.key} could not be evaluated: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    });
    const portfolio = evaluatePortfolio(catalog, healthy, nowMs);
    return { ...portfolio, problems: [...portfolio.problems, ...failures] };
  }
}
