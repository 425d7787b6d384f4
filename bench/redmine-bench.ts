import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { z } from 'zod';
import { readCatalogFile } from '../src/io/read-catalog-file';
import { holidayYearsAround } from '../src/parsing/parse-catalog-text';
import { formatIssues } from '../src/core/errors/validation-issue';
import { RedmineClient } from '../src/redmine/client';
import { readWorkerConfigFile } from '../src/redmine/config/read-worker-config';
import { RequestStats } from '../src/http/request-stats';
import type { CycleReport } from '../src/redmine/worker/redmine-sync-worker';
import type { SyncProgress } from '../src/redmine/worker/redmine-sync-worker';
import { openSyncSession, type SyncSession } from '../src/redmine/worker/sync-session';
import { createWorkerLog } from '../src/redmine/worker/worker-log';

/**
 * The Redmine sync worker against the local Redmine (scripts/redmine-local.sh): an initial sync of
 * 2 000 issues (wall time, HTTP requests, peak memory), then an idle cycle over the same issues
 * (target: at most 2 read requests per project and no writes), in the same process as a
 * `--watch` worker would run them, and once more from a fresh process as `--once` would.
 *
 * Run: `bash scripts/redmine-local.sh start && eval "$(bash scripts/redmine-local.sh env)" &&
 * npm run --silent build && node dist/bench/redmine-bench.js`. It is not a `benchmark` export of
 * bench/run.ts on purpose: it needs a running Redmine and takes minutes.
 */

const ROOT = resolve(__dirname, __dirname.includes(`${join('dist', 'bench')}`) ? '../..' : '..');
const ISSUES = 2_000;
/** One in ten is open (created in the last hours); the rest were closed over the last two months. */
const OPEN_SHARE = 0.1;
const IDLE_READS_PER_PROJECT = 2;

const seededSchema = z.object({ project: z.string(), adminId: z.number(), seconds: z.number() });

function runRails(ruby: string): Promise<unknown> {
  return new Promise((done, fail) => {
    // The instance of REDMINE_URL's port: each port of redmine-local.sh is its own Redmine.
    const port = new URL(process.env.REDMINE_URL ?? 'http://127.0.0.1:3300').port || '3300';
    execFile(
      'bash',
      [join(ROOT, 'scripts/redmine-local.sh'), 'runner', ruby],
      { cwd: ROOT, env: { ...process.env, REDMINE_PORT: port }, timeout: 600_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          fail(new Error(`redmine-local.sh runner failed: ${error.message}\n${stderr.slice(-2000)}`));
          return;
        }
        const lines = stdout.trim().split('\n');
        try {
          done(JSON.parse(lines[lines.length - 1]));
        } catch {
          fail(new Error(`runner printed no JSON: ${stdout.slice(-2000)}`));
        }
      },
    );
  });
}

/** Inserts the issues in one statement, as a big import would: no journals, created_on = updated_on. */
async function seedIssues(identifier: string): Promise<z.infer<typeof seededSchema>> {
  const ruby = `
    started = Time.now
    project = Project.create!(identifier: ${JSON.stringify(identifier)}, name: ${JSON.stringify(identifier)}, is_public: false,
      tracker_ids: Tracker.pluck(:id), enabled_module_names: %w[issue_tracking time_tracking wiki])
    admin = User.find_by!(login: 'admin')
    trackers = Tracker.where(name: %w[Bug Feature Support]).pluck(:id)
    priorities = IssuePriority.where(name: %w[Low Normal High Urgent]).pluck(:id)
    open_status = IssueStatus.find_by!(name: 'New').id
    closed_status = IssueStatus.find_by!(name: 'Closed').id
    now = Time.now.utc.change(usec: 0)
    open_count = (${ISSUES} * ${OPEN_SHARE}).round
    rows = (0...${ISSUES}).map do |n|
      open = n >= ${ISSUES} - open_count
      created = open ? now - (${ISSUES} - n) * 7 : now - 3 * 3600 - (${ISSUES} - n) * 2600
      { project_id: project.id, tracker_id: trackers[n % trackers.size], priority_id: priorities[n % priorities.size],
        status_id: open ? open_status : closed_status, author_id: admin.id, subject: "Bench issue #{n + 1}",
        created_on: created, updated_on: created, closed_on: open ? nil : created, start_date: created.to_date,
        lft: 1, rgt: 2, is_private: false, done_ratio: 0, lock_version: 0 }
    end
    Issue.insert_all!(rows)
    Issue.where(project_id: project.id).update_all('root_id = id')
    puts JSON.generate({ project: project.identifier, adminId: admin.id, seconds: (Time.now - started).round(1) })
  `;
  return seededSchema.parse(await runRails(ruby));
}

