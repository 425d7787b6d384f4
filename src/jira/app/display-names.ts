import { z } from 'zod';
import type { IssueHistory } from '../../core/history/issue-history';
import type { AppDeps } from './app-deps';

const CACHE_KEY = 'cache:displayNames';
/** A name is looked up again after a day (people rename themselves rarely). */
const MAX_AGE_MS = 86_400_000;
/** Names kept at most, the most recently looked up first, well inside Forge storage's value limit. */
const MAX_NAMES = 2_000;

const cacheSchema = z.object({ names: z.record(z.string(), z.object({ name: z.string(), atMs: z.number() })) });

/**
 * Display names of Jira accounts, for every place people are shown (the ledger, the CSV, the explain
 * text): known names come from a cache in storage (a day old at most) and from `known` (names Jira already
 * sent, e.g. changelog authors); the rest are asked of Jira in one bulk lookup per 200 accounts. An account
 * Jira does not know keeps its id.
 *
 * @example
 * const names = await displayNames(deps, ['5b10ac8d82e05b22cc7d4ef5']); // Map { '5b10…' => 'Dana Agent' }
 */
export async function displayNames(
  deps: Pick<AppDeps, 'jira' | 'store' | 'now'>,
  accountIds: Iterable<string>,
  known: ReadonlyMap<string, string> = new Map(),
): Promise<Map<string, string>> {
  const wanted = [...new Set(accountIds)].filter((id) => id !== '' && id !== 'unknown');
  const result = new Map<string, string>();
  if (wanted.length === 0) return result;
  const nowMs = deps.now();
  const parsed = cacheSchema.safeParse(await deps.store.get(CACHE_KEY));
  const cache = parsed.success ? parsed.data.names : {};
  const missing: string[] = [];
  for (const id of wanted) {
    const fromJira = known.get(id);
    const cached = cache[id];
    if (fromJira !== undefined) result.set(id, fromJira);
    else if (cached !== undefined && nowMs - cached.atMs < MAX_AGE_MS) result.set(id, cached.name);
    else missing.push(id);
  }
  if (missing.length === 0) return result;
  try {
    for (const user of await deps.jira.getUsersBulk(missing))
      if (user.displayName !== undefined) result.set(user.accountId, user.displayName);
  } catch {
    // Names are a courtesy: without Jira's answer people are shown by account id, and the cache stays as it is.
    return result;
  }
  const updated: Record<string, { name: string; atMs: number }> = { ...cache };
  for (const id of missing) {
    const name = result.get(id);
    if (name !== undefined) updated[id] = { name, atMs: nowMs };
  }
  const kept = Object.entries(updated)
    .sort((a, b) => b[1].atMs - a[1].atMs)
    .slice(0, MAX_NAMES);
  await deps.store.set(CACHE_KEY, { names: Object.fromEntries(kept) });
  return result;
}

/** Every account a history names: who made a change or answered, who logged work. */
export function accountsIn(histories: readonly IssueHistory[]): Set<string> {
  const ids = new Set<string>();
  for (const history of histories) {
    for (const event of history.events)
      if ((event.kind === 'status' || event.kind === 'response') && event.by !== undefined) ids.add(event.by);
    for (const worklog of history.worklogs) ids.add(worklog.author);
  }
  return ids;
}

/** The histories with people shown by display name (for what people read only; facts keep account ids). */
export function withDisplayNames(
  histories: readonly IssueHistory[],
  names: ReadonlyMap<string, string>,
): IssueHistory[] {
  const name = (id: string | undefined) => (id === undefined ? undefined : (names.get(id) ?? id));
  return histories.map((history) => ({
    ...history,
    events: history.events.map((event) =>
      (event.kind === 'status' || event.kind === 'response') && event.by !== undefined
        ? { ...event, by: name(event.by) }
        : event,
    ),
    worklogs: history.worklogs.map((worklog) => ({ ...worklog, author: name(worklog.author) ?? worklog.author })),
  }));
}
