import { z } from 'zod';
import { fixture, hasStackTrace, runOnInputs, runTariffSla } from '../helpers/cli';
import { SEED_CATALOG_PATH } from '../helpers/seed-catalog';

/**
 * `tariff-sla evaluate` on examples/catalog.yml with the fixture test/fixtures/cli/seed-issues.json,
 * at Friday 2026-11-20 15:00 Moscow unless told otherwise. All seed calendars are in Moscow (+03:00).
 */
const ISSUES = fixture('seed-issues.json');
const AT = '2026-11-20T15:00:00+03:00';
/** The seed catalog and the histories most tests run on. */
const SEED_ISSUES = { config: SEED_CATALOG_PATH, issues: ISSUES };

/** The documented JSON contract of `evaluate --json`, written independently of the implementation's types. */
const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?[+-]\d{2}:\d{2}$/, 'ISO 8601 instant with offset');
const clockJson = z.object({
  state: z.enum(['running', 'paused', 'at_risk', 'met', 'breached', 'waiting_estimate', 'not_covered']),
  targetMinutes: z.number().int().positive().nullable(),
  elapsedMinutes: z.number().int().nonnegative(),
  remainingMinutes: z.number().int().nullable(),
  dueAt: instant.nullable(),
  stoppedAt: instant.nullable(),
  breachedAt: instant.nullable(),
});
const evaluateJson = z.object({
  at: instant,
  issues: z.array(
    z.object({
      key: z.string().min(1),
      contract: z.string().min(1),
      tariff: z.string().min(1),
      offHours: z.boolean(),
      overLimit: z.boolean(),
      clocks: z
        .object({ reaction: clockJson.optional(), start: clockJson.optional(), resolution: clockJson.optional() })
        .strict(),
      escalations: z.array(
        z.object({
          level: z.number().int().positive(),
          clock: z.enum(['reaction', 'start', 'resolution']),
          dueAt: instant,
          actions: z.array(z.enum(['notify', 'assign_line', 'raise_priority', 'comment'])).min(1),
        }),
      ),
    }),
  ),
  problems: z.array(
    z.object({ code: z.string(), path: z.array(z.union([z.string(), z.number()])), message: z.string() }),
  ),
});
type EvaluateJson = z.infer<typeof evaluateJson>;

