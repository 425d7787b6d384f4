import type { CompiledContract, ContractTariff } from '../../core/catalog/compiled-catalog';
import type { ValidationIssue } from '../../core/errors/validation-issue';
import { escalationIntents, type EscalationIntent } from '../../core/escalation/escalation-intents';
import type { IssueHistory } from '../../core/history/issue-history';
import type { IssueEvaluation } from '../../core/sla/evaluate-issue';
import { dailyLimitDay } from '../../core/sla/daily-limit-day';
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

/**
 * A JQL date bound for an instant: unquoted epoch milliseconds. Jira documents an unquoted number on a
 * date field as "milliseconds after epoch" (JQL fields: Created); exact, and read the same whatever the
 * time zone of the user the request runs as (a formatted "yyyy/MM/dd HH:mm" is read in that user's
 * zone, which for the app's own account is the site's default and not known to the app).
 */
function jqlEpochBound(ms: number): string {
  return String(Math.trunc(ms));
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
  const jql = `project in (${projectList}) AND created >= ${jqlEpochBound(fromMs)} AND created < ${jqlEpochBound(toMs)} ORDER BY created ASC`;
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

/** What ranking a peer needs: its project, creation instant, type, priority and status (nothing else). */
const LIMIT_PEER_FIELDS: readonly string[] = ['project', 'created', 'issuetype', 'priority', 'status'];
/** The largest page the search answers. */
const MAX_SEARCH_PAGE = 100;

/**
 * The issues that can rank before one issue under its tariff's daily incident limit: the same contract's
 * projects, created from the start of the issue's service day (in the tariff calendar's zone,
 * `dailyLimitDay`) up to the issue's own creation, oldest first, only the fields ranking reads. First one
 * page of `incidentsPerDay`; when the core, ranking the issue among them, says "over the limit" (more
 * peers cannot change that) or there are no more, that is all — one request whatever the size of the
 * day. Otherwise (earlier issues that do not count as incidents, or ties) the day's earlier issues in
 * pages of 100 until "over" or the last page. Nothing is asked when the tariff has no daily limit.
 *
 * @example
 * const peers = await earlierLimitPeers(deps, settings, input, deps.now());
 * evaluateJiraIssues(settings, [input], deps.now(), peers);
 */
export async function earlierLimitPeers(
  deps: Pick<AppDeps, 'jira'>,
  settings: AppSettings,
  input: JiraIssueInput,
  nowMs: number,
): Promise<IssueHistory[]> {
  const rules = jiraContractRules(settings.mapping);
  const own = jiraIssueToHistory(input, input.project);
  // With contract rules, the issue's contract is the one they choose from its attributes (none: not covered).
  const [history] =
    rules === null
      ? [own]
      : resolveIssueContracts([{ ...own, contractAttributes: jiraContractAttributes(input, settings.mapping) }], rules)
          .issues;
  const day = history === undefined ? null : dailyLimitDay(settings.catalog, history);
  if (history === undefined || day === null) return [];
  // With contract rules a contract's requests may sit in any served project: the limit counts them all.
  const projects = Object.entries(settings.mapping.projects).filter(
    ([, project]) => rules !== null || project.contract === day.contractId,
  );
  if (projects.length === 0) return [];
  const projectList = projects.map(([key]) => `"${key.replace(/["\\]/g, '')}"`).join(', ');
  const jql = `project in (${projectList}) AND created >= ${jqlEpochBound(day.dayStartMs)} AND created <= ${jqlEpochBound(history.createdAtMs)} ORDER BY created ASC`;
  const fields = rules === null ? LIMIT_PEER_FIELDS : [...LIMIT_PEER_FIELDS, ...contractFieldIds(settings.mapping)];
  const byKey = new Map(projects);
  const toPeers = (issues: readonly JiraIssue[]): IssueHistory[] =>
    issues.flatMap((issue) => {
      const project = byKey.get(issue.fields.project?.key ?? issue.key.split('-')[0]);
      if (project === undefined || issue.key === input.issue.key) return [];
      const peer = jiraIssueToHistory({ issue, histories: [], property: null }, project);
      // A peer's changelog is not read: its current values stand for those at creation.
      return [
        rules === null
          ? peer
          : { ...peer, contractAttributes: jiraContractAttributes({ issue, histories: [] }, settings.mapping) },
      ];
    });
  // The common case: the first `limit` issues of the day settle it (all earlier ones count): one request.
  const first = await deps.jira.searchJql({ jql, maxResults: Math.min(day.incidentsPerDay, MAX_SEARCH_PAGE), fields });
  const firstPeers = toPeers(first.issues);
  if (first.isLast === true || first.nextPageToken === undefined || isOverLimit(settings, input, nowMs, firstPeers))
    return firstPeers;
  // Earlier issues that do not count (other request types, later ties): the rest of the day's earlier
  // issues in full pages, until "over the limit" or the last page.
  const peers: IssueHistory[] = [];
  let seen = 0;
  for await (const issue of deps.jira.searchJqlAll({ jql, maxResults: MAX_SEARCH_PAGE, fields })) {
    seen++;
    peers.push(...toPeers([issue]));
    if (seen % MAX_SEARCH_PAGE === 0 && isOverLimit(settings, input, nowMs, peers)) break;
  }
  return peers;
}

function isOverLimit(
  settings: AppSettings,
  input: JiraIssueInput,
  nowMs: number,
  peers: readonly IssueHistory[],
): boolean {
  return evaluateJiraIssues(settings, [input], nowMs, peers).evaluated.get(0)?.evaluation.overLimit === true;
}
