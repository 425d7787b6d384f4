import { fixture, hasStackTrace, runOnInputs } from '../helpers/cli';
import { SEED_CATALOG_PATH } from '../helpers/seed-catalog';

/** `tariff-sla explain` on examples/catalog.yml with test/fixtures/cli/seed-issues.json. */
const ISSUES = fixture('seed-issues.json');
const AT = '2026-11-20T15:00:00+03:00';
/** The seed catalog and the histories most tests run on. */
const SEED_ISSUES = { config: SEED_CATALOG_PATH, issues: ISSUES };
const explain = (key: string, ...extra: string[]) =>
  runOnInputs('explain', SEED_ISSUES, ['--key', key, '--at', AT, ...extra]);

test('Explain names the holiday by its name and the short pre-holiday day', async () => {
  // FX-7: created Tue 2026-11-03 16:30 (short day, 09:00–17:00), answered Thu 2026-11-05 09:20.
  const run = await explain('FX-7');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('2026-11-04 00:00 (+03:00) → 2026-11-05 00:00 (+03:00)  not counted');
  expect(run.stdout).toContain('public holiday: День народного единства');
  // 30 minutes on the short Tuesday (16:30 → 17:00) and 20 on Thursday: 50 of 240.
  expect(run.stdout).toContain('2026-11-03 16:30 (+03:00) → 2026-11-03 17:00 (+03:00)  counted 30 min');
  expect(run.stdout).toContain('Reaction: met — 50 min of 4 h working time used');
  expect(run.stdout).toContain('Stopped 2026-11-05 09:20 (+03:00) by the first response from petrov.');
});

test('Explain shows the weekend, the pause and the target source', async () => {
  // FX-6: critical on Базовый, created Friday 17:00, answered Monday 09:30, waiting since 10:00.
  const run = await explain('FX-6');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(
    '2026-11-14 00:00 (+03:00) → 2026-11-15 00:00 (+03:00)  not counted                        day off (weekend)',
  );
  expect(run.stdout).toContain('paused: status "Waiting for customer" waits for the client');
  expect(run.stdout).toContain('target from the target for priority "critical" in tariff "Базовый"');
  expect(run.stdout).toContain('Deadline: moves while paused; 2 h of working time remain.');
});

test('explain --json gives the segments of each clock with ISO instants and reasons', async () => {
  const run = await explain('FX-6', '--json');
  const json = JSON.parse(run.stdout);
  expect(json.key).toBe('FX-6');
  expect(json.segments.reaction).toEqual([
    {
      from: '2026-11-13T17:00:00+03:00',
      to: '2026-11-13T18:00:00+03:00',
      counted: true,
      workingMinutes: 60,
      reason: { kind: 'working', status: 'New' },
    },
    {
      from: '2026-11-13T18:00:00+03:00',
      to: '2026-11-14T00:00:00+03:00',
      counted: false,
      workingMinutes: 0,
      reason: { kind: 'outside_schedule' },
    },
    {
      from: '2026-11-14T00:00:00+03:00',
      to: '2026-11-15T00:00:00+03:00',
      counted: false,
      workingMinutes: 0,
      reason: { kind: 'weekend' },
    },
    {
      from: '2026-11-15T00:00:00+03:00',
      to: '2026-11-16T00:00:00+03:00',
      counted: false,
      workingMinutes: 0,
      reason: { kind: 'weekend' },
    },
    {
      from: '2026-11-16T00:00:00+03:00',
      to: '2026-11-16T09:00:00+03:00',
      counted: false,
      workingMinutes: 0,
      reason: { kind: 'outside_schedule' },
    },
    {
      from: '2026-11-16T09:00:00+03:00',
      to: '2026-11-16T09:30:00+03:00',
      counted: true,
      workingMinutes: 30,
      reason: { kind: 'working', status: 'New' },
    },
  ]);
});

test('An unknown key exits 1 with a message naming the key and the file', async () => {
  const run = await explain('NOPE-1');
  expect(run.code).toBe(1);
  expect(run.stderr).toBe(`tariff-sla: --key: no valid issue "NOPE-1" in ${ISSUES}`);
});

test('An issue created after --at cannot be explained at that instant', async () => {
  const run = await explain('FX-5');
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('FX-5 was created after --at');
});

test('An issue that does not fit the catalog is explained by its problems, without a stack trace', async () => {
  const run = await runOnInputs(
    'explain',
    { config: SEED_CATALOG_PATH, issues: fixture('issues-with-problems.json') },
    ['--key', 'BAD-CONTRACT', '--at', AT],
  );
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('issues[1].contract: unknown contract "client-z"');
  expect(hasStackTrace(run.stderr)).toBe(false);
});
