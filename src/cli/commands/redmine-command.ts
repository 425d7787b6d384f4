import type { Command } from 'commander';
import { formatIssues } from '../../core/errors/validation-issue';
import { RedmineClient } from '../../redmine/client';
import { checkRedmineSetup, formatSetupReport } from '../../redmine/doctor/check-redmine-setup';
import { setupRunnerScript } from '../../redmine/doctor/setup-runner-script';
import { RedmineError, redactSecret } from '../../redmine/errors';
import { readWorkerConfigFile } from '../../redmine/config/read-worker-config';
import { resolveApiKey } from '../../redmine/config/resolve-api-key';
import type { WorkerConfig } from '../../redmine/config/worker-config-schema';
import { abortableSleep } from '../../redmine/worker/abortable-sleep';
import { acquireInstanceLock, lockDirOf, type HeldLock, type LockAttempt } from '../../redmine/worker/instance-lock';
import type { CycleReport } from '../../redmine/worker/redmine-sync-worker';
import { openSyncSession } from '../../redmine/worker/sync-session';
import { terminalProgress } from '../../redmine/worker/terminal-progress';
import { runWatchLoop } from '../../redmine/worker/watch-loop';
import { createWorkerLog, type LogFormat, type WorkerLog } from '../../redmine/worker/worker-log';
import { CliFailure, type CliIo } from '../cli-io';
import { loadCatalogOrFail, resolveNow } from '../load-inputs';

interface SyncOptions {
  config: string;
  once?: boolean;
  watch?: boolean;
  dryRun?: boolean;
  at?: string;
  interval?: string;
  logFormat: string;
  verbose?: boolean;
}

/** Process-level pieces of `redmine sync`, injected so tests can stop it without real signals. */
export interface RedmineCommandDeps {
  /** A signal that aborts on SIGTERM or SIGINT; `dispose` removes the handlers. */
  stopSignal: () => { signal: AbortSignal; dispose: () => void };
  /** Where the progress bar is drawn (only when `io.isTty`). */
  progressStream: NodeJS.WritableStream;
  /** Real time, for the single-instance lock's staleness (file times are real even when `--at` is not). */
  wallClock?: () => number;
}

/** SIGTERM (systemd, Kubernetes) and SIGINT (Ctrl-C) end the sync cleanly. */
export function processRedmineDeps(): RedmineCommandDeps {
  return {
    stopSignal: () => {
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      return {
        signal: controller.signal,
        dispose: () => {
          process.off('SIGTERM', stop);
          process.off('SIGINT', stop);
        },
      };
    },
    progressStream: process.stdout,
  };
}

/** Exit code when another worker holds the lock of the same Redmine projects (`--once`). */
const EXIT_LOCKED = 5;

/** Exit codes of `redmine sync`: 0 synced (or stopped by a signal), 1 config mismatch, 3 Redmine unavailable, 4 key rejected or a right missing, 5 another worker runs. */
function exitCodeOf(report: CycleReport | undefined): number {
  if (!report) return 0;
  switch (report.outcome) {
    case 'ok':
    case 'aborted':
      return 0;
    case 'config':
      return 1;
    case 'outage':
      return 3;
    case 'auth':
      return 4;
  }
}

/**
 * `tariff-sla redmine sync`: keeps Redmine issues' SLA fields, escalations and monthly statement
 * pages up to date. `--once` runs one cycle (Kubernetes CronJob), `--watch` runs until SIGTERM
 * (systemd). Logs are structured lines on stderr; `--dry-run` prints the writes on stdout.
 */
