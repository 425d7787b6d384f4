import { z } from 'zod';
import type { AppSettings } from '../config/app-settings';
import type { AppDeps } from './app-deps';

/**
 * Key of the Forge app property that lists the served projects. Only the app can write app properties;
 * the display conditions of the issue panel and the project page read it
 * (`app.properties['tariff-sla-served'].projects.includes(project.key)`), so neither shows where no
 * contract applies.
 */
export const SERVED_PROJECTS_PROPERTY = 'tariff-sla-served';
const PUBLISHED_KEY = 'settings:servedProjectsPublished';

/**
 * Publishes the served project keys to the app property when they differ from what was last published
 * (kept in storage): no request and no write while the mapping stays the same.
 *
 * @example
 * await publishServedProjects(deps, settings); // true after a save that added a project
 */
export async function publishServedProjects(
  deps: Pick<AppDeps, 'jira' | 'store'>,
  settings: AppSettings,
): Promise<boolean> {
  const projects = Object.keys(settings.mapping.projects).sort();
  const published = z.array(z.string()).safeParse(await deps.store.get(PUBLISHED_KEY));
  if (published.success && published.data.join(',') === projects.join(',')) return false;
  await deps.jira.setAppProperty(SERVED_PROJECTS_PROPERTY, { projects });
  await deps.store.set(PUBLISHED_KEY, projects);
  return true;
}
