import { fixture, hasStackTrace, runTariffSla } from '../helpers/cli';
import { SEED_CATALOG_PATH } from '../helpers/seed-catalog';

/** `tariff-sla check-config FILE`. */

test('The seed catalog passes with a summary of what it holds', async () => {
  const run = await runTariffSla(['check-config', SEED_CATALOG_PATH]);
  expect(run.code).toBe(0);
  // basic, standard, extended, hours-10/15/25/40, unlimited, bank-10/15/30/50, free; client-a … client-g;
  // msk-9-18, msk-8-20, msk-9-19, msk-24x7; the "standard" policy.
  expect(run.stdout).toBe(`${SEED_CATALOG_PATH}: OK — 13 tariffs, 7 contracts, 4 calendars, 1 escalation policies`);
  expect(run.stderr).toBe('');
});

test('A bad catalog exits 1 and lists every problem by path, without a stack trace', async () => {
  const file = fixture('bad-catalog.yml');
  const run = await runTariffSla(['check-config', file]);
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  const [heading, ...problems] = run.stderr.split('\n');
  expect(heading).toBe(`${file}: 3 problems`);
  expect(problems.sort()).toEqual([
    '  tariffs.basic.calendar: unknown calendar "ofice": define it under "calendars" or use one of "office"',
    '  tariffs.basic.targets.reaction: expected minutes > 0',
    '  tariffs.basic: unknown key "reactionTime": remove it or check the spelling',
  ]);
  expect(hasStackTrace(run.stderr)).toBe(false);
});

test('A YAML syntax error exits 1 with its line and column', async () => {
  const run = await runTariffSla(['check-config', fixture('syntax-error.yml')]);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/: 1 problem\n {2}\(root\): line 2, column 1: /);
  expect(hasStackTrace(run.stderr)).toBe(false);
});

test('A billion-laughs catalog exits 1 with a problem at the alias path instead of crashing', async () => {
  const file = fixture('billion-laughs.yml');
  const run = await runTariffSla(['check-config', file]);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(
    /: 1 problem\n {2}priorities\[0\]: aliases expand this document to about 1\.2e9 nodes, 1\.1e8 of them through alias \*h here/,
  );
  expect(run.stderr).not.toContain('Excessive alias count');
  expect(hasStackTrace(run.stderr)).toBe(false);
});

test('A directory given as the catalog exits 1 naming it', async () => {
  const run = await runTariffSla(['check-config', fixture('.')]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('a directory, not a file');
  expect(hasStackTrace(run.stderr)).toBe(false);
});

test('A missing catalog file exits 1 naming the file', async () => {
  const file = fixture('absent.yml');
  const run = await runTariffSla(['check-config', file]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(`cannot read catalog ${file}`);
  expect(hasStackTrace(run.stderr)).toBe(false);
});

test('A calendar without working time fails the check instead of failing evaluation later', async () => {
  const run = await runTariffSla(['check-config', fixture('no-working-time.yml')]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('calendars.never.week: the week has no working time');
});

test('check-config without a file is a usage error', async () => {
  expect((await runTariffSla(['check-config'])).code).toBe(2);
});

test('A target of a billion minutes fails check-config at its path, and built-in property names are ordinary names', async () => {
  const { cpSync, mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const folder = mkdtempSync(join(tmpdir(), 'check-config-'));
  const huge = join(folder, 'huge.yml');
  cpSync(join(SEED_CATALOG_PATH, '..', 'holidays'), join(folder, 'holidays'), { recursive: true });
  writeFileSync(
    huge,
    readFileSync(SEED_CATALOG_PATH, 'utf8').replace(
      'targets: { reaction: 240, resolution: 480 }',
      'targets: { reaction: 240, resolution: 1000000000 }',
    ),
  );
  const run = await runTariffSla(['check-config', huge]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('tariffs.basic.targets.resolution: expected at most 527040 minutes (366 days)');

  const odd = join(folder, 'odd.yml');
  writeFileSync(
    odd,
    [
      'priorities: [constructor]',
      'requestTypes: { toString: {} }',
      'defaults: { statuses: { done: [Done] } }',
      'calendars: { valueOf: { zone: Europe/Moscow, alwaysOpen: true } }',
      'tariffs: { constructor: { name: T, calendar: valueOf, targets: { reaction: 60 }, priorities: { constructor: { reaction: 30 } } } }',
      'contracts: { toString: { name: C, terms: [{ tariff: constructor, from: 2026-01-01 }] } }',
      'escalationPolicies: {}',
    ].join('\n'),
  );
  const oddRun = await runTariffSla(['check-config', odd]);
  expect(oddRun.stderr).toBe('');
  expect(oddRun.code).toBe(0);
  expect(oddRun.stdout).toContain('OK — 1 tariffs, 1 contracts, 1 calendars');
});