export function registerRedmineCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: number) => void,
  deps: RedmineCommandDeps = processRedmineDeps(),
): void {
  const redmine = program.command('redmine').description('Redmine sync worker');
  registerCheckCommands(redmine, io, setExitCode);
  redmine
    .command('sync')
    .description('sync SLA fields, escalations and statements with Redmine')
    .requiredOption('--config <file>', 'worker config (YAML), see examples/redmine-worker.yml')
    .option('--once', 'run one cycle and exit (default)')
    .option('--watch', 'run a cycle every interval until SIGTERM or SIGINT')
    .option('--dry-run', 'print every write as JSON on stdout and make none (the state file is not written)')
    .option('--at <iso>', 'evaluate the SLA clocks as of this instant instead of now')
    .option('--interval <seconds>', 'seconds between cycle starts with --watch (default: sync.intervalSeconds)')
    .option('--log-format <format>', 'json or logfmt', 'json')
    .option('--verbose', 'also log every field update')
    .action(async (options: SyncOptions) => {
      if (options.once && options.watch) throw new CliFailure('--once and --watch exclude each other: pick one', 2);
      if (options.logFormat !== 'json' && options.logFormat !== 'logfmt')
        throw new CliFailure(`--log-format: expected json or logfmt, got "${options.logFormat}"`, 2);
      const logFormat: LogFormat = options.logFormat;
      const intervalSeconds = options.interval === undefined ? undefined : Number(options.interval);
      if (intervalSeconds !== undefined && !(Number.isFinite(intervalSeconds) && intervalSeconds > 0)) {
        throw new CliFailure(`--interval: expected seconds > 0, got "${options.interval}"`, 2);
      }
      if (options.at !== undefined) resolveNow(options.at, io);

      const loaded = readWorkerConfigFile(options.config);
      if (!loaded.ok)
        throw new CliFailure(`${options.config}: invalid worker config\n${formatIssues(loaded.issues, '  ')}`);
      const config = loaded.value;
      const catalog = loadCatalogOrFail(config.catalog, io);
      const apiKey = resolveApiKey(config.redmine.apiKey, { env: io.env });
      if (!apiKey.ok) throw new CliFailure(`${options.config}: ${formatIssues(apiKey.issues)}`);

      const log = createWorkerLog({
        write: (line) => io.stderr(line),
        format: logFormat,
        level: options.verbose ? 'debug' : 'info',
        secrets: [apiKey.value],
        now: io.nowMs,
      });
      const { signal, dispose } = deps.stopSignal();
      // A dry run writes nothing, so it needs no lock and may run beside the worker.
      const lock = options.dryRun
        ? undefined
        : await takeLock(
            config,
            log,
            signal,
            options.watch === true,
            deps.wallClock ?? Date.now,
            intervalSeconds ?? config.sync.intervalSeconds,
          );
      if (lock === null) {
        dispose();
        setExitCode(signal.aborted ? 0 : EXIT_LOCKED);
        return;
      }
      const refreshTimer = lock ? setInterval(lock.refresh, (config.sync.lockStaleSeconds * 1000) / 4) : undefined;
      refreshTimer?.unref();
      const progress = io.isTty && !options.dryRun ? terminalProgress(deps.progressStream) : undefined;
      const session = openSyncSession({
        config,
        catalog,
        apiKey: apiKey.value,
        log,
        clock: io.nowMs,
        signal,
        dryRun: options.dryRun,
        printPlanned: (request) => io.stdout(JSON.stringify({ dryRun: true, ...request })),
        onProgress: progress?.update,
      });
      const nowMs = (): number => (options.at !== undefined ? resolveNow(options.at, io) : io.nowMs());
      const runCycle = async (): Promise<CycleReport> => {
        session.stats.reset();
        const report = await session.worker.runCycle({ nowMs: nowMs(), signal });
        progress?.stop();
        log.info('requests', {
          total: session.stats.total,
          get: session.stats.byMethod.GET,
          writes: session.stats.writes,
          retries: session.stats.retries,
        });
        return report;
      };
      try {
        const report = options.watch
          ? await runWatchLoop({
              runCycle,
              intervalMs: (intervalSeconds ?? config.sync.intervalSeconds) * 1000,
              sleep: abortableSleep,
              signal,
              clock: io.nowMs,
            })
          : await runCycle();
        if (signal.aborted)
          log.info('stopped', { reason: 'signal', hint: 'the issues in hand were finished and the state saved' });
        setExitCode(exitCodeOf(report));
      } finally {
        progress?.stop();
        session.close();
        if (refreshTimer) clearInterval(refreshTimer);
        lock?.release();
        dispose();
      }
    });
}

/**
 * The single-instance lock of the config's Redmine projects. `--once` gives up at once when
 * another worker holds it (null: exit 5); `--watch` waits for it, checking every interval, until
 * stopped (null as well).
 */
