import { z } from 'zod';
import type { AppDeps } from './app-deps';

const lastChangeKey = (projectKey: string, contractId?: string) =>
  contractId === undefined ? `events:lastChangeMs:${projectKey}` : `events:lastChangeMs:${projectKey}:${contractId}`;

/**
 * Notes that Jira data behind one project's reports changed (an issue, a comment or a worklog of the
 * project), so its cached reports are stale; other projects' reports stay valid. With the contracts of
 * the changed issues (`''` for a request no contract covers), only those contracts' reports in the
 * project are stale — in a shared desk one client's change leaves the other clients' reports current;
 * without them (an event of an issue the app has no record of yet), every report of the project is.
 */
export async function markReportsStale(
  deps: Pick<AppDeps, 'store' | 'now'>,
  projectKey: string,
  contractIds?: Iterable<string>,
): Promise<void> {
  if (contractIds === undefined) {
    await deps.store.set(lastChangeKey(projectKey), deps.now());
    return;
  }
  for (const contractId of new Set(contractIds))
    await deps.store.set(lastChangeKey(projectKey, contractId), deps.now());
}

/**
 * When Jira data of the project (of one contract's issues in it, when given) last changed, as far as the
 * triggers saw; 0 when never. A change the triggers could not place in a contract counts for all of them.
 */
export async function lastChangeMs(
  deps: Pick<AppDeps, 'store'>,
  projectKey: string,
  contractId?: string,
): Promise<number> {
  const read = async (key: string) => {
    const parsed = z.number().safeParse(await deps.store.get(key));
    return parsed.success ? parsed.data : 0;
  };
  const whole = await read(lastChangeKey(projectKey));
  return contractId === undefined ? whole : Math.max(whole, await read(lastChangeKey(projectKey, contractId)));
}
