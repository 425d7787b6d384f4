import { DateTime } from 'luxon';
import { z } from 'zod';
import type { IssueHistory } from '../../core/history/issue-history';
import { LANGS, type Lang } from '../../core/statement/statement-locale';
import type { JiraClient } from '../client/jira-client';
import { projectMapping, type AppSettings } from '../config/app-settings';
import { pageSettings } from './page-settings';
import type { ProjectMapping } from '../config/jira-mapping-schema';
import type { ProjectIssues } from '../report/project-issue-source';
import {
  buildProjectReport,
  projectNotCovered,
  reportMonths,
  reportWindow,
  type ProjectReport,
} from '../report/project-report';
import { projectContracts, type ProjectContract } from '../report/project-contracts';
import { jiraContractRules } from '../mapping/contract-attributes';
import type { NotCoveredList } from '../../core/statement/not-covered-list';
import {
  catalogVersion,
  computeStoredReport,
  noteWantedReport,
  readHoursSummary,
  readStoredReport,
  type HoursSummary,
  type ReportStoreDeps,
  type StoredReport,
} from '../report/project-report-store';
import { reportForViewer } from '../report/report-for-viewer';
import { loadContractIssues } from '../report/contract-issues';
import { noteProjectId, readProjectIds } from '../report/project-ids';
import { engineStatementKit } from '../report/statement-kit';
import { fail, ok, parseRequest, type ResolverResult } from './resolver-result';

/** Jira as the person looking at the page (Forge `asUser()`): what the viewer may browse and whether they administer the project. */
export type ViewerJira = Pick<JiraClient, 'checkPermissions' | 'getMyPermissions'>;

/** What the project page resolver needs. */
export interface ReportDeps extends ReportStoreDeps {
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
  /** Which of the project's contracts (a shared desk has several); the first the project's rules reach when absent. */
  contract: z.string().trim().min(1).max(200).optional(),
  /** Compute the report again now (the page's "refresh"); at most once per `REFRESH_INTERVAL_MS` per project. */
  fresh: z.boolean().default(false),
});

/** A manual refresh rebuilds a project's report at most this often; a refresh sooner is refused (`refresh_limited`). */
export const REFRESH_INTERVAL_MS = 5 * 60_000;

const refreshKey = (projectKey: string) => `report-refreshed:${projectKey}`;

export { catalogVersion, readHoursSummary, type HoursSummary };

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

/** What the project page shows: one contract's report, the project's contracts to pick from, and whether the viewer may open the not-covered view. */
export type ProjectPageReport = ProjectReport & {
  readonly hoursHidden: boolean;
  readonly stale?: boolean;
  readonly contracts: readonly ProjectContract[];
  readonly notCoveredView: boolean;
};

/** The contract's issues for the month: from the cache entry's run when it kept them, else from the source. */
const loadedIssues = new Map<string, { computedAtMs: number; loaded: ProjectIssues }>();

/**
 * Resolver of the project page: the month's statement of one of the project's contracts (`contract`, by
 * default the first its rules reach: a shared desk serves several clients, `contracts` lists them), built
 * from that contract's issues of the project only, with charts and CSV, as the viewer may see it.
 *
 * - Only issues the viewer may browse are counted (a bulk permission check as the viewer); hours, charges,
 *   the burn-down and the accounting CSV only for the roles the mapping allows (`showHoursTo`, project
 *   admins by default).
 * - The report is kept in storage per project, contract, month and language, and kept up to date by the
 *   sweep (`refreshStoredReports`) when that contract's issues in the project changed (events, and SLA
 *   states moving at due instants, noted per project and contract) or the catalog version (content hash)
 *   changed. The resolver shows the kept
 *   one (flagged `stale` while the sweep has yet to recompute it) and computes only a month and language
 *   never computed or of another catalog version. A manual refresh computes it at once, at most once per
 *   `REFRESH_INTERVAL_MS` per project; a sooner one is refused with `refresh_limited`.
 *
 * @example
 * await getProjectReport(deps, { projectKey: 'SUP', accountId: '5b10…' }, { month: '2026-11', lang: 'en' });
 * // { ok: true, value: { months: ['2026-11', …], blocks: [...], charts: {...}, csv: {...}, hoursHidden: true } }
 */
