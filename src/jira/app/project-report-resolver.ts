import { DateTime } from 'luxon';
import { z } from 'zod';
import type { IssueHistory } from '../../core/history/issue-history';
import { LANGS, type Lang } from '../../core/statement/statement-locale';
import type { JiraClient } from '../client/jira-client';
import { loadAppSettings, projectMapping, type AppSettings } from '../config/app-settings';
import type { ProjectMapping } from '../config/jira-mapping-schema';
import type { ProjectIssueSource, ProjectIssues } from '../report/project-issue-source';
import { buildProjectReport, reportMonths, reportWindow, type ProjectReport } from '../report/project-report';
import { reportForViewer } from '../report/report-for-viewer';
import { engineStatementKit, type StatementKit } from '../report/statement-kit';
import type { KeyValueStore } from '../store/key-value-store';
import { lastChangeMs } from './report-staleness';
import { fail, ok, type ResolverResult } from './resolver-result';

/** Jira as the person looking at the page (Forge `asUser()`): what the viewer may browse and whether they administer the project. */
export type ViewerJira = Pick<JiraClient, 'checkPermissions' | 'getMyPermissions'>;

/** What the project page resolver needs. */
export interface ReportDeps {
  readonly store: KeyValueStore;
  readonly now: () => number;
  /** Where the project's issues come from: Jira in the app, the examples in the preview. */
  readonly source: (settings: AppSettings) => ProjectIssueSource;
  readonly kit?: StatementKit;
  /**
   * Jira as the viewer, from the caller's account. Absent only in the preview (no Jira behind it): then
   * every issue and the hours are shown.
   */
  readonly viewerJira?: (accountId: string) => ViewerJira;
}

export const reportPayloadSchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'expected a month as "YYYY-MM"' })
    .optional(),
  lang: z.enum(LANGS).default('ru'),
  /** Ignore the cached copy (the page's "refresh"); at most once a minute per project. */
  fresh: z.boolean().default(false),
});

const cachedSchema = z.object({
  computedAtMs: z.number(),
  catalogVersion: z.string(),
  report: z.unknown(),
  idsByKey: z.record(z.string(), z.string()).optional(),
});
/** The current month's report is used for at most this long (its clocks move); a closed month's until something changes. */
const OPEN_MONTH_MAX_AGE_MS = 10 * 60_000;
/** A manual refresh rebuilds a project's report at most this often; more clicks get the cached copy. */
export const REFRESH_INTERVAL_MS = 60_000;
/** Forge storage keeps values up to 240 KiB; larger reports are simply not cached. */
const CACHE_MAX_CHARS = 200_000;

const reportSchemaForCache = z.custom<ProjectReport>(
  (value) => typeof value === 'object' && value !== null && 'statement' in value && 'blocks' in value,
);
const hoursSummarySchema = z.object({
  month: z.string(),
  included: z.number().nullable(),
  used: z.number().nullable(),
  remaining: z.number().nullable(),
  computedAtMs: z.number(),
});
export type HoursSummary = z.infer<typeof hoursSummarySchema>;

const cacheKey = (projectKey: string, month: string, lang: Lang) => `report:${projectKey}:${month}:${lang}`;
const hoursKey = (projectKey: string, month: string) => `report-hours:${projectKey}:${month}`;
const refreshKey = (projectKey: string) => `report-refreshed:${projectKey}`;

/**
 * The version of everything a project's report is computed from besides Jira's data: the catalog's content
 * (a renamed contract, a changed price), the project's mapping and `escalateSince`. A cached report of
 * another version is not used.
 */
export function catalogVersion(settings: AppSettings, project: ProjectMapping): string {
  return contentHash(JSON.stringify([settings.catalog.catalog, project, settings.escalateSinceMs]));
}

/**
 * A 53-bit content hash (cyrb53) of a text, in hex: enough to tell catalog versions apart (the Forge
 * bundle has no `node:crypto`, and this is no security boundary — a stale report would only be rebuilt).
 */
function contentHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}

/**
 * The hour-package figures of the project's last computed statement for the month holding `nowMs`, for the
 * issue panel (which never builds the report itself); null when none was computed yet.
 */
