/**
 * The Forge transport for the Jira client: requests go out as the app through
 * `api.asApp().requestJira`, which only takes routes built with `route`.
 */
import api, { route, type RequestInit as ForgeRequestInit, type Route } from '@forge/api';
import type { JiraHttpResponse, RequestJira } from './jira-client';

/** The Forge call this transport needs; tests pass a recorder instead of the real platform. */
export type ForgeRequestJira = (url: Route, init?: ForgeRequestInit) => Promise<JiraHttpResponse>;

/**
 * Rebuilds a client path as a Forge `Route`, one `route` template per segment, so Forge's
 * own checks apply to every path parameter (no `/`, `?`, `#` or `..` smuggled inside one)
 * and the query is re-encoded by `route` as URLSearchParams.
 *
 * @example
 * ```ts
 * toForgeRoute('/rest/api/3/issue/SUP-1/properties/sla?x=1').value;
 * // '/rest/api/3/issue/SUP-1/properties/sla?x=1'
 * ```
 */
export function toForgeRoute(path: string): Route {
  const mark = path.indexOf('?');
  const pathname = mark < 0 ? path : path.slice(0, mark);
  const search = mark < 0 ? '' : path.slice(mark + 1);
  if (!pathname.startsWith('/rest/'))
    throw new RangeError(`Jira paths start with /rest/, got ${pathname.slice(0, 40)}`);
  let built: Route | undefined;
  for (const segment of pathname.slice(1).split('/')) {
    // Segments arrive percent-encoded by buildJiraPath; `route` checks them and keeps them as they are.
    built = built === undefined ? route`/${segment}` : route`${built}/${segment}`;
  }
  if (built === undefined) throw new RangeError('empty Jira path');
  return search === '' ? built : route`${built}?${new URLSearchParams(search)}`;
}

/**
 * A {@link RequestJira} that calls Jira as the app from inside a Forge function.
 *
 * @example
 * ```ts
 * import { createJiraClient } from './jira-client';
 * const jira = createJiraClient({ requestJira: createForgeRequestJira() });
 * ```
 */
export function createForgeRequestJira(
  requestJira: ForgeRequestJira = (url, init) => api.asApp().requestJira(url, init),
): RequestJira {
  return (path, init) =>
    requestJira(toForgeRoute(path), {
      method: init.method,
      headers: { ...init.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
}
