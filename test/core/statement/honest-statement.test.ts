import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minorToDecimal } from '../../../src/core/ledger/minor-units';
import { terminalSafe } from '../../../src/core/report/terminal-text';
import { STATEMENT_FORMATS } from '../../../src/core/statement/render-statement';
import { runTariffSla } from '../../helpers/cli';

/**
 * A statement is a billing document: every issue it leaves out is named in it, money is exact, and
 * nothing from an issue (a key, a subject) can run as a formula or a wiki macro where it is opened.
 */

const folder = mkdtempSync(join(tmpdir(), 'tariff-sla-statement-'));
const AT = '2026-11-25T12:00:00+03:00';

function issue(key: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    key,
    contract: 'client-d',
    type: 'incident',
    priority: 'normal',
    createdAt: '2026-11-16T10:00:00+03:00',
    status: 'New',
    events: [],
    worklogs: [],
    ...overrides,
  };
}

const issuesFile = join(folder, 'issues.json');
writeFileSync(
  issuesFile,
  JSON.stringify({
    issues: [
      issue('=HYPERLINK("http://x","y")', {
        summary: '{{include(Secret)}} [[Page]] @admin =1+1',
        worklogs: [{ at: '2026-11-16T12:00:00+03:00', minutes: 1_800, author: '@evil' }],
      }),
      issue('BAD-1', { createdAt: 'yesterday' }),
      issue('LATE-1', { createdAt: '2026-11-28T10:00:00+03:00' }),
      issue('EARLY-1', {
        createdAt: '2026-08-20T10:00:00+03:00',
        worklogs: [{ at: '2026-11-16T12:00:00+03:00', minutes: 60, author: 'a' }],
      }),
      issue('GHOST-1', { contract: 'nobody' }),
    ],
  }),
);

async function report(format: string, lang: string): Promise<string> {
  const run = await runTariffSla([
    'report',
    '--config',
    'examples/catalog.yml',
    '--issues',
    issuesFile,
    '--month',
    '2026-11',
    '--at',
    AT,
    '--format',
    format,
    '--lang',
    lang,
  ]);
  expect(run.code).toBe(1);
  return run.stdout;
}

/** How each statement language says why an issue is left out (the reason, not the engine's detail). */
const LEFT_OUT_WORDS: Record<string, Record<'invalid' | 'after' | 'before' | 'unknownContract', RegExp>> = {
  en: {
    invalid: /left out, invalid/,
    after: /left out, created after the statement/,
    before: /left out, created before the first term of contract "client-d"/,
    unknownContract: /left out, .*unknown contract "nobody"/,
  },
  ru: {
    invalid: /не включена в отчёт, ошибка в данных/,
    after: /не включена в отчёт, создана после момента, на который составлен отчёт/,
    before: /не включена в отчёт, создана до начала первого срока договора «client-d»/,
    unknownContract: /не включена в отчёт, .*неизвестный договор «nobody»/,
  },
};

describe.each(STATEMENT_FORMATS.flatMap((format) => ['ru', 'en'].map((lang) => [format, lang])))(
  '%s statement (%s)',
  (format, lang) => {
    test('names every issue it leaves out, with the reason, in the statement language', async () => {
      const raw = await report(format, lang);
      const said = LEFT_OUT_WORDS[lang];
      if (format === 'json') {
        const notices = (
          JSON.parse(raw) as { notices: Array<{ code: string; path: unknown[]; message: string }> }
        ).notices.filter((notice) => notice.code.startsWith('issue_'));
        expect(notices.map((notice) => [notice.code, notice.path[1]])).toEqual([
          ['issue_invalid', 1],
          ['issue_created_after_at', 2],
          ['issue_before_first_term', 3],
          ['issue_not_evaluated', 4],
        ]);
        expect(notices.map((notice) => notice.message)).toEqual([
          expect.stringMatching(said.invalid),
          expect.stringMatching(said.after),
          expect.stringMatching(said.before),
          expect.stringMatching(said.unknownContract),
        ]);
        return;
      }
      // As a reader sees it: entities decoded, Markdown escapes and invisible joiners dropped.
      const text = raw
        .replace(/&#(\d+);/g, (_match, code: string) => String.fromCharCode(Number(code)))
        .replace(/&quot;|""/g, '"')
        .replace(/\\(.)/g, '$1')
        .replace(/\u2060/g, '');
      expect(text).toMatch(new RegExp(`issues\\[1\\]\\.createdAt: ${said.invalid.source}`));
      expect(text).toMatch(new RegExp(`issues\\[2\\]\\.createdAt: LATE-1: ${said.after.source}`));
      expect(text).toMatch(new RegExp(`issues\\[3\\]\\.createdAt: EARLY-1: ${said.before.source}`));
      expect(text).toMatch(new RegExp(`issues\\[4\\](\\.contract)?: (GHOST-1: )?${said.unknownContract.source}`));
      if (lang === 'ru') expect(text).not.toMatch(/left out|unknown contract|created (after|before)/);
    });

    test('carries no live wiki macro, wiki link or mention from the data', async () => {
      const text = await report(format, lang);
      if (format !== 'md' && format !== 'textile') return;
      expect(text).not.toContain('{{');
      expect(text).not.toContain('[[');
      expect(text).not.toMatch(/(^|[^\w&#])@\w/m);
    });
  },
);

test('No CSV cell begins with a formula character, and money cells are exact decimals', async () => {
  const csv = await report('csv', 'ru');
  const rows = csv
    .trim()
    .split('\r\n')
    .map((line) =>
      line
        .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
        .map((cell) => cell.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')),
    );
  const header = rows[0];
  expect(rows.length).toBeGreaterThan(2);
  for (const row of rows.slice(1)) {
    row.forEach((cell, index) => {
      if (['amount', 'unit_price'].includes(header[index]) && cell !== '') expect(cell).toMatch(/^-?\d+\.\d{2}$/);
      else if (!['quantity', 'percent', 'line_no'].includes(header[index])) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    });
  }
  expect(csv).toContain(`'=HYPERLINK`);
});

test('Money is written from integers: no exponent, no binary fraction', () => {
  expect(minorToDecimal(4.333e21)).toMatch(/^\d+\.\d{2}$/);
  expect(minorToDecimal(250_055)).toBe('2500.55');
  expect(minorToDecimal(-5)).toBe('-0.05');
});

test('Escape sequences from data never reach the terminal board', async () => {
  expect(terminalSafe('ALFA-1\u001b[2J\u001b]0;pwned\u0007 ok')).toBe('ALFA-1 ok');
  const file = join(folder, 'ansi.json');
  writeFileSync(file, JSON.stringify({ issues: [issue('KEY-\u001b[31mRED\u001b[0m')] }));
  const run = await runTariffSla(['evaluate', '--config', 'examples/catalog.yml', '--issues', file, '--at', AT]);
  expect(run.stdout).toContain('KEY-RED');
  expect(run.stdout).not.toContain('\u001b');
});