async function takeLock(
  config: WorkerConfig,
  log: WorkerLog,
  signal: AbortSignal,
  wait: boolean,
  clock: () => number,
  intervalSeconds: number,
): Promise<HeldLock | null> {
  // Shared projects synced for the contract rules are locked like bound ones: one worker per project.
  const projects = [
    ...Object.values(config.contracts).flatMap((binding) => binding.projects.map(String)),
    ...(config.contractRules?.projects ?? []).map(String),
  ];
  const attempt = (): LockAttempt =>
    acquireInstanceLock({
      dir: lockDirOf(config.stateFile),
      redmineUrl: config.redmine.url,
      projects,
      staleMs: config.sync.lockStaleSeconds * 1000,
      clock,
    });
  let result = attempt();
  if (!result.ok && wait) {
    log.warn('lock_waiting', {
      lock: result.path,
      holder: result.holder,
      message: result.message,
      hint: `waiting for it; checking every ${intervalSeconds} s`,
    });
    while (!result.ok && !signal.aborted) {
      await abortableSleep(intervalSeconds * 1000, signal);
      result = attempt();
    }
  }
  if (result.ok) return result.lock;
  if (!signal.aborted) {
    log.error('lock_held', {
      lock: result.path,
      holder: result.holder,
      message: result.message,
      hint: `one worker per Redmine project: stop the other one, or wait for it (a lock not refreshed for ${config.sync.lockStaleSeconds} s is taken over)`,
    });
  }
  return null;
}

/** Loads and validates the worker config and its catalog, or fails with every problem by path. */
function loadWorkerSetup(
  path: string,
  io: CliIo,
): { config: WorkerConfig; catalog: ReturnType<typeof loadCatalogOrFail> } {
  const loaded = readWorkerConfigFile(path);
  if (!loaded.ok) throw new CliFailure(`${path}: invalid worker config\n${formatIssues(loaded.issues, '  ')}`);
  return { config: loaded.value, catalog: loadCatalogOrFail(loaded.value.catalog, io) };
}

/**
 * `redmine check --config FILE`: the set-up doctor (exit 0 all is well, 1 problems, 3 Redmine
 * unreachable, 4 key rejected); `redmine setup --print [--config FILE]`: the Rails runner script
 * that creates what the worker needs.
 */
function registerCheckCommands(redmine: Command, io: CliIo, setExitCode: (code: number) => void): void {
  redmine
    .command('check')
    .description('check that a Redmine has everything the worker needs, with the fix for each problem')
    .requiredOption('--config <file>', 'worker config (YAML)')
    .action(async (options: { config: string }) => {
      const { config, catalog } = loadWorkerSetup(options.config, io);
      const apiKey = resolveApiKey(config.redmine.apiKey, { env: io.env });
      if (!apiKey.ok) throw new CliFailure(`${options.config}: ${formatIssues(apiKey.issues)}`);
      const client = new RedmineClient({
        baseUrl: config.redmine.url,
        apiKey: apiKey.value,
        retries: config.redmine.retries,
        timeoutMs: config.redmine.timeoutSeconds * 1000,
      });
      try {
        const report = await checkRedmineSetup(client, config, catalog);
        io.stdout(redactSecret(formatSetupReport(report, client.baseUrl), apiKey.value));
        setExitCode(
          report.problems.some((problem) => problem.code === 'key_rejected') ? 4 : report.problems.length > 0 ? 1 : 0,
        );
      } catch (error) {
        if (!(error instanceof RedmineError)) throw error;
        io.stderr(`Redmine ${client.baseUrl}: ${error.message}`);
        setExitCode(error.code === 'redmine_auth' ? 4 : 3);
      } finally {
        client.close();
      }
    });
  redmine
    .command('setup')
    .description('print the Rails runner script that creates the custom fields, groups and modules the worker needs')
    .requiredOption('--print', 'print the script on stdout (it is run on the Redmine server, not by this command)')
    .option('--config <file>', 'worker config (YAML): field names, groups and wiki projects come from it')
    .action((options: { print: boolean; config?: string }) => {
      const config = options.config === undefined ? undefined : loadWorkerSetup(options.config, io).config;
      io.stdout(setupRunnerScript(config));
    });
}
