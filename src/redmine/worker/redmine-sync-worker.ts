import type { CompiledCatalog } from '../../core/catalog/compiled-catalog';
import type { IssueEvaluation } from '../../core/sla/evaluate-issue';
import type { IssueHistory } from '../../core/history/issue-history';
import { evaluatePortfolio, type PortfolioEvaluation } from '../../core/sla/evaluate-portfolio';
import type { WorkerConfig } from '../config/worker-config-schema';
import { RedmineError, type RedmineErrorData } from '../errors';
import type { RedmineIssueUpdate } from '../client';
import type { RedmineIssue } from '../schemas';
import { runBoundedPool } from './bounded-pool';
import {
  cachedIssueFromRedmine,
  listingFingerprint,
  manualJournalsOfWorkerUser,
  type IssueProblem,
} from './cached-issue-from-redmine';
import { doneIdentityKeys } from './escalation-marker';
import { failureScope } from './failure-scope';
import { historyOfCachedIssue } from './history-of-cached-issue';
import { missingRight, type MissingRight } from './missing-right';
import { isOwnJournal } from './own-journal';
import { confirmsOwnWrite } from './own-write-echo';
import { directoryFromSnapshot, listingContradictsDirectory, snapshotOfDirectory } from './directory-snapshot';
import { planIssueWrites, planNotCoveredWrite, type PlannedWrite } from './plan-issue-writes';
import {
  contractOfIssue,
  contractRulesKey,
  NOT_COVERED,
  syncedAncestor,
  type IssueContract,
} from './contract-of-issue';
import type { ContractRules } from '../../core/contracts/contract-rules-schema';
import type { NotCoveredIssue } from '../../core/contracts/resolve-issue-contracts';
import { redmineContractRules } from '../mapping/contract-attributes';
import type { RedmineApi } from './redmine-api';
import { loadRedmineDirectory, type RedmineDirectory, type SyncedProject } from './redmine-directory';
import { publishStatements, type StatementRenderer } from './statement-publisher';
import type { WorkerLog } from './worker-log';
import { WorkerNotifications, type NotificationTally, type WorkerNotifierOptions } from './worker-notifications';
import type { CachedIssue, ProjectCursor, WorkerState } from './worker-state-schema';

const MS_PER_DAY = 86_400_000;

/** The reason of a not-covered contract, to keep with the cached issue. */
function reasonOf(contract: IssueContract): { notCoveredReason?: string } {
  return contract.reason !== undefined ? { notCoveredReason: contract.reason } : {};
}

/** A not-covered issue keeps its reason when read again by contract (re-reads after a write); a covered one has none. */
function withNotCoveredReason(cached: CachedIssue, previous: CachedIssue | undefined): CachedIssue {
  if (cached.contractId !== NOT_COVERED) {
    const { notCoveredReason: _reason, ...covered } = cached;
    return covered;
  }
  const reason = cached.notCoveredReason ?? previous?.notCoveredReason;
  return reason !== undefined ? { ...cached, notCoveredReason: reason } : cached;
}

/** The cached issues no contract covers, created at or after `sinceMs`: the provider's list (never a statement's). */
function notCoveredSince(state: WorkerState, sinceMs: number): NotCoveredIssue[] {
  return Object.values(state.issues)
    .filter((cached) => cached.contractId === NOT_COVERED && cached.createdAtMs >= sinceMs)
    .sort((a, b) => a.id - b.id)
    .map((cached) => ({
      key: `#${cached.id}`,
      path: ['issues', cached.id],
      createdAtMs: cached.createdAtMs,
      summary: cached.subject,
      reason: cached.notCoveredReason ?? 'not covered: no contract rule matched',
    }));
}
/** Staff groups and line assignees change now and then: a long-running worker looks them up again hourly. */
const DIRECTORY_MAX_AGE_MS = 3_600_000;

type OutageHandler = (error: RedmineErrorData, where: string) => void;

/** Thrown from the page handler to stop a listing when the cycle is stopped. */
class ListingStopped extends Error {}

/** How far a cycle got, for a progress bar. */
export interface SyncProgress {
  phase: 'list' | 'read' | 'write';
  done: number;
  total: number;
}

/** What one cycle did. */
export interface CycleReport {
  /**
   * `ok`: everything synced; `outage`: Redmine failed and the cycle ended early (the next one
   * retries); `aborted`: stopped by a signal; `config`: the config does not match this Redmine;
   * `auth`: the key is rejected or its user lacks a right (not retried: someone must fix it).
   */
  outcome: 'ok' | 'outage' | 'aborted' | 'config' | 'auth';
  nowMs: number;
  durationMs: number;
  listed: number;
  fetched: number;
  evaluated: number;
  writes: number;
  escalations: number;
  statements: number;
  skipped: IssueProblem[];
  /** Messenger messages of escalations, when the worker has a notifier. */
  notifications?: NotificationTally;
  outage?: RedmineErrorData;
  /** The right the key's user lacks, when `outcome` is `auth`. */
  auth?: MissingRight;
  configProblems?: Array<{ code: string; path: Array<string | number>; message: string }>;
  /**
   * With contract rules: the synced requests no contract covers, with the reason — the provider's list.
   * No statement names them (their reasons name what the rules saw, e.g. another client's "Client" value).
   */
  notCovered?: NotCoveredIssue[];
}

