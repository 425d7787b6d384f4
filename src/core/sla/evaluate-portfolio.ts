import { hasEntry } from '../errors/safe-record';
import type { CompiledCatalog } from '../catalog/compiled-catalog';
import type { ValidationIssue } from '../errors/validation-issue';
import type { IssueHistory } from '../history/issue-history';
import { applyCatalogDefaults } from './apply-catalog-defaults';
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
  // Runs for every issue of every evaluation: no closures, no paths unless there is a problem.
  const known = catalog.catalog;
  let problems: ValidationIssue[] | null = null;
  if (!catalog.contract(issue.contractId)) {
    const names = catalog.contractIds().map((id) => `"${id}"`).join(', ') || '(none defined)';
    problems = [{ code: 'unknown_contract', path: pathOf(issue, index, 'contract'), message: `unknown contract "${issue.contractId}": define it under "contracts" in the catalog or use one of ${names}` }];
  }
  if (!hasEntry(known.requestTypes, issue.type)) (problems ??= []).push(unknownType(known.requestTypes, issue.type, pathOf(issue, index, 'type')));
  if (!known.priorities.includes(issue.priority)) (problems ??= []).push(unknownPriority(known.priorities, issue.priority, pathOf(issue, index, 'priority')));
  const events = issue.events;
  for (let eventIndex = 0; eventIndex < events.length; eventIndex++) {
    const event = events[eventIndex];
    if (event.kind === 'type' && !hasEntry(known.requestTypes, event.to)) (problems ??= []).push(unknownType(known.requestTypes, event.to, pathOf(issue, index, 'events', eventIndex, 'to')));
    if (event.kind === 'priority' && !known.priorities.includes(event.to)) (problems ??= []).push(unknownPriority(known.priorities, event.to, pathOf(issue, index, 'events', eventIndex, 'to')));
  }
  return problems ?? [];
}

function unknownType(requestTypes: object, type: string, path: Array<string | number>): ValidationIssue {
  return { code: 'unknown_request_type', path, message: `unknown request type "${type}": use one of ${Object.keys(requestTypes).map((t) => `"${t}"`).join(', ')} or add it to "requestTypes" in the catalog` };
}

function unknownPriority(priorities: readonly string[], priority: string, path: Array<string | number>): ValidationIssue {
  return { code: 'unknown_priority', path, message: `unknown priority "${priority}": use one of ${priorities.map((p) => `"${p}"`).join(', ')} or add it to "priorities" in the catalog` };
}

/**
 * Evaluates many issues at `nowMs`, and marks the incidents beyond each tariff's daily limit:
 * incidents are counted per contract and local day (in the tariff calendar's zone) in order of
 * creation, and those after the first `incidentsPerDay` are over the limit. Issues created after
 * `nowMs` did not exist yet and are left out; invalid issues are reported, the rest evaluated.
 * Priorities and request types the catalog does not know take the catalog's defaults, if it has them.
 *
 * @example
 * const { evaluations, problems } = evaluatePortfolio(catalog, issues, Date.parse('2026-11-20T15:00:00+03:00'));
 */
export function evaluatePortfolio(catalog: CompiledCatalog, issues: readonly IssueHistory[], nowMs: number): PortfolioEvaluation {
  const evaluations: IssueEvaluation[] = [];
  const problems: ValidationIssue[] = [];
  // Incidents per contract, then per local day of the tariff calendar.
  const dailyIncidents = new Map<string, Map<number, IssueEvaluation[]>>();
  issues.forEach((source, index) => {
    if (source.createdAtMs > nowMs) return;
    const issue = applyCatalogDefaults(catalog, source);
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
      let days = dailyIncidents.get(contract.id);
      if (!days) dailyIncidents.set(contract.id, (days = new Map()));
      const day = contractTariff.calendar.localDayNumber(issue.createdAtMs);
      const group = days.get(day);
      if (group) group.push(evaluation);
      else days.set(day, [evaluation]);
    }
  });
  for (const days of dailyIncidents.values()) {
    for (const group of days.values()) {
      const limit = catalog.tariffAt(catalog.contract(group[0].contractId)!, group[0].createdAtMs).tariff.incidentsPerDay ?? Infinity;
      if (group.length <= limit) continue;
      group.sort((a, b) => a.createdAtMs - b.createdAtMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      for (let rank = limit; rank < group.length; rank++) group[rank].overLimit = true;
    }
  }
  return { nowMs, evaluations, problems };
}
