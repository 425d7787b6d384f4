import { z } from 'zod';
import type { AppSettings } from '../config/app-settings';
import type { AppDeps } from './app-deps';
import { slaFieldId } from './sla-field';

/**
 * Key of the Forge app property that lists the served projects. Only the app can write app properties;
 * the display conditions of the issue panel and the project page read it
 * (`app.properties['tariff-sla-served'].projects.includes(project.key)`), so neither shows where no
 * contract applies. It also names the SLA field's id on this site (`slaFieldId`): the escalation
 * workflow condition reads the field through it (`issue?.[app.properties['tariff-sla-served'].slaFieldId]`),
 * since a field's id differs per site and only the app can write either.
 */
export const SERVED_PROJECTS_PROPERTY = 'tariff-sla-served';
const PUBLISHED_KEY = 'settings:servedProjectsPublished';

/** What the app property holds. */
export const servedProjectsPropertySchema = z.object({
  projects: z.array(z.string()),
  slaFieldId: z.string().nullable(),
});
export type ServedProjectsProperty = z.infer<typeof servedProjectsPropertySchema>;

/**
 * Publishes the served project keys and the SLA field's id to the app property when they differ from
 * what was last published (kept in storage): no request and no write while both stay the same.
 *
 * @example
 * await publishServedProjects(deps, settings); // true after a save that added a project
 */
export async function publishServedProjects(
  deps: Pick<AppDeps, 'jira' | 'store'>,
  settings: AppSettings,
): Promise<boolean> {
  const projects = Object.keys(settings.mapping.projects).sort();
  const published = servedProjectsPropertySchema.safeParse(await deps.store.get(PUBLISHED_KEY));
  const sameProjects = published.success && published.data.projects.join(',') === projects.join(',');
  // The field's id never changes once known, so a steady sweep asks Jira nothing here.
  if (sameProjects && published.data.slaFieldId !== null) return false;
  const value: ServedProjectsProperty = { projects, slaFieldId: await slaFieldId(deps) };
  if (sameProjects && published.data.slaFieldId === value.slaFieldId) return false;
  await deps.jira.setAppProperty(SERVED_PROJECTS_PROPERTY, value);
  await deps.store.set(PUBLISHED_KEY, value);
  return true;
}
