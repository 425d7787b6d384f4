import { z } from 'zod';
import type { AppDeps } from './app-deps';

const CACHE_KEY = 'cache:statuses';
const cacheSchema = z.object({ atMs: z.number(), names: z.record(z.string(), z.string()) });
/** Status names change rarely; an hour-old copy is good enough for workflow rules. */
const MAX_AGE_MS = 3_600_000;

/**
 * The name of a status by id (workflow events carry ids only), from a copy of Jira's status list kept
 * in storage for an hour; undefined when Jira does not know the id.
 *
 * @example
 * await statusName(deps, '10001'); // 'Waiting for customer'
 */
export async function statusName(
  deps: Pick<AppDeps, 'jira' | 'store' | 'now'>,
  statusId: string,
): Promise<string | undefined> {
  const cached = cacheSchema.safeParse(await deps.store.get(CACHE_KEY));
  if (cached.success && deps.now() - cached.data.atMs < MAX_AGE_MS && statusId in cached.data.names)
    return cached.data.names[statusId];
  const names: Record<string, string> = {};
  for (const status of await deps.jira.listStatuses()) names[status.id] = status.name;
  await deps.store.set(CACHE_KEY, { atMs: deps.now(), names });
  return names[statusId];
}
