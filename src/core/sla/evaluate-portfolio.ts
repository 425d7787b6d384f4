import type { ContractRules } from '../contracts/contract-rules-schema';
import { resolveIssueContracts, type NotCoveredIssue } from '../contracts/resolve-issue-contracts';
import { hasEntry } from '../errors/safe-record';
import type { CompiledCatalog } from '../catalog/compiled-catalog';
import type { ValidationIssue } from '../errors/validation-issue';
import type { IssueHistory } from '../history/issue-history';
import { escalationIntents, type EscalationIntent } from '../escalation/escalation-intents';
import type { NoteLanguage } from '../escalation/escalation-note';
import { applyCatalogDefaults } from './apply-catalog-defaults';
import { evaluateIssue, type IssueEvaluation } from './evaluate-issue';

/** The evaluations of every valid issue, and the problems of the others. */
export interface PortfolioEvaluation {
  nowMs: number;
  evaluations: IssueEvaluation[];
  problems: ValidationIssue[];
  /**
   * The escalation intents of each evaluation (same order as `evaluations`) when the options asked
   * for them; empty otherwise.
   */
  intents: EscalationIntent[][];
  /**
   * Issues no contract covers (no contract rule matched and no default, or no contract named), with
   * the reason: not evaluated, not counted toward any limit, listed in statements as not covered.
   */
  notCovered: NotCoveredIssue[];
  /** Issue key → contract, for the issues whose contract the contract rules chose. */
  contractsByRules: ReadonlyMap<string, string>;
}

/** What a tracker tells the evaluation besides the issues. */
export interface PortfolioOptions {
  /**
   * Compute the escalation intents of every evaluated issue: levels due and not yet done, with
   * what to do about them (see `escalationIntents`).
   */
  intents?: {
    /** Identity keys (`<cycle>:<clock>:<level>`) the tracker records as done for an issue. */
    done?: (issue: IssueHistory) => ReadonlySet<string> | undefined;
    /** Levels due before this instant are skipped (the tracker served the contract from then on). */
    escalateSinceMs?: number;
    language?: NoteLanguage;
  };
  /**
   * Issues that only count toward the daily incident limit: other issues of the same contracts and
   * days that the caller does not need evaluated (a tracker refreshing one issue passes the issues
   * created on its day). They are ranked with the issues, never returned.
   */
  limitPeers?: readonly IssueHistory[];
  /**
   * The tracker's contract rules: every issue (and limit peer) carrying `contractAttributes` gets the
   * contract of the first matching rule, or the default, or is not covered. Issues without attributes
   * keep their `contractId`.
   */
  contractRules?: ContractRules;
  /** Issues the caller already found not covered (it resolved the contracts itself): listed as such. */
  notCovered?: readonly NotCoveredIssue[];
}

const NO_PORTFOLIO_OPTIONS: PortfolioOptions = Object.freeze({});

function pathOf(issue: IssueHistory, index: number, ...rest: Array<string | number>): Array<string | number> {
  return ['issues', issue.sourceIndex ?? index, ...rest];
}

