import { DateTime } from 'luxon';
import { runSweep, type SweepResult } from '../src/jira/app/sweep';
import { type RequestStatsSnapshot } from '../src/http/request-stats';
import type { Benchmark } from './benchmark';
import { AGENT, msk, startJiraBenchSite } from './jira-bench-site';

/**
 * The scheduled sweep over 5 000 open issues against the Jira stand-in (real HTTP on 127.0.0.1,
 * contract-checked) with 150 ms latency per request: the requests a steady-state sweep uses and its
 * wall time, against the targets — at most 1 search page per 100 issues plus 1 changelog request per
 * 1 000, no writes for unchanged issues, well inside one 900 s invocation. The first sweep after
 * install (which writes every issue once) runs without latency, to set the scene.
 *
 * Run: `npm run --silent build && node dist/bench/jira-sweep-bench.js`
 */

const ISSUES = 5_000;
const LATENCY_MS = 150;
const INVOCATION_LIMIT_MS = 900_000;

interface Measured {
  readonly label: string;
  readonly result: SweepResult;
  readonly requests: RequestStatsSnapshot;
  readonly wallMs: number;
}

function line(measured: Measured): string {
  const { result, requests } = measured;
  const search = requests.byEndpoint['GET /rest/api/3/search/jql'] ?? 0;
  const changelog = requests.byEndpoint['POST /rest/api/3/changelog/bulkfetch'] ?? 0;
  return [
    `${measured.label.padEnd(34)}`,
    `${String(result.issues).padStart(5)} issues`,
    `${String(requests.total).padStart(6)} requests (${search} search, ${changelog} changelog, ${requests.writes} writes)`,
    `${String(result.propertyWrites).padStart(5)} property + ${String(result.fieldWrites).padStart(3)} field writes`,
    `${String(result.escalations).padStart(4)} escalations (+${result.escalationsRecorded} recorded)`,
    `${(measured.wallMs / 1000).toFixed(1).padStart(6)} s`,
  ].join(' | ');
}

/**
 * Seeds the stand-in, runs an install sweep, a steady-state sweep and a sweep after the clock moved,
 * prints the figures and sets `process.exitCode` when a target is missed.
 */
export async function runJiraSweepBench(): Promise<void> {
  let now = msk('2026-11-12T09:30');
  const { standIn, counter, deps } = await startJiraBenchSite(() => now);
  try {
    const days = ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12'];
    for (let index = 0; index < ISSUES; index++) {
      const day = days[index % days.length];
      const minute = (index * 7) % 480;
      const created = msk(`${day}T09:00`) + minute * 60_000;
      const createdText = DateTime.fromMillis(created, { zone: 'Europe/Moscow' });
      const history = [];
      // A third is being worked on, a tenth waits for the client; the rest are new.
      if (index % 3 === 0)
        history.push({ at: createdText.plus({ minutes: 20 }).toMillis(), status: 'In Progress', author: AGENT });
      if (index % 10 === 0)
        history.push({
          at: createdText.plus({ minutes: 40 }).toMillis(),
          status: 'Waiting for customer',
          author: AGENT,
        });
      standIn.seedIssue({
        project: 'SUP',
        created: Math.min(created, now - 60_000),
        priority: index % 5 === 0 ? 'High' : 'Medium',
        status: 'Open',
        history: history.filter((change) => change.at < now),
      });
    }

    const sweep = async (label: string): Promise<Measured> => {
      counter.reset();
      const started = Date.now();
      const result = await runSweep(deps, { runId: label, budgetMs: 600_000, enqueue: async () => undefined });
      return { label, result, requests: counter.snapshot(), wallMs: Date.now() - started };
    };

    const install = await sweep('install sweep (0 ms latency)');
    standIn.setLatency(LATENCY_MS);
    const steady = await sweep(`steady sweep (${LATENCY_MS} ms latency)`);
    now += 10 * 60_000;
    const moved = await sweep(`sweep 10 min later (${LATENCY_MS} ms)`);

    console.log(`Jira sweep over ${ISSUES} open issues, stand-in on 127.0.0.1`);
    for (const measured of [install, steady, moved]) console.log(line(measured));
    for (const measured of [install, steady, moved])
      for (const error of measured.result.errors.slice(0, 3))
        console.log(`  ${measured.label}: ${error.issue} ${error.code} ${error.message}`);

    const searchBudget = Math.ceil(ISSUES / 100);
    const changelogBudget = Math.ceil(ISSUES / 1000);
    const reads = steady.requests.reads;
    const checks: Array<[string, boolean]> = [
      [
        `steady sweep reads ≤ ${searchBudget} search pages + ${changelogBudget} changelog requests (got ${reads})`,
        reads <= searchBudget + changelogBudget,
      ],
      [
        `steady sweep writes nothing for unchanged issues (got ${steady.requests.writes})`,
        steady.requests.writes === 0,
      ],
      [
        `steady sweep well inside one ${INVOCATION_LIMIT_MS / 1000} s invocation (got ${(steady.wallMs / 1000).toFixed(1)} s)`,
        steady.wallMs < INVOCATION_LIMIT_MS / 10,
      ],
      [`no contract violations (got ${standIn.violations().length})`, standIn.violations().length === 0],
      [
        `no errors (got ${install.result.errors.length + steady.result.errors.length + moved.result.errors.length})`,
        install.result.errors.length + steady.result.errors.length + moved.result.errors.length === 0,
      ],
    ];
    for (const [text, passed] of checks) {
      console.log(`${passed ? 'ok  ' : 'FAIL'} ${text}`);
      if (!passed) process.exitCode = 1;
    }
  } finally {
    await standIn.close();
  }
}

export const benchmark: Benchmark = {
  name: 'jira-sweep',
  description: 'Forge app sweep over 5 000 open issues against the Jira stand-in with 150 ms latency',
  run: runJiraSweepBench,
};

if (require.main === module) {
  runJiraSweepBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
