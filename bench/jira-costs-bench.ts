import { runDueSweep, type DueSweepResult } from '../src/jira/app/due-sweep';
import { getIssueSla } from '../src/jira/app/issue-panel-resolver';
import { handleJiraEvent } from '../src/jira/app/jira-event-handler';
import { runSweep } from '../src/jira/app/sweep';
import type { RequestStatsSnapshot } from '../src/http/request-stats';
import { dueIndexKey, issueFactsKey, type IssueFacts } from '../src/jira/sla/issue-facts';
import type { Benchmark } from './benchmark';
import { msk, startJiraBenchSite, type JiraBenchSite } from './jira-bench-site';

/**
 * What the Forge app costs in Jira requests where cost matters, against the Jira stand-in (real HTTP on
 * 127.0.0.1, contract-checked, 150 ms per answer):
 *
 * 1. opening the issue panel on a cold cache in a 5 000-issue project, all created the same day under a
 *    daily-limit tariff (target ≤ 3 requests: the issue, one page of the day's earlier issues, the changelog);
 * 2. an event of a project no contract applies to (target 0 requests, 0 storage writes);
 * 3. the five-minute sweep over 100 000 open issues with nothing due (target ≤ 3 requests, 0 writes);
 * 4. the five-minute sweep over 5 000 open issues with 50 due (target: requests proportional to the 50 —
 *    one changed-issues search, one search page per 100 due, one changelog request per 1 000 due, one
 *    comment page per due issue whose reaction clock is open — plus the writes of what changed).
 *
 * Run: `npm run --silent build && node dist/bench/jira-costs-bench.js`
 */

const LATENCY_MS = 150;

interface Site extends JiraBenchSite {
  setNow(iso: string): void;
}

async function site(startIso: string): Promise<Site> {
  let now = msk(startIso);
  const started = await startJiraBenchSite(() => now);
  return { ...started, setNow: (iso) => (now = msk(iso)) };
}

interface Row {
  readonly label: string;
  readonly requests: RequestStatsSnapshot;
  readonly storeWrites: number;
  readonly wallMs: number;
  readonly detail: string;
}

async function measure(target: Site, label: string, run: () => Promise<string>): Promise<Row> {
  target.counter.reset();
  const writes = target.store.writes.length;
  const started = Date.now();
  const detail = await run();
  return {
    label,
    requests: target.counter.snapshot(),
    storeWrites: target.store.writes.length - writes,
    wallMs: Date.now() - started,
    detail,
  };
}

function line(row: Row): string {
  const ops = Object.entries(row.requests.byEndpoint)
    .map(([operation, count]) => `${count}× ${operation}`)
    .join(', ');
  return `${row.label.padEnd(46)} | ${String(row.requests.total).padStart(4)} requests (${row.requests.writes} writes) | ${String(row.storeWrites).padStart(4)} storage writes | ${(row.wallMs / 1000).toFixed(2).padStart(6)} s | ${row.detail}${ops ? ` | ${ops}` : ''}`;
}

function sweepDetail(result: DueSweepResult): string {
  return `${result.due} due, ${result.changed} changed, ${result.issues} evaluated, ${result.propertyWrites} property + ${result.fieldWrites} field writes, ${result.escalations} escalations, ${result.errors.length} errors`;
}

