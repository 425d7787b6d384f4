import { DateTime } from 'luxon';
import { z } from 'zod';
import { LANGS, type Lang } from '../../core/statement/statement-locale';
import type { AppSettings } from '../config/app-settings';
import type { ProjectMapping } from '../config/jira-mapping-schema';
import type { KeyValueStore } from '../store/key-value-store';
import { lastChangeMs } from '../app/report-staleness';
import { projectContracts } from './project-contracts';
import type { ProjectIssueSource, ProjectIssues } from './project-issue-source';
import { buildProjectReport, reportMonths, reportWindow, type ProjectReport } from './project-report';
import { engineStatementKit, type StatementKit } from './statement-kit';
import { jiraContractRules } from '../mapping/contract-attributes';

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

const wantedSchema = z.array(
  z.object({ contract: z.string().default(''), month: z.string(), lang: z.enum(LANGS), atMs: z.number() }),
);
/** Contract, month and language triples kept up to date per project: those the page asked for lately. */
const MAX_WANTED = 8;
/** A pair nobody asked for in this long is no longer kept up to date. */
const WANTED_FOR_MS = 31 * 86_400_000;
/** Forge storage keeps values up to 240 KiB; larger reports are simply not kept. */
const ENTRY_MAX_CHARS = 200_000;

const entryKey = (projectKey: string, contractId: string, month: string, lang: Lang) =>
  `report:${projectKey}:${contractId}:${month}:${lang}`;
const hoursKey = (projectKey: string, contractId: string, month: string) =>
  `report-hours:${projectKey}:${contractId}:${month}`;
const wantedKey = (projectKey: string) => `report-wanted:${projectKey}`;

/**
 * The version of everything a project's report is computed from besides Jira's data: the catalog's content
 * (a renamed contract, a changed price), the project's mapping and `escalateSince`. A kept report of
 * another version is not used.
 */
