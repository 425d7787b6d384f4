import type { CompiledCatalog } from '../catalog/compiled-catalog';
import { formatIssuePath, type ValidationIssue } from '../errors/validation-issue';
import type { IssueHistory } from '../history/issue-history';
import type { PortfolioEvaluation } from '../sla/evaluate-portfolio';

/** Codes of the notices that name an issue left out of a statement. */
export const LEFT_OUT_CODES = [
  'issue_invalid',
  'issue_not_evaluated',
  'issue_created_after_at',
  'issue_before_first_term',
] as const;
export type LeftOutCode = (typeof LEFT_OUT_CODES)[number];

/** Why an issue is not in the statement, as data, so each renderer says it in the statement's language. */
export interface LeftOutDetail {
  readonly reason: LeftOutCode;
  /** The issue's key (absent for an issue that failed validation before it had one). */
  readonly key?: string;
  /** `issue_before_first_term`: the contract and the start of its first term. */
  readonly contract?: string;
  readonly from?: string;
  /** `issue_invalid` and `issue_not_evaluated`: the problems behind it. */
  readonly problems?: readonly ValidationIssue[];
}

/** A notice of a statement; the notices of left-out issues carry their reason as data. */
export interface StatementNotice extends ValidationIssue {
  leftOut?: LeftOutDetail;
}

/** True for a notice that names an issue left out of the statement. */
export function isLeftOutNotice(notice: ValidationIssue): boolean {
  return (LEFT_OUT_CODES as readonly string[]).includes(notice.code);
}

/** The issues a statement keeps, and a notice for each one it leaves out, with the reason. */
export interface StatementScope {
  issues: IssueHistory[];
  portfolio: PortfolioEvaluation;
  notices: StatementNotice[];
}

function indexOf(issue: IssueHistory, position: number): number {
  return issue.sourceIndex ?? position;
}

/**
 * Decides which issues a statement counts and lists every other one, so that a reader of the
 * statement alone sees that hours may be missing and why: an issue that failed validation
 * (`inputProblems`, as the reader of the file reported them), one the engine could not evaluate
 * (unknown contract, type or priority, or any per-issue failure), one created after the statement's
 * instant, and one created before its contract's first term (outside the contract: not billed).
 * Only issues of `contractIds` (all when omitted) are considered; input problems are listed as given.
 * An issue's contract is the one the contract rules chose for it (`portfolio.contractsByRules`), else
 * its own.
 *
 * **Privacy rule:** issues no contract covers (`portfolio.notCovered`) belong to no statement's contract
 * and are never named in a statement — not even in its notices: the reason names what the rules saw
 * (another client's organization or field value), and a statement goes to one client. They go to the
 * provider's own list instead (`notCoveredList`).
 */
export function statementScope(
  catalog: CompiledCatalog,
  issues: readonly IssueHistory[],
  portfolio: PortfolioEvaluation,
  inputProblems: readonly ValidationIssue[],
  contractIds?: readonly string[],
): StatementScope {
  const inScope = (contractId: string): boolean => contractIds === undefined || contractIds.includes(contractId);
  const notices: StatementNotice[] = inputProblems.map((problem) => ({
    code: 'issue_invalid',
    path: problem.path,
    message: `left out, invalid: ${problem.message}`,
    leftOut: { reason: 'issue_invalid', problems: [problem] },
  }));
  const notCoveredKeys = new Set(portfolio.notCovered.map((issue) => issue.key));
  const byRules = portfolio.contractsByRules;
  const problemsByIndex = new Map<number, ValidationIssue[]>();
  for (const problem of portfolio.problems) {
    const index = problem.path[0] === 'issues' && typeof problem.path[1] === 'number' ? problem.path[1] : -1;
    const list = problemsByIndex.get(index);
    if (list) list.push(problem);
    else problemsByIndex.set(index, [problem]);
  }
  const evaluatedKeys = new Set(portfolio.evaluations.map((evaluation) => evaluation.key));
  const beforeFirstTerm = new Set<string>();
  const kept: IssueHistory[] = [];
  issues.forEach((source, position) => {
    if (notCoveredKeys.has(source.key)) return;
    const chosen = byRules.get(source.key);
    const issue = chosen === undefined || chosen === source.contractId ? source : { ...source, contractId: chosen };
    if (!inScope(issue.contractId)) return;
    const index = indexOf(issue, position);
    const contract = catalog.contract(issue.contractId);
    if (issue.createdAtMs > portfolio.nowMs) {
      notices.push({
        code: 'issue_created_after_at',
        path: ['issues', index, 'createdAt'],
        message: `${issue.key}: left out, created after the statement's instant`,
        leftOut: { reason: 'issue_created_after_at', key: issue.key },
      });
    } else if (!evaluatedKeys.has(issue.key) || !contract) {
      const problems = problemsByIndex.get(index) ?? [];
      const reasons = problems.map((problem) => `${formatIssuePath(problem.path)}: ${problem.message}`);
      notices.push({
        code: 'issue_not_evaluated',
        path: ['issues', index],
        message: `${issue.key}: left out, ${reasons.length > 0 ? reasons.join('; ') : 'not evaluated'}`,
        leftOut: { reason: 'issue_not_evaluated', key: issue.key, problems },
      });
    } else if (issue.createdAtMs < contract.tariffs[0].fromMs) {
      beforeFirstTerm.add(issue.key);
      notices.push({
        code: 'issue_before_first_term',
        path: ['issues', index, 'createdAt'],
        message: `${issue.key}: left out, created before the first term of contract "${contract.id}" (from ${contract.tariffs[0].term.from})`,
        leftOut: {
          reason: 'issue_before_first_term',
          key: issue.key,
          contract: contract.id,
          from: contract.tariffs[0].term.from,
        },
      });
    } else kept.push(issue);
  });
  // Problems of issues the statement never saw (not in `issues`), such as an unknown contract's.
  for (const [index, problems] of problemsByIndex) {
    if (contractIds !== undefined) break;
    const listed = issues.some((issue, position) => indexOf(issue, position) === index);
    if (!listed)
      for (const problem of problems)
        notices.push({
          code: 'issue_not_evaluated',
          path: problem.path,
          message: `left out, ${problem.message}`,
          leftOut: { reason: 'issue_not_evaluated', problems: [{ ...problem, path: [] }] },
        });
  }
  const evaluations =
    beforeFirstTerm.size === 0
      ? portfolio.evaluations
      : portfolio.evaluations.filter((evaluation) => !beforeFirstTerm.has(evaluation.key));
  return { issues: kept, portfolio: { ...portfolio, evaluations }, notices };
}
