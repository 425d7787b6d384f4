import { DateTime } from 'luxon';
import { z } from 'zod';
import { LANGS, type Lang } from '../../core/statement/statement-locale';
import type { AppSettings } from '../config/app-settings';
import type { ProjectMapping } from '../config/jira-mapping-schema';
import type { KeyValueStore } from '../store/key-value-store';
import { lastChangeMs } from '../app/report-staleness';
import type { ProjectIssueSource, ProjectIssues } from './project-issue-source';
import { buildProjectReport, reportMonths, reportWindow, type ProjectReport } from './project-report';
import { engineStatementKit, type StatementKit } from './statement-kit';

/** What computing and keeping a project's reports needs. */
export interface ReportStoreDeps {
  readonly store: KeyValueStore;
  readonly now: () => number;
  /** Where the project's issues come from: Jira in the app, the examples in the preview. */
  readonly source: (settings: AppSettings) => ProjectIssueSource;
  readonly kit?: StatementKit;
}

const entrySchema = z.object({
  computedAtMs: z.number(),
  catalogVersion: z.string(),
  report: z.custom<ProjectReport>(
    (value) => typeof value === 'object' && value !== null && 'statement' in value && 'blocks' in value,
  ),
  idsByKey: z.record(z.string(), z.string()).optional(),
});
/** A project's report for one month and language, as kept in storage. */
export type StoredReport = z.infer<typeof entrySchema>;

const hoursSummarySchema = z.object({
  month: z.string(),
  included: z.number().nullable(),
  used: z.number().nullable(),
  remaining: z.number().nullable(),
  computedAtMs: z.number(),
});
export type HoursSummary = z.infer<typeof hoursSummarySchema>;

const wantedSchema = z.array(z.object({ month: z.string(), lang: z.enum(LANGS), atMs: z.number() }));
/** Month and language pairs kept up to date per project: those the page asked for lately. */
const MAX_WANTED = 6;
/** A pair nobody asked for in this long is no longer kept up to date. */
const WANTED_FOR_MS = 31 * 86_400_000;
/** Forge storage keeps values up to 240 KiB; larger reports are simply not kept. */
const ENTRY_MAX_CHARS = 200_000;

const entryKey = (projectKey: string, month: string, lang: Lang) => `report:${projectKey}:${month}:${lang}`;
const hoursKey = (projectKey: string, month: string) => `report-hours:${projectKey}:${month}`;
const wantedKey = (projectKey: string) => `report-wanted:${projectKey}`;

/**
 * The version of everything a project's report is computed from besides Jira's data: the catalog's content
 * (a renamed contract, a changed price), the project's mapping and `escalateSince`. A kept report of
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

/** How a kept report stands against the project's data and the settings. */
export type ReportStanding = 'current' | 'stale' | 'other_version' | 'missing';

/** The kept report of a project, month and language, and whether it is current. */
export async function readStoredReport(
  deps: Pick<ReportStoreDeps, 'store'>,
  settings: AppSettings,
  projectKey: string,
  month: string,
  lang: Lang,
): Promise<{ readonly entry: StoredReport | null; readonly standing: ReportStanding }> {
  const project = settings.mapping.projects[projectKey];
  const parsed = entrySchema.safeParse(await deps.store.get(entryKey(projectKey, month, lang)));
  if (!parsed.success || project === undefined) return { entry: null, standing: 'missing' };
  if (parsed.data.catalogVersion !== catalogVersion(settings, project))
    return { entry: parsed.data, standing: 'other_version' };
  const changedMs = await lastChangeMs(deps, projectKey);
  return { entry: parsed.data, standing: parsed.data.computedAtMs >= changedMs ? 'current' : 'stale' };
}

/**
 * Computes a project's report for a month and language from its issues, keeps it in storage (with the
 * month's package figures for the issue panel) and answers it with the issues it was computed from.
 */
export async function computeStoredReport(
  deps: ReportStoreDeps,
  settings: AppSettings,
  projectKey: string,
  month: string,
  lang: Lang,
): Promise<{ readonly entry: StoredReport; readonly issues: ProjectIssues } | null> {
  const project = settings.mapping.projects[projectKey];
  const window = project === undefined ? null : reportWindow(settings.catalog, project.contract, month);
  if (project === undefined || window === null) return null;
  const nowMs = deps.now();
  const issues = await deps.source(settings).load(projectKey, window.fromMs, window.toMs);
  const report = buildProjectReport(
    { catalog: settings.catalog, projectKey, contractId: project.contract, month, lang, issues: issues.issues, nowMs },
    deps.kit ?? engineStatementKit,
  );
  const entry: StoredReport = {
    computedAtMs: nowMs,
    catalogVersion: catalogVersion(settings, project),
    report,
    ...(issues.idsByKey ? { idsByKey: issues.idsByKey } : {}),
  };
  if (JSON.stringify(entry).length <= ENTRY_MAX_CHARS)
    await deps.store.set(entryKey(projectKey, month, lang), entry, { ttlSeconds: 40 * 86_400 });
  await saveHoursSummary(deps, projectKey, report);
  return { entry, issues };
}