/** The request counts of one cycle, copied: the session's counter is reset for the next. */
interface RequestCounts {
  total: number;
  gets: number;
  writes: number;
  retries: number;
  byEndpoint: Record<string, number>;
}

function countsOf(stats: RequestStats): RequestCounts {
  return {
    total: stats.total,
    gets: stats.byMethod.GET,
    writes: stats.writes,
    retries: stats.retries,
    byEndpoint: { ...stats.byEndpoint },
  };
}

/** One stretch of a cycle in one phase (a listing, the reads, the writes, the confirming listing). */
interface PhaseSpan {
  phase: SyncProgress['phase'];
  startedMs: number;
  endedMs: number;
}

/** Stretches of consecutive progress events of the same phase, from the worker's progress reports. */
class PhaseTimeline {
  readonly spans: PhaseSpan[] = [];

  constructor(private readonly clock: () => number) {}

  readonly onProgress = (progress: SyncProgress): void => {
    const now = this.clock();
    const last = this.spans[this.spans.length - 1];
    if (last && last.phase === progress.phase) last.endedMs = now;
    else this.spans.push({ phase: progress.phase, startedMs: now, endedMs: now });
  };

  /** Seconds of the phase's spans, in order, e.g. `list 28.6 s, write 246.1 s, list 38.0 s`. */
  describe(): string {
    return this.spans
      .map((span) => `${span.phase} ${((span.endedMs - span.startedMs) / 1000).toFixed(1)} s`)
      .join(', ');
  }

  /** Seconds of all `write` spans. */
  writeMs(): number {
    return this.spans
      .filter((span) => span.phase === 'write')
      .reduce((sum, span) => sum + span.endedMs - span.startedMs, 0);
  }
}

interface Measured {
  report: CycleReport;
  stats: RequestCounts;
  wallMs: number;
  peakRssMb: number;
  peakHeapMb: number;
}

async function measure(session: SyncSession, signal: AbortSignal): Promise<Measured> {
  session.stats.reset();
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 25);
  const startedMs = Date.now();
  try {
    const report = await session.worker.runCycle({ nowMs: Date.now(), signal });
    return {
      report,
      stats: countsOf(session.stats),
      wallMs: Date.now() - startedMs,
      peakRssMb: peakRss / 2 ** 20,
      peakHeapMb: peakHeap / 2 ** 20,
    };
  } finally {
    clearInterval(sampler);
  }
}

function row(label: string, measured: Measured): string {
  const { stats, report } = measured;
  return `| ${label} | ${report.outcome} | ${(measured.wallMs / 1000).toFixed(1)} s | ${stats.total} | ${stats.gets} | ${stats.writes} | ${report.escalations} | ${measured.peakRssMb.toFixed(0)} MB | ${measured.peakHeapMb.toFixed(0)} MB |`;
}

const BARE_PUTS = 40;

