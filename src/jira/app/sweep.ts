import { z } from 'zod';
import { JiraError } from '../client/jira-error';
import type { JiraIssue } from '../client/jira-schemas';
import { loadAppSettings, type AppSettings } from '../config/app-settings';
import { contractReads, jiraContractAttributes } from '../mapping/contract-attributes';
import type { IssueHistory } from '../../core/history/issue-history';
import { jiraIssueToHistory } from '../mapping/jira-issue-history';
import { SLA_PROPERTY_KEY } from '../sla/sla-property';
import type { AppDeps } from './app-deps';
import { addStats, emptyStats, processIssues, type ProcessStats } from './process-issues';
import { issueWorksOf } from './issue-works';
import { slaFieldId } from './sla-field';

/** Work left for a queue consumer: one project, from a page token (or from its start). */
export const sweepContinuationSchema = z.object({
  runId: z.string(),
  projectKey: z.string(),
  nextPageToken: z.string().optional(),
  /** How many invocations this project's sweep has taken so far; bounds the chain. */
  hop: z.number().int().nonnegative().default(0),
});
export type SweepContinuation = z.infer<typeof sweepContinuationSchema>;

/** Pushes continuations onto the sweep queue (a Forge Queue in production, an array in tests). */
export type EnqueueSweep = (continuations: readonly SweepContinuation[]) => Promise<void>;

export interface SweepOptions {
  readonly runId: string;
  /** Stop starting new batches after this much wall time and hand the rest to the queue. */
  readonly budgetMs: number;
  readonly enqueue: EnqueueSweep;
  /** Issues evaluated together: one changelog request per batch. Default 1000 (Jira's bulk limit). */
  readonly batchSize?: number;
  /** Continue one project only (a queue event); default: every mapped project. */
  readonly continuation?: SweepContinuation;
}

export interface SweepResult extends ProcessStats {
  readonly runId: string;
  readonly projects: number;
  readonly searchPages: number;
  readonly changelogBatches: number;
  /** Continuations handed to the queue because the budget ran out. */
  readonly enqueued: number;
  readonly skipped?: 'no_settings' | 'invalid_settings';
}

/** How far back a batch's daily-limit peers reach: a local day seen from any time zone. */
const PEER_WINDOW_MS = 2 * 86_400_000;

/** Longest chain of queue hops for one project in one run, against a sweep that never finishes. */
const MAX_HOPS = 50;

/**
 * Open issues of the project, plus issues resolved in the last day in case their trigger was missed:
 * a badge must not stay "on track" on an issue that was closed. In creation order, so the daily
 * incident limit of a batch is ranked among the issues of the earlier batches.
 */
export function sweepJql(projectKey: string): string {
  return `project = "${projectKey}" AND (statusCategory != Done OR resolved >= "-1d") ORDER BY created ASC, key ASC`;
}

/**
 * The full reconciliation (daily, one queue event per project): every open issue of every served
 * project is evaluated against the app's records in storage, so anything the five-minute sweep of due
 * issues ({@link runDueSweep}) did not see is caught — a missed event, or an issue property a user edited
 * (the copy is written back from storage).
 *
 * Projects are read page by page (100 issues with their SLA property per search page), evaluated in
 * batches (one bulk changelog request per batch) and written only where something changed. When the
 * time budget runs out, the current project continues from its page token in a queue consumer and the
 * remaining projects fan out, one queue event each.
 *
 * @example
 * await runSweep(deps, { runId: 'sweep-2026-11-20T12:00', budgetMs: 600_000, enqueue: (events) => queue.push(events) });
 */