/** Problems that stop an issue from being evaluated against this catalog. */
export function checkIssueAgainstCatalog(
  catalog: CompiledCatalog,
  issue: IssueHistory,
  index: number,
): ValidationIssue[] {
  // Runs for every issue of every evaluation: no closures, no paths unless there is a problem.
  const known = catalog.catalog;
  let problems: ValidationIssue[] | null = null;
  if (!catalog.contract(issue.contractId)) {
    const names =
      catalog
        .contractIds()
        .map((id) => `"${id}"`)
        .join(', ') || '(none defined)';
    problems = [
      {
        code: 'unknown_contract',
        path: pathOf(issue, index, 'contract'),
        value: issue.contractId,
        message: `unknown contract "${issue.contractId}": define it under "contracts" in the catalog or use one of ${names}`,
      },
    ];
  }
  if (!hasEntry(known.requestTypes, issue.type))
    (problems ??= []).push(unknownType(known.requestTypes, issue.type, pathOf(issue, index, 'type')));
  if (!known.priorities.includes(issue.priority))
    (problems ??= []).push(unknownPriority(known.priorities, issue.priority, pathOf(issue, index, 'priority')));
  const events = issue.events;
  for (let eventIndex = 0; eventIndex < events.length; eventIndex++) {
    const event = events[eventIndex];
    if (event.kind === 'type' && !hasEntry(known.requestTypes, event.to))
      (problems ??= []).push(
        unknownType(known.requestTypes, event.to, pathOf(issue, index, 'events', eventIndex, 'to')),
      );
    if (event.kind === 'priority' && !known.priorities.includes(event.to))
      (problems ??= []).push(
        unknownPriority(known.priorities, event.to, pathOf(issue, index, 'events', eventIndex, 'to')),
      );
  }
  return problems ?? [];
}

function unknownType(requestTypes: object, type: string, path: Array<string | number>): ValidationIssue {
  return {
    code: 'unknown_request_type',
    path,
    value: type,
    message: `unknown request type "${type}": use one of ${Object.keys(requestTypes)
      .map((t) => `"${t}"`)
      .join(', ')} or add it to "requestTypes" in the catalog`,
  };
}

function unknownPriority(
  priorities: readonly string[],
  priority: string,
  path: Array<string | number>,
): ValidationIssue {
  return {
    code: 'unknown_priority',
    path,
    value: priority,
    message: `unknown priority "${priority}": use one of ${priorities.map((p) => `"${p}"`).join(', ')} or add it to "priorities" in the catalog`,
  };
}

/** Incidents per contract, then per local day of the tariff calendar, in the order they were met. */
type DailyIncidents = Map<string, Map<number, IssueEvaluation[]>>;

function countIncident(catalog: CompiledCatalog, dailyIncidents: DailyIncidents, evaluation: IssueEvaluation): void {
  const contract = catalog.contract(evaluation.contractId);
  if (!contract) return;
  const contractTariff = catalog.tariffAt(contract, evaluation.createdAtMs);
  if (contractTariff.tariff.incidentsPerDay === undefined) return;
  const countsAsIncident =
    evaluation.covered && (contractTariff.incidentTypes === null || contractTariff.incidentTypes.has(evaluation.type));
  if (!countsAsIncident) return;
  let days = dailyIncidents.get(contract.id);
  if (!days) dailyIncidents.set(contract.id, (days = new Map()));
  const day = contractTariff.calendar.localDayNumber(evaluation.createdAtMs);
  const group = days.get(day);
  if (group) group.push(evaluation);
  else days.set(day, [evaluation]);
}

