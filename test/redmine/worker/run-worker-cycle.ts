import { readCatalogFile } from '../../../src/io/read-catalog-file';
import { holidayYearsAround } from '../../../src/parsing/parse-catalog-text';
import { readWorkerConfigFile } from '../../../src/redmine/config/read-worker-config';
import { RequestStats } from '../../../src/http/request-stats';
import type { CycleReport } from '../../../src/redmine/worker/redmine-sync-worker';
import { openSyncSession } from '../../../src/redmine/worker/sync-session';
import { memoryLog } from './worker-fixtures';

/** One in-process cycle of the worker as `redmine sync --once` runs it, with its requests and log. */
export interface CycleRun {
  report: CycleReport;
  stats: RequestStats;
  lines: string[];
  events: Array<Record<string, unknown>>;
}

/**
 * Runs one worker cycle from a config file at `nowMs`, with the key from REDMINE_API_KEY, and
 * returns its report, request counts and log lines. Each call is a fresh process as far as the
 * worker knows: the state comes from the state file.
 */
export async function runWorkerCycle(
  configPath: string,
  nowMs: number,
  options: { signal?: AbortSignal } = {},
): Promise<CycleRun> {
  const config = readWorkerConfigFile(configPath);
  if (!config.ok) throw new Error(JSON.stringify(config.issues));
  const catalog = readCatalogFile(config.value.catalog, holidayYearsAround(nowMs));
  if (!catalog.ok) throw new Error(JSON.stringify(catalog.issues));
  const apiKey = process.env.REDMINE_API_KEY ?? '';
  const { log, lines, events } = memoryLog([apiKey]);
  const stats = new RequestStats();
  const signal = options.signal ?? new AbortController().signal;
  const session = openSyncSession({
    config: config.value,
    catalog: catalog.value,
    apiKey,
    log,
    clock: Date.now,
    signal,
    stats,
  });
  try {
    const report = await session.worker.runCycle({ nowMs, signal });
    return { report, stats, lines, events: events() };
  } finally {
    session.close();
  }
}
