import { loadAppSettings, type AppSettings } from '../config/app-settings';
import type { KeyValueStore } from '../store/key-value-store';
import { fail, ok, type ResolverResult } from './resolver-result';

/** The saved settings a page works from, or the page's answer when there are none or they are not valid. */
export async function pageSettings(store: KeyValueStore): Promise<ResolverResult<AppSettings>> {
  const loaded = await loadAppSettings(store);
  if (loaded === null)
    return fail('not_configured', 'a Jira admin has not set up Tariff SLA yet (Apps → Tariff SLA settings)');
  if (!loaded.ok)
    return fail('invalid_settings', 'the saved settings are not valid; a Jira admin should open Tariff SLA settings');
  return ok(loaded.settings);
}
