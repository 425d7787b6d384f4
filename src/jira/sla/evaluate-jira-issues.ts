import { DateTime } from 'luxon';
import type { CompiledContract, ContractTariff } from '../../core/catalog/compiled-catalog';
import type { ValidationIssue } from '../../core/errors/validation-issue';
import { escalationIntents, type EscalationIntent } from '../../core/escalation/escalation-intents';
import type { IssueHistory } from '../../core/history/issue-history';
import type { IssueEvaluation } from '../../core/sla/evaluate-issue';
import { evaluatePortfolio } from '../../core/sla/evaluate-portfolio';
import type { AppDeps } from '../app/app-deps';
import type { JiraChangeHistory, JiraIssue, JiraWorklog } from '../client/jira-schemas';
import { escalateSinceOf, type AppSettings } from '../config/app-settings';
import type { ProjectMapping } from '../config/jira-mapping-schema';
import { jiraIssueToHistory } from '../mapping/jira-issue-history';
import { contractFieldIds, jiraContractAttributes, jiraContractRules } from '../mapping/contract-attributes';
import { resolveIssueContracts, type NotCoveredIssue } from '../../core/contracts/resolve-issue-contracts';
import { SLA_ISSUE_FIELDS } from '../client/jira-schemas';
import type { SlaProperty } from './sla-property';

/** One Jira issue as the evaluation needs it. */
export interface JiraIssueInput {
  readonly issue: JiraIssue;
  readonly histories: readonly JiraChangeHistory[];
  /** What the app recorded on the issue (first response, line changes, escalation markers). */
  readonly property: Pick<SlaProperty, 'response' | 'lineHistory' | 'escalations'> | null;
  readonly project: ProjectMapping;
  readonly worklogs?: readonly JiraWorklog[];
}

/** A Jira issue after the core evaluated it. */
export interface JiraEvaluation {
  readonly history: IssueHistory;
  readonly evaluation: IssueEvaluation;
  readonly contract: CompiledContract;
  readonly term: ContractTariff;
  /** The core's escalation intents for a set of done markers (the property's, or more once storage is read). */
  readonly intents: (done: ReadonlySet<string>) => EscalationIntent[];
}

/** The evaluations of the issues that could be evaluated, and the problems of the others, by input index. */
export interface JiraEvaluations {
  readonly evaluated: ReadonlyMap<number, JiraEvaluation>;
  readonly problems: ReadonlyMap<number, ValidationIssue[]>;
  /** Issues no contract covers (the mapping's contract rules give none), with the reason, by input index. */
  readonly notCovered: ReadonlyMap<number, NotCoveredIssue>;
}

/**
 * Evaluates Jira issues through the core's one entry point (`evaluatePortfolio`): catalog and
 * contract defaults for unknown priorities and types (or the invalid-issue problem the CLI reports),
 * effective-dated terms, the daily incident limit ranked with `peers` (other issues of the same
 * contracts and days), per-issue isolation, and the escalation intents.
 *
 * @example
 * const { evaluated, problems } = evaluateJiraIssues(settings, inputs, deps.now(), peers);
 */
