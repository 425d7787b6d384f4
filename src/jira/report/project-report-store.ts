import { DateTime } from 'luxon';
import { z } from 'zod';
import { LANGS, type Lang } from '../../core/statement/statement-locale';
import type { AppSettings } from '../config/app-settings';
import type { KeyValueStore } from '../store/key-value-store';
import { lastChangeMs } from '../app/report-staleness';
import { contractProjects, projectContracts } from './project-contracts';
import { loadContractIssues } from './contract-issues';
import { readProjectIds } from './project-ids';
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
/** A contract's report for one month and language, as kept in storage. */
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

const entryKey = (contractId: string, month: string, lang: Lang) => `report-of-contract:${contractId}:${month}:${lang}`;
const hoursKey = (projectKey: string, contractId: string, month: string) =>
  `report-hours:${projectKey}:${contractId}:${month}`;
const wantedKey = (projectKey: string) => `report-wanted:${projectKey}`;

/**
 * The version of everything a contract's report is computed from besides Jira's data: the catalog's content
 * (a renamed contract, a changed price), the mappings of the projects it spans and `escalateSince`. A kept
 * report of another version is not used.
 */
export function catalogVersion(settings: AppSettings, projectKeys: readonly string[]): string {
  return contentHash(
    JSON.stringify([
      settings.catalog.catalog,
      projectKeys.map((projectKey) => [projectKey, settings.mapping.projects[projectKey] ?? null]),
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

/** How a kept report stands against the data of the contract's projects and the settings. */
export type ReportStanding = 'current' | 'stale' | 'other_version' | 'missing';

/** The served projects a contract's report spans (rules may name a project by its id, as the app saw it). */
export async function reportProjects(
  deps: Pick<ReportStoreDeps, 'store'>,
  settings: AppSettings,
  contractId: string,
): Promise<string[]> {
  return contractProjects(settings, contractId, await readProjectIds(deps.store));
}

/**
 * The kept report of a contract, month and language (one per contract, over every project its requests
 * live in), and whether it is current.
 */
export async function readStoredReport(
  deps: Pick<ReportStoreDeps, 'store'>,
  settings: AppSettings,
  contractId: string,
  month: string,
  lang: Lang,
): Promise<{ readonly entry: StoredReport | null; readonly standing: ReportStanding }> {
  const projectKeys = await reportProjects(deps, settings, contractId);
  const parsed = entrySchema.safeParse(await deps.store.get(entryKey(contractId, month, lang)));
  if (!parsed.success || projectKeys.length === 0) return { entry: null, standing: 'missing' };
  if (parsed.data.catalogVersion !== catalogVersion(settings, projectKeys))
    return { entry: parsed.data, standing: 'other_version' };
  // Only a change of this contract's issues in any of its projects (or one the triggers could not place) makes it stale.
  let changedMs = 0;
  for (const projectKey of projectKeys)
    changedMs = Math.max(changedMs, await lastChangeMs(deps, projectKey, contractId));
  return { entry: parsed.data, standing: parsed.data.computedAtMs >= changedMs ? 'current' : 'stale' };
}

/**
 * Computes a contract's report for a month and language from the issues of every project its requests
 * live in (those the contract rules give that contract; the core's statement combines them), keeps it in
 * storage (with the month's package figures for each project's issue panel) and answers it with the
 * issues it was computed from.
 */
export async function computeStoredReport(
  deps: ReportStoreDeps,
  settings: AppSettings,
  contractId: string,
  month: string,
  lang: Lang,
): Promise<{ readonly entry: StoredReport; readonly issues: ProjectIssues } | null> {
  const projectKeys = await reportProjects(deps, settings, contractId);
  const window = projectKeys.length === 0 ? null : reportWindow(settings.catalog, contractId, month);
  if (projectKeys[0] === undefined || window === null) return null;
  const nowMs = deps.now();
  const issues = await loadContractIssues(deps.source(settings), projectKeys, window.fromMs, window.toMs);
  const report = buildProjectReport(
    {
      catalog: settings.catalog,
      projectKey: projectKeys[0],
      projectKeys,
      projectOfKey: issues.projectOfKey,
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
    catalogVersion: catalogVersion(settings, projectKeys),
    report,
    ...(issues.idsByKey ? { idsByKey: issues.idsByKey } : {}),
  };
  if (JSON.stringify(entry).length <= ENTRY_MAX_CHARS)
    await deps.store.set(entryKey(contractId, month, lang), entry, { ttlSeconds: 40 * 86_400 });
  for (const projectKey of projectKeys) await saveHoursSummary(deps, projectKey, report);
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
 * Keeps the contract reports up to date incrementally, for the sweep: per served project and each contract
 * its rules reach, the months and languages the page asked for lately (and the current month in the
 * mapping's language), recomputed only when stale — that contract's issues in any of its projects changed since
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
  // Contracts reached in the same projects (a shared desk's clients) read each project once per pass.
  const source = onceLoadingSource(deps.source(settings));
  deps = { ...deps, source: () => source };
  const computed: Array<{ projectKey: string; contractId: string; month: string; lang: Lang }> = [];
  let left = 0;
  // One report per contract, month and language, however many projects want it.
  const looked = new Set<string>();
  for (const projectKey of Object.keys(settings.mapping.projects).sort((a, b) => a.localeCompare(b))) {
    for (const { contract: contractId, month, lang } of await triplesToKeep(deps, settings, projectKey)) {
      if (looked.has(entryKey(contractId, month, lang))) continue;
      looked.add(entryKey(contractId, month, lang));
      const { standing } = await readStoredReport(deps, settings, contractId, month, lang);
      if (standing === 'current') continue;
      if (deps.now() - startedMs >= options.budgetMs) {
        left++;
        continue;
      }
      if (await computeStoredReport(deps, settings, contractId, month, lang))
        computed.push({ projectKey, contractId, month, lang });
    }
  }
  return { computed, left };
}

/** A source that answers a project's window it already loaded from memory (for one refresh pass). */
function onceLoadingSource(source: ProjectIssueSource): ProjectIssueSource {
  const loads = new Map<string, Promise<ProjectIssues>>();
  return {
    load(projectKey, fromMs, toMs) {
      const key = `${projectKey}:${fromMs}:${toMs}`;
      const known = loads.get(key);
      if (known !== undefined) return known;
      const loading = source.load(projectKey, fromMs, toMs);
      loads.set(key, loading);
      return loading;
    },
  };
}

/** The project's reports to keep: each reachable contract's current month, and what the page asked for lately. */
async function triplesToKeep(
  deps: Pick<ReportStoreDeps, 'store' | 'now'>,
  settings: AppSettings,
  projectKey: string,
): Promise<Array<{ contract: string; month: string; lang: Lang }>> {
  const nowMs = deps.now();
  const parsed = wantedSchema.safeParse(await deps.store.get(wantedKey(projectKey)));
  const projectIds = await readProjectIds(deps.store);
  const contracts = projectContracts(settings, projectKey, projectIds[projectKey]).map((contract) => contract.id);
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
