import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runOnInputs } from '../helpers/cli';
import { SEED_CATALOG_PATH } from '../helpers/seed-catalog';

/** `--contract-rules`: the shared-desk example of the README, and rules files that are wrong. */
const ROOT = join(__dirname, '..', '..');
const ISSUES = join(ROOT, 'examples', 'shared-desk-issues.json');
const RULES = join(ROOT, 'examples', 'contract-rules.yml');
const AT = '2026-11-18T14:00:00+03:00';
/** The seed catalog and the histories most tests run on. */
const SHARED_DESK = { config: SEED_CATALOG_PATH, issues: ISSUES };

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'contract-rules-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function rulesFile(text: string): string {
  const path = join(folder, 'rules.yml');
  writeFileSync(path, text);
  return path;
}

test('the README example: each request of the shared desk gets its client, the fourth is not covered', async () => {
  const run = await runOnInputs('evaluate', SHARED_DESK, ['--contract-rules', RULES, '--at', AT, '--json']);
  expect(run.code).toBe(0);
  const json = JSON.parse(run.stdout) as { issues: Array<{ key: string; contract: string }>; notCovered: unknown };
  expect(json.issues.map((issue) => [issue.key, issue.contract])).toEqual([
    ['DESK-1', 'client-a'],
    ['DESK-2', 'client-b'],
    ['DESK-3', 'client-a'],
  ]);
  expect(json.notCovered).toEqual([
    {
      key: 'DESK-4',
      reason:
        'not covered: no contract rule matched project "DESK", organizations "ООО «Омега»", and the rules name no default contract',
    },
  ]);
  expect(run.stderr).toContain('DESK-4: not covered');
});

test("one client's statement from the shared desk never names the request no contract covers", async () => {
  const run = await runOnInputs('report', SHARED_DESK, [
    '--contract-rules',
    RULES,
    '--at',
    AT,
    '--month',
    '2026-11',
    '--contract',
    'client-b',
    '--format',
    'json',
    '--lang',
    'en',
  ]);
  expect(run.code).toBe(0);
  const statement = JSON.parse(run.stdout) as {
    contracts: Array<{ contract: { id: string }; incidents: { received: number }; hours: { used: number } }>;
    notices: Array<{ code: string; message: string }>;
  };
  expect(
    statement.contracts.map((contract) => [contract.contract.id, contract.incidents.received, contract.hours.used]),
  ).toEqual([['client-b', 1, 0.75]]);
  // Privacy: DESK-4's reason names another client's organization; the statement goes to Beta.
  expect(run.stdout).not.toContain('DESK-4');
  expect(run.stdout).not.toContain('Омега');
});

test("the provider's not-covered list names the request and the reason, in Markdown", async () => {
  const run = await runOnInputs('report', SHARED_DESK, [
    '--contract-rules',
    RULES,
    '--at',
    AT,
    '--month',
    '2026-11',
    '--not-covered',
    '--format',
    'md',
    '--lang',
    'en',
  ]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('## Requests no contract covers (provider only)');
  expect(run.stdout).toMatch(
    /\| DESK-4 .*\| 2026-11-\d\dT.*\+03:00 \| not covered: no contract rule matched project "DESK", organizations "ООО «Омега»"/,
  );
  const html = await runOnInputs('report', SHARED_DESK, ['--month', '2026-11', '--not-covered', '--format', 'html']);
  expect(html.code).toBe(2);
  expect(html.stderr).toContain('--not-covered list is written as json, csv, md');
});

test('without rules, an issue that names no contract is not covered rather than an error', async () => {
  const run = await runOnInputs('evaluate', SHARED_DESK, ['--at', AT, '--json']);
  expect(run.code).toBe(0);
  expect((JSON.parse(run.stdout) as { notCovered: unknown[] }).notCovered).toHaveLength(4);
});

test('a rules file with mistakes fails with every problem by path, before anything is evaluated', async () => {
  const path = rulesFile(
    'rules:\n  - { contract: client-z, project: SUP }\n  - { contract: client-a }\ndefault: nobody\n',
  );
  const run = await runOnInputs('evaluate', SHARED_DESK, ['--contract-rules', path]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('invalid contract rules');
  expect(run.stderr).toContain(
    'rules[1]: a rule needs one matcher: project, organization, field (with value) or subprojectOf',
  );
  const unknown = rulesFile('rules:\n  - { contract: client-z, project: SUP }\ndefault: nobody\n');
  const second = await runOnInputs('evaluate', SHARED_DESK, ['--contract-rules', unknown]);
  expect(second.code).toBe(1);
  expect(second.stderr).toMatch(/rules\[0\]\.contract: unknown contract "client-z"/);
  expect(second.stderr).toMatch(/default: unknown contract "nobody"/);
  expect(second.stdout).toBe('');
});

test('a missing rules file is named', async () => {
  const run = await runOnInputs('evaluate', SHARED_DESK, ['--contract-rules', join(folder, 'none.yml')]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain(`cannot read contract rules ${join(folder, 'none.yml')}: file not found`);
});