/** What the worker is built from; everything with an effect outside memory is injected. */
export interface SyncWorkerOptions {
  api: RedmineApi;
  config: WorkerConfig;
  catalog: CompiledCatalog;
  /** Read at start-up; the worker updates it in place. */
  state: WorkerState;
  /** Persists the state (atomically); a no-op in dry runs. */
  saveState: (state: WorkerState) => void;
  log: WorkerLog;
  /** Wall clock, for durations and cache retention (the evaluation instant is per cycle). */
  clock: () => number;
  /** Writes are printed by the API wrapper instead of sent; the worker skips re-reading after them. */
  dryRun?: boolean;
  onProgress?: (progress: SyncProgress) => void;
  renderStatement?: StatementRenderer;
  /** Sends escalation messages to the catalog's messenger channels (never in a dry run). */
  notifier?: WorkerNotifierOptions;
  /**
   * What the directory was looked up for ({@link directoryKey}): when set, the directory is kept in
   * the state and a new process reuses it for an hour instead of looking it up again.
   */
  directoryKey?: string;
}

/** Options of one cycle. */
export interface CycleOptions {
  /** Instant the SLA clocks are evaluated at. */
  nowMs: number;
  /** Aborting lets the issues in hand finish, then ends the cycle cleanly. */
  signal?: AbortSignal;
}

interface WriteJob {
  cached: CachedIssue;
  /** Null for an issue no contract covers: it is marked so, never evaluated. */
  evaluation: IssueEvaluation | null;
  writes: PlannedWrite[];
}

/**
 * Keeps Redmine issues in step with the SLA engine, one cycle at a time:
 *
 * 1. reads, per project, the issues changed since the last cycle (minus an overlap), leaving out
 *    those whose last change is the worker's own; fetches journals only for issues that really
 *    changed, and rebuilds their histories;
 * 2. re-evaluates every open issue from the cached histories (time alone moves clocks);
 * 3. writes only values that changed, and each escalation level once, with its marker in the
 *    same update; re-reads the issue afterwards so its own change is not mistaken for news;
 * 4. refreshes the monthly statement wiki pages; 5. saves the state atomically.
 *
 * A Redmine outage ends the cycle with one report and the cursors where they were; a bad issue is
 * skipped with its reason and read again next cycle.
 *
 * @example
 * const worker = new RedmineSyncWorker({ api: client, config, catalog, state, saveState, log, clock: Date.now });
 * const report = await worker.runCycle({ nowMs: Date.now(), signal });
 * if (report.outcome === 'outage') process.exitCode = 3;
 */
export class RedmineSyncWorker {
  #directory: RedmineDirectory | undefined;
  #directoryLoadedMs = 0;
  /** The directory in hand came from the state file: the listings check it. */
  #directoryFromState = false;
  /** A listing contradicted the saved directory: the cycle ends and the next looks it up again. */
  #directoryStale = false;
  /** Problems already logged, by issue and version, so an unchanged bad issue is not reported every cycle. */
  readonly #reported = new Set<string>();
  #manualWorkNoticed = false;
  readonly #notifications: WorkerNotifications | undefined;
  /** The contract rules with the bound projects after them; null without `contractRules`. */
  readonly #contractRules: ContractRules | null;
  /** Issues already logged as not covered, so each is logged once per version. */
  readonly #notCoveredLogged = new Set<string>();

  constructor(private readonly options: SyncWorkerOptions) {
    this.#contractRules = redmineContractRules(options.config);
    this.#notifications =
      options.notifier && !options.dryRun
        ? new WorkerNotifications(options.notifier, options.catalog, options.config)
        : undefined;
  }

  get state(): WorkerState {
    return this.options.state;
  }

