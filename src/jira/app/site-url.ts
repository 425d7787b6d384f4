import { z } from 'zod';
import type { JiraClient } from '../client/jira-client';
import type { AppDeps, AppMessengers } from './app-deps';

/** What finding the site's address needs: Jira's serverInfo, storage, the clock, the log and the override. */
export type SiteUrlDeps = Pick<AppDeps, 'store' | 'now' | 'log'> & {
  readonly jira: Pick<JiraClient, 'getServerInfo'>;
  readonly messengers?: Pick<AppMessengers, 'siteUrl'>;
};

/** Where the site's base URL is kept once read from Jira. */
export const SITE_URL_KEY = 'site:baseUrl';
/** A kept base URL is read again after this long (a site renamed to a new address is followed within a week). */
export const SITE_URL_MAX_AGE_MS = 7 * 86_400_000;

const keptSchema = z.object({ baseUrl: z.string(), readAtMs: z.number() });

/** Longest base URL put into a message (a host name is at most 253 characters; Jira's are far shorter). */
export const SITE_URL_MAX_LENGTH = 300;
const BASE_URL_HINT = 'expected the https address of the Jira site, such as https://example.atlassian.net';
/** A path of plain URL characters: nothing a chat's markup could read (`<`, `|`, `>`, spaces, quotes). */
const PLAIN_PATH = /^[A-Za-z0-9._~/%-]*$/;

/**
 * A site's base URL as Jira gives it: https, a host, at most {@link SITE_URL_MAX_LENGTH} characters,
 * no credentials, query or fragment, a path of plain characters; kept without a trailing slash. It
 * goes into every messenger notification, so anything else is refused (and never repeated in the log).
 */
const baseUrlSchema = z
  .string()
  .max(SITE_URL_MAX_LENGTH, { error: `${BASE_URL_HINT} (at most ${SITE_URL_MAX_LENGTH} characters)` })
  .pipe(z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: BASE_URL_HINT }))
  .refine((text) => !/[?#@\s]/.test(text), { error: `${BASE_URL_HINT}, without credentials, query or fragment` })
  .refine((text) => URL.canParse(text) && PLAIN_PATH.test(new URL(text).pathname), {
    error: `${BASE_URL_HINT}, with a plain path`,
  })
  .transform((text) => text.replace(/\/+$/, ''));

/**
 * The Jira site's base URL (`https://example.atlassian.net`), for the issue link in messenger
 * notifications, with no configuration: the `TARIFF_SLA_SITE_URL` variable when set (an override, e.g.
 * a custom domain), else the one kept in app storage (read at most weekly), else Jira's
 * `GET /rest/api/3/serverInfo` `baseUrl`, kept for next time. When Jira cannot be asked, the kept one
 * (however old) or null — the message then goes out without the link; the escalation never waits on it.
 *
 * @example
 * const siteUrl = await siteBaseUrl(deps); // 'https://alfa-support.atlassian.net'
 */
export async function siteBaseUrl(deps: SiteUrlDeps): Promise<string | null> {
  const override = deps.messengers?.siteUrl?.trim();
  if (override !== undefined && override !== '') {
    const parsed = baseUrlSchema.safeParse(override);
    if (parsed.success) return parsed.data;
    deps.log({ event: 'site_url_override_invalid', message: parsed.error.issues[0]?.message ?? 'invalid URL' });
  }
  const kept = keptSchema.safeParse(await deps.store.get(SITE_URL_KEY));
  const keptUrl = kept.success ? baseUrlSchema.safeParse(kept.data.baseUrl) : null;
  if (kept.success && keptUrl?.success === true && deps.now() - kept.data.readAtMs < SITE_URL_MAX_AGE_MS)
    return keptUrl.data;
  try {
    const info = await deps.jira.getServerInfo();
    const parsed = baseUrlSchema.safeParse(info.baseUrl);
    if (!parsed.success) throw new Error(`serverInfo.baseUrl: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    await deps.store.set(SITE_URL_KEY, { baseUrl: parsed.data, readAtMs: deps.now() });
    return parsed.data;
  } catch (error) {
    deps.log({ event: 'site_url_unavailable', message: error instanceof Error ? error.message : String(error) });
    return keptUrl?.success === true ? keptUrl.data : null;
  }
}