/** Notes that the page asked for a project's month and language, so the sweep keeps it up to date; written only when new. */
export async function noteWantedReport(
  deps: Pick<ReportStoreDeps, 'store' | 'now'>,
  projectKey: string,
  month: string,
  lang: Lang,
): Promise<void> {
  const nowMs = deps.now();
  const parsed = wantedSchema.safeParse(await deps.store.get(wantedKey(projectKey)));
  const wanted = parsed.success ? parsed.data : [];
  const known = wanted.find((pair) => pair.month === month && pair.lang === lang);
  if (known !== undefined && nowMs - known.atMs < 86_400_000) return;
  const others = wanted.filter((pair) => pair !== known && nowMs - pair.atMs < WANTED_FOR_MS);
  await deps.store.set(wantedKey(projectKey), [{ month, lang, atMs: nowMs }, ...others].slice(0, MAX_WANTED));
}

/** What one pass of {@link refreshStoredReports} did. */
export interface ReportRefreshResult {
  readonly computed: ReadonlyArray<{ readonly projectKey: string; readonly month: string; readonly lang: Lang }>;
  /** Stale reports left for the next pass because the time budget ran out. */
  readonly left: number;
}

/**
 * Keeps the project reports up to date incrementally, for the sweep: per served project, the months and
 * languages the page asked for lately (and the current month in the mapping's language), recomputed only
 * when stale — the project's issues changed since (an event, or an issue whose SLA state moved at a due
 * instant) or the catalog version differs. A project nothing happened in costs storage reads only.
 *
 * @example
 * await refreshStoredReports(reportDeps, settings, { budgetMs: 120_000 });
 */
export async function refreshStoredReports(
  deps: ReportStoreDeps,
  settings: AppSettings,
  options: { readonly budgetMs: number },
): Promise<ReportRefreshResult> {
  const startedMs = deps.now();
  const computed: Array<{ projectKey: string; month: string; lang: Lang }> = [];
  let left = 0;
  for (const [projectKey, project] of Object.entries(settings.mapping.projects).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    for (const { month, lang } of await pairsToKeep(deps, settings, projectKey, project.contract)) {
      const { standing } = await readStoredReport(deps, settings, projectKey, month, lang);
      if (standing === 'current') continue;
      if (deps.now() - startedMs >= options.budgetMs) {
        left++;
        continue;
      }
      if (await computeStoredReport(deps, settings, projectKey, month, lang))
        computed.push({ projectKey, month, lang });
    }
  }
  return { computed, left };
}

async function pairsToKeep(
  deps: Pick<ReportStoreDeps, 'store' | 'now'>,
  settings: AppSettings,
  projectKey: string,
  contractId: string,
): Promise<Array<{ month: string; lang: Lang }>> {
  const nowMs = deps.now();
  const parsed = wantedSchema.safeParse(await deps.store.get(wantedKey(projectKey)));
  const current = reportMonths(settings.catalog, contractId, nowMs)[0];
  const lang: Lang = settings.mapping.language === 'en' ? 'en' : 'ru';
  const pairs = [
    ...(current === undefined ? [] : [{ month: current, lang }]),
    ...(parsed.success ? parsed.data.filter((pair) => nowMs - pair.atMs < WANTED_FOR_MS) : []),
  ];
  return pairs.filter(
    (pair, index) => pairs.findIndex((other) => other.month === pair.month && other.lang === pair.lang) === index,
  );
}

/**
 * The hour-package figures of the project's last computed statement for the month holding `nowMs`, for the
 * issue panel (which never builds the report itself); null when none was computed yet.
 */
export async function readHoursSummary(
  deps: Pick<ReportStoreDeps, 'store'>,
  projectKey: string,
  nowMs: number,
  timeZone: string,
): Promise<HoursSummary | null> {
  const month = DateTime.fromMillis(nowMs, { zone: timeZone }).toFormat('yyyy-MM');
  const parsed = hoursSummarySchema.safeParse(await deps.store.get(hoursKey(projectKey, month)));
  return parsed.success ? parsed.data : null;
}

/** Keeps the month's package figures for the issue panel; written only when they changed. */
async function saveHoursSummary(deps: ReportStoreDeps, projectKey: string, report: ProjectReport): Promise<void> {
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
