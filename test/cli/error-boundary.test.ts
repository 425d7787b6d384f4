import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processIo } from '../../src/cli/cli-io';
import * as boardText from '../../src/core/report/board-text';
import { hasStackTrace, runTariffSla } from '../helpers/cli';

/** The CLI's one error boundary: every failure is a message and exit code 1 or 2; 70 only for a bug. */

const CATALOG = 'examples/catalog.yml';
const ISSUES = 'examples/issues.json';
const AT = '2026-11-20T15:00:00+03:00';
const folder = mkdtempSync(join(tmpdir(), 'tariff-sla-cli-'));

describe('--out that cannot be written is bad usage, named, without a stack trace', () => {
  const commands: Array<[string, string[]]> = [
    ['report', ['report', '--config', CATALOG, '--issues', ISSUES, '--month', '2026-11', '--at', AT]],
    [
      'advise',
      [
        'advise',
        '--config',
        CATALOG,
        '--issues',
        ISSUES,
        '--months',
        '2026-09..2026-11',
        '--contract',
        'client-b',
        '--at',
        AT,
      ],
    ],
    ['schema', ['schema']],
  ];
  test.each(commands)('%s --out naming a directory', async (_name, args) => {
    const run = await runTariffSla([...args, '--out', folder]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`tariff-sla: --out: cannot write "${folder}": it is a directory: name a file`);
  });
  test.each(commands)('%s --out in a missing folder', async (_name, args) => {
    const path = join(folder, 'missing', 'out.txt');
    const run = await runTariffSla([...args, '--out', path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `tariff-sla: --out: cannot write "${path}": its folder does not exist: create it first`,
    );
  });
});

describe('months out of range are bad usage', () => {
  test.each(['9999-12', '0001-01', '2026-13', '2026-00'])('report --month %s', async (month) => {
    const run = await runTariffSla(['report', '--config', CATALOG, '--issues', ISSUES, '--month', month, '--at', AT]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tariff-sla: --month: expected a month "YYYY-MM" from 1900-01 to 9998-12/);
  });

  test.each(['0001-01..9999-12', '1900-01..2026-11', '2026-11..2026-09'])('advise --months %s', async (months) => {
    const run = await runTariffSla([
      'advise',
      '--config',
      CATALOG,
      '--issues',
      ISSUES,
      '--months',
      months,
      '--contract',
      'client-b',
      '--at',
      AT,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tariff-sla: --months: /);
    expect(hasStackTrace(run.stderr)).toBe(false);
  });
});

test('evaluate --contract with an unknown contract exits 1 like report', async () => {
  const run = await runTariffSla([
    'evaluate',
    '--config',
    CATALOG,
    '--issues',
    ISSUES,
    '--at',
    AT,
    '--contract',
    'nope',
  ]);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^tariff-sla: --contract: unknown contract "nope"; the catalog has "client-a"/);
});

test('An absurd estimate on one issue is a problem of that issue; the others are still evaluated', async () => {
  const file = join(folder, 'absurd.json');
  const issue = (key: string, minutes: number) => ({
    key,
    contract: 'client-c',
    type: 'enhancement',
    priority: 'normal',
    createdAt: '2026-11-18T10:00:00+03:00',
    status: 'New',
    events: [{ at: '2026-11-18T11:00:00+03:00', kind: 'estimate', minutes }],
  });
  writeFileSync(file, JSON.stringify({ issues: [issue('OK-1', 120), issue('BAD-1', 1e9)] }));
  const run = await runTariffSla(['evaluate', '--config', CATALOG, '--issues', file, '--at', AT, '--json']);
  expect(run.code).toBe(1);
  const json = JSON.parse(run.stdout) as { issues: Array<{ key: string }>; problems: Array<{ path: unknown[] }> };
  expect(json.issues.map((item) => item.key)).toEqual(['OK-1']);
  expect(json.problems.map((problem) => problem.path)).toEqual([['issues', 1, 'events', 0, 'minutes']]);
});

test('A bug of tariff-sla exits 70 with a request to report it, not a stack trace', async () => {
  const spy = jest.spyOn(boardText, 'boardText').mockImplementation(() => {
    throw new TypeError('cannot read properties of undefined');
  });
  try {
    const run = await runTariffSla(['evaluate', '--config', CATALOG, '--issues', ISSUES, '--at', AT]);
    expect(run.code).toBe(70);
    expect(run.stderr).toContain('internal error (TypeError: cannot read properties of undefined)');
    expect(run.stderr).toContain('This is a bug in tariff-sla, not in your input. Please report it');
    expect(hasStackTrace(run.stderr)).toBe(false);
  } finally {
    spy.mockRestore();
  }
});

test('A reader that closes the pipe early (evaluate --json | head) ends the CLI quietly, with the exit code so far', () => {
  const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  try {
    processIo();
    const closed = Object.assign(new Error('write EPIPE'), { code: 'EPIPE', syscall: 'write' });
    process.stdout.emit('error', closed);
    expect(exit).toHaveBeenCalledWith(0);
  } finally {
    exit.mockRestore();
  }
});

describe('one issue the engine cannot evaluate is a problem of that issue; the others are written', () => {
  // A calendar with one working minute a week: an estimate of 500 000 minutes ends beyond any horizon.
  const catalogFile = join(folder, 'thin.yml');
  writeFileSync(
    catalogFile,
    [
      'timeZone: Europe/Moscow',
      'priorities: [normal]',
      'requestTypes: { task: {} }',
      'defaults: { statuses: { initial: New, working: [Doing], done: [Done] } }',
      'calendars:',
      '  thin: { zone: Europe/Moscow, week: { mon: ["09:00-09:01"] } }',
      'tariffs:',
      '  slow: { name: Slow, calendar: thin, targets: { reaction: 1 }, requestTypes: { task: { resolution: estimate } }, hours: { kind: monthly, includedHours: 10 }, prices: { hourly: 100 } }',
      'contracts:',
      '  acme: { name: Acme, terms: [{ tariff: slow, from: 2026-01-01 }] }',
    ].join('\n'),
  );
  const issue = (key: string, minutes: number) => ({
    key,
    contract: 'acme',
    type: 'task',
    priority: 'normal',
    createdAt: '2026-11-16T09:00:00+03:00',
    status: 'New',
    events: [{ at: '2026-11-16T09:00:30+03:00', kind: 'estimate', minutes }],
    worklogs: [{ at: '2026-11-16T10:00:00+03:00', minutes: 60, author: 'a' }],
  });
  const issuesFile = join(folder, 'thin-issues.json');
  writeFileSync(issuesFile, JSON.stringify({ issues: [issue('OK-1', 1), issue('HUGE-1', 500_000)] }));

  test('evaluate', async () => {
    const run = await runTariffSla(['evaluate', '--config', catalogFile, '--issues', issuesFile, '--at', AT, '--json']);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as {
      issues: Array<{ key: string }>;
      problems: Array<{ code: string; path: unknown[] }>;
    };
    expect(json.issues.map((item) => item.key)).toEqual(['OK-1']);
    expect(json.problems).toEqual([expect.objectContaining({ code: 'evaluation_failed', path: ['issues', 1] })]);
  });

  test('report names it in the statement', async () => {
    const run = await runTariffSla([
      'report',
      '--config',
      catalogFile,
      '--issues',
      issuesFile,
      '--month',
      '2026-11',
      '--at',
      AT,
    ]);
    expect(run.code).toBe(1);
    const statement = JSON.parse(run.stdout) as { notices: Array<{ code: string; path: unknown[]; message: string }> };
    expect(statement.notices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'issue_not_evaluated',
          path: ['issues', 1],
          message: expect.stringContaining('HUGE-1'),
        }),
      ]),
    );
  });

  test('explain of another issue still works', async () => {
    const run = await runTariffSla([
      'explain',
      '--config',
      catalogFile,
      '--issues',
      issuesFile,
      '--at',
      AT,
      '--key',
      'OK-1',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('OK-1');
  });
});

test('evaluate says which issues were created before their contract began', async () => {
  const file = join(folder, 'early.json');
  writeFileSync(
    file,
    JSON.stringify({
      issues: [
        {
          key: 'OLD-1',
          contract: 'client-b',
          type: 'incident',
          priority: 'normal',
          createdAt: '2026-01-10T10:00:00+03:00',
          status: 'Новая',
        },
      ],
    }),
  );
  const run = await runTariffSla(['evaluate', '--config', CATALOG, '--issues', file, '--at', AT]);
  expect(run.code).toBe(0);
  expect(run.stderr).toContain('issues[0].createdAt: OLD-1 was created before contract "client-b" began (2026-03-01)');
});

test('--at with an offset of +99:00 is bad usage', async () => {
  const run = await runTariffSla([
    'evaluate',
    '--config',
    CATALOG,
    '--issues',
    ISSUES,
    '--at',
    '2026-11-20T15:00:00+99:00',
  ]);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^tariff-sla: --at: /);
});