/** The median time of a bare `PUT /issues/:id.json` changing one custom field, one after the other: the floor a sync's writes cannot beat. */
async function medianBarePutMs(url: string, apiKey: string, project: string): Promise<number> {
  const client = new RedmineClient({ baseUrl: url, apiKey, retries: 0 });
  try {
    const fields = await client.listCustomFields();
    const flags = fields.find((field) => field.customized_type === 'issue' && field.name === 'SLA flags');
    if (!flags) throw new Error('custom field "SLA flags" is missing: run `bash scripts/redmine-local.sh start`');
    const issues = (await client.listIssues({ projectId: project, statusId: '*', sort: 'id' })).slice(0, BARE_PUTS);
    const times: number[] = [];
    for (const [index, issue] of issues.entries()) {
      const startedMs = performance.now();
      await client.updateIssue(issue.id, { custom_fields: [{ id: flags.id, value: `bench-${index}` }] });
      times.push(performance.now() - startedMs);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)] ?? Number.NaN;
  } finally {
    client.close();
  }
}

const PARALLEL_BARE_PUTS = 200;

/**
 * The wall time per bare `PUT` when `concurrency` of them are kept in flight (over 200 issues): what the
 * server really serves at the worker's write concurrency. The issue's limit divides the sequential PUT by
 * the concurrency, which assumes the server scales linearly; this figure says how far it does.
 */
async function parallelBarePutMs(url: string, apiKey: string, project: string, concurrency: number): Promise<number> {
  const client = new RedmineClient({ baseUrl: url, apiKey, retries: 0 });
  try {
    const fields = await client.listCustomFields();
    const flags = fields.find((field) => field.customized_type === 'issue' && field.name === 'SLA flags');
    if (!flags) throw new Error('custom field "SLA flags" is missing: run `bash scripts/redmine-local.sh start`');
    const issues = (await client.listIssues({ projectId: project, statusId: '*', sort: 'id' })).slice(
      0,
      PARALLEL_BARE_PUTS,
    );
    const queue = issues.entries();
    const startedMs = performance.now();
    const putNext = async (): Promise<void> => {
      for (const [index, issue] of queue) {
        await client.updateIssue(issue.id, { custom_fields: [{ id: flags.id, value: `bench-parallel-${index}` }] });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, putNext));
    return (performance.now() - startedMs) / issues.length;
  } finally {
    client.close();
  }
}

