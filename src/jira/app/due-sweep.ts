import type { JiraIssue } from '../client/jira-schemas';
import { loadAppSettings } from '../config/app-settings';
import { DUE_INDEX_PREFIX, parseDueIndexKey, readIssueFacts } from '../sla/issue-facts';
import { SLA_PROPERTY_KEY } from '../sla/sla-property';
import type { AppDeps } from './app-deps';
import { addStats, emptyStats, processIssues, type ProcessStats } from './process-issues';
import { issueWorksOf } from './issue-works';
import { publishServedProjects } from './served-projects';
import { slaFieldId } from './sla-field';

export interface DueSweepOptions {
  readonly runId: string;
  /** Stop starting new batches after this much wall time; what is left stays due for the next sweep. */
  readonly budgetMs: number;
  /** Issues evaluated together (one changelog request per batch). Default 1000. */
  readonly batchSize?: number;
  /**
   * How far back "changed since the last sweep" looks, in minutes: two sweep periods by default, so an
   * event lost between two sweeps is caught without the sweep keeping a cursor (which would be a write).
   */
  readonly changedWithinMinutes?: number;
}

export interface DueSweepResult extends ProcessStats {
  readonly runId: string;
  /** Issues the due index named (their next transition has come). */
  readonly due: number;
  /** Issues Jira reported changed within the look-back window. */
  readonly changed: number;
  readonly searchPages: number;
  readonly changelogBatches: number;
  /** Due-index entries dropped because Jira no longer has the issue (deleted, moved out of a served project). */
  readonly dropped: number;
  readonly skipped?: 'no_settings' | 'invalid_settings';
}

/** Issue ids per `id in (…)` search: 100, the page size. */
const IDS_PER_SEARCH = 100;

/** Issue ids whose next transition is at or before `nowMs`, oldest first, from the due index in storage. */
async function dueIssueIds(deps: AppDeps, nowMs: number, limit: number): Promise<Map<string, string[]>> {
  const due = new Map<string, string[]>();
  let cursor: string | undefined;
  for (;;) {
    const page = await deps.store.list(DUE_INDEX_PREFIX, { cursor, limit: 100 });
    for (const entry of page.entries) {
      const parsed = parseDueIndexKey(entry.key);
      if (parsed === null) continue;
      if (parsed.atMs > nowMs || due.size >= limit) return due;
      const keys = due.get(parsed.issueId) ?? [];
      keys.push(entry.key);
      due.set(parsed.issueId, keys);
    }
    if (page.cursor === undefined) return due;
    cursor = page.cursor;
  }
}

/** JQL for issues of the served projects changed in the last `minutes` (relative, so no time zone is involved). */
export function changedIssuesJql(projectKeys: readonly string[], minutes: number): string {
  return `project in (${projectKeys.map((key) => `"${key}"`).join(', ')}) AND updated >= "-${Math.max(1, Math.ceil(minutes))}m" ORDER BY key ASC`;
}

async function searchAll(deps: AppDeps, jql: string, counters: { searchPages: number }): Promise<JiraIssue[]> {
  const issues: JiraIssue[] = [];
  let token: string | undefined;
  for (;;) {
    const page = await deps.jira.searchJql({
      jql,
      properties: [SLA_PROPERTY_KEY],
      maxResults: 100,
      nextPageToken: token,
    });
    counters.searchPages++;
    issues.push(...page.issues);
    token = page.nextPageToken;
    if (page.isLast === true || token === undefined) return issues;
  }
}

/** The issues behind the due ids, 100 per `id in (…)` search. */
async function fetchByIds(
  deps: AppDeps,
  ids: readonly string[],
  counters: { searchPages: number },
): Promise<JiraIssue[]> {
  const issues: JiraIssue[] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_SEARCH) {
    const part = ids.slice(start, start + IDS_PER_SEARCH).filter((id) => /^\d+$/.test(id));
    if (part.length > 0)
      issues.push(...(await searchAll(deps, `id in (${part.join(', ')}) ORDER BY key ASC`, counters)));
  }
  return issues;
}