export async function readHoursSummary(
  deps: Pick<ReportDeps, 'store'>,
  projectKey: string,
  nowMs: number,
  timeZone: string,
): Promise<HoursSummary | null> {
  const month = DateTime.fromMillis(nowMs, { zone: timeZone }).toFormat('yyyy-MM');
  const parsed = hoursSummarySchema.safeParse(await deps.store.get(hoursKey(projectKey, month)));
  return parsed.success ? parsed.data : null;
}

/** What the viewer may see of the project: the issues they may browse (null: all) and the hours. */
interface ViewerScope {
  readonly visibleKeys: ReadonlySet<string> | null;
  readonly hours: boolean;
}

async function viewerScope(
  deps: ReportDeps,
  accountId: string | undefined,
  projectKey: string,
  project: ProjectMapping,
  loaded: ProjectIssues,
): Promise<ViewerScope | null> {
  if (deps.viewerJira === undefined) return { visibleKeys: null, hours: true };
  if (accountId === undefined) return null;
  const jira = deps.viewerJira(accountId);
  const ids = Object.values(loaded.idsByKey ?? {});
  // One bulk check per 1 000 issues, as the viewer: issue security and project permissions both apply.
  const granted =
    ids.length === 0 ? new Set<string>() : (await jira.checkPermissions('BROWSE_PROJECTS', { issueIds: ids })).issueIds;
  const visibleKeys = new Set(
    Object.entries(loaded.idsByKey ?? {}).flatMap(([key, id]) => (granted.has(id) ? [key] : [])),
  );
  const hours =
    project.showHoursTo === 'everyone' ||
    (await jira.getMyPermissions(['ADMINISTER_PROJECTS'], { projectKey })).ADMINISTER_PROJECTS === true;
  return { visibleKeys: visibleKeys.size === ids.length ? null : visibleKeys, hours };
}

/** The project's issues for the month: from the cache entry's run when it kept them, else from the source. */
const loadedIssues = new Map<string, { computedAtMs: number; loaded: ProjectIssues }>();

/**
 * Resolver of the project page: the month's statement of the contract the project is served under,
 * with charts and CSV, as the viewer may see it.
 *
 * - Only issues the viewer may browse are counted (a bulk permission check as the viewer); hours, charges,
 *   the burn-down and the accounting CSV only for the roles the mapping allows (`showHoursTo`, project
 *   admins by default).
 * - The report is computed per project and month and cached in storage; it is invalidated by a change in
 *   that project (the triggers note it per project), by a new catalog version (content hash), and for the
 *   current month after ten minutes. A manual refresh rebuilds it at most once a minute per project.
 *
 * @example
 * await getProjectReport(deps, { projectKey: 'SUP', accountId: '5b10…' }, { month: '2026-11', lang: 'en' });
 * // { ok: true, value: { months: ['2026-11', …], blocks: [...], charts: {...}, csv: {...}, hoursHidden: true } }
 */