/** Seeds 2 000 issues in a new project of the local Redmine, syncs them, then runs idle cycles; prints the figures. */
export async function runRedmineBench(): Promise<void> {
  const url = process.env.REDMINE_URL;
  const apiKey = process.env.REDMINE_API_KEY;
  if (!url || !apiKey) {
    console.log(
      'skipped: REDMINE_URL and REDMINE_API_KEY are not set; run `bash scripts/redmine-local.sh start` and `eval "$(bash scripts/redmine-local.sh env)"` first',
    );
    return;
  }
  const identifier = `bench-${Date.now().toString(36)}`;
  const seeded = await seedIssues(identifier);
  console.log(
    `seeded ${ISSUES} issues into ${seeded.project} in ${seeded.seconds} s (one Rails runner process); writes in parallel: ${process.env.BENCH_WRITE_CONCURRENCY ?? 1}`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'tsla-bench-'));
  writeFileSync(
    join(dir, 'worker.yml'),
    stringify({
      redmine: { url, apiKey: { env: 'REDMINE_API_KEY' } },
      catalog: join(ROOT, 'examples/catalog.yml'),
      stateFile: join(dir, 'state.json'),
      contracts: { 'client-a': { projects: [identifier] } },
      mapping: {
        trackers: { Bug: 'bug', Feature: 'enhancement', Support: 'consultation' },
        priorities: { Low: 'low', Normal: 'normal', High: 'high', Urgent: 'urgent', Immediate: 'critical' },
      },
      staff: { users: [seeded.adminId] },
      sync: { concurrency: 4, writeConcurrency: Number(process.env.BENCH_WRITE_CONCURRENCY ?? 1) },
    }),
  );
  const config = readWorkerConfigFile(join(dir, 'worker.yml'));
  if (!config.ok) throw new Error(formatIssues(config.issues));
  const catalog = readCatalogFile(config.value.catalog, holidayYearsAround(Date.now()));
  if (!catalog.ok) throw new Error(formatIssues(catalog.issues));
  const log = createWorkerLog({
    write: (line) => process.stderr.write(`${line}\n`),
    format: 'logfmt',
    level: process.env.BENCH_VERBOSE === '1' ? 'info' : 'warn',
    secrets: [apiKey],
    now: Date.now,
  });
  const signal = new AbortController().signal;
  const timeline = new PhaseTimeline(Date.now);
  const open = (): SyncSession =>
    openSyncSession({
      config: config.value,
      catalog: catalog.value,
      apiKey,
      log,
      clock: Date.now,
      signal,
      onProgress: timeline.onProgress,
    });

  const watching = open();
  const initial = await measure(watching, signal);
  const initialPhases = timeline.describe();
  const initialWriteMs = timeline.writeMs();
  const idle = await measure(watching, signal);
  watching.close();
  const once = open();
  const idleOnce = await measure(once, signal);
  once.close();

  console.log('| cycle | outcome | wall time | requests | GET | writes | escalations | peak RSS | peak heap |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  console.log(row(`initial sync, ${ISSUES} issues`, initial));
  console.log(row('idle cycle, same process (--watch)', idle));
  console.log(row('idle cycle, new process (--once)', idleOnce));
  console.log(
    `\ninitial sync: ${(ISSUES / (initial.wallMs / 1000)).toFixed(0)} issues/s; requests by endpoint of the idle cycle: ${JSON.stringify(idle.stats.byEndpoint)}`,
  );

  const barePutMs = await medianBarePutMs(url, apiKey, identifier);
  const writeConcurrency = config.value.sync.writeConcurrency;
  const limitMs = (ISSUES * barePutMs) / writeConcurrency;
  console.log(
    `bare PUT (one custom field, sequential, median of ${BARE_PUTS}, same run): ${barePutMs.toFixed(1)} ms; limit ${ISSUES} × ${barePutMs.toFixed(1)} ms ÷ ${writeConcurrency} = ${(limitMs / 1000).toFixed(1)} s; ` +
      `initial sync ${(initial.wallMs / limitMs).toFixed(2)}× the limit; requests per issue ${(initial.stats.total / ISSUES).toFixed(2)}, writes per issue ${(initial.stats.writes / ISSUES).toFixed(2)}`,
  );
  const servedPutMs = await parallelBarePutMs(url, apiKey, identifier, writeConcurrency);
  const servedLimitMs = ISSUES * servedPutMs;
  console.log(
    `bare PUTs ${writeConcurrency} in flight (${PARALLEL_BARE_PUTS}, same run): ${servedPutMs.toFixed(1)} ms each, ` +
      `${(barePutMs / writeConcurrency / servedPutMs).toFixed(2)}× the linear speed-up the limit assumes; ` +
      `${ISSUES} such PUTs ${(servedLimitMs / 1000).toFixed(1)} s; initial sync ${(initial.wallMs / servedLimitMs).toFixed(2)}× that`,
  );
  // From the first to the last confirmed write: what the writes alone take, against the same limit.
  console.log(
    `phases of the initial sync (first to last progress report of each stretch): ${initialPhases}; ` +
      `writes alone ${(initialWriteMs / 1000).toFixed(1)} s = ${(initialWriteMs / limitMs).toFixed(2)}× the limit, ` +
      `${(initialWriteMs / initial.stats.writes / barePutMs).toFixed(2)} bare PUTs per write`,
  );

  const idleReads = idle.stats.gets;
  const ok =
    initial.report.outcome === 'ok' &&
    idle.report.outcome === 'ok' &&
    idle.stats.writes === 0 &&
    idleReads <= IDLE_READS_PER_PROJECT;
  console.log(
    `idle target (≤ ${IDLE_READS_PER_PROJECT} reads per project, 0 writes): ${ok ? 'met' : 'MISSED'} (${idleReads} reads, ${idle.stats.writes} writes)`,
  );
  if (!ok) process.exitCode = 1;
}

if (require.main === module) {
  runRedmineBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
