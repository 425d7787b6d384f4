import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { CompiledCatalog } from '../../core/catalog/compiled-catalog';
import type { IssueHistory, Worklog } from '../../core/history/issue-history';
import { evaluatePortfolio, type PortfolioEvaluation } from '../../core/sla/evaluate-portfolio';
import { statementRevisionDue } from '../../core/statement/statement-revision';
import type { WorkerConfig } from '../config/worker-config-schema';
import { RedmineError } from '../errors';
import type { RedmineUploadRef } from '../client';
import type { RedmineIssue, RedmineWikiPage } from '../schemas';
import type { IssueProblem } from './cached-issue-from-redmine';
import { failureScope } from './failure-scope';
import { historyOfCachedIssue } from './history-of-cached-issue';
import type { RedmineApi } from './redmine-api';
import type { RedmineDirectory, SyncedProject } from './redmine-directory';
import { statementTargets } from './statement-targets';
import type { WorkerLog } from './worker-log';
import type { CachedIssue, CachedTimeEntry, WorkerState } from './worker-state-schema';

/** Wiki markup of the statement: Redmine's "Text formatting" setting. */
export type StatementFormat = 'textile' | 'markdown';

/** What a statement renderer gets: the contract and month, and the evaluated issues with their worklogs. */
export interface StatementRequest {
  contractId: string;
  /** `YYYY-MM`, in the contract's time zone. */
  month: string;
  format: StatementFormat;
  catalog: CompiledCatalog;
  issues: readonly IssueHistory[];
  portfolio: PortfolioEvaluation;
}

/** A file attached to a statement page. */
export interface StatementAttachment {
  /** Unique on the page: `burn-down-2026-11.png`. */
  filename: string;
  contentType: string;
  /** Hash of the content without what changes on every rendering: the page is republished when it differs. */
  stableSha256: string;
  /** The bytes, made only when the file is uploaded (rasterizing a chart is not free). */
  bytes: () => Uint8Array;
}

/** A statement page: wiki text and the files it shows or links. */
export interface StatementPage {
  text: string;
  attachments: readonly StatementAttachment[];
  /**
   * What a reader needs to see change (`statementMaterialText`): when only time moved the page
   * (an open breach's minutes), it is rewritten at most once a day. Without it every change counts.
   */
  materialKey?: string;
}

/** Renders monthly statements as wiki pages. */
export interface StatementRenderer {
  /** One contract's statement for one month; null when there is nothing to publish. */
  render(request: StatementRequest): StatementPage | null;
  /**
   * The text without what changes on every rendering (the "as of" instant): a page is rewritten
   * only when this differs, so an idle worker does not add a wiki version on every refresh.
   */
  stableText(text: string): string;
}

/** Everything a statement run needs; the worker passes its own pieces. */
export interface StatementRun {
  api: RedmineApi;
  config: WorkerConfig;
  catalog: CompiledCatalog;
  directory: RedmineDirectory;
  state: WorkerState;
  /** Evaluation instant. */
  nowMs: number;
  /** Wall clock, for the refresh interval. */
  wallMs: number;
  render: StatementRenderer;
  log: WorkerLog;
  /** Cached issues of a contract. */
  histories: (contractId: string) => CachedIssue[];
  /** Builds a history for an issue the cache does not hold (time logged on an old issue). */
  cachedIssueFromRedmine: (
    issue: RedmineIssue,
    contractId: string,
  ) => { ok: true; value: CachedIssue } | { ok: false; problem: IssueProblem };
  /** With contract rules: the contract of an issue the cache does not hold (undefined: none). */
  contractOfListed?: (issue: RedmineIssue) => string | undefined;
}

const ISSUE_IDS_PER_REQUEST = 100;

function normalizeText(text: string): string {
  return text.replace(/\r\n/g, '\n').trimEnd();
}

function sha256(text: string): string {
  return createHash('sha256').update(normalizeText(text)).digest('hex');
}

/**
 * What decides a rewrite: the stable text and each attachment's name and content hash. A page
 * without attachments hashes as its text alone, as before attachments existed.
 */
function pageHash(stableText: string, attachments: readonly StatementAttachment[]): string {
  if (attachments.length === 0) return sha256(stableText);
  const files = attachments.map((file) => `${file.filename} ${file.stableSha256}`).sort();
  return sha256([normalizeText(stableText), '', 'attachments:', ...files].join('\n'));
}

/** The page as it stands already says the same: same text, and every attachment present by name. */
function pageMatches(existing: RedmineWikiPage, page: StatementPage, stableText: (text: string) => string): boolean {
  if (sha256(stableText(existing.text)) !== sha256(stableText(page.text))) return false;
  const present = new Set((existing.attachments ?? []).map((attachment) => attachment.filename));
  return page.attachments.every((file) => present.has(file.filename));
}

/** `SLA_Statement_{month}` → `SLA_Statement_2026-11`. */
function statementTitle(template: string, contractId: string, month: string): string {
  return template.replaceAll('{month}', month).replaceAll('{contract}', contractId);
}