export async function getProjectReport(
  deps: ReportDeps,
  context: { readonly projectKey?: string; readonly accountId?: string },
  payload: unknown,
): Promise<ResolverResult<ProjectReport & { readonly hoursHidden: boolean; readonly refreshLimited?: boolean }>> {
  const parsed = reportPayloadSchema.safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(
      'invalid_request',
      issue?.message ?? 'invalid request',
      (issue?.path ?? []).filter((segment): segment is string | number => typeof segment !== 'symbol'),
    );
  }
  if (context.projectKey === undefined) return fail('no_project', 'the page was opened outside a project');
  const projectKey = context.projectKey;
  const loaded = await loadAppSettings(deps.store);
  if (loaded === null)
    return fail('not_configured', 'a Jira admin has not set up Tariff SLA yet (Apps → Tariff SLA settings)');
  if (!loaded.ok)
    return fail('invalid_settings', 'the saved settings are not valid; a Jira admin should open Tariff SLA settings');
  const settings = loaded.settings;
  const project = projectMapping(settings, projectKey);
  if (!project)
    return fail(
      'project_not_served',
      `project ${projectKey} is not mapped to a contract; a Jira admin can map it in Tariff SLA settings`,
      ['projects', projectKey],
    );
  if (deps.viewerJira !== undefined && context.accountId === undefined)
    return fail('forbidden', 'the project page needs a signed-in viewer');

  const nowMs = deps.now();
  const months = reportMonths(settings.catalog, project.contract, nowMs);
  const month = parsed.data.month ?? months[0];
  const lang: Lang = parsed.data.lang;
  const window = month === undefined ? null : reportWindow(settings.catalog, project.contract, month);
  if (month === undefined || window === null)
    return fail('invalid_month', `no statement for ${month ?? 'this month'}`, ['month']);

  const version = catalogVersion(settings, project);
  const key = cacheKey(projectKey, month, lang);
  let refreshLimited = false;
  let fresh = parsed.data.fresh;
  if (fresh) {
    const last = z.number().safeParse(await deps.store.get(refreshKey(projectKey)));
    if (last.success && nowMs - last.data < REFRESH_INTERVAL_MS) {
      fresh = false;
      refreshLimited = true;
    } else await deps.store.set(refreshKey(projectKey), nowMs, { ttlSeconds: REFRESH_INTERVAL_MS / 1000 });
  }

  let report: ProjectReport | null = null;
  let idsByKey: Readonly<Record<string, string>> | undefined;
  let computedAtMs = 0;
  if (!fresh) {
    const cached = cachedSchema.safeParse(await deps.store.get(key));
    const openMonth = window.toMs > nowMs;
    if (
      cached.success &&
      cached.data.catalogVersion === version &&
      (!openMonth || nowMs - cached.data.computedAtMs < OPEN_MONTH_MAX_AGE_MS) &&
      cached.data.computedAtMs >= (await lastChangeMs(deps, projectKey))
    ) {
      const hit = reportSchemaForCache.safeParse(cached.data.report);
      if (hit.success) {
        report = hit.data;
        idsByKey = cached.data.idsByKey;
        computedAtMs = cached.data.computedAtMs;
      }
    }
  }
  let issues: ProjectIssues | null = null;
  if (report === null) {
    issues = await deps.source(settings).load(projectKey, window.fromMs, window.toMs);
    report = buildProjectReport(
      {
        catalog: settings.catalog,
        projectKey,
        contractId: project.contract,
        month,
        lang,
        issues: issues.issues,
        nowMs,
      },
      deps.kit ?? engineStatementKit,
    );
    idsByKey = issues.idsByKey;
    computedAtMs = nowMs;
    loadedIssues.set(key, { computedAtMs, loaded: issues });
    const entry = { computedAtMs: nowMs, catalogVersion: version, report, ...(idsByKey ? { idsByKey } : {}) };
    if (JSON.stringify(entry).length <= CACHE_MAX_CHARS) await deps.store.set(key, entry, { ttlSeconds: 7 * 86_400 });
    await saveHoursSummary(deps, projectKey, report);
  }

  const scope = await viewerScope(deps, context.accountId, projectKey, project, {
    issues: issues?.issues ?? [],
    idsByKey,
  });
  if (scope === null) return fail('forbidden', 'the project page needs a signed-in viewer');
  if (scope.visibleKeys !== null) {
    // The viewer may not see some issues: the statement is rebuilt from the ones they may see.
    const all =
      issues ??
      (loadedIssues.get(key)?.computedAtMs === computedAtMs ? loadedIssues.get(key)?.loaded : undefined) ??
      (await deps.source(settings).load(projectKey, window.fromMs, window.toMs));
    const visible: IssueHistory[] = all.issues.filter((issue) => scope.visibleKeys?.has(issue.key) === true);
    report = buildProjectReport(
      { catalog: settings.catalog, projectKey, contractId: project.contract, month, lang, issues: visible, nowMs },
      deps.kit ?? engineStatementKit,
    );
  }
  return ok({ ...reportForViewer(report, { hours: scope.hours }), ...(refreshLimited ? { refreshLimited } : {}) });
}

/** Keeps the month's package figures for the issue panel; written only when they changed. */
async function saveHoursSummary(deps: ReportDeps, projectKey: string, report: ProjectReport): Promise<void> {
  const hours = report.statement.contracts[0]?.hours;
  if (!hours) return;
  const summary: HoursSummary = {
    month: report.month,
    included: hours.included,
    used: hours.used,
    remaining: hours.remaining,
    computedAtMs: report.computedAtMs,
  };
  const previous = hoursSummarySchema.safeParse(await deps.store.get(hoursKey(projectKey, report.month)));
  if (
    previous.success &&
    previous.data.included === summary.included &&
    previous.data.used === summary.used &&
    previous.data.remaining === summary.remaining
  )
    return;
  await deps.store.set(hoursKey(projectKey, report.month), summary);
}