/** Marks the incidents of each contract and day past the tariff's `incidentsPerDay`, in creation order (ties by key). */
function markOverLimit(catalog: CompiledCatalog, dailyIncidents: DailyIncidents): void {
  for (const days of dailyIncidents.values()) {
    for (const group of days.values()) {
      const limit =
        catalog.tariffAt(catalog.contract(group[0].contractId)!, group[0].createdAtMs).tariff.incidentsPerDay ??
        Infinity;
      if (group.length <= limit) continue;
      group.sort((a, b) => a.createdAtMs - b.createdAtMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      for (let rank = limit; rank < group.length; rank++) group[rank].overLimit = true;
    }
  }
}

/** The evaluation of one valid issue, or the problems that keep it from being evaluated (one bad issue never stops the others). */
function evaluateOne(
  catalog: CompiledCatalog,
  source: IssueHistory,
  index: number,
  nowMs: number,
): { issue: IssueHistory; evaluation: IssueEvaluation } | ValidationIssue[] {
  try {
    const issue = applyCatalogDefaults(catalog, source);
    const issueProblems = checkIssueAgainstCatalog(catalog, issue, index);
    const contract = catalog.contract(issue.contractId);
    if (issueProblems.length > 0 || !contract) return issueProblems;
    return { issue, evaluation: evaluateIssue(issue, contract, catalog.tariffAt(contract, issue.createdAtMs), nowMs) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [
      {
        code: 'evaluation_failed',
        path: pathOf(source, index),
        value: reason,
        message: `issue "${source.key}" could not be evaluated: ${reason}; the other issues were evaluated`,
      },
    ];
  }
}

/**
 * The one evaluation entry point of every surface (CLI, Redmine worker, Jira app): evaluates many
 * issues at `nowMs`, and marks the incidents beyond each tariff's daily limit: incidents are counted
 * per contract and local day (in the tariff calendar's zone) in order of creation, and those after
 * the first `incidentsPerDay` are over the limit. Issues created after `nowMs` did not exist yet and
 * are left out; invalid issues (and an issue whose evaluation fails) are reported with a code and a
 * path, the rest evaluated. Priorities and request types the catalog does not know take the
 * catalog's defaults, if it has them. Contract terms apply by the issue's creation instant. With
 * `options.intents`, the escalation intents of every evaluated issue come along.
 *
 * @example
 * const { evaluations, problems } = evaluatePortfolio(catalog, issues, Date.parse('2026-11-20T15:00:00+03:00'));
 */
export function evaluatePortfolio(
  catalog: CompiledCatalog,
  issues: readonly IssueHistory[],
  nowMs: number,
  options: PortfolioOptions = NO_PORTFOLIO_OPTIONS,
): PortfolioEvaluation {
  const evaluations: IssueEvaluation[] = [];
  const evaluatedIssues: IssueHistory[] = [];
  const problems: ValidationIssue[] = [];
  const dailyIncidents: DailyIncidents = new Map();
  const resolved = resolveIssueContracts(issues, options.contractRules);
  const notCovered = [...(options.notCovered ?? []), ...resolved.notCovered].filter(
    (issue) => issue.createdAtMs <= nowMs,
  );
  resolved.issues.forEach((source, index) => {
    if (source.createdAtMs > nowMs) return;
    const result = evaluateOne(catalog, source, index, nowMs);
    if (Array.isArray(result)) {
      problems.push(...result);
      return;
    }
    evaluations.push(result.evaluation);
    evaluatedIssues.push(result.issue);
    countIncident(catalog, dailyIncidents, result.evaluation);
  });
  const evaluatedKeys =
    options.limitPeers === undefined ? null : new Set(evaluations.map((evaluation) => evaluation.key));
  const peers = resolveIssueContracts(options.limitPeers ?? [], options.contractRules).issues;
  for (const [index, peer] of peers.entries()) {
    if (peer.createdAtMs > nowMs || evaluatedKeys?.has(peer.key)) continue;
    const result = evaluateOne(catalog, peer, index, nowMs);
    if (!Array.isArray(result)) countIncident(catalog, dailyIncidents, result.evaluation);
  }
  markOverLimit(catalog, dailyIncidents);
  const intents =
    options.intents === undefined
      ? []
      : evaluations.map((evaluation, index) =>
          intentsOf(catalog, evaluatedIssues[index], evaluation, options.intents!),
        );
  return { nowMs, evaluations, problems, intents, notCovered, contractsByRules: resolved.chosenByRules };
}

function intentsOf(
  catalog: CompiledCatalog,
  issue: IssueHistory,
  evaluation: IssueEvaluation,
  options: NonNullable<PortfolioOptions['intents']>,
): EscalationIntent[] {
  const contract = catalog.contract(evaluation.contractId)!;
  return escalationIntents(
    evaluation,
    issue,
    contract.statuses,
    catalog.tariffAt(contract, issue.createdAtMs),
    catalog.catalog.priorities,
    {
      done: options.done?.(issue),
      escalateSinceMs: options.escalateSinceMs,
      language: options.language,
      initialLine: issue.line,
    },
  );
}
