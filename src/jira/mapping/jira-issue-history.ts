import { entryOf } from '../../core/errors/safe-record';
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

/** What an issue without a priority or type in Jira is called, so the core names it in its problem. */
const NONE = '(none)';

/**
 * Translates Jira names to catalog names with the project's mapping; a name the mapping does not
 * know passes through as it is. What the catalog does not know either is then the core's business:
 * the catalog's and the contract's defaults, or the same invalid-issue problem the CLI reports.
 */
class NameTranslator {
  constructor(private readonly project: ProjectMapping) {}

  status(jiraName: string): string {
    return entryOf(this.project.statuses, jiraName) ?? jiraName;
  }

  priority(jiraName: string | undefined): string {
    return jiraName === undefined ? NONE : (entryOf(this.project.priorities, jiraName) ?? jiraName);
  }

  type(jiraName: string | undefined): string {
    return jiraName === undefined ? NONE : (entryOf(this.project.issueTypes, jiraName) ?? jiraName);
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
export function mapWorklogs(
  worklogs: readonly JiraWorklog[],
  lineHistory: SlaProperty['lineHistory'],
  initialLine: string,
): Worklog[] {
  const result: Worklog[] = [];
  for (const worklog of worklogs) {
    const atMs = parseJiraTimestamp(worklog.started);
    if (atMs === undefined || worklog.timeSpentSeconds <= 0) continue;
    result.push({
      id: worklog.id,
      atMs,
      minutes: worklog.timeSpentSeconds / 60,
      author: worklog.author?.accountId ?? 'unknown',
      line: lineAt(lineHistory, initialLine, atMs),
    });
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
 * const history = jiraIssueToHistory({ issue, histories, property }, mapping);
 * evaluatePortfolio(settings.catalog, [history], now);
 */
export function jiraIssueToHistory(data: JiraIssueData, project: ProjectMapping): IssueHistory {
  const { issue, histories, property } = data;
  const names = new NameTranslator(project);
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
        events.push({
          atMs: clamp(atMs),
          kind: 'status',
          to: names.status(to),
          ...(from ? { from: names.status(from) } : {}),
          ...(by ? { by } : {}),
        });
      } else if (field === 'priority' && to) {
        events.push({ atMs: clamp(atMs), kind: 'priority', to: names.priority(to) });
      } else if (field === 'issuetype' && to) {
        events.push({ atMs: clamp(atMs), kind: 'type', to: names.type(to) });
      } else if (field === 'timeoriginalestimate' && ownText(item, 'to')) {
        const seconds = Number(ownText(item, 'to'));
        if (Number.isFinite(seconds) && seconds > 0)
          events.push({ atMs: clamp(atMs), kind: 'estimate', minutes: Math.ceil(seconds / 60) });
      }
    }
  }
  if (property?.response)
    events.push({
      atMs: clamp(property.response.atMs),
      kind: 'response',
      ...(property.response.by ? { by: property.response.by } : {}),
    });
  for (const change of property?.lineHistory ?? [])
    events.push({ atMs: clamp(change.atMs), kind: 'line', to: change.to });
  // Stable sort: changes at one instant keep Jira's order.
  events.sort((a, b) => a.atMs - b.atMs);

  const rating = jiraRating(issue, histories, project.satisfaction, createdAtMs);
  return {
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
    ...(rating ? { rating } : {}),
  };
}
