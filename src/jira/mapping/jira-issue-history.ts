import type { CompiledCatalog } from '../../core/catalog/compiled-catalog';
import type { ValidationIssue } from '../../core/errors/validation-issue';
import type { HistoryEvent, IssueHistory, Worklog } from '../../core/history/issue-history';
import type { JiraChangeHistory, JiraChangeItem, JiraIssue, JiraWorklog } from '../client/jira-schemas';
import { parseJiraTimestamp } from '../client/jira-timestamp';
import type { ProjectMapping } from '../config/jira-mapping-schema';
import type { SlaProperty } from '../sla/sla-property';
import { jiraRating } from './jira-rating';

/** Changelog fields the mapping reads; the sweep asks Jira for these only. */
export const HISTORY_FIELD_IDS: readonly string[] = ['status', 'priority', 'issuetype', 'timeoriginalestimate'];

/** Everything Jira tells about one issue that the engine needs. */
export interface JiraIssueData {
  readonly issue: JiraIssue;
  /** Change history, oldest first. */
  readonly histories: readonly JiraChangeHistory[];
  /** What the app recorded on the issue: the first response and support-line changes. */
  readonly property: Pick<SlaProperty, 'response' | 'lineHistory'> | null;
  readonly worklogs?: readonly JiraWorklog[];
}

/** The issue in engine terms, and what could not be mapped (the issue is still evaluated with defaults). */
export interface MappedIssue {
  readonly history: IssueHistory;
  readonly problems: ValidationIssue[];
}

/**
 * A change item's own text field. `toString` is also the name of a method every object inherits, so
 * an item without the key must not be read as `item.toString`.
 */
function ownText(item: JiraChangeItem, name: 'toString' | 'fromString' | 'to'): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(item, name)) return undefined;
  const value: unknown = item[name];
  return typeof value === 'string' ? value : undefined;
}

/** The first `from` value of a field in the changelog: what the issue was created with. */
function valueAtCreation(histories: readonly JiraChangeHistory[], fieldId: string): string | undefined {
  for (const history of histories) {
    for (const item of history.items) {
      if ((item.fieldId ?? item.field) === fieldId) return ownText(item, 'fromString');
    }
  }
  return undefined;
}

/**
 * Translates Jira names to catalog names with the project's mapping. A name neither mapped nor
 * known to the catalog falls back to the contract's default, and the problem is reported, so one
 * unmapped priority does not stop the issue's clocks.
 */
class NameTranslator {
  readonly problems: ValidationIssue[] = [];

  constructor(
    private readonly catalog: CompiledCatalog,
    private readonly project: ProjectMapping,
    private readonly issueKey: string,
  ) {}

  status(jiraName: string): string {
    return this.project.statuses[jiraName] ?? jiraName;
  }

  priority(jiraName: string | undefined): string {
    const known = this.catalog.catalog;
    const mapped = jiraName === undefined ? undefined : (this.project.priorities[jiraName] ?? jiraName);
    if (mapped !== undefined && known.priorities.includes(mapped)) return mapped;
    const fallback = this.catalog.contract(this.project.contract)?.contract.defaultPriority ?? known.defaults?.priority ?? known.priorities[Math.floor(known.priorities.length / 2)];
    this.problems.push({
      code: 'unmapped_priority',
      path: ['projects', this.issueKey, 'priorities', jiraName ?? '(none)'],
      message: `${this.issueKey}: Jira priority "${jiraName ?? '(none)'}" is not mapped to a catalog priority; "${fallback}" is assumed. Map it under projects.<KEY>.priorities`,
    });
    return fallback;
  }

  type(jiraName: string | undefined): string {
    const known = this.catalog.catalog;
    const mapped = jiraName === undefined ? undefined : (this.project.issueTypes[jiraName] ?? jiraName);
    if (mapped !== undefined && mapped in known.requestTypes) return mapped;
    const fallback = known.defaults?.type ?? Object.keys(known.requestTypes)[0];
    this.problems.push({
      code: 'unmapped_type',
      path: ['projects', this.issueKey, 'issueTypes', jiraName ?? '(none)'],
      message: `${this.issueKey}: Jira issue type "${jiraName ?? '(none)'}" is not mapped to a request type; "${fallback}" is assumed. Map it under projects.<KEY>.issueTypes`,
    });
    return fallback;
  }
}

