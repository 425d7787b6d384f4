import type { AdviceJson } from '../../src/core/advisor/advice-json';
import { EXAMPLE_CATALOG, EXAMPLE_ISSUES, runTariffSla } from './cli-harness';

const base = [
  'advise',
  '--config',
  EXAMPLE_CATALOG,
  '--issues',
  EXAMPLE_ISSUES,
  '--months',
  '2026-09..2026-11',
  '--contract',
  'client-b',
];

describe('tariff-sla advise on the example data', () => {
  test('For the logistics client on "standard", "basic" is the cheapest tariff that keeps 95 % on every clock it measures', async () => {
    const run = await runTariffSla([...base, '--format', 'json', '--at', '2026-12-01T10:00:00+03:00']);
    expect(run.code).toBe(0);
    const advice: AdviceJson = JSON.parse(run.stdout);
    expect(advice.recommended).toBe('basic');
    expect(advice.current).toMatchObject({ tariff: 'standard', actual: true, total: 480000, meetsTarget: false });
    const basic = advice.candidates.find((candidate) => candidate.tariff === 'basic');
    expect(basic?.months.map((month) => [month.month, month.total])).toEqual([
      ['2026-09', 103000],
      ['2026-10', 100000],
      ['2026-11', 100000],
    ]);
    expect(advice.candidates).toHaveLength(13);
    expect(
      advice.candidates.filter((candidate) => candidate.meetsTarget && candidate.total < (basic?.total ?? 0)),
    ).toEqual([]);
  });

  test('The text output marks the recommendation and explains the others', async () => {
    const run = await runTariffSla([...base, '--lang', 'en']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^★ basic/m);
    expect(run.stdout).toContain('Why tariffs fall short:');
    expect(run.stdout).toContain('standard «Стандартный»: 2 breaches of the resolution clock');
    expect(run.stdout).toContain('hours-10 «Пакет 10 часов»: sets no resolution target');
  });

  test('A lower target can be met by the current tariff as well', async () => {
    const run = await runTariffSla([...base, '--format', 'json', '--target-compliance', '90']);
    const advice: AdviceJson = JSON.parse(run.stdout);
    expect(advice.candidates.find((candidate) => candidate.tariff === 'standard')?.meetsTarget).toBe(true);
  });

  test('The HTML output is one page with the comparison chart', async () => {
    const run = await runTariffSla([...base, '--format', 'html']);
    expect(run.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(run.stdout).toContain('data-chart="advice-cost"');
    expect(run.stdout).toContain('<tr class="recommended">');
  });

  test.each([
    [['--months', '2026-11..2026-09'], '--months'],
    [['--months', '2026-09..2026-11', '--target-compliance', '120'], '--target-compliance'],
    [['--months', '2026-09..2026-11', '--tariffs', 'basic,gold'], 'unknown tariff(s) "gold"'],
  ])('Bad usage %j is refused with a message naming the option', async (extra, message) => {
    const run = await runTariffSla([
      'advise',
      '--config',
      EXAMPLE_CATALOG,
      '--issues',
      EXAMPLE_ISSUES,
      '--contract',
      'client-b',
      ...extra,
    ]);
    expect(run.code).toBeGreaterThan(0);
    expect(run.stderr).toContain(message);
  });

  test('Without --contract in a catalog of several contracts it asks for one', async () => {
    const run = await runTariffSla([
      'advise',
      '--config',
      EXAMPLE_CATALOG,
      '--issues',
      EXAMPLE_ISSUES,
      '--months',
      '2026-11',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--contract');
  });
});
