import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STATEMENT_FORMATS } from '../../src/core/statement/render-statement';
import { LANGS } from '../../src/core/statement/statement-locale';
import { runOnInputs } from '../helpers/cli';
import { SEED_CATALOG_PATH } from '../helpers/seed-catalog';

/**
 * The privacy rule of the shared desk: no statement — in any format or language, of one contract or
 * of all — names an organization no contract covers; only the provider's --not-covered list does.
 */
const ROOT = join(__dirname, '..', '..');
const RULES = join(ROOT, 'examples', 'contract-rules.yml');
const AT = '2026-11-25T14:00:00+03:00';
/** An organization no rule names, written in the requests so that a leak is found wherever it goes. */
const UNKNOWN_ORGANIZATION = 'ООО «Кси Тайна»';

let folder: string;
let issuesPath: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'not-covered-privacy-'));
  issuesPath = join(folder, 'issues.json');
  const shared = JSON.parse(readFileSync(join(ROOT, 'examples', 'shared-desk-issues.json'), 'utf8')) as {
    issues: Array<Record<string, unknown>>;
  };
  const issues = [
    ...shared.issues,
    // Not covered: only the unknown organization, worked on and breached.
    {
      key: 'DESK-9',
      type: 'incident',
      priority: 'high',
      status: 'New',
      createdAt: '2026-11-19T10:00:00+03:00',
      attributes: { project: 'DESK', organizations: [UNKNOWN_ORGANIZATION] },
      worklogs: [{ at: '2026-11-19T11:00:00+03:00', minutes: 30, author: 'ivanov' }],
    },
    // Covered by its first organization, the unknown one beside it.
    {
      key: 'DESK-10',
      type: 'incident',
      priority: 'normal',
      status: 'New',
      createdAt: '2026-11-19T12:00:00+03:00',
      attributes: { project: 'DESK', organizations: ['ООО «Альфа»', UNKNOWN_ORGANIZATION] },
      worklogs: [{ at: '2026-11-19T13:00:00+03:00', minutes: 15, author: 'ivanov' }],
    },
  ];
  writeFileSync(issuesPath, JSON.stringify({ issues }));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const cases = STATEMENT_FORMATS.flatMap((format) =>
  LANGS.flatMap((lang) => [
    { format, lang, contract: null },
    { format, lang, contract: 'client-a' },
  ]),
);

test.each(cases)(
  'a $format statement in $lang (contract $contract) never names the unknown organization',
  async (c) => {
    const out = join(folder, `statement-${c.format}-${c.lang}-${c.contract ?? 'all'}`);
    const run = await runOnInputs('report', { config: SEED_CATALOG_PATH, issues: issuesPath }, [
      '--contract-rules',
      RULES,
      '--at',
      AT,
      '--month',
      '2026-11',
      '--format',
      c.format,
      '--lang',
      c.lang,
      ...(c.contract === null ? [] : ['--contract', c.contract]),
      '--out',
      out,
    ]);
    const written = readFileSync(out, 'utf8');
    expect(written.length).toBeGreaterThan(0);
    expect(written).toContain(c.format === 'csv' ? 'DESK-' : 'DESK-1');
    for (const text of [written, run.stdout]) {
      expect(text).not.toContain('Кси Тайна');
      expect(text).not.toContain(encodeURIComponent('Кси Тайна'));
      expect(text).not.toContain('DESK-9');
    }
  },
);

test.each(['json', 'csv', 'md'])('the provider-side --not-covered list (%s) does name it', async (format) => {
  const run = await runOnInputs('report', { config: SEED_CATALOG_PATH, issues: issuesPath }, [
    '--contract-rules',
    RULES,
    '--at',
    AT,
    '--month',
    '2026-11',
    '--not-covered',
    '--format',
    format,
  ]);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('DESK-9');
  expect(run.stdout).toContain('Кси Тайна');
  expect(run.stdout).not.toContain('DESK-10');
});
