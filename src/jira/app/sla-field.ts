import { z } from 'zod';
import type { AppDeps } from './app-deps';

/** Module key of the read-only "SLA" custom field in manifest.yml. */
export const SLA_FIELD_MODULE_KEY = 'sla-state';
const CACHE_KEY = 'settings:slaFieldId';

/**
 * Jira names a Forge field by a key that ends with the module key (the app and environment come
 * first); the id (`customfield_…`) is what the value endpoint takes.
 */
function isSlaField(key: string | undefined): boolean {
  if (key === undefined) return false;
  return (
    key === SLA_FIELD_MODULE_KEY ||
    key.endsWith(`__${SLA_FIELD_MODULE_KEY}`) ||
    key.endsWith(`/${SLA_FIELD_MODULE_KEY}`)
  );
}

/**
 * The id of the SLA field on this site, looked up once and then kept in storage; null when Jira does
 * not list it (the app is installed but the field was deleted), in which case only the property is written.
 *
 * @example
 * const fieldId = await slaFieldId(deps); // 'customfield_10101'
 */
export async function slaFieldId(deps: Pick<AppDeps, 'jira' | 'store'>): Promise<string | null> {
  const cached = z.string().safeParse(await deps.store.get(CACHE_KEY));
  if (cached.success) return cached.data;
  const field = (await deps.jira.listFields()).find((candidate) => isSlaField(candidate.key));
  if (!field) return null;
  await deps.store.set(CACHE_KEY, field.id);
  return field.id;
}
