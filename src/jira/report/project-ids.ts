import { z } from 'zod';
import type { KeyValueStore } from '../store/key-value-store';

const PROJECT_IDS_KEY = 'project-ids';
const projectIdsSchema = z.record(z.string(), z.string());

/**
 * The Jira ids of served projects the app has seen (from Forge's context of a project page, and from the
 * issues it read), by key: contract rules may name a project by id, and the pages and the sweep match
 * them by key or id. Empty when none was seen yet.
 */
export async function readProjectIds(store: Pick<KeyValueStore, 'get'>): Promise<Record<string, string>> {
  const parsed = projectIdsSchema.safeParse(await store.get(PROJECT_IDS_KEY));
  return parsed.success ? parsed.data : {};
}

/** Keeps a project's id beside its key; written only when it is new or changed. */
export async function noteProjectId(
  store: Pick<KeyValueStore, 'get' | 'set'>,
  projectKey: string,
  projectId: string | undefined,
): Promise<void> {
  if (projectId === undefined || projectId === '') return;
  const known = await readProjectIds(store);
  if (known[projectKey] === projectId) return;
  await store.set(PROJECT_IDS_KEY, { ...known, [projectKey]: projectId });
}