/**
 * The five-minute sweep, proportional to what is due. After each evaluation the app records the issue's
 * next transition instant (at risk, breach, escalation level) in a due index in storage; this sweep asks
 * Jira only for the issues whose instant has come, plus the issues of served projects changed within the
 * last two sweep periods (in case an event was lost). With nothing due and nothing changed it costs one
 * search request and no write; with 50 issues due it costs one search page per 100 due issues and one
 * changelog request per batch, whatever the number of open issues. A daily reconciliation
 * ({@link runSweep}) catches anything else.
 *
 * @example
 * await runDueSweep(deps, { runId: 'sweep-2026-11-20T12:00', budgetMs: 600_000 });
 */
export async function runDueSweep(deps: AppDeps, options: DueSweepOptions): Promise<DueSweepResult> {
  const startedMs = deps.now();
  const base = { runId: options.runId, due: 0, changed: 0, searchPages: 0, changelogBatches: 0, dropped: 0 };
  const loaded = await loadAppSettings(deps.store);
  if (loaded === null || !loaded.ok) {
    const reason = loaded === null ? 'no_settings' : 'invalid_settings';
    deps.log({ event: 'sweep_skipped', runId: options.runId, reason });
    return { ...emptyStats(), ...base, skipped: reason };
  }
  const settings = loaded.settings;
  try {
    await publishServedProjects(deps, settings);
  } catch (error) {
    // The display conditions lag behind until the next sweep; SLA work goes on.
    deps.log({
      event: 'served_projects_not_published',
      runId: options.runId,
      message: error instanceof Error ? error.message : String(error),
    });
  }
  const projectKeys = Object.keys(settings.mapping.projects).sort();
  const counters = { ...base };
  const total = emptyStats();
  if (projectKeys.length === 0) return { ...total, ...counters };
  const batchSize = Math.min(1000, Math.max(1, options.batchSize ?? 1000));

  const due = await dueIssueIds(deps, startedMs, 50 * batchSize);
  counters.due = due.size;
  const changed = await searchAll(deps, changedIssuesJql(projectKeys, options.changedWithinMinutes ?? 10), counters);
  counters.changed = changed.length;
  const changedIds = new Set(changed.map((issue) => issue.id));
  const dueIds = [...due.keys()].filter((id) => !changedIds.has(id));
  const dueIssues = await fetchByIds(deps, dueIds, counters);

  // Index entries of issues Jira no longer returns (deleted, or not visible to the app) are dropped.
  const found = new Set([...dueIssues, ...changed].map((issue) => issue.id));
  for (const id of dueIds) {
    if (found.has(id)) continue;
    for (const key of due.get(id) ?? []) await deps.store.delete(key);
    counters.dropped++;
  }

  const issues = [...changed, ...dueIssues];
  const fieldId = issues.length > 0 ? await slaFieldId(deps) : null;
  for (let start = 0; start < issues.length; start += batchSize) {
    if (start > 0 && deps.now() - startedMs >= options.budgetMs) {
      // Out of time: the rest stays in the due index and is the first thing the next sweep reads.
      deps.log({ event: 'sweep_budget_spent', runId: options.runId, left: issues.length - start });
      break;
    }
    const works = await issueWorksOf(deps, settings, issues.slice(start, start + batchSize), counters);
    addStats(
      total,
      await processIssues(deps, settings, works, { runId: options.runId, fieldId, responseCheck: 'on_change' }),
    );
  }
  // An issue evaluated at its due instant that has no later one keeps a stale index entry: drop it.
  for (const [id, keys] of due) {
    const facts = await readIssueFacts(deps.store, id);
    for (const key of keys) {
      const parsed = parseDueIndexKey(key);
      if (facts !== null && parsed !== null && facts.nextAtMs !== parsed.atMs && found.has(id))
        await deps.store.delete(key);
    }
  }
  const result: DueSweepResult = { ...total, ...counters };
  deps.log({
    event: 'sweep_done',
    runId: options.runId,
    due: result.due,
    changed: result.changed,
    issues: result.issues,
    propertyWrites: result.propertyWrites,
    fieldWrites: result.fieldWrites,
    escalations: result.escalations,
    errors: result.errors.length,
    ms: deps.now() - startedMs,
  });
  return result;
}
