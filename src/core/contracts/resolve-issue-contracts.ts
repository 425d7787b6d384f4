import type { IssueHistory } from '../history/issue-history';
import type { ContractRules } from './contract-rules-schema';
import { resolveContract } from './resolve-contract';

/** An issue no contract covers, and why. Not an error: it is shown and listed, never evaluated. */
export interface NotCoveredIssue {
  key: string;
  /** Where the issue came from (`issues[i]`), as problems name it. */
  path: Array<string | number>;
  createdAtMs: number;
  summary?: string;
  reason: string;
}

/** Issues with their contracts decided, and those no contract covers. */
export interface ResolvedIssues {
  /** Every covered issue, in the given order, with `contractId` set to its contract. */
  issues: IssueHistory[];
  notCovered: NotCoveredIssue[];
  /** Issue key → contract, for the issues whose contract the rules chose. */
  chosenByRules: Map<string, string>;
}

const NO_CONTRACT_REASON = 'not covered: the issue names no contract and no contract rules were given to choose one';

function notCovered(issue: IssueHistory, index: number, reason: string): NotCoveredIssue {
  return {
    key: issue.key,
    path: ['issues', issue.sourceIndex ?? index],
    createdAtMs: issue.createdAtMs,
    ...(issue.summary !== undefined ? { summary: issue.summary } : {}),
    reason,
  };
}

/**
 * Decides the contract of every issue: with `rules`, an issue that carries its attributes at
 * creation gets the contract of the first matching rule (or the default) and one that matches none is
 * not covered; an issue without attributes keeps the contract it names; one that names none is not
 * covered either. The same issues and rules always give the same answer (see `resolveContract`).
 *
 * @example
 * const { issues, notCovered } = resolveIssueContracts(histories, rules);
 */
export function resolveIssueContracts(issues: readonly IssueHistory[], rules?: ContractRules): ResolvedIssues {
  const resolved: IssueHistory[] = [];
  const left: NotCoveredIssue[] = [];
  const chosenByRules = new Map<string, string>();
  issues.forEach((source, index) => {
    // Once an issue is left out, the later ones keep their own position for the paths of problems.
    const issue = left.length > 0 && source.sourceIndex === undefined ? { ...source, sourceIndex: index } : source;
    if (rules !== undefined && issue.contractAttributes !== undefined) {
      const resolution = resolveContract(rules, issue.contractAttributes);
      if (!resolution.covered) {
        left.push(notCovered(issue, index, resolution.reason));
        return;
      }
      chosenByRules.set(issue.key, resolution.contractId);
      resolved.push(
        resolution.contractId === issue.contractId ? issue : { ...issue, contractId: resolution.contractId },
      );
    } else if (issue.contractId === '') {
      left.push(notCovered(issue, index, NO_CONTRACT_REASON));
    } else resolved.push(issue);
  });
  return { issues: resolved, notCovered: left, chosenByRules };
}
