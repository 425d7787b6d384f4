import { z } from 'zod';
import { LANGS, type Lang } from '../../core/statement/statement-locale';
import { loadAppSettings, projectMapping, type AppSettings } from '../config/app-settings';
import type { ProjectIssueSource } from '../report/project-issue-source';
import { buildProjectReport, reportMonths, reportWindow, type ProjectReport } from '../report/project-report';
import { engineStatementKit, type StatementKit } from '../report/statement-kit';
import type { KeyValueStore } from '../store/key-value-store';
import { lastChangeMs } from './report-staleness';
import { fail, ok, type ResolverResult } from './resolver-result';

/** What the project page resolver needs. */
export interface ReportDeps {
  readonly store: KeyValueStore;
  readonly now: () => number;
  /** Where the project's issues come from: Jira in the app, the examples in the preview. */
  readonly source: (settings: AppSettings) => ProjectIssueSource;
  readonly kit?: StatementKit;
}

export const reportPayloadSchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'expected a month as "YYYY-MM"' }).optional(),
  lang: z.enum(LANGS).default('ru'),
  /** Ignore the cached copy (the page's "refresh"). */
  fresh: z.boolean().default(false),
});

const cachedSchema = z.object({ computedAtMs: z.number(), settingsKey: z.string(), report: z.unknown() });
/** A cached report is used for at most this long, even if no trigger said the data changed. */
const CACHE_MAX_AGE_MS = 10 * 60_000;
/** Forge storage keeps values up to 240 KiB; larger reports are simply not cached. */
const CACHE_MAX_CHARS = 200_000;

const reportSchemaForCache = z.custom<ProjectReport>((value) => typeof value === 'object' && value !== null && 'statement' in value && 'blocks' in value);

function settingsKey(settings: AppSettings): string {
  return `${settings.escalateSinceMs}:${settings.catalog.contractIds().join(',')}`;
}

/**
 * Resolver of the project page: the month's statement of the contract the project is served under,
 * with charts and CSV. Reports are cached in storage until a trigger reports a change in Jira (or ten
 * minutes pass), so opening the page again costs no Jira requests.
 *
 * @example
 * await getProjectReport(deps, { projectKey: 'SUP' }, { month: '2026-11', lang: 'en' });
 * // { ok: true, value: { months: ['2026-11', …], blocks: [...], charts: {...}, csv: {...} } }
 */
export async function getProjectReport(deps: ReportDeps, context: { readonly projectKey?: string }, payload: unknown): Promise<ResolverResult<ProjectReport>> {
  const parsed = reportPayloadSchema.safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('invalid_request', issue?.message ?? 'invalid request', (issue?.path ?? []).filter((segment): segment is string | number => typeof segment !== 'symbol'));
  }
  if (context.projectKey === undefined) return fail('no_project', 'the page was opened outside a project');
  const loaded = await loadAppSettings(deps.store);
  if (loaded === null) return fail('not_configured', 'a Jira admin has not set up Tariff SLA yet (Apps → Tariff SLA settings)');
  if (!loaded.ok) return fail('invalid_settings', 'the saved settings are not valid; a Jira admin should open Tariff SLA settings');
  const settings = loaded.settings;
  const project = projectMapping(settings, context.projectKey);
  if (!project) return fail('project_not_served', `project ${context.projectKey} is not mapped to a contract; a Jira admin can map it in Tariff SLA settings`, ['projects', context.projectKey]);

  const nowMs = deps.now();
  const months = reportMonths(settings.catalog, project.contract, nowMs);
  const month = parsed.data.month ?? months[0];
  const lang: Lang = parsed.data.lang;
  const window = month === undefined ? null : reportWindow(settings.catalog, project.contract, month);
  if (month === undefined || window === null) return fail('invalid_month', `no statement for ${month ?? 'this month'}`, ['month']);

  const cacheKey = `report:${context.projectKey}:${month}:${lang}`;
  if (!parsed.data.fresh) {
    const cached = cachedSchema.safeParse(await deps.store.get(cacheKey));
    if (cached.success && cached.data.settingsKey === settingsKey(settings) && nowMs - cached.data.computedAtMs < CACHE_MAX_AGE_MS && cached.data.computedAtMs >= (await lastChangeMs(deps))) {
      const report = reportSchemaForCache.safeParse(cached.data.report);
      if (report.success) return ok(report.data);
    }
  }
  const issues = await deps.source(settings).load(context.projectKey, window.fromMs, window.toMs);
  const report = buildProjectReport({ catalog: settings.catalog, projectKey: context.projectKey, contractId: project.contract, month, lang, issues, nowMs }, deps.kit ?? engineStatementKit);
  const entry = { computedAtMs: nowMs, settingsKey: settingsKey(settings), report };
  if (JSON.stringify(entry).length <= CACHE_MAX_CHARS) await deps.store.set(cacheKey, entry, { ttlSeconds: CACHE_MAX_AGE_MS / 1000 });
  return ok(report);
}