/** Work logged on `spentOn`, placed at local noon: Redmine keeps no time of day for time entries. */
function worklogOf(entry: CachedTimeEntry, timeZone: string): Worklog {
  return {
    id: entry.id,
    atMs: DateTime.fromISO(entry.spentOn, { zone: timeZone }).set({ hour: 12 }).toMillis(),
    minutes: Math.round(entry.hours * 60 * 100) / 100,
    author: entry.user,
    ...(entry.comment ? { comment: entry.comment } : {}),
  };
}

async function refreshTimeEntries(
  run: StatementRun,
  project: SyncedProject,
  fromDay: string,
  toDay: string,
): Promise<void> {
  const { api, state } = run;
  const entries = await api.listTimeEntries({ projectId: project.id, from: fromDay, to: toDay });
  for (const [key, cached] of Object.entries(state.timeEntries)) {
    if (cached.projectId === project.id && cached.spentOn >= fromDay && cached.spentOn <= toDay)
      delete state.timeEntries[key];
  }
  for (const entry of entries) {
    // Redmine lists subprojects' entries with the parent's: they count only when subprojects are
    // synced, and never twice when a subproject is synced on its own.
    const own =
      entry.project.id === project.id ||
      (run.config.sync.includeSubprojects && !run.directory.projectsById.has(entry.project.id));
    if (!own || entry.hours <= 0) continue;
    state.timeEntries[String(entry.id)] = {
      id: entry.id,
      projectId: project.id,
      ...(entry.issue ? { issueId: entry.issue.id } : {}),
      spentOn: entry.spent_on,
      hours: entry.hours,
      user: entry.user.name ?? `user #${entry.user.id}`,
      ...(entry.comments ? { comment: entry.comments } : {}),
    };
  }
  const known = state.timeEntriesFrom[project.key];
  state.timeEntriesFrom[project.key] = known === undefined || fromDay < known ? fromDay : known;
}

/** Uploads the page's files, then writes its text with them attached (one new wiki version). */
async function writeStatementPage(
  run: StatementRun,
  project: number | string,
  title: string,
  month: string,
  page: StatementPage,
): Promise<void> {
  const uploads: RedmineUploadRef[] = [];
  for (const file of page.attachments) {
    const { token } = await run.api.uploadFile(file.bytes(), file.filename);
    uploads.push({ token, filename: file.filename, content_type: file.contentType });
  }
  await run.api.putWikiPage(project, title, page.text, `SLA statement ${month} (tariff-sla)`, uploads);
}

/**
 * Redmine keeps every attachment of a name, and `!chart.png!` shows the newest: the older ones of
 * the page's own file names are deleted so the page lists one of each. A failure here only leaves
 * old files behind (the next republish deletes them); it is logged, not raised.
 */
async function deleteOlderAttachments(
  run: StatementRun,
  project: number | string,
  title: string,
  page: StatementPage,
): Promise<void> {
  try {
    const current = await run.api.getWikiPage(project, title, { includeAttachments: true });
    const newestByName = new Map<string, number>();
    for (const attachment of current?.attachments ?? [])
      newestByName.set(attachment.filename, Math.max(newestByName.get(attachment.filename) ?? 0, attachment.id));
    const ours = new Set(page.attachments.map((file) => file.filename));
    for (const attachment of current?.attachments ?? []) {
      if (ours.has(attachment.filename) && attachment.id !== newestByName.get(attachment.filename))
        await run.api.deleteAttachment(attachment.id);
    }
  } catch (error) {
    if (!(error instanceof RedmineError) || failureScope(error) === 'outage' || failureScope(error) === 'auth')
      throw error;
    run.log.warn('statement_old_attachments_kept', {
      project: String(project),
      title,
      code: error.code,
      status: error.status,
      endpoint: error.endpoint,
      hint: 'may the worker delete attachments of the wiki (Delete wiki pages attachments)?',
    });
  }
}

/**
 * Publishes each contract's monthly statement to a wiki page of its project, at most every
 * `statements.refreshMinutes`: the current month, and in the first days of a month the previous
 * one too (time logged late). Time entries are cached in the state and refreshed for those months
 * only; the page is written only when its text or an attachment changed, and when only time moved it
 * (an open breach's minutes) at most once a day (`statementRevisionDue`). Returns the number of pages written.
 *
 * @example
 * const written = await publishStatements({ api, config, catalog, directory, state, nowMs, wallMs, render, log, histories, cachedIssueFromRedmine });
 */
