import type { IssueHistory, Worklog } from '../../core/history/issue-history';
import type { CachedIssue } from './worker-state-schema';

/**
 * The engine's view of a cached issue: key `#id` (Redmine links it in wiki text), the values at
 * creation, the events, and the worklogs when the caller has them (statements only).
 *
 * @example
 * evaluatePortfolio(catalog, Object.values(state.issues).map((cached) => historyOfCachedIssue(cached)), Date.now());
 */
export function historyOfCachedIssue(
  cached: CachedIssue,
  sourceIndex?: number,
  worklogs: Worklog[] = [],
): IssueHistory {
  return {
    key: `#${cached.id}`,
    contractId: cached.contractId,
    type: cached.type,
    priority: cached.priority,
    status: cached.status,
    createdAtMs: cached.createdAtMs,
    summary: cached.subject,
    ...(cached.line !== undefined ? { line: cached.line } : {}),
    events: cached.events,
    worklogs,
    ...(cached.rating !== undefined ? { rating: { score: cached.rating.score, atMs: cached.rating.atMs } } : {}),
    ...(sourceIndex !== undefined ? { sourceIndex } : {}),
  };
}