export function catalogVersion(settings: AppSettings, project: ProjectMapping): string {
  return contentHash(
    JSON.stringify([
      settings.catalog.catalog,
      project,
      settings.escalateSinceMs,
      settings.mapping.contractRules ?? null,
    ]),
  );
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

/** The kept report of a project's contract, month and language, and whether it is current. */
export async function readStoredReport(
  deps: Pick<ReportStoreDeps, 'store'>,
  settings: AppSettings,
  projectKey: string,
  contractId: string,
  month: string,
  lang: Lang,
): Promise<{ readonly entry: StoredReport | null; readonly standing: ReportStanding }> {
  const project = settings.mapping.projects[projectKey];
  const parsed = entrySchema.safeParse(await deps.store.get(entryKey(projectKey, contractId, month, lang)));
  if (!parsed.success || project === undefined) return { entry: null, standing: 'missing' };
  if (parsed.data.catalogVersion !== catalogVersion(settings, project))
    return { entry: parsed.data, standing: 'other_version' };
  // Only a change of this contract's issues (or one the triggers could not place) makes it stale.
  const changedMs = await lastChangeMs(deps, projectKey, contractId);
  return { entry: parsed.data, standing: parsed.data.computedAtMs >= changedMs ? 'current' : 'stale' };
}

/**
 * Computes the report of one of a project's contracts for a month and language from the project's issues
 * (those the contract rules give that contract), keeps it in storage (with the month's package figures
 * for the issue panel) and answers it with the issues it was computed from.
 */
export async function computeStoredReport(
  deps: ReportStoreDeps,
  settings: AppSettings,
  projectKey: string,
  contractId: string,
  month: string,
  lang: Lang,
): Promise<{ readonly entry: StoredReport; readonly issues: ProjectIssues } | null> {
  const project = settings.mapping.projects[projectKey];
  const window = project === undefined ? null : reportWindow(settings.catalog, contractId, month);
  if (project === undefined || window === null) return null;
  const nowMs = deps.now();
  const issues = await deps.source(settings).load(projectKey, window.fromMs, window.toMs);
  const report = buildProjectReport(
    {
      catalog: settings.catalog,
      projectKey,
      contractId,
      month,
      lang,
      issues: issues.issues,
      nowMs,
      rules: jiraContractRules(settings.mapping) ?? undefined,
    },
    deps.kit ?? engineStatementKit,
  );
  const entry: StoredReport = {
    computedAtMs: nowMs,
    catalogVersion: catalogVersion(settings, project),
    report,
    ...(issues.idsByKey ? { idsByKey: issues.idsByKey } : {}),
  };
  if (JSON.stringify(entry).length <= ENTRY_MAX_CHARS)
    await deps.store.set(entryKey(projectKey, contractId, month, lang), entry, { ttlSeconds: 40 * 86_400 });
  await saveHoursSummary(deps, projectKey, report);
  return { entry, issues };
}

/** Notes that the page asked for a project's contract, month and language, so the sweep keeps it up to date; written only when new. */
export async function noteWantedReport(
  deps: Pick<ReportStoreDeps, 'store' | 'now'>,
  projectKey: string,
  contract: string,
  month: string,
  lang: Lang,
): Promise<void> {
  const nowMs = deps.now();
  const parsed = wantedSchema.safeParse(await deps.store.get(wantedKey(projectKey)));
  const wanted = parsed.success ? parsed.data : [];
  const known = wanted.find((pair) => pair.contract === contract && pair.month === month && pair.lang === lang);
  if (known !== undefined && nowMs - known.atMs < 86_400_000) return;
  const others = wanted.filter((pair) => pair !== known && nowMs - pair.atMs < WANTED_FOR_MS);
  await deps.store.set(wantedKey(projectKey), [{ contract, month, lang, atMs: nowMs }, ...others].slice(0, MAX_WANTED));
}

/** What one pass of {@link refreshStoredReports} did. */
export interface ReportRefreshResult {
  readonly computed: ReadonlyArray<{
    readonly projectKey: string;
    readonly contractId: string;
    readonly month: string;
    readonly lang: Lang;
  }>;
  /** Stale reports left for the next pass because the time budget ran out. */
  readonly left: number;
}

/**
 * Keeps the project reports up to date incrementally, for the sweep: per served project and each contract
 * its rules reach, the months and languages the page asked for lately (and the current month in the
 * mapping's language), recomputed only when stale — that contract's issues in the project changed since
 * (an event, or an issue whose SLA state moved at a due instant) or the catalog version differs. A project
 * nothing happened in costs storage reads only; in a shared desk, one client's change leaves the others'
 * reports alone.
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
  const computed: Array<{ projectKey: string; contractId: string; month: string; lang: Lang }> = [];
  let left = 0;
  for (const projectKey of Object.keys(settings.mapping.projects).sort((a, b) => a.localeCompare(b))) {
    for (const { contract: contractId, month, lang } of await triplesToKeep(deps, settings, projectKey)) {
      const { standing } = await readStoredReport(deps, settings, projectKey, contractId, month, lang);
      if (standing === 'current') continue;
      if (deps.now() - startedMs >= options.budgetMs) {
        left++;
        continue;
      }
      if (await computeStoredReport(deps, settings, projectKey, contractId, month, lang))
        computed.push({ projectKey, contractId, month, lang });
    }
  }
  return { computed, left };
}

/** The project's reports to keep: each reachable contract's current month, and what the page asked for lately. */
async function triplesToKeep(
  deps: Pick<ReportStoreDeps, 'store' | 'now'>,
  settings: AppSettings,
  projectKey: string,
): Promise<Array<{ contract: string; month: string; lang: Lang }>> {
  const nowMs = deps.now();
  const parsed = wantedSchema.safeParse(await deps.store.get(wantedKey(projectKey)));
  const contracts = projectContracts(settings, projectKey).map((contract) => contract.id);
  const lang: Lang = settings.mapping.language === 'en' ? 'en' : 'ru';
  const triples = [
    ...contracts.flatMap((contract) => {
      const current = reportMonths(settings.catalog, contract, nowMs)[0];
      return current === undefined ? [] : [{ contract, month: current, lang }];
    }),
    ...(parsed.success
      ? parsed.data.filter((triple) => nowMs - triple.atMs < WANTED_FOR_MS && contracts.includes(triple.contract))
      : []),
  ];
  return triples.filter(
    (triple, index) =>
      triples.findIndex(
        (other) => other.contract === triple.contract && other.month === triple.month && other.lang === triple.lang,
      ) === index,
  );
}

/**
 * The hour-package figures of the project's last computed statement for the month holding `nowMs`, for the
 * issue panel (which never builds the report itself); null when none was computed yet.
 */
export async function readHoursSummary(
  deps: Pick<ReportStoreDeps, 'store'>,
  projectKey: string,
  contractId: string,
  nowMs: number,
  timeZone: string,
): Promise<HoursSummary | null> {
  const month = DateTime.fromMillis(nowMs, { zone: timeZone }).toFormat('yyyy-MM');
  const parsed = hoursSummarySchema.safeParse(await deps.store.get(hoursKey(projectKey, contractId, month)));
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
  const key = hoursKey(projectKey, report.contractId, report.month);
  const previous = hoursSummarySchema.safeParse(await deps.store.get(key));
  if (
    previous.success &&
    previous.data.included === summary.included &&
    previous.data.used === summary.used &&
    previous.data.remaining === summary.remaining
  )
    return;
  await deps.store.set(key, summary);
}