export async function getProjectReport(
  deps: ReportDeps,
  context: { readonly projectKey?: string; readonly projectId?: string; readonly accountId?: string },
  payload: unknown,
): Promise<ResolverResult<ProjectPageReport>> {
  const parsed = parseRequest(reportPayloadSchema, payload, 'invalid_request');
  if (!parsed.ok) return parsed;
  if (context.projectKey === undefined) return fail('no_project', 'the page was opened outside a project');
  const projectKey = context.projectKey;
  const loaded = await pageSettings(deps.store);
  if (!loaded.ok) return loaded;
  const settings = loaded.value;
  const project = projectMapping(settings, projectKey);
  if (!project)
    return fail(
      'project_not_served',
      `project ${projectKey} is not mapped to a contract; a Jira admin can map it in Tariff SLA settings`,
      ['projects', projectKey],
    );
  // A shared desk: the contract rules give each request its client, and the page shows one client at a time.
  await noteProjectId(deps.store, projectKey, context.projectId);
  const projectId = context.projectId ?? (await readProjectIds(deps.store))[projectKey];
  const contracts = projectContracts(settings, projectKey, projectId);
  const contractId = parsed.value.contract ?? contracts[0]?.id;
  if (contractId === undefined)
    return fail(
      'no_contract',
      `no contract rule can give a request of ${projectKey} a contract; a Jira admin can add one in Tariff SLA settings`,
      ['contractRules'],
    );
  if (!contracts.some((contract) => contract.id === contractId))
    return fail('unknown_contract', `contract ${contractId} does not serve requests of ${projectKey}`, ['contract']);
  const page = await contractReportForViewer(deps, settings, {
    projectKey,
    accountId: context.accountId,
    contractId,
    month: parsed.value.month,
    lang: parsed.value.lang,
    fresh: parsed.value.fresh,
  });
  if (!page.ok) return page;
  return ok({
    ...reportForViewer({ ...page.value.report, projectKey }, { hours: page.value.hours }),
    contracts,
    // The provider's list of requests no contract covers: for those who administer the project only.
    notCoveredView:
      settings.mapping.contractRules !== undefined &&
      page.value.hours &&
      (await isProjectAdmin(deps, context.accountId, projectKey)),
    ...(page.value.stale ? { stale: true } : {}),
  });
}

/** A contract's month as one viewer may see it, and the contract's issues they may browse. */
export interface ContractReportForViewer {
  /** The statement over every project the contract spans, rebuilt from the visible issues when some are hidden. */
  readonly report: ProjectReport;
  /** Whether the viewer may see hours and charges (`showHoursTo` of the page's project). */
  readonly hours: boolean;
  readonly stale: boolean;
  /** The issues of the contract's projects the viewer may browse (all loaded ones, of any contract). */
  readonly visibleIssues: () => Promise<IssueHistory[]>;
}

/**
 * One contract's month as a viewer may see it, for the project page and the gadget: the kept (or computed)
 * report over all the contract's projects, computed as the app; only the issues the viewer may browse
 * (a bulk check as the viewer) count when some are hidden from them.
 */
