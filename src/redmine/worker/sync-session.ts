import type { CompiledCatalog } from '../../core/catalog/compiled-catalog';
import { RedmineClient } from '../client';
import type { WorkerConfig } from '../config/worker-config-schema';
import { RequestStats } from '../../http/request-stats';
import { RetryPolicy } from '../../http/retry-policy';
import { fetchPost } from '../../notify/http-post';
import { environmentSecrets } from '../../notify/secret-resolver';
import { abortableSleep } from './abortable-sleep';
import { apiKeyTag, directoryKey } from './directory-snapshot';
import { dryRunApi, type PlannedRequest } from './dry-run-api';
import { RedmineSyncWorker, type SyncProgress } from './redmine-sync-worker';
import type { StatementRenderer } from './statement-publisher';
import { wikiStatementRenderer } from './wiki-statement-renderer';
import type { WorkerLog } from './worker-log';
import { readWorkerState, writeWorkerState } from './worker-state-file';

/** What a session is opened with; the CLI and the benchmark fill it in. */
export interface SyncSessionOptions {
  config: WorkerConfig;
  catalog: CompiledCatalog;
  apiKey: string;
  log: WorkerLog;
  clock: () => number;
  /** Aborting it ends retry waits early and stops the cycle after the issues in hand. */
  signal: AbortSignal;
  dryRun?: boolean;
  /** Receives each write of a dry run. */
  printPlanned?: (request: PlannedRequest) => void;
  onProgress?: (progress: SyncProgress) => void;
  /** Replaces the engine's statement renderer (tests). */
  renderStatement?: StatementRenderer;
  /** Counts requests; a new one when omitted. */
  stats?: RequestStats;
  /** Where `env:NAME` secrets of notification channels are read; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** A worker wired to a real Redmine client and the state file. */
export interface SyncSession {
  worker: RedmineSyncWorker;
  client: RedmineClient;
  stats: RequestStats;
  /** Drops idle keep-alive connections so the process can exit. */
  close: () => void;
}

/**
 * Assembles a sync worker: the Redmine client (retries with backoff, waits cut short by the
 * signal, each retry logged), dry-run wrapping, the state file (read now, written atomically after
 * each stage; never written in a dry run) and the engine's wiki statement renderer.
 *
 * @example
 * const session = openSyncSession({ config, catalog, apiKey, log, clock: Date.now, signal });
 * await session.worker.runCycle({ nowMs: Date.now(), signal });
 * session.close();
 */
export function openSyncSession(options: SyncSessionOptions): SyncSession {
  const { config, log, signal } = options;
  const stats = options.stats ?? new RequestStats();
  const client = new RedmineClient({
    baseUrl: config.redmine.url,
    apiKey: options.apiKey,
    retries: config.redmine.retries,
    timeoutMs: config.redmine.timeoutSeconds * 1000,
    maxResponseBytes: config.redmine.maxResponseMiB * 1024 * 1024,
    // A listing's pages are reads like the journals: as many at once as `sync.concurrency`.
    pageConcurrency: config.sync.concurrency,
    stats,
    sleep: (ms) => abortableSleep(ms, signal),
    signal,
    now: options.clock,
    onRetry: (event) =>
      log.warn('redmine_retry', {
        endpoint: event.endpoint,
        attempt: event.attempt,
        delayMs: event.delayMs,
        code: event.error.code,
        status: event.error.status,
        networkCode: event.error.networkCode,
      }),
  });
  const loaded = readWorkerState(config.stateFile, client.baseUrl);
  if (loaded.warning) log.warn('state_dropped', { file: config.stateFile, reason: loaded.warning });
  else if (!loaded.found) log.info('state_new', { file: config.stateFile, hint: 'first run: a full sync follows' });
  const api = options.dryRun ? dryRunApi(client, options.printPlanned ?? (() => undefined)) : client;
  const worker = new RedmineSyncWorker({
    api,
    config,
    catalog: options.catalog,
    state: loaded.state,
    saveState: options.dryRun ? () => undefined : (state) => writeWorkerState(config.stateFile, state),
    log,
    clock: options.clock,
    dryRun: options.dryRun,
    onProgress: options.onProgress,
    renderStatement: options.renderStatement ?? wikiStatementRenderer(config.statements.language),
    notifier: {
      sender: {
        post: fetchPost(fetch, config.redmine.timeoutSeconds * 1000),
        secrets: environmentSecrets(options.env ?? process.env),
        policy: new RetryPolicy({
          retries: config.redmine.retries,
          sleep: (ms) => abortableSleep(ms, signal),
          signal,
        }),
        now: options.clock,
        // Messenger posts count in the same request stats as Redmine's, under their own endpoints.
        onAttempt: (attempt) =>
          stats.record({
            method: 'POST',
            endpoint: attempt.kind === 'telegram' ? 'telegram /bot{token}/sendMessage' : `${attempt.kind} webhook`,
            write: true,
            status: attempt.status,
            attempt: attempt.attempt,
            durationMs: attempt.durationMs,
          }),
      },
    },
    directoryKey: directoryKey(config, apiKeyTag(options.apiKey)),
  });
  return { worker, client, stats, close: () => client.close() };
}