export async function publishStatements(run: StatementRun): Promise<number> {
  const { api, config, catalog, directory, state, log } = run;
  const format: StatementFormat = config.redmine.textFormatting === 'textile' ? 'textile' : 'markdown';
  let written = 0;
  for (const { contractId, projects, wikiProject } of statementTargets(config, directory, run.histories)) {
    const lastRunMs = state.statementRunsMs[contractId];
    if (lastRunMs !== undefined && run.wallMs - lastRunMs < config.statements.refreshMinutes * 60_000) continue;
    const contract = catalog.contract(contractId);
    if (!contract) continue;
    try {
      const local = DateTime.fromMillis(run.nowMs, { zone: contract.timeZone });
      const months = [local.toFormat('yyyy-MM')];
      if (local.day <= config.statements.previousMonthDays)
        months.unshift(local.minus({ months: 1 }).toFormat('yyyy-MM'));
      const refreshFrom = `${months[0]}-01`;
      const toDay = local.endOf('month').toFormat('yyyy-MM-dd');
      const ledgerFrom = contract.contract.terms[0].from;
      for (const project of projects) {
        const knownFrom = state.timeEntriesFrom[project.key];
        const fromDay = knownFrom === undefined ? (ledgerFrom < refreshFrom ? ledgerFrom : refreshFrom) : refreshFrom;
        await refreshTimeEntries(run, project, fromDay, toDay);
      }

      const projectIds = new Set(projects.map((project) => project.id));
      const worklogsByIssue = new Map<number, Worklog[]>();
      for (const entry of Object.values(state.timeEntries)) {
        if (!projectIds.has(entry.projectId) || entry.issueId === undefined) continue;
        // A shared project's time on another contract's issue is that contract's.
        const owner = state.issues[String(entry.issueId)]?.contractId;
        if (owner !== undefined && owner !== contractId) continue;
        const list = worklogsByIssue.get(entry.issueId) ?? [];
        list.push(worklogOf(entry, contract.timeZone));
        worklogsByIssue.set(entry.issueId, list);
      }
      const cachedById = new Map(run.histories(contractId).map((cached) => [cached.id, cached]));
      const missing = [...worklogsByIssue.keys()].filter((id) => !cachedById.has(id));
      for (let start = 0; start < missing.length; start += ISSUE_IDS_PER_REQUEST) {
        const chunk = missing.slice(start, start + ISSUE_IDS_PER_REQUEST);
        const found = await api.listIssues({ statusId: '*', filters: { issue_id: chunk.join(',') } });
        for (const issue of found) {
          if (run.contractOfListed && run.contractOfListed(issue) !== contractId) continue;
          const built = run.cachedIssueFromRedmine(issue, contractId);
          if (built.ok) cachedById.set(issue.id, built.value);
        }
      }
      const histories = [...cachedById.values()]
        .sort((a, b) => a.id - b.id)
        .map((cached, index) =>
          historyOfCachedIssue(
            cached,
            index,
            (worklogsByIssue.get(cached.id) ?? []).sort((a, b) => a.atMs - b.atMs),
          ),
        );
      // Requests no contract covers are never in a statement (their reasons name other clients):
      // they are the provider's, in the cycle report (`CycleReport.notCovered`) and the log.
      const portfolio = evaluatePortfolio(catalog, histories, run.nowMs);

      for (const month of months) {
        const page = run.render.render({ contractId, month, format, catalog, issues: histories, portfolio });
        if (page === null) continue;
        const title = statementTitle(config.statements.wikiTitle, contractId, month);
        const key = `${contractId}/${month}`;
        const hash = pageHash(run.render.stableText(page.text), page.attachments);
        const materialSha256 = page.materialKey === undefined ? hash : sha256(page.materialKey);
        const published = state.statements[key];
        const revision =
          published === undefined
            ? undefined
            : { materialKey: published.materialSha256 ?? '', revisedAtMs: published.publishedAtMs };
        const pageChanged = published?.sha256 !== hash;
        if (!statementRevisionDue({ previous: revision, materialKey: materialSha256, pageChanged, nowMs: run.wallMs }))
          continue;
        if (published === undefined) {
          // No record (first run, lost state): the page may already say the same.
          const existing = await api.getWikiPage(wikiProject, title, {
            includeAttachments: page.attachments.length > 0,
          });
          if (existing && pageMatches(existing, page, run.render.stableText)) {
            state.statements[key] = { sha256: hash, materialSha256, publishedAtMs: run.wallMs };
            continue;
          }
        }
        await writeStatementPage(run, wikiProject, title, month, page);
        state.statements[key] = { sha256: hash, materialSha256, publishedAtMs: run.wallMs };
        written += 1;
        log.info('statement_published', {
          contract: contractId,
          month,
          project: String(wikiProject),
          title,
          attachments: page.attachments.length,
        });
        if (page.attachments.length > 0) await deleteOlderAttachments(run, wikiProject, title, page);
      }
      state.statementRunsMs[contractId] = run.wallMs;
    } catch (error) {
      if (!(error instanceof RedmineError) || failureScope(error) === 'outage' || failureScope(error) === 'auth')
        throw error;
      log.warn('statement_failed', {
        contract: contractId,
        code: error.code,
        status: error.status,
        endpoint: error.endpoint,
        message: error.message,
        hint: 'is the Wiki module enabled in the project, and may the worker edit it?',
      });
      state.statementRunsMs[contractId] = run.wallMs;
    }
  }
  return written;
}