export async function runSweep(deps: AppDeps, options: SweepOptions): Promise<SweepResult> {
  const startedMs = deps.now();
  const loaded = await loadAppSettings(deps.store);
  const base = { runId: options.runId, projects: 0, searchPages: 0, changelogBatches: 0, enqueued: 0 };
  if (loaded === null || !loaded.ok) {
    deps.log({
      event: 'sweep_skipped',
      runId: options.runId,
      reason: loaded === null ? 'no_settings' : 'invalid_settings',
    });
    return { ...emptyStats(), ...base, skipped: loaded === null ? 'no_settings' : 'invalid_settings' };
  }
  const settings = loaded.settings;
  const fieldId = await slaFieldId(deps);
  const total = emptyStats();
  const counters = { ...base };
  const batchSize = Math.min(1000, Math.max(1, options.batchSize ?? 1000));

  const queue: SweepContinuation[] = options.continuation
    ? [options.continuation]
    : Object.keys(settings.mapping.projects)
        .sort()
        .map((projectKey) => ({ runId: options.runId, projectKey, hop: 0 }));

  while (queue.length > 0) {
    const item = queue.shift();
    if (!item) break;
    if (!Object.prototype.hasOwnProperty.call(settings.mapping.projects, item.projectKey)) continue;
    counters.projects++;
    const left = await sweepProject(
      deps,
      settings,
      item,
      { ...options, batchSize, fieldId, startedMs },
      total,
      counters,
    );
    if (left) {
      // Out of time: this project continues from its token, the others fan out in parallel.
      const handOff = [left, ...queue.splice(0)].filter((continuation) => continuation.hop <= MAX_HOPS);
      await options.enqueue(handOff);
      counters.enqueued += handOff.length;
      deps.log({ event: 'sweep_handed_off', runId: options.runId, continuations: handOff.length });
    }
  }
  const result: SweepResult = { ...total, ...counters };
  deps.log({
    event: 'sweep_done',
    runId: options.runId,
    projects: result.projects,
    issues: result.issues,
    propertyWrites: result.propertyWrites,
    fieldWrites: result.fieldWrites,
    escalations: result.escalations,
    errors: result.errors.length,
    ms: deps.now() - startedMs,
  });
  return result;
}

interface ProjectSweepOptions extends SweepOptions {
  readonly batchSize: number;
  readonly fieldId: string | null;
  readonly startedMs: number;
}

/** Sweeps one project; returns a continuation when the budget ran out before its last page. */
async function sweepProject(
  deps: AppDeps,
  settings: AppSettings,
  item: SweepContinuation,
  options: ProjectSweepOptions,
  total: ProcessStats,
  counters: { searchPages: number; changelogBatches: number },
): Promise<SweepContinuation | null> {
  const project = settings.mapping.projects[item.projectKey];
  // Bare histories of the issues swept so far in this invocation: the daily limit ranks later batches among them.
  const seen: IssueHistory[] = [];
  // With contract rules, the rules' fields come along, and the day's peers carry what the rules look at.
  const issueFields = contractReads(settings.mapping).issueFields;
  let token = item.nextPageToken;
  let restarted = false;
  for (;;) {
    const batch: JiraIssue[] = [];
    let last = false;
    while (batch.length < options.batchSize) {
      let page;
      try {
        page = await deps.jira.searchJql({
          jql: sweepJql(item.projectKey),
          properties: [SLA_PROPERTY_KEY],
          maxResults: 100,
          nextPageToken: token,
          ...(issueFields ? { fields: issueFields } : {}),
        });
      } catch (error) {
        // A page token from an earlier invocation may have expired: start the project over once
        // (unchanged issues cost no writes, and escalations are exactly-once anyway).
        if (error instanceof JiraError && error.status === 400 && token !== undefined && !restarted) {
          restarted = true;
          token = undefined;
          deps.log({ event: 'sweep_token_expired', runId: options.runId, project: item.projectKey });
          continue;
        }
        throw error;
      }
      counters.searchPages++;
      batch.push(...page.issues);
      token = page.nextPageToken;
      if (page.isLast === true || token === undefined) {
        last = true;
        break;
      }
    }
    if (batch.length > 0) {
      const works = await issueWorksOf(deps, settings, batch, counters);
      const batchHistories = batch.map((issue) => {
        const history = jiraIssueToHistory({ issue, histories: [], property: null }, project);
        if (issueFields === undefined) return history;
        const changes = works.find((work) => work.issue.id === issue.id)?.histories ?? [];
        return {
          ...history,
          contractAttributes: jiraContractAttributes({ issue, histories: changes }, settings.mapping),
        };
      });
      // Issues are swept in creation order: a day's earlier issues are at most a couple of days behind this batch.
      const sinceMs = Math.min(...batchHistories.map((history) => history.createdAtMs)) - PEER_WINDOW_MS;
      const recent = seen.filter((history) => history.createdAtMs >= sinceMs);
      addStats(
        total,
        await processIssues(deps, settings, works, {
          runId: options.runId,
          fieldId: options.fieldId,
          responseCheck: 'on_change',
          limitPeers: recent,
        }),
      );
      seen.splice(0, seen.length, ...recent, ...batchHistories);
    }
    if (last) return null;
    if (deps.now() - options.startedMs >= options.budgetMs)
      return { runId: options.runId, projectKey: item.projectKey, nextPageToken: token, hop: item.hop + 1 };
  }
}