  async runCycle(cycle: CycleOptions): Promise<CycleReport> {
    const { log, clock } = this.options;
    const startedMs = clock();
    const report: CycleReport = {
      outcome: 'ok',
      nowMs: cycle.nowMs,
      durationMs: 0,
      listed: 0,
      fetched: 0,
      evaluated: 0,
      writes: 0,
      escalations: 0,
      statements: 0,
      skipped: [],
    };
    this.#directoryStale = false;
    const stopped = (): boolean => report.outcome !== 'ok' || cycle.signal?.aborted === true || this.#directoryStale;
    const outage = (error: RedmineErrorData, where: string): void => {
      if (report.outcome !== 'ok') return;
      if (error.code === 'redmine_auth') {
        // A refused key or right outside a single issue: retrying cannot help.
        report.outcome = 'auth';
        report.auth = missingRight(error);
        log.error('auth_refused', {
          where,
          endpoint: error.endpoint,
          status: error.status,
          right: report.auth.right,
          message: report.auth.message,
          hint: "not retried: fix the key, the user's rights or the config, then start the worker again",
        });
        return;
      }
      report.outcome = 'outage';
      report.outage = error;
      log.error('cycle_interrupted', {
        where,
        code: error.code,
        status: error.status,
        endpoint: error.endpoint,
        message: error.message,
        hint: 'the cycle ends here; cursors are kept and the next cycle catches up',
      });
    };
    const finish = (): CycleReport => {
      if (report.outcome === 'ok' && cycle.signal?.aborted) report.outcome = 'aborted';
      this.#save();
      report.durationMs = clock() - startedMs;
      if (this.#contractRules !== null) report.notCovered = notCoveredSince(this.options.state, 0);
      log.info('cycle_end', {
        outcome: report.outcome,
        at: new Date(cycle.nowMs).toISOString(),
        listed: report.listed,
        fetched: report.fetched,
        evaluated: report.evaluated,
        writes: report.writes,
        escalations: report.escalations,
        statements: report.statements,
        skipped: report.skipped.length,
        ...(report.notCovered !== undefined ? { notCovered: report.notCovered.length } : {}),
        durationMs: report.durationMs,
      });
      return report;
    };

    const directory = await this.#loadDirectory(report, outage);
    if (!directory) return finish();
    this.#redecideContracts(directory);

    for (const project of directory.projects) {
      if (stopped()) break;
      await this.#readProject(project, directory, report, outage, stopped);
    }
    if (stopped()) return finish();

    const jobs = this.#plan(directory, cycle.nowMs, report);
    // Where each project's confirming listing starts: before any of this cycle's writes (the
    // read-backs of open issues move `ownWritesUntil` during the write phase).
    const confirmSince = new Map(directory.projects.map((project) => [project.key, this.#ownListingStart(project)]));
    const total = jobs.length;
    let done = 0;
    await runBoundedPool(
      jobs,
      this.options.config.sync.writeConcurrency,
      async (job) => {
        await this.#applyWrites(job, directory, cycle.nowMs, report, outage);
        done += 1;
        this.options.onProgress?.({ phase: 'write', done, total });
        if (done % 100 === 0) this.#save();
      },
      stopped,
    );
    // Messengers do not depend on Redmine: levels Redmine confirmed are announced even after an outage.
    if (this.#notifications && cycle.signal?.aborted !== true)
      report.notifications = await this.#notifications.deliver(this.options.state, () => this.#save(), log);
    if (stopped()) return finish();
    await this.#confirmOwnWrites(directory, confirmSince, outage, stopped);
    if (stopped()) return finish();

    if (this.options.config.statements.enabled && this.options.renderStatement) {
      try {
        report.statements = await publishStatements({
          api: this.options.api,
          config: this.options.config,
          catalog: this.options.catalog,
          directory,
          state: this.options.state,
          nowMs: cycle.nowMs,
          wallMs: clock(),
          render: this.options.renderStatement,
          log,
          histories: (contractId) =>
            Object.values(this.options.state.issues).filter((issue) => issue.contractId === contractId),
          cachedIssueFromRedmine: (issue: RedmineIssue, contractId: string) =>
            cachedIssueFromRedmine(issue, directory, this.options.config, contractId),
          ...(this.#contractRules !== null
            ? {
                contractOfListed: (issue: RedmineIssue) => {
                  const project = syncedAncestor(issue.project.id, directory);
                  return (
                    project &&
                    contractOfIssue(issue, project, directory, this.options.config, this.#contractRules)?.contractId
                  );
                },
              }
            : {}),
        });
      } catch (error) {
        if (!(error instanceof RedmineError)) throw error;
        const scope = failureScope(error);
        if (scope === 'outage' || scope === 'auth') outage(error.toJSON(), 'statements');
        else
          log.warn('statement_failed', {
            code: error.code,
            status: error.status,
            endpoint: error.endpoint,
            message: error.message,
          });
      }
    }
    this.#prune(clock());
    return finish();
  }

  #save(): void {
    try {
      this.options.saveState(this.options.state);
    } catch (error) {
      this.options.log.error('state_not_saved', {
        message: error instanceof Error ? error.message : String(error),
        hint: 'check that the state file folder is writable; Redmine holds the escalation markers, so nothing is duplicated',
      });
    }
  }

  async #loadDirectory(
    report: CycleReport,
    outage: (error: RedmineErrorData, where: string) => void,
  ): Promise<RedmineDirectory | undefined> {
    if (this.#directory && this.options.clock() - this.#directoryLoadedMs < DIRECTORY_MAX_AGE_MS)
      return this.#directory;
    const { directoryKey: key, state } = this.options;
    const saved =
      key === undefined
        ? undefined
        : directoryFromSnapshot(state.directory, key, this.options.clock(), DIRECTORY_MAX_AGE_MS);
    if (saved && state.directory) {
      this.#directory = saved;
      this.#directoryLoadedMs = state.directory.loadedAtMs;
      this.#directoryFromState = true;
      this.options.log.debug('redmine_directory_saved', { ageMs: this.options.clock() - state.directory.loadedAtMs });
      return saved;
    }
    try {
      const loaded = await loadRedmineDirectory(this.options.api, this.options.config, this.options.catalog);
      if (!loaded.ok) {
        report.outcome = 'config';
        report.configProblems = loaded.issues;
        for (const problem of loaded.issues)
          this.options.log.error('config_mismatch', {
            code: problem.code,
            path: problem.path.join('.'),
            message: problem.message,
          });
        return undefined;
      }
      this.#directory = loaded.value;
      this.#directoryLoadedMs = this.options.clock();
      this.#directoryFromState = false;
      if (key !== undefined) state.directory = snapshotOfDirectory(loaded.value, key, this.#directoryLoadedMs);
      this.#warnIfWorkerUserWorks(loaded.value);
      if (loaded.value.absentDateFields.length > 0)
        this.options.log.warn('date_fields_absent', {
          fields: loaded.value.absentDateFields.map((key) => this.options.config.fields[key]),
          hint: 'the due days are not written as dates (Redmine cannot filter or sort them); create the fields with `tariff-sla redmine setup --print`, or see `tariff-sla redmine check`',
        });
      this.options.log.info('redmine_directory', {
        workerUserId: loaded.value.workerUser.id,
        projects: loaded.value.projects.map((project) => `${project.identifier}→${project.contractId}`),
        staffUsers: loaded.value.staffUserIds.size,
      });
      return loaded.value;
    } catch (error) {
      if (!(error instanceof RedmineError)) throw error;
      outage(error.toJSON(), 'directory');
      return undefined;
    }
  }

  /** Statuses, trackers or priorities unknown to the directory: look them up again next cycle. */
  #forgetDirectory(): void {
    this.#directory = undefined;
    delete this.options.state.directory;
  }

  #skip(report: CycleReport, problem: IssueProblem, version: string): void {
    report.skipped.push(problem);
    const key = `${problem.issueId}@${version}:${problem.code}`;
    if (this.#reported.has(key)) return;
    this.#reported.add(key);
    this.options.log.warn('issue_skipped', {
      issue: problem.issueId,
      code: problem.code,
      path: problem.path.join('.'),
      reason: problem.message,
    });
  }

  #store(cached: CachedIssue, previous: CachedIssue | undefined, directory: RedmineDirectory): void {
    // Optional date fields this Redmine lacks are said once at start-up, not per issue.
    const notEnabled = cached.missingFields.filter((key) => directory.fieldIds[key] !== 0);
    if (notEnabled.length > 0 && previous?.missingFields.join() !== cached.missingFields.join()) {
      this.options.log.warn('fields_not_enabled', {
        issue: cached.id,
        fields: notEnabled.map((key) => this.options.config.fields[key]),
        hint: "enable these custom fields for the issue's project and tracker; the worker cannot write them until then",
      });
    }
    this.options.state.issues[String(cached.id)] = withNotCoveredReason(cached, previous);
  }

  /**
   * One project's changes: list what changed since the cursor, choose what needs its journals,
   * read those, then move the cursor. Each issue read is stored as owing a write, and the cursor
   * moves only together with those issues (one save), so no interruption can skip past an issue
   * whose write is still owed.
   */
  async #readProject(
    project: SyncedProject,
    directory: RedmineDirectory,
    report: CycleReport,
    outage: OutageHandler,
    stopped: () => boolean,
  ): Promise<void> {
    const cursor = this.options.state.projects[project.key] ?? { pending: [] };
    const listing = await this.#listChanges(project, directory, cursor, outage, stopped);
    if (!listing) return;
    report.listed += listing.size;
    const { toRead, maxUpdated } = this.#selectIssuesToRead(listing, project, directory, cursor);
    if (this.#directoryStale) return;
    const read = await this.#readIssues(toRead, project, directory, cursor, report, outage, stopped);
    if (report.outcome !== 'ok') return;
    this.#advanceCursor(project, cursor, read, maxUpdated, toRead.length);
  }

  /**
   * Issues changed since the cursor (minus the overlap), or all (since `backfillSince`) on the
   * first sync; undefined when stopped or Redmine failed. After the first sync, two listings:
   * issues whose last change is someone else's (since the cursor), and those whose last change was
   * made with the worker's key after its own last confirmed write (`ownWritesUntil`): a person
   * working under the worker's account is seen, while the worker's own writes (re-read right after
   * writing) are not listed again and again. An idle cycle costs these two requests.
   */
  async #listChanges(
    project: SyncedProject,
    directory: RedmineDirectory,
    cursor: ProjectCursor,
    outage: OutageHandler,
    stopped: () => boolean,
  ): Promise<Map<number, RedmineIssue> | undefined> {
    const { config } = this.options;
    const filters: Record<string, string> = {};
    if (!config.sync.includeSubprojects) filters.subproject_id = '!*';
    const since = (instant: string): string =>
      new Date(Date.parse(instant) - config.sync.overlapSeconds * 1000).toISOString();
    const listed = new Map<number, RedmineIssue>();
    const listings: Array<{ updatedSince: string | undefined; filters: Record<string, string> }> =
      cursor.cursor === undefined
        ? [
            {
              updatedSince:
                config.sync.backfillSince === undefined ? undefined : `${config.sync.backfillSince}T00:00:00Z`,
              filters,
            },
          ]
        : [
            {
              updatedSince: since(cursor.cursor),
              filters: { ...filters, last_updated_by: `!${directory.workerUser.id}` },
            },
            // From the second of the worker's last confirmed write itself: its earlier writes were re-read.
            {
              updatedSince: this.#ownListingStart(project),
              filters: { ...filters, last_updated_by: String(directory.workerUser.id) },
            },
          ];
    for (const listing of listings) {
      if (!(await this.#listInto(listed, project, listing.updatedSince, listing.filters, outage, stopped)))
        return undefined;
    }
    return listed;
  }

  async #listInto(
    listed: Map<number, RedmineIssue>,
    project: SyncedProject,
    updatedSince: string | undefined,
    filters: Record<string, string>,
    outage: OutageHandler,
    stopped: () => boolean,
    statusId: '*' | 'closed' = '*',
  ): Promise<boolean> {
    try {
      await this.options.api.eachIssuePage(
        { projectId: project.id, updatedSince, statusId, filters },
        (items, page) => {
          for (const item of items) listed.set(item.id, item);
          this.options.onProgress?.({ phase: 'list', done: page.offset + items.length, total: page.total });
          // A stop between pages: the cursor stays, so nothing listed so far is lost.
          if (stopped()) throw new ListingStopped();
        },
      );
      return true;
    } catch (error) {
      if (error instanceof ListingStopped) return false;
      if (!(error instanceof RedmineError)) throw error;
      outage(error.toJSON(), `listing ${project.identifier}`);
      return false;
    }
  }

  /**
   * Listed issues whose journals must be read: changed since they were cached (another
   * `updated_on` or other visible values), plus those left pending by an earlier cycle. An issue
   * never changed since creation is cached from the listing alone, owing its first write.
   */
  #selectIssuesToRead(
    listed: ReadonlyMap<number, RedmineIssue>,
    project: SyncedProject,
    directory: RedmineDirectory,
    cursor: ProjectCursor,
  ): { toRead: number[]; maxUpdated: string | undefined } {
    const { config, state } = this.options;
    const toRead = new Set<number>(cursor.pending);
    // Written without confirmation (the cycle stopped first): their journals are read.
    for (const cached of Object.values(state.issues))
      if (cached.awaitingEcho && this.#ownerOf(cached, directory) === project) toRead.add(cached.id);
    let maxUpdatedMs = cursor.cursor === undefined ? Number.NEGATIVE_INFINITY : Date.parse(cursor.cursor);
    let maxUpdated = cursor.cursor;
    for (const issue of listed.values()) {
      if (this.#directoryFromState && listingContradictsDirectory(issue, directory, config)) {
        this.#directoryStale = true;
        this.options.log.warn('directory_changed', {
          issue: issue.id,
          hint: "Redmine's statuses, trackers, priorities or fields changed since they were looked up; the cycle ends and the next one looks them up again",
        });
        this.#forgetDirectory();
        return { toRead: [], maxUpdated: cursor.cursor };
      }
      const updatedMs = Date.parse(issue.updated_on);
      if (updatedMs > maxUpdatedMs) {
        maxUpdatedMs = updatedMs;
        maxUpdated = issue.updated_on;
      }
      const previous = state.issues[String(issue.id)];
      // With contract rules the contract is that at creation, which a listing alone cannot tell
      // once the issue changed: an unchanged issue keeps the contract it was read with.
      const contractId =
        this.#contractRules !== null && previous
          ? previous.contractId
          : (directory.projectsById.get(issue.project.id)?.contractId ?? project.contractId);
      if (
        previous &&
        previous.updatedOn === issue.updated_on &&
        previous.contractId === contractId &&
        previous.fingerprint === listingFingerprint(issue, directory)
      )
        continue;
      const unchanged = issue.updated_on === issue.created_on;
      if (!previous && unchanged) {
        // Never changed since it was created: no journals to read (its values are those at creation).
        const contract = this.#contractOf(issue, project, directory);
        if (contract === undefined) continue;
        const built = cachedIssueFromRedmine(issue, directory, config, contract.contractId);
        if (built.ok) {
          const owesWrite = this.#owesFirstWrite(built.value, cursor);
          this.#store({ ...built.value, owesWrite, ...reasonOf(contract) }, previous, directory);
          continue;
        }
      }
      toRead.add(issue.id);
    }
    return { toRead: [...toRead], maxUpdated };
  }

  /**
   * Contract rules added or changed since the cached issues were read: each is queued to be read again
   * (journals included), so its contract is decided by the rules in force, at creation. Saved with
   * the state: a cycle cut off before the reads leaves them queued.
   */
  #redecideContracts(directory: RedmineDirectory): void {
    const { state, log } = this.options;
    const key = contractRulesKey(this.#contractRules);
    if (key === undefined || state.contractRulesKey === key) return;
    let queued = 0;
    for (const cached of Object.values(state.issues)) {
      const owner = this.#ownerOf(cached, directory);
      if (!owner) continue;
      const cursor = state.projects[owner.key] ?? { pending: [] };
      if (!cursor.pending.includes(cached.id))
        state.projects[owner.key] = { ...cursor, pending: [...cursor.pending, cached.id] };
      queued += 1;
    }
    state.contractRulesKey = key;
    if (queued > 0) log.info('contract_rules_changed', { issuesToRead: queued });
  }

  /** The issue's contract (see `contractOfIssue`); an issue no contract covers is logged once per version. */
  #contractOf(issue: RedmineIssue, project: SyncedProject, directory: RedmineDirectory): IssueContract | undefined {
    const contract = contractOfIssue(issue, project, directory, this.options.config, this.#contractRules);
    const logKey = `${issue.id}@${issue.updated_on}`;
    if (contract?.reason !== undefined && !this.#notCoveredLogged.has(logKey)) {
      this.#notCoveredLogged.add(logKey);
      this.options.log.info('sla_not_covered', { issue: issue.id, reason: contract.reason });
    }
    return contract;
  }

  /** The synced project whose listing covers a cached issue (its own, or for subprojects the contract's first). */
  #ownerOf(cached: CachedIssue, directory: RedmineDirectory): SyncedProject | undefined {
    const own = directory.projectsById.get(cached.projectId);
    if (own || !this.options.config.sync.includeSubprojects) return own;
    if (this.#contractRules !== null) return syncedAncestor(cached.projectId, directory);
    return directory.projects.find((project) => project.contractId === cached.contractId);
  }

  /**
   * The write phase's closing read: per project with writes awaiting confirmation, one listing of
   * the closed issues last changed with the worker's key since its previous confirmed write. Each issue
   * that shows exactly what was written takes its new `updated_on`, so the next cycle skips it; the
   * others keep `awaitingEcho` and have their journals read next cycle.
   */
  /** Where the listing of changes made with the worker's key starts: its last confirmed write, else the cursor minus the overlap. */
  #ownListingStart(project: SyncedProject): string | undefined {
    const { config, state } = this.options;
    const cursor = state.projects[project.key];
    if (cursor?.ownWritesUntil !== undefined) return cursor.ownWritesUntil;
    if (cursor?.cursor === undefined) return undefined;
    return new Date(Date.parse(cursor.cursor) - config.sync.overlapSeconds * 1000).toISOString();
  }

  async #confirmOwnWrites(
    directory: RedmineDirectory,
    confirmSince: ReadonlyMap<string, string | undefined>,
    outage: OutageHandler,
    stopped: () => boolean,
  ): Promise<void> {
    const { state, config } = this.options;
    const awaiting = Object.values(state.issues).filter((cached) => cached.awaitingEcho);
    for (const project of directory.projects) {
      const mine = new Set(
        awaiting.filter((cached) => this.#ownerOf(cached, directory) === project).map((cached) => cached.id),
      );
      const cursor = state.projects[project.key];
      if (mine.size === 0 || !cursor || stopped()) continue;
      const filters: Record<string, string> = { last_updated_by: String(directory.workerUser.id) };
      if (!config.sync.includeSubprojects) filters.subproject_id = '!*';
      const since = confirmSince.get(project.key);
      const listed = new Map<number, RedmineIssue>();
      // Only closed issues await an echo (open ones were read back): a backfill's open issues, a
      // tenth of the pages, are not listed again. One reopened meanwhile is not listed, so it
      // keeps awaiting and has its journals read next cycle, as any other change would.
      if (!(await this.#listInto(listed, project, since, filters, outage, stopped, 'closed'))) return;
      // The read-backs of open issues may have moved it during the write phase.
      let confirmedUntil = state.projects[project.key]?.ownWritesUntil;
      for (const issue of listed.values()) {
        const cached = state.issues[String(issue.id)];
        if (!cached || !mine.has(issue.id) || !confirmsOwnWrite(cached, issue, directory)) continue;
        const { awaitingEcho: _confirmed, ...rest } = cached;
        state.issues[String(issue.id)] = {
          ...rest,
          updatedOn: issue.updated_on,
          fingerprint: listingFingerprint(issue, directory),
        };
        if (confirmedUntil === undefined || Date.parse(issue.updated_on) > Date.parse(confirmedUntil))
          confirmedUntil = issue.updated_on;
      }
      if (confirmedUntil !== undefined)
        state.projects[project.key] = { ...state.projects[project.key], ownWritesUntil: confirmedUntil };
      this.options.log.debug('own_writes_confirmed', {
        project: project.identifier,
        awaiting: mine.size,
        listed: listed.size,
      });
    }
    this.#save();
  }

  /** Reads the journals of `ids` in parallel; `complete` is false when stopped before all were read. */
  async #readIssues(
    ids: readonly number[],
    project: SyncedProject,
    directory: RedmineDirectory,
    cursor: ProjectCursor,
    report: CycleReport,
    outage: OutageHandler,
    stopped: () => boolean,
  ): Promise<{ pending: number[]; complete: boolean }> {
    const { api, config, state } = this.options;
    const pending: number[] = [];
    let done = 0;
    await runBoundedPool(
      [...ids],
      config.sync.concurrency,
      async (id) => {
        try {
          const issue = await api.getIssue(id, { include: ['journals'] });
          report.fetched += 1;
          const contract = this.#contractOf(issue, project, directory);
          if (contract === undefined) {
            // Moved to a project this worker does not sync.
            delete state.issues[String(id)];
            return;
          }
          this.#noticeManualWork(issue, directory);
          const built = cachedIssueFromRedmine(issue, directory, config, contract.contractId);
          if (built.ok) {
            this.#store(
              { ...built.value, owesWrite: this.#owesFirstWrite(built.value, cursor), ...reasonOf(contract) },
              state.issues[String(id)],
              directory,
            );
          } else {
            if (built.problem.code.startsWith('unknown_')) this.#forgetDirectory();
            pending.push(id);
            this.#skip(report, built.problem, issue.updated_on);
          }
        } catch (error) {
          if (!(error instanceof RedmineError)) throw error;
          const scope = failureScope(error);
          if (scope === 'outage' || scope === 'auth') {
            outage(error.toJSON(), `reading issue #${id}`);
            return;
          }
          if (scope === 'gone') {
            delete state.issues[String(id)];
            return;
          }
          pending.push(id);
          this.#skip(report, { issueId: id, code: error.code, path: ['issues', id], message: error.message }, 'read');
        } finally {
          done += 1;
          this.options.onProgress?.({ phase: 'read', done, total: ids.length });
        }
      },
      stopped,
    );
    return { pending, complete: done >= ids.length };
  }

  /** The latest `updated_on` of the worker's confirmed writes in a project: its second listing starts there. */
  #noteOwnWrite(issue: RedmineIssue, directory: RedmineDirectory): void {
    const project = directory.projectsById.get(issue.project.id);
    const cursor = project ? this.options.state.projects[project.key] : undefined;
    if (!project || !cursor) return;
    if (cursor.ownWritesUntil === undefined || Date.parse(issue.updated_on) > Date.parse(cursor.ownWritesUntil)) {
      this.options.state.projects[project.key] = { ...cursor, ownWritesUntil: issue.updated_on };
    }
  }

  /** An issue just read owes a write, unless it is old closed history on the project's first sync (`sync.skipClosedBefore`). */
  #owesFirstWrite(cached: CachedIssue, cursor: ProjectCursor): boolean {
    const skipBefore = this.options.config.sync.skipClosedBefore;
    if (skipBefore === undefined || cursor.cursor !== undefined || !cached.closed) return true;
    return Date.parse(cached.updatedOn) >= Date.parse(`${skipBefore}T00:00:00Z`);
  }

  /**
   * Saves the cursor together with the issues just read (each owing its write). Stopped halfway,
   * the cursor stays and the issues not read yet come back through the listing.
   */
  #advanceCursor(
    project: SyncedProject,
    cursor: ProjectCursor,
    read: { pending: number[]; complete: boolean },
    maxUpdated: string | undefined,
    count: number,
  ): void {
    const next = read.complete ? maxUpdated : cursor.cursor;
    const pending = read.complete ? [...new Set(read.pending)] : [...new Set([...cursor.pending, ...read.pending])];
    this.options.state.projects[project.key] = {
      ...(next !== undefined ? { cursor: next } : {}),
      ...(cursor.ownWritesUntil !== undefined ? { ownWritesUntil: cursor.ownWritesUntil } : {}),
      pending,
    };
    this.options.log.debug('project_read', {
      project: project.identifier,
      read: count,
      pending: pending.length,
      cursor: next,
    });
    this.#save();
  }

  /** At start-up: the key's user is support staff or receives a support line, so people work under it. */
  #warnIfWorkerUserWorks(directory: RedmineDirectory): void {
    const id = directory.workerUser.id;
    const roles = [
      ...(directory.staffUserIds.has(id) ? ['support staff (staff.groups / staff.users)'] : []),
      ...[...directory.lineAssignees]
        .filter(([, assignee]) => assignee.id === id)
        .map(([line]) => `assignee of support line ${line}`),
    ];
    if (roles.length === 0 || this.#manualWorkNoticed) return;
    this.#manualWorkNoticed = true;
    this.options.log.warn('worker_user_manual_work', {
      user: directory.workerUser.name,
      roles,
      hint: "the worker's key belongs to a user who also works on issues; their changes count, but give the worker a user of its own so people's work and the worker's stay apart",
    });
  }

  #noticeManualWork(issue: RedmineIssue, directory: RedmineDirectory): void {
    if (this.#manualWorkNoticed || manualJournalsOfWorkerUser(issue, directory) === 0) return;
    this.#manualWorkNoticed = true;
    this.options.log.warn('worker_user_manual_work', {
      issue: issue.id,
      user: directory.workerUser.name,
      hint: "someone changes issues with the worker's own account; their changes count, but give the worker a user of its own so people's work and the worker's stay apart",
    });
  }

  /** Every open issue and every issue still owed a write, evaluated; the writes they need. An owed issue needing none is settled. */
  #plan(directory: RedmineDirectory, nowMs: number, report: CycleReport): WriteJob[] {
    const { catalog, config, state } = this.options;
    const jobs: WriteJob[] = [];
    const byContract = new Map<string, CachedIssue[]>();
    for (const [key, found] of Object.entries(state.issues)) {
      const project = directory.projectsById.get(found.projectId);
      if (!project && !config.sync.includeSubprojects) {
        // Its project is no longer synced (config changed, issue moved): leave it alone.
        delete state.issues[key];
        continue;
      }
      // With contract rules the contract was decided when the issue was read (at creation).
      const contractId = this.#contractRules !== null ? found.contractId : (project?.contractId ?? found.contractId);
      const cached = found.contractId === contractId ? found : { ...found, contractId };
      state.issues[key] = cached;
      if (cached.contractId === NOT_COVERED) {
        if (!cached.closed || cached.owesWrite) this.#planNotCovered(cached, directory, jobs);
        continue;
      }
      const list = byContract.get(cached.contractId);
      if (list) list.push(cached);
      else byContract.set(cached.contractId, [cached]);
    }
    for (const [contractId, cachedIssues] of byContract) {
      const contract = catalog.contract(contractId);
      if (!contract) continue;
      const dayOf = (cached: CachedIssue): number =>
        catalog.tariffAt(contract, cached.createdAtMs).calendar.localDayNumber(cached.createdAtMs);
      const targets = cachedIssues.filter((cached) => !cached.closed || cached.owesWrite);
      if (targets.length === 0) continue;
      // The daily limit ranks every incident of a day, closed ones included.
      const days = new Set(targets.map(dayOf));
      const portfolioIssues = cachedIssues.filter((cached) => days.has(dayOf(cached)));
      const histories = portfolioIssues.map((cached, index) => historyOfCachedIssue(cached, index));
      const portfolio = this.#evaluate(histories, portfolioIssues, nowMs);
      for (const problem of portfolio.problems) {
        const index = problem.path[1];
        const cached = typeof index === 'number' ? portfolioIssues[index] : undefined;
        if (cached)
          this.#skip(
            report,
            { ...problem, issueId: cached.id, path: ['issues', cached.id, ...problem.path.slice(2)] },
            cached.updatedOn,
          );
      }
      const targetIds = new Set(targets.map((cached) => cached.id));
      const byKey = new Map(portfolioIssues.map((cached) => [`#${cached.id}`, cached]));
      for (const [index, evaluation] of portfolio.evaluations.entries()) {
        const cached = byKey.get(evaluation.key);
        if (!cached || !targetIds.has(cached.id)) continue;
        report.evaluated += 1;
        const writes = planIssueWrites(evaluation, portfolio.intents[index], cached, { catalog, config, directory });
        if (writes.length > 0) jobs.push({ cached, evaluation, writes });
        else if (cached.owesWrite) state.issues[String(cached.id)] = { ...cached, owesWrite: false };
      }
    }
    return jobs;
  }

  /** An issue no contract covers: its fields say so (no evaluation, no escalation). */
  #planNotCovered(cached: CachedIssue, directory: RedmineDirectory, jobs: WriteJob[]): void {
    const writes = planNotCoveredWrite(cached, directory);
    if (writes.length > 0) jobs.push({ cached, evaluation: null, writes });
    else if (cached.owesWrite) this.options.state.issues[String(cached.id)] = { ...cached, owesWrite: false };
  }

  /** The core's evaluation of cached issues, with the escalation intents given the markers Redmine holds. */
  #evaluate(
    histories: readonly IssueHistory[],
    cachedIssues: readonly CachedIssue[],
    nowMs: number,
  ): PortfolioEvaluation {
    const { catalog, config } = this.options;
    const markersByKey = new Map(cachedIssues.map((cached) => [`#${cached.id}`, cached.escalations]));
    const since = config.escalation.since;
    return evaluatePortfolio(catalog, histories, nowMs, {
      intents: {
        done: (issue) => doneIdentityKeys(markersByKey.get(issue.key) ?? []),
        language: config.escalation.language,
        ...(since !== undefined ? { escalateSinceMs: Date.parse(since) } : {}),
      },
    });
  }

  async #applyWrites(
    job: WriteJob,
    directory: RedmineDirectory,
    nowMs: number,
    report: CycleReport,
    outage: (error: RedmineErrorData, where: string) => void,
  ): Promise<void> {
    const { api, config, catalog, state, log, dryRun } = this.options;
    let cached = job.cached;
    let writes = job.writes;
    let evaluation = job.evaluation;
    const id = cached.id;
    const handle = (error: unknown, what: string): void => {
      if (!(error instanceof RedmineError)) throw error;
      const scope = failureScope(error);
      if (scope === 'outage' || scope === 'auth') outage(error.toJSON(), `${what} issue #${id}`);
      else if (scope === 'gone') delete state.issues[String(id)];
      else
        this.#skip(
          report,
          { issueId: id, code: error.code, path: ['issues', id], message: error.message },
          cached.updatedOn,
        );
    };
    try {
      if (writes.some((write) => write.escalation !== undefined)) {
        // Redmine is the record of escalations done: read the issue right before acting, so a
        // marker written by an earlier run (crash, lost state file) stops a second escalation.
        const fresh = await api.getIssue(id, { include: ['journals'] });
        const built = cachedIssueFromRedmine(fresh, directory, config, cached.contractId);
        if (!built.ok) {
          this.#skip(report, built.problem, fresh.updated_on);
          return;
        }
        cached = { ...built.value, owesWrite: true };
        this.#store(cached, job.cached, directory);
        const again = this.#evaluate([historyOfCachedIssue(cached)], [cached], nowMs);
        if (again.evaluations.length === 0) return;
        evaluation = { ...again.evaluations[0], overLimit: job.evaluation?.overLimit ?? false };
        writes = planIssueWrites(evaluation, again.intents[0], cached, { catalog, config, directory });
      }
    } catch (error) {
      handle(error, 'reading');
      return;
    }

    // The messages an escalation owes are on record before the write that performs it.
    if (evaluation !== null && this.#notifications?.owe(state, cached, evaluation, writes)) this.#save();
    let wrote = false;
    for (const write of writes) {
      try {
        await this.#put(write, cached);
      } catch (error) {
        // The issue stays owed: the next cycle evaluates it again and writes what is missing.
        handle(error, 'writing');
        return;
      }
      wrote = true;
      report.writes += 1;
      cached = {
        ...cached,
        fields: write.fieldsAfter,
        escalations: [
          ...new Set([
            ...cached.escalations,
            ...write.recorded,
            ...(write.escalation ? [write.escalation.marker] : []),
          ]),
        ].sort(),
        assigneeId: write.update.assigned_to_id !== undefined ? write.update.assigned_to_id : cached.assigneeId,
      };
      state.issues[String(id)] = cached;
      if (write.escalation) {
        report.escalations += 1;
        log.info('escalation', {
          issue: id,
          clock: write.escalation.key.clock,
          level: write.escalation.key.level,
          cycle: write.escalation.key.cycle,
          marker: write.escalation.marker,
          actions: write.escalation.actions,
          dryRun: dryRun === true,
        });
      } else {
        log.debug('issue_fields', { issue: id, changed: write.changed, dryRun: dryRun === true });
      }
    }
    // Every planned write is confirmed: the issue owes nothing any more.
    cached = { ...cached, owesWrite: false };
    state.issues[String(id)] = cached;
    if (!wrote || dryRun) return;
    if (cached.closed && job.writes.every((write) => write.escalation === undefined)) {
      // Redmine took the write (204): what changed is known. The listing of the worker's own
      // changes at the end of the cycle confirms it, a hundred issues a request.
      state.issues[String(id)] = { ...cached, awaitingEcho: true };
      return;
    }
    try {
      // Re-read at once: the journal just added is the worker's own, and whatever someone else
      // changed meanwhile is in the journals too, so the next cycle can skip this issue.
      const after = await api.getIssue(id, { include: ['journals'] });
      const built = cachedIssueFromRedmine(after, directory, config, cached.contractId);
      // A change someone made since the worker's own write is owed an evaluation, closed or not.
      const last = after.journals?.[after.journals.length - 1];
      if (built.ok)
        this.#store(
          { ...built.value, owesWrite: last !== undefined && !isOwnJournal(last, directory) },
          cached,
          directory,
        );
      this.#noteOwnWrite(after, directory);
    } catch (error) {
      handle(error, 'reading');
    }
  }

  /** One PUT; an escalation whose assignee Redmine refuses is still done, without the reassignment. */
  async #put(write: PlannedWrite, cached: CachedIssue): Promise<void> {
    try {
      await this.options.api.updateIssue(write.issueId, write.update);
    } catch (error) {
      if (
        !(error instanceof RedmineError) ||
        error.status !== 422 ||
        write.update.assigned_to_id === undefined ||
        !write.escalation
      )
        throw error;
      const { assigned_to_id: _refused, ...rest } = write.update;
      const update: RedmineIssueUpdate = {
        ...rest,
        notes: `${rest.notes ?? ''}\n(Reassignment refused by Redmine: ${error.redmineErrors?.join('; ') ?? error.message})`,
      };
      this.options.log.warn('assignment_refused', { issue: cached.id, assignee: _refused, reason: error.message });
      await this.options.api.updateIssue(write.issueId, update);
      write.update = update;
    }
  }

  #prune(wallMs: number): void {
    const horizonMs = wallMs - this.options.config.sync.retainClosedDays * MS_PER_DAY;
    for (const [key, cached] of Object.entries(this.options.state.issues)) {
      if (cached.closed && !cached.owesWrite && Date.parse(cached.updatedOn) < horizonMs)
        delete this.options.state.issues[key];
    }
    this.#notifications?.prune(this.options.state);
  }
}