export async function contractReportForViewer(
  deps: ReportDeps,
  settings: AppSettings,
  request: {
    readonly projectKey: string;
    readonly accountId: string | undefined;
    readonly contractId: string;
    readonly month: string | undefined;
    readonly lang: Lang;
    readonly fresh: boolean;
  },
): Promise<ResolverResult<ContractReportForViewer>> {
  const { projectKey, contractId, lang } = request;
  const project = projectMapping(settings, projectKey);
  if (!project) return fail('project_not_served', `project ${projectKey} is not served`, ['projects', projectKey]);
  if (deps.viewerJira !== undefined && request.accountId === undefined)
    return fail('forbidden', 'the project page needs a signed-in viewer');

  const nowMs = deps.now();
  const months = reportMonths(settings.catalog, contractId, nowMs);
  const month = request.month ?? months[0];
  const window = month === undefined ? null : reportWindow(settings.catalog, contractId, month);
  if (month === undefined || window === null)
    return fail('invalid_month', `no statement for ${month ?? 'this month'}`, ['month']);

  const kept = await keptOrComputed(deps, settings, projectKey, contractId, month, lang, request.fresh);
  if (!kept.ok) return kept;
  let report: ProjectReport = kept.value.entry.report;
  const idsByKey = kept.value.entry.idsByKey;
  const computedAtMs = kept.value.entry.computedAtMs;
  const key = `${contractId}:${month}:${lang}`;
  if (kept.value.issues !== null) loadedIssues.set(key, { computedAtMs, loaded: kept.value.issues });
  const allIssues = async (): Promise<ProjectIssues> => {
    const known =
      kept.value.issues ??
      (loadedIssues.get(key)?.computedAtMs === computedAtMs ? loadedIssues.get(key)?.loaded : undefined);
    if (known !== undefined) return known;
    const loaded = await loadContractIssues(deps.source(settings), report.projectKeys, window.fromMs, window.toMs);
    loadedIssues.set(key, { computedAtMs, loaded });
    return loaded;
  };

  const scope = await viewerScope(deps, request.accountId, projectKey, project, {
    issues: kept.value.issues?.issues ?? [],
    idsByKey,
  });
  if (scope === null) return fail('forbidden', 'the project page needs a signed-in viewer');
  const visibleIssues = async () =>
    (await allIssues()).issues.filter((issue) => scope.visibleKeys === null || scope.visibleKeys.has(issue.key));
  const projectOfKey = async () => (await allIssues()).projectOfKey;
  if (scope.visibleKeys !== null) {
    // The viewer may not see some issues: the statement is rebuilt from the ones they may see.
    report = buildProjectReport(
      {
        catalog: settings.catalog,
        projectKey: report.projectKey,
        projectKeys: report.projectKeys,
        projectOfKey: await projectOfKey(),
        contractId,
        month,
        lang,
        issues: await visibleIssues(),
        nowMs,
        rules: jiraContractRules(settings.mapping) ?? undefined,
      },
      deps.kit ?? engineStatementKit,
    );
  }
  return ok({ report, hours: scope.hours, stale: kept.value.stale, visibleIssues });
}

async function isProjectAdmin(deps: ReportDeps, accountId: string | undefined, projectKey: string): Promise<boolean> {
  if (deps.viewerJira === undefined) return true;
  if (accountId === undefined) return false;
  const permissions = await deps.viewerJira(accountId).getMyPermissions(['ADMINISTER_PROJECTS'], { projectKey });
  return permissions.ADMINISTER_PROJECTS === true;
}

export const notCoveredPayloadSchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'expected a month as "YYYY-MM"' })
    .optional(),
  lang: z.enum(LANGS).default('ru'),
});

/** The project page's "Not covered" view: the month's requests of the project no contract covers. */
export interface NotCoveredView extends NotCoveredList {
  readonly projectKey: string;
  readonly month: string;
  readonly months: readonly string[];
  readonly lang: Lang;
}

/**
 * Resolver of the project page's "Not covered" view: the provider's list of the month's requests of the
 * project that no contract rule covers, with what the rules saw — for those who administer the project
 * only (`forbidden` otherwise), and only requests the viewer may browse. Never part of a client's
 * statement: the reasons name other clients' organizations and field values. The month is read in the
 * zone of the first contract the project's rules reach (of the catalog's first contract without one).
 *
 * @example
 * await getNotCovered(deps, { projectKey: 'DESK', accountId: '5b10…' }, { month: '2026-11', lang: 'en' });
 * // { ok: true, value: { requests: [{ key: 'DESK-4', createdAt: '2026-11-18T13:00:00.000+03:00', reason: 'not covered: …' }], … } }
 */