/** 5 000 open issues: 50 created at 09:00 and 4 950 at 10:00 (so at 12:15 exactly the 50 have crossed 80 % of their 4-hour reaction target). */
async function fiveThousand(checks: Array<[string, boolean]>, rows: Row[]): Promise<void> {
  const target = await site('2026-11-12T10:00');
  try {
    for (let index = 0; index < 5_000; index++)
      target.standIn.seedIssue({
        project: 'SUP',
        created: index < 50 ? msk('2026-11-12T09:00') : msk('2026-11-12T10:00'),
        priority: 'Medium',
        status: 'Open',
      });
    target.standIn.seedIssue({ project: 'OPS', created: msk('2026-11-12T10:00') });
    // Install: the daily reconciliation evaluates every issue once and fills the due index.
    await runSweep(target.deps, { runId: 'install', budgetMs: 600_000, enqueue: async () => undefined });
    await runDueSweep(target.deps, { runId: 'publish', budgetMs: 600_000 });
    target.standIn.setLatency(LATENCY_MS);

    const panelKey = 'SUP-2500';
    await target.store.delete('cache:displayNames');
    const panel = await measure(target, 'issue panel, cold cache, 5 000-issue project', async () => {
      const answer = await getIssueSla(
        target.deps,
        { store: target.store, now: target.deps.now, source: () => ({ load: async () => ({ issues: [] }) }) },
        { issueKey: panelKey },
      );
      return answer.ok ? `${answer.value.state}, ${answer.value.clocks.length} clocks` : answer.error.code;
    });
    const unmapped = await measure(target, 'event of an unmapped project', async () => {
      const outcome = await handleJiraEvent(
        target.deps,
        {
          eventType: 'avi:jira:updated:issue',
          issue: { id: '99999', key: 'OPS-1', fields: { project: { key: 'OPS' } } },
        },
        'evt',
      );
      return outcome.kind === 'ignored' ? outcome.reason : outcome.kind;
    });
    target.setNow('2026-11-12T10:20');
    const steady = await measure(target, 'sweep, 5 000 open, nothing due', async () =>
      sweepDetail(await runDueSweep(target.deps, { runId: 'steady', budgetMs: 600_000 })),
    );
    target.setNow('2026-11-12T12:15');
    let due: DueSweepResult | null = null;
    const fifty = await measure(target, 'sweep, 5 000 open, 50 due', async () => {
      due = await runDueSweep(target.deps, { runId: 'fifty', budgetMs: 600_000 });
      return sweepDetail(due);
    });
    rows.push(panel, unmapped, steady, fifty);
    const dueCount = (due as DueSweepResult | null)?.due ?? 0;
    const reads = fifty.requests.reads;
    // One changed-issues search, one page per 100 due ids, one changelog request per 1 000, and for each due
    // issue whose badge changes while its reaction clock is open one comment page (the first-response check).
    const readBudget = 1 + Math.ceil(dueCount / 100) + Math.ceil(dueCount / 1000) + dueCount;
    checks.push(
      [`panel open ≤ 3 requests on a cold cache (got ${panel.requests.total})`, panel.requests.total <= 3],
      [
        `unmapped event: 0 requests, 0 storage writes (got ${unmapped.requests.total}, ${unmapped.storeWrites})`,
        unmapped.requests.total === 0 && unmapped.storeWrites === 0,
      ],
      [
        `steady sweep of 5 000: ≤ 3 requests, 0 writes (got ${steady.requests.total}, ${steady.requests.writes})`,
        steady.requests.total <= 3 && steady.requests.writes === 0,
      ],
      [`50 due: exactly 50 due (got ${dueCount})`, dueCount === 50],
      [
        `50 due: reads ≤ 1 changed search + ⌈due/100⌉ pages + ⌈due/1000⌉ changelog + 1 comment page per due issue = ${readBudget} (got ${reads})`,
        reads <= readBudget,
      ],
      [
        `50 due: all requests ≤ 3 per due issue + 3 (got ${fifty.requests.total})`,
        fifty.requests.total <= 3 * dueCount + 3,
      ],
      [`no contract violations (got ${target.standIn.violations().length})`, target.standIn.violations().length === 0],
    );
  } finally {
    await target.standIn.close();
  }
}

/**
 * 100 000 open issues whose facts the app already keeps, none due before tomorrow. The facts are written
 * straight into storage (evaluating 100 000 issues through the stand-in would only measure the stand-in);
 * the sweep does not care how they got there.
 */
async function hundredThousand(checks: Array<[string, boolean]>, rows: Row[]): Promise<void> {
  const target = await site('2026-11-12T10:00');
  try {
    const nowMs = msk('2026-11-12T10:00');
    for (let index = 0; index < 100_000; index++) {
      const { id, key } = target.standIn.seedIssue({
        project: 'SUP',
        created: msk('2026-11-11T09:00') + (index % 480) * 60_000,
        priority: 'Medium',
        status: 'Open',
      });
      const nextAtMs = nowMs + 86_400_000 + (index % 1440) * 60_000;
      const facts: IssueFacts = {
        v: 1,
        issueKey: key,
        projectKey: 'SUP',
        record: {
          v: 1,
          slaState: 'ok',
          slaDueAt: null,
          slaTariff: 'basic',
          contract: 'client-a',
          clock: 'resolution',
          line: 'L1',
          lineHistory: [],
          response: null,
          escalationAllowed: true,
          nextLine: 'L2',
          slaOverLimit: false,
          escalations: [],
        },
        nextAtMs,
        evaluatedAtMs: nowMs,
      };
      await target.store.set(issueFactsKey(id), facts);
      await target.store.set(dueIndexKey(nextAtMs, id), { issueId: id });
    }
    await runDueSweep(target.deps, { runId: 'publish', budgetMs: 600_000, changedWithinMinutes: 1 });
    target.standIn.setLatency(LATENCY_MS);
    target.setNow('2026-11-12T10:20');
    const steady = await measure(target, 'sweep, 100 000 open, nothing due', async () =>
      sweepDetail(await runDueSweep(target.deps, { runId: 'steady', budgetMs: 600_000 })),
    );
    rows.push(steady);
    checks.push([
      `steady sweep of 100 000: ≤ 3 requests, 0 writes (got ${steady.requests.total}, ${steady.requests.writes}; ${steady.storeWrites} storage writes)`,
      steady.requests.total <= 3 && steady.requests.writes === 0 && steady.storeWrites === 0,
    ]);
  } finally {
    await target.standIn.close();
  }
}

/** Runs the four measurements, prints them and sets `process.exitCode` when a target is missed. */
export async function runJiraCostsBench(): Promise<void> {
  const checks: Array<[string, boolean]> = [];
  const rows: Row[] = [];
  await fiveThousand(checks, rows);
  await hundredThousand(checks, rows);
  console.log(`Jira app costs, stand-in on 127.0.0.1, ${LATENCY_MS} ms per answer`);
  for (const row of rows) console.log(line(row));
  for (const [text, passed] of checks) {
    console.log(`${passed ? 'ok  ' : 'FAIL'} ${text}`);
    if (!passed) process.exitCode = 1;
  }
}

export const benchmark: Benchmark = {
  name: 'jira-costs',
  description: 'Forge app: panel open, unmapped event, steady sweep over 100 000 open issues, 50 due of 5 000',
  run: runJiraCostsBench,
};

if (require.main === module) {
  runJiraCostsBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