async function evaluateJsonAt(at: string, issues = ISSUES): Promise<EvaluateJson> {
  const run = await runOnInputs('evaluate', { config: SEED_CATALOG_PATH, issues }, ['--at', at, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return evaluateJson.parse(JSON.parse(run.stdout));
}

function issueOf(json: EvaluateJson, key: string): EvaluateJson['issues'][number] {
  const found = json.issues.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`${key} is not in the output`);
  return found;
}

test('evaluate --json matches the documented contract and leaves out issues created after --at', async () => {
  const json = await evaluateJsonAt(AT);
  expect(json.at).toBe(AT);
  // FX-5 is created on 2026-11-21, after --at.
  expect(json.issues.map((issue) => issue.key).sort()).toEqual(['FX-1', 'FX-2', 'FX-3', 'FX-4', 'FX-6', 'FX-7']);
  expect(json.problems).toEqual([]);
});

test('Every instant in the output carries the Moscow offset of the seed calendars', async () => {
  const text = JSON.stringify(await evaluateJsonAt(AT));
  const instants = text.match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[^"]*/g) ?? [];
  expect(instants.length).toBeGreaterThan(10);
  expect(instants.filter((value) => !value.endsWith('+03:00'))).toEqual([]);
});

test('A breached 24/7 issue: clocks and escalation steps as hand-computed', async () => {
  const fx1 = issueOf(await evaluateJsonAt(AT), 'FX-1');
  expect(fx1.tariff).toBe('extended');
  // Reaction 30: answered at 12:10 after 10 minutes.
  expect(fx1.clocks.reaction).toEqual({
    state: 'met',
    targetMinutes: 30,
    elapsedMinutes: 10,
    remainingMinutes: 20,
    dueAt: '2026-11-20T12:30:00+03:00',
    stoppedAt: '2026-11-20T12:10:00+03:00',
    breachedAt: null,
  });
  // Resolution 120 from 12:00 on a 24/7 calendar: due 14:00; at 15:00, 180 minutes elapsed.
  expect(fx1.clocks.resolution).toMatchObject({
    state: 'breached',
    targetMinutes: 120,
    elapsedMinutes: 180,
    remainingMinutes: -60,
    dueAt: '2026-11-20T14:00:00+03:00',
    breachedAt: '2026-11-20T14:00:00+03:00',
    stoppedAt: null,
  });
  // L1 at 96 min (13:36), L2 at 120 (14:00), L3 at 180 (15:00, reached exactly now).
  expect(fx1.escalations.map((step) => [step.level, step.clock, step.dueAt, step.actions])).toEqual([
    [1, 'resolution', '2026-11-20T13:36:00+03:00', ['notify']],
    [2, 'resolution', '2026-11-20T14:00:00+03:00', ['assign_line', 'notify', 'comment']],
    [3, 'resolution', '2026-11-20T15:00:00+03:00', ['assign_line', 'raise_priority', 'notify']],
  ]);
});

test('Flags, uncovered requests and paused clocks come through the JSON', async () => {
  const json = await evaluateJsonAt(AT);
  // FX-4: a consultation on the free plan is not covered and has no escalations.
  expect(issueOf(json, 'FX-4').clocks.reaction?.state).toBe('not_covered');
  expect(issueOf(json, 'FX-4').escalations).toEqual([]);
  // FX-6: critical on Базовый (resolution 240), created Friday 17:00, waiting since Monday 10:00:
  // 60 (Fri) + 60 (Mon 09:00–10:00) = 120 elapsed, 120 remaining, no deadline while paused.
  expect(issueOf(json, 'FX-6').clocks.resolution).toMatchObject({
    state: 'paused',
    elapsedMinutes: 120,
    remainingMinutes: 120,
    dueAt: null,
  });
  expect(issueOf(json, 'FX-6').offHours).toBe(false);
  expect(issueOf(json, 'FX-6').overLimit).toBe(false);
});

test('--at is honoured: the same file evaluated an hour earlier shows less elapsed time', async () => {
  // FX-3 (Стандартный, 8–20) was created at 14:00: 60 minutes by 15:00, 30 by 14:30.
  expect(issueOf(await evaluateJsonAt(AT), 'FX-3').clocks.reaction).toMatchObject({
    state: 'running',
    elapsedMinutes: 60,
    dueAt: '2026-11-20T16:00:00+03:00',
  });
  expect(issueOf(await evaluateJsonAt('2026-11-20T14:30:00+03:00'), 'FX-3').clocks.reaction).toMatchObject({
    elapsedMinutes: 30,
    dueAt: '2026-11-20T16:00:00+03:00',
  });
});

test('Without --at the injected clock is used', async () => {
  const run = await runTariffSla(
    ['evaluate', '--config', SEED_CATALOG_PATH, '--issues', ISSUES, '--json'],
    Date.parse('2026-11-20T14:30:00+03:00'),
  );
  expect(JSON.parse(run.stdout).at).toBe('2026-11-20T14:30:00+03:00');
});

test('--contract keeps the issues of one contract', async () => {
  const run = await runOnInputs('evaluate', SEED_ISSUES, ['--at', AT, '--json', '--contract', 'client-c']);
  expect(evaluateJson.parse(JSON.parse(run.stdout)).issues.map((issue) => issue.key)).toEqual(['FX-1']);
});

test('The board is printed without --json, with a summary line', async () => {
  const run = await runOnInputs('evaluate', SEED_ISSUES, ['--at', AT]);
  expect(run.code).toBe(0);
  expect(run.stdout.split('\n')[0]).toMatch(
    /^ISSUE\s+CONTRACT\s+TARIFF\s+STATE\s+REACTION\s+START\s+RESOLUTION\s+FLAGS\s+ESCALATION$/,
  );
  expect(run.stdout).toMatch(/\n6 issues: /);
});

describe('exit codes', () => {
  test('Exit 1 when some issues are invalid; the valid ones are still evaluated and each problem is named', async () => {
    const run = await runOnInputs(
      'evaluate',
      { config: SEED_CATALOG_PATH, issues: fixture('issues-with-problems.json') },
      ['--at', AT, '--json'],
    );
    expect(run.code).toBe(1);
    const json = evaluateJson.parse(JSON.parse(run.stdout));
    expect(json.issues.map((issue) => issue.key)).toEqual(['OK-1']);
    expect(json.problems.map((problem) => problem.path)).toEqual([
      ['issues', 2, 'createdAt'],
      ['issues', 1, 'contract'],
    ]);
    expect(run.stderr).toContain('issues[1].contract: unknown contract "client-z"');
    expect(run.stderr).toContain('issues[2].createdAt: "2026-02-30T14:00:00+03:00" is not a real date and time');
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  test('Exit 1 for an invalid catalog, with every problem by path', async () => {
    const run = await runOnInputs('evaluate', { config: fixture('bad-catalog.yml'), issues: ISSUES }, ['--at', AT]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('tariffs.basic.targets.reaction: expected minutes > 0');
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  test('Exit 1 for a history file that is not JSON', async () => {
    const run = await runOnInputs('evaluate', { config: SEED_CATALOG_PATH, issues: fixture('bad-catalog.yml') }, [
      '--at',
      AT,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is not valid JSON');
  });

  test('Exit 2 for an --at without offset', async () => {
    const run = await runOnInputs('evaluate', SEED_ISSUES, ['--at', '2026-11-20T15:00']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--at: expected an ISO 8601 instant with offset');
  });

  test('Exit 2 for a missing required option', async () => {
    const run = await runTariffSla(['evaluate', '--issues', ISSUES]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("required option '--config <catalog>' not specified");
  });

  test('Exit 2 for an unknown command', async () => {
    expect((await runTariffSla(['evaluat'])).code).toBe(2);
  });

  test('Exit 0 for --help', async () => {
    const run = await runTariffSla(['evaluate', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--config <catalog>');
  });
});

test('evaluate --json lists the escalation intents, their notes in the language asked for', async () => {
  const english = await runOnInputs('evaluate', SEED_ISSUES, ['--at', AT, '--json']);
  const russian = await runOnInputs('evaluate', SEED_ISSUES, ['--at', AT, '--json', '--language', 'ru']);
  const intentsOf = (stdout: string) =>
    z
      .object({
        issues: z.array(
          z.object({
            key: z.string(),
            intents: z.array(z.object({ key: z.string(), decision: z.enum(['act', 'skip']), note: z.string() })),
          }),
        ),
      })
      .parse(JSON.parse(stdout))
      .issues.flatMap((issue) => issue.intents);
  const [en, ru] = [intentsOf(english.stdout), intentsOf(russian.stdout)];
  expect(en.length).toBeGreaterThan(0);
  expect(en.map((intent) => intent.key)).toEqual(ru.map((intent) => intent.key));
  expect(en[0].note).toMatch(/reached escalation level \d+ of its \w[\w ]* SLA clock at /);
  expect(ru[0].note).toMatch(/достигнут уровень эскалации \d+ по сроку «/);
  const unknown = await runOnInputs('evaluate', SEED_ISSUES, ['--at', AT, '--json', '--language', 'de']);
  expect([unknown.code, unknown.stderr.trim()]).toEqual([
    2,
    'tariff-sla: --language: expected one of ru, en, got "de"',
  ]);
});
