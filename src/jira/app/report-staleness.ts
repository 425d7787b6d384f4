import { z } from 'zod';
import type { AppDeps } from './app-deps';

const lastChangeKey = (projectKey: string) => `events:lastChangeMs:${projectKey}`;

/**
 * Notes that Jira data behind one project's reports changed (an issue, a comment or a worklog of the
 * project), so that project's cached reports are stale; other projects' reports stay valid.
 */
export async function markReportsStale(deps: Pick<AppDeps, 'store' | 'now'>, projectKey: string): Promise<void> {
  await deps.store.set(lastChangeKey(projectKey), deps.now());
}

/** When Jira data of the project last changed, as far as the triggers saw; 0 when never. */
export async function lastChangeMs(deps: Pick<AppDeps, 'store'>, projectKey: string): Promise<number> {
  const parsed = z.number().safeParse(await deps.store.get(lastChangeKey(projectKey)));
  return parsed.success ? parsed.data : 0;
}