function lineAt(lineHistory: SlaProperty['lineHistory'], initial: string, atMs: number): string {
  let line = initial;
  for (const change of lineHistory) {
    if (change.atMs > atMs) break;
    line = change.to;
  }
  return line;
}

/** Worklogs in engine terms (minutes, booked at their start); empty ones are dropped. */
export function mapWorklogs(worklogs: readonly JiraWorklog[], lineHistory: SlaProperty['lineHistory'], initialLine: string): Worklog[] {
  const result: Worklog[] = [];
  for (const worklog of worklogs) {
    const atMs = parseJiraTimestamp(worklog.started);
    if (atMs === undefined || worklog.timeSpentSeconds <= 0) continue;
    result.push({ id: worklog.id, atMs, minutes: worklog.timeSpentSeconds / 60, author: worklog.author?.accountId ?? 'unknown', line: lineAt(lineHistory, initialLine, atMs) });
  }
  return result.sort((a, b) => a.atMs - b.atMs);
}

/**
 * Builds the engine's {@link IssueHistory} from a Jira issue, its changelog and the app's property:
 * statuses, priorities and types through the project's mapping; original-estimate changes as
 * estimates; the recorded first response and support-line changes from the property; the client's
 * satisfaction rating from the field the project maps (see `jiraRating`).
 *
 * @example
 * const { history, problems } = jiraIssueToHistory({ issue, histories, property }, settings.catalog, mapping);
 * evaluatePortfolio(settings.catalog, [history], now);
 */
export function jiraIssueToHistory(data: JiraIssueData, catalog: CompiledCatalog, project: ProjectMapping): MappedIssue {
  const { issue, histories, property } = data;
  const names = new NameTranslator(catalog, project, issue.key);
  const fields = issue.fields;
  const createdAtMs = (fields.created === undefined ? undefined : parseJiraTimestamp(fields.created)) ?? 0;
  const clamp = (atMs: number) => Math.max(atMs, createdAtMs);

  const initialStatus = valueAtCreation(histories, 'status') ?? fields.status?.name ?? 'Open';
  const initialPriority = valueAtCreation(histories, 'priority') ?? fields.priority?.name;
  const initialType = valueAtCreation(histories, 'issuetype') ?? fields.issuetype?.name;

  const events: HistoryEvent[] = [];
  for (const history of histories) {
    const atMs = parseJiraTimestamp(history.created);
    if (atMs === undefined) continue;
    const by = history.author?.accountId;
    for (const item of history.items) {
      const field = item.fieldId ?? item.field;
      const to = ownText(item, 'toString');
      const from = ownText(item, 'fromString');
      if (field === 'status' && to) {
        events.push({ atMs: clamp(atMs), kind: 'status', to: names.status(to), ...(from ? { from: names.status(from) } : {}), ...(by ? { by } : {}) });
      } else if (field === 'priority' && to) {
        events.push({ atMs: clamp(atMs), kind: 'priority', to: names.priority(to) });
      } else if (field === 'issuetype' && to) {
        events.push({ atMs: clamp(atMs), kind: 'type', to: names.type(to) });
      } else if (field === 'timeoriginalestimate' && ownText(item, 'to')) {
        const seconds = Number(ownText(item, 'to'));
        if (Number.isFinite(seconds) && seconds > 0) events.push({ atMs: clamp(atMs), kind: 'estimate', minutes: Math.ceil(seconds / 60) });
      }
    }
  }
  if (property?.response) events.push({ atMs: clamp(property.response.atMs), kind: 'response', ...(property.response.by ? { by: property.response.by } : {}) });
  for (const change of property?.lineHistory ?? []) events.push({ atMs: clamp(change.atMs), kind: 'line', to: change.to });
  // Stable sort: changes at one instant keep Jira's order.
  events.sort((a, b) => a.atMs - b.atMs);

  const history: IssueHistory = {
    key: issue.key,
    contractId: project.contract,
    type: names.type(initialType),
    priority: names.priority(initialPriority ?? undefined),
    status: names.status(initialStatus),
    createdAtMs,
    summary: fields.summary,
    line: project.initialLine,
    events,
    worklogs: mapWorklogs(data.worklogs ?? [], property?.lineHistory ?? [], project.initialLine),
  };
  const rating = jiraRating(issue, histories, project.satisfaction, createdAtMs);
  if (rating) history.rating = rating;
  const seen = new Set<string>();
  const problems = names.problems.filter((problem) => !seen.has(problem.message) && seen.add(problem.message) !== undefined);
  return { history, problems };
}
