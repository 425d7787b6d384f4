import type { CompiledCatalog } from '../catalog/compiled-catalog';
import type { ValidationIssue } from '../errors/validation-issue';
import type { IssueHistory } from '../history/issue-history';
import { evaluateIssue, type IssueEvaluation } from './evaluate-issue';

/** The evaluations of every valid issue, and the problems of the others. */
export interface PortfolioEvaluation {
  nowMs: number;
  evaluations: IssueEvaluation[];
  problems: ValidationIssue[];
}

function pathOf(issue: IssueHistory, index: number, ...rest: Array<string | number>): Array<string | number> {
  return ['issues', issue.sourceIndex ?? index, ...rest];
}

/** Problems that stop an issue from being evaluated against this catalog. */
export function checkIssueAgainstCatalog(catalog: CompiledCatalog, issue: IssueHistory, index: number): ValidationIssue[] {
  const problems: ValidationIssue[] = [];
  const known = catalog.catalog;
  if (!catalog.contract(issue.contractId)) {
    const names = catalog.contractIds().map((id) => `"${id}"`).join(', ') || '(none defined)';
    problems.push({ code: 'unknown_contract', path: pathOf(issue, index, 'contract'), message: `unknown contract "${issue.contractId}": define it under "contracts" in the catalog or use one of ${names}` });
  }
  const checkType = (type: string, path: Array<string | number>): void => {
    if (!(type in known.requestTypes)) {
      problems.push({ code: 'unknown_request_type', path, message: `unknown request type "${type}": use one of ${Object.keys(known.requestTypes).map((t) => `"${t}"`).join(', ')} or add it to "requestTypes" in the catalog` });
    }
  };
  const checkPriority = (priority: string, path: Array<string | number>): void => {
    if (!known.priorities.includes(priority)) {
      problems.push({ code: 'unknown_priority', path, message: `unknown priority "${priority}": use one of ${known.priorities.map((p) => `"${p}"`).join(', ')} or add it to "priorities" in the catalog` });
    }
  };
  checkType(issue.type, pathOf(issue, index, 'type'));
  checkPriority(issue.priority, pathOf(issue, index, 'priority'));
  issue.events.forEach((event, eventIndex) => {
    if (event.kind === 'type') checkType(event.to, pathOf(issue, index, 'events', eventIndex, 'to'));
    if (event.kind === 'priority') checkPriority(event.to, pathOf(issue, index, 'events', eventIndex, 'to'));
  });
  return problems;
}

/**
 * Evaluates many issues at `nowMs`, and marks the incidents beyond each tariff's daily limit:
 * incidents are counted per contract and local day (in the tariff calendar's zone) in order of
 * creation, and those after the first `incidentsPerDay` are over the limit. Issues created after
 * `nowMs` did not exist yet and are left out; invalid issues are reported, the rest evaluated.
 *
 * @example
 * const { evaluations, problems } = evaluatePortfolio(catalog, issues, Date.parse('2026-11-20T15:00:00+03:00'));
 */
export function evaluatePortfolio(catalog: CompiledCatalog, issues: readonly IssueHistory[], nowMs: number): PortfolioEvaluation {
  const evaluations: IssueEvaluation[] = [];
  const problems: ValidationIssue[] = [];
  const dailyIncidents = new Map<string, IssueEvaluation[]>();
  issues.forEach((issue, index) => {
    if (issue.createdAtMs > nowMs) return;
    const issueProblems = checkIssueAgainstCatalog(catalog, issue, index);
    const contract = catalog.contract(issue.contractId);
    if (issueProblems.length > 0 || !contract) {
      problems.push(...issueProblems);
      return;
    }
    const contractTariff = catalog.tariffAt(contract, issue.createdAtMs);
    const evaluation = evaluateIssue(issue, contract, contractTariff, nowMs);
    evaluations.push(evaluation);
    const limit = contractTariff.tariff.incidentsPerDay;
    const countsAsIncident = evaluation.covered && (contractTariff.incidentTypes === null || contractTariff.incidentTypes.has(evaluation.type));
    if (limit !== undefined && countsAsIncident) {
      const groupKey = `${contract.id}\u0000${contractTariff.calendar.localDayNumber(issue.createdAtMs)}`;
      const group = dailyIncidents.get(groupKey);
      if (group) group.push(evaluation);
      else dailyIncidents.set(groupKey, [evaluation]);
    }
  });
  for (const group of dailyIncidents.values()) {
    const limit = catalog.tariffAt(catalog.contract(group[0].contractId)!, group[0].createdAtMs).tariff.incidentsPerDay ?? Infinity;
    if (group.length <= limit) continue;
    group.sort((a, b) => a.createdAtMs - b.createdAtMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (let rank = limit; rank < group.length; rank++) group[rank].overLimit = true;
  }
  return { nowMs, evaluations, problems };
}
