import { z } from 'zod';
import type { AppDeps } from './app-deps';

const LAST_CHANGE_KEY = 'events:lastChangeMs';

/** Notes that Jira data behind the reports changed (an issue, a comment or a worklog), so cached reports are stale. */
export async function markReportsStale(deps: Pick<AppDeps, 'store' | 'now'>): Promise<void> {
  await deps.store.set(LAST_CHANGE_KEY, deps.now());
}

/** When Jira data last changed, as far as the triggers saw; 0 when never. */
export async function lastChangeMs(deps: Pick<AppDeps, 'store'>): Promise<number> {
  const parsed = z.number().safeParse(await deps.store.get(LAST_CHANGE_KEY));
  return parsed.success ? parsed.data : 0;
}