export function evaluateJiraIssues(
  settings: AppSettings,
  inputs: readonly JiraIssueInput[],
  nowMs: number,
  peers: readonly IssueHistory[] = [],
): JiraEvaluations {
  const { catalog, mapping } = settings;
  const contractRules = jiraContractRules(mapping) ?? undefined;
  const histories = inputs.map((input, index) => ({
    ...jiraIssueToHistory(input, input.project),
    ...(contractRules ? { contractAttributes: jiraContractAttributes(input, mapping) } : {}),
    sourceIndex: index,
  }));
  const markers = new Map(inputs.map((input) => [input.issue.key, new Set(input.property?.escalations ?? [])]));
  const intentOptions = { escalateSinceMs: settings.escalateSinceMs, language: mapping.language };
  const portfolio = evaluatePortfolio(catalog, histories, nowMs, {
    intents: { ...intentOptions, done: (issue) => markers.get(issue.key) },
    limitPeers: peers,
    contractRules,
  });
  const evaluated = new Map<number, JiraEvaluation>();
  portfolio.evaluations.forEach((evaluation, position) => {
    const index = inputs.findIndex((input) => input.issue.key === evaluation.key);
    const contract = catalog.contract(evaluation.contractId);
    if (index < 0 || !contract) return;
    const history =
      evaluation.contractId === histories[index].contractId
        ? histories[index]
        : { ...histories[index], contractId: evaluation.contractId };
    const term = catalog.tariffAt(contract, history.createdAtMs);
    const first = portfolio.intents[position];
    // Without an explicit escalateSince, each project counts from when it was first enabled.
    const escalateSinceMs = escalateSinceOf(
      settings,
      inputs[index].issue.fields.project?.key ?? inputs[index].issue.key.split('-')[0],
    );
    const options = { ...intentOptions, escalateSinceMs };
    const intents = (done: ReadonlySet<string>): EscalationIntent[] =>
      sameSet(done, markers.get(evaluation.key)) && escalateSinceMs === intentOptions.escalateSinceMs
        ? first
        : escalationIntents(evaluation, history, contract.statuses, term, catalog.catalog.priorities, {
            ...options,
            done,
            initialLine: history.line,
          });
    evaluated.set(index, { history, evaluation, contract, term, intents });
  });
  const problems = new Map<number, ValidationIssue[]>();
  for (const problem of portfolio.problems) {
    const index = problem.path[1];
    if (typeof index !== 'number') continue;
    problems.set(index, [...(problems.get(index) ?? []), problem]);
  }
  const notCovered = new Map<number, NotCoveredIssue>();
  for (const issue of portfolio.notCovered) if (typeof issue.path[1] === 'number') notCovered.set(issue.path[1], issue);
  return { evaluated, problems, notCovered };
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string> | undefined): boolean {
  return b !== undefined && a.size === b.size && [...a].every((item) => b.has(item));
}

const PEER_MARGIN_MS = 2 * 86_400_000;

function jqlInstant(ms: number): string {
  return DateTime.fromMillis(ms, { zone: 'UTC' }).toFormat('yyyy-MM-dd HH:mm');
}

/**
 * The other issues created around the given issues in the projects of their contracts, as bare
 * histories (creation instant and current type: all the daily limit looks at), for ranking the daily
 * incident limit. One search (paged); nothing when no tariff involved has a limit.
 *
 * @example
 * const peers = await dailyLimitPeers(deps, settings, evaluatedHistories);
 */
export async function dailyLimitPeers(
  deps: Pick<AppDeps, 'jira'>,
  settings: AppSettings,
  issues: readonly IssueHistory[],
): Promise<IssueHistory[]> {
  const { catalog } = settings;
  const rules = jiraContractRules(settings.mapping);
  // With contract rules, an issue's contract is the one they choose from its attributes.
  const resolved = rules === null ? issues : resolveIssueContracts(issues, rules).issues;
  const limited = resolved.filter((issue) => {
    const contract = catalog.contract(issue.contractId);
    return contract !== undefined && catalog.tariffAt(contract, issue.createdAtMs).tariff.incidentsPerDay !== undefined;
  });
  if (limited.length === 0) return [];
  const contracts = new Set(limited.map((issue) => issue.contractId));
  // With contract rules a contract's requests may sit in any served project: the limit counts them all.
  const projects = Object.entries(settings.mapping.projects).filter(
    ([, project]) => rules !== null || contracts.has(project.contract),
  );
  if (projects.length === 0) return [];
  const fromMs = Math.min(...limited.map((issue) => issue.createdAtMs)) - PEER_MARGIN_MS;
  const toMs = Math.max(...limited.map((issue) => issue.createdAtMs)) + PEER_MARGIN_MS;
  const projectList = projects.map(([key]) => `"${key.replace(/["\\]/g, '')}"`).join(', ');
  const jql = `project in (${projectList}) AND created >= "${jqlInstant(fromMs)}" AND created < "${jqlInstant(toMs)}" ORDER BY created ASC`;
  const known = new Set(issues.map((issue) => issue.key));
  const byKey = new Map(projects);
  const peers: IssueHistory[] = [];
  const fields = rules === null ? undefined : [...SLA_ISSUE_FIELDS, ...contractFieldIds(settings.mapping)];
  for await (const issue of deps.jira.searchJqlAll({ jql, maxResults: 100, ...(fields ? { fields } : {}) })) {
    const project = byKey.get(issue.fields.project?.key ?? issue.key.split('-')[0]);
    if (project === undefined || known.has(issue.key)) continue;
    const history = jiraIssueToHistory({ issue, histories: [], property: null }, project);
    // A peer's changelog is not read: its current values stand for those at creation.
    peers.push(
      rules === null
        ? history
        : { ...history, contractAttributes: jiraContractAttributes({ issue, histories: [] }, settings.mapping) },
    );
  }
  return peers;
}