export async function getNotCovered(
  deps: ReportDeps,
  context: { readonly projectKey?: string; readonly projectId?: string; readonly accountId?: string },
  payload: unknown,
): Promise<ResolverResult<NotCoveredView>> {
  const parsed = parseRequest(notCoveredPayloadSchema, payload, 'invalid_request');
  if (!parsed.ok) return parsed;
  if (context.projectKey === undefined) return fail('no_project', 'the page was opened outside a project');
  const projectKey = context.projectKey;
  const loaded = await pageSettings(deps.store);
  if (!loaded.ok) return loaded;
  const settings = loaded.value;
  const project = projectMapping(settings, projectKey);
  if (!project) return fail('project_not_served', `project ${projectKey} is not served`, ['projects', projectKey]);
  if (!(await isProjectAdmin(deps, context.accountId, projectKey)))
    return fail('forbidden', 'the list of requests no contract covers is for those who administer the project');
  const projectId = context.projectId ?? (await readProjectIds(deps.store))[projectKey];
  const contractId =
    projectContracts(settings, projectKey, projectId)[0]?.id ?? settings.catalog.contractIds()[0] ?? '';
  const nowMs = deps.now();
  const months = reportMonths(settings.catalog, contractId, nowMs);
  const month = parsed.value.month ?? months[0];
  const window = month === undefined ? null : reportWindow(settings.catalog, contractId, month);
  if (month === undefined || window === null)
    return fail('invalid_month', `no list for ${month ?? 'this month'}`, ['month']);
  const start = DateTime.fromFormat(month, 'yyyy-MM', { zone: window.zone });
  const monthWindow = { fromMs: start.toMillis(), toMs: window.toMs, zone: window.zone };
  const loadedIssues = await deps.source(settings).load(projectKey, monthWindow.fromMs, monthWindow.toMs);
  const scope = await viewerScope(deps, context.accountId, projectKey, project, loadedIssues);
  if (scope === null) return fail('forbidden', 'the project page needs a signed-in viewer');
  const visible = loadedIssues.issues.filter((issue) => scope.visibleKeys === null || scope.visibleKeys.has(issue.key));
  const list = projectNotCovered(visible, jiraContractRules(settings.mapping) ?? undefined, monthWindow);
  return ok({ ...list, projectKey, month, months, lang: parsed.value.lang });
}

/**
 * The report to show: the one kept in storage (computed by the sweep), even when the project changed since
 * (flagged stale: the next sweep computes it again); computed here only when none is kept for the month and
 * language yet or the catalog version changed, and on a manual refresh — at most once per
 * `REFRESH_INTERVAL_MS` per project, a sooner one is refused with `refresh_limited`.
 */
async function keptOrComputed(
  deps: ReportDeps,
  settings: AppSettings,
  projectKey: string,
  contractId: string,
  month: string,
  lang: Lang,
  fresh: boolean,
): Promise<ResolverResult<{ entry: StoredReport; issues: ProjectIssues | null; stale: boolean }>> {
  const nowMs = deps.now();
  if (fresh) {
    const last = z.number().safeParse(await deps.store.get(refreshKey(projectKey)));
    if (last.success && nowMs - last.data < REFRESH_INTERVAL_MS) {
      const waitSeconds = Math.ceil((last.data + REFRESH_INTERVAL_MS - nowMs) / 1000);
      return fail(
        'refresh_limited',
        `the statement of ${projectKey} was refreshed ${Math.floor((nowMs - last.data) / 1000)} s ago; it can be refreshed again in ${waitSeconds} s`,
        ['fresh'],
      );
    }
    await deps.store.set(refreshKey(projectKey), nowMs, { ttlSeconds: REFRESH_INTERVAL_MS / 1000 });
  }
  await noteWantedReport(deps, projectKey, contractId, month, lang);
  const stored = fresh ? null : await readStoredReport(deps, settings, contractId, month, lang);
  if (stored !== null && stored.entry !== null && (stored.standing === 'current' || stored.standing === 'stale'))
    return ok({ entry: stored.entry, issues: null, stale: stored.standing === 'stale' });
  const computed = await computeStoredReport(deps, settings, contractId, month, lang);
  if (computed === null) return fail('invalid_month', `no statement for ${month}`, ['month']);
  return ok({ ...computed, stale: false });
}
