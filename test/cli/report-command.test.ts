import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContractStatementJson, StatementJson } from '../../src/core/statement/statement-json';
import { EXAMPLE_CATALOG, EXAMPLE_ISSUES, runTariffSla } from './cli-harness';
import { expectGolden } from './golden-file';

const AT = '2026-12-01T10:00:00+03:00';
const base = ['report', '--config', EXAMPLE_CATALOG, '--issues', EXAMPLE_ISSUES, '--month', '2026-11', '--at', AT];

describe('tariff-sla report: golden statements of the example data (November 2026)', () => {
  const cases: Array<[string, string, string]> = [
    ['json', 'ru', 'json'],
    ['csv', 'ru', 'csv'],
    ['html', 'ru', 'html'],
    ['md', 'ru', 'md'],
    ['textile', 'ru', 'textile'],
    ['html', 'en', 'html'],
    ['md', 'en', 'md'],
  ];
  test.each(cases)('The %s statement in %s matches its golden file', async (format, lang, extension) => {
    const run = await runTariffSla([...base, '--format', format, '--lang', lang]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expectGolden(`statement-2026-11.${lang}.${extension}`, run.stdout);
  });
});

describe('tariff-sla report: the statement of the example data shows every package kind', () => {
  let json: StatementJson;
  beforeAll(async () => {
    const run = await runTariffSla([...base, '--format', 'json']);
    json = JSON.parse(run.stdout);
  });
  const contract = (id: string): ContractStatementJson => {
    const found = json.contracts.find((candidate) => candidate.contract.id === id);
    if (!found) throw new Error(`no ${id}`);
    return found;
  };

  test('Monthly package with overage (client-d): 27.25 h used of 25, 2.25 h billed at 2 600 ₽, prepaid fee with 5 % off', () => {
    const figures = contract('client-d');
    expect(figures.hours).toMatchObject({ package: 'monthly', included: 25, used: 27.25, overage: 2.25, burned: 0 });
    expect(figures.charges.map((charge) => [charge.kind, charge.amount])).toEqual([
      ['subscription', 57500],
      ['prepayment_discount', -2875],
      ['overage', 5850],
    ]);
    expect(figures.totals.due).toBe(5850);
  });

  test('Bank (client-e): October’s 10 h brought forward, 2 h overage, off-hours surcharge on the 19:30 worklog', () => {
    const figures = contract('client-e');
    expect(figures.hours).toMatchObject({
      package: 'bank',
      included: 10,
      broughtForward: 10,
      used: 12,
      overage: 2,
      carriedOver: 0,
      offHours: 4,
    });
    expect(figures.charges.map((charge) => [charge.kind, charge.issues, charge.amount])).toEqual([
      ['overage', ['EPS-5'], 6000],
      ['off_hours_surcharge', ['EPS-4'], 6000],
    ]);
  });

  test('Over-limit (client-a) and free-plan billing (client-f) are charged per issue', () => {
    expect(
      contract('client-a')
        .charges.filter((charge) => charge.kind === 'over_limit_incident')
        .map((charge) => charge.issues),
    ).toEqual([['ALFA-106']]);
    expect(contract('client-f').charges.map((charge) => [charge.kind, charge.issues, charge.amount])).toEqual([
      ['uncovered_work', ['ZETA-2'], 1500],
    ]);
  });

  test('Unlimited (client-g): the prepaid window (August–October) is over, so November is billed in full', () => {
    const figures = contract('client-g');
    expect(figures.hours).toMatchObject({ package: 'unlimited', included: null, overage: 0 });
    expect(figures.tariff).toMatchObject({ termMonth: 4, prepaid: false, discountPercent: 0 });
    expect(figures.totals.due).toBe(150000);
  });

  test('The worklog at 00:30 on 1 November Moscow time (21:30 UTC on 31 October) is November’s', () => {
    const ledger = contract('client-c').ledger;
    expect(ledger.filter((entry) => entry.issue === 'GAMMA-5').map((entry) => entry.worklog?.index)).toEqual([1]);
  });
});

describe('tariff-sla report: CSAT and service credits of the example data', () => {
  let json: StatementJson;
  beforeAll(async () => {
    json = JSON.parse((await runTariffSla([...base, '--format', 'json'])).stdout);
  });
  const contract = (id: string): ContractStatementJson => {
    const found = json.contracts.find((candidate) => candidate.contract.id === id);
    if (!found) throw new Error(`no ${id}`);
    return found;
  };

  test('client-a: 5 of 7 ratings satisfied (71.4 %) misses Базовый’s 80 %; BETA-35, resolved in October, is a November response of client-b', () => {
    expect(contract('client-a').satisfaction).toMatchObject({
      responses: 7,
      satisfied: 5,
      satisfiedPercent: 71.4,
      resolved: 9,
      rated: 7,
      target: { satisfiedPercent: 80, verdict: 'missed' },
    });
    expect(contract('client-b').satisfaction).toMatchObject({
      responses: 4,
      resolved: 3,
      rated: 3,
      responseRatePercent: 100,
      target: { verdict: 'met' },
    });
  });

  test('client-a: breaches of issues under Стандартный earn credits — the first free, 6 000 ₽ cap — net 97 000 ₽', () => {
    const figures = contract('client-a');
    expect(
      figures.charges
        .filter((charge) => charge.kind === 'service_credit')
        .map((charge) => [charge.issues[0], charge.breach?.clock, charge.amount]),
    ).toEqual([
      ['ALFA-108', 'resolution', 0],
      ['ALFA-109', 'reaction', -1500],
      ['ALFA-109', 'resolution', -3000],
      ['ALFA-111', 'resolution', -1500],
    ]);
    expect(figures.totals).toMatchObject({ charges: 103000, credits: -6000, amount: 97000, due: 97000 });
  });
});

describe('tariff-sla report: usage', () => {
  test('--out writes the statement to a file and prints nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'report-')), 'statement.md');
    const run = await runTariffSla([...base, '--contract', 'client-d', '--format', 'md', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('## ИП Дельтов — Ноябрь 2026');
  });

  test('--contract limits the statement to one contract', async () => {
    const run = await runTariffSla([...base, '--contract', 'client-e', '--format', 'json']);
    expect(
      JSON.parse(run.stdout).contracts.map((contract: { contract: { id: string } }) => contract.contract.id),
    ).toEqual(['client-e']);
  });

  test.each([
    [['--month', '2026-13'], 2, '--month'],
    [['--month', '2026-11', '--format', 'pdf'], 2, '--format'],
    [['--month', '2026-11', '--lang', 'de'], 2, '--lang'],
    [['--month', '2026-11', '--contract', 'nobody'], 1, 'unknown contract "nobody"'],
  ])('Bad usage %j exits %i and names the option', async (extra, code, message) => {
    const run = await runTariffSla(['report', '--config', EXAMPLE_CATALOG, '--issues', EXAMPLE_ISSUES, ...extra]);
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(message);
  });

  test('A month before a contract’s first term leaves that contract out', async () => {
    const run = await runTariffSla([
      'report',
      '--config',
      EXAMPLE_CATALOG,
      '--issues',
      EXAMPLE_ISSUES,
      '--month',
      '2026-09',
      '--at',
      AT,
    ]);
    const ids = JSON.parse(run.stdout).contracts.map((contract: { contract: { id: string } }) => contract.contract.id);
    expect(ids).not.toContain('client-e');
    expect(ids).toContain('client-d');
  });
});
