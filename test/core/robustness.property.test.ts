import fc from 'fast-check';
import { parseCatalog } from '../../src/core/catalog/parse-catalog';
import type { ValidationIssue } from '../../src/core/errors/validation-issue';
import { parseIssueHistories } from '../../src/core/history/issue-history';
import { evaluatePortfolio } from '../../src/core/sla/evaluate-portfolio';
import { buildMonthlyStatement } from '../../src/core/statement/monthly-statement';
import { renderStatement, STATEMENT_FORMATS } from '../../src/core/statement/render-statement';
import { STATEMENT_CSV_COLUMNS } from '../../src/core/statement/statement-csv';
import { catalogDocument } from '../helpers/catalog-builder';

/**
 * Arbitrary catalogs, histories and worklogs thrown at the whole pipeline (parse → evaluate →
 * statement in every format and language). Whatever comes in: nothing throws, every problem has a
 * path, every input issue is either in the result or in the statement's notices, money cells are
 * exact decimals, no CSV cell starts a formula, no wiki macro, link or mention comes alive.
 */

const NAMES = [
  'main',
  'acme',
  'office',
  'always',
  'incident',
  'bug',
  'normal',
  'high',
  'toString',
  'constructor',
  'valueOf',
  '__proto__',
  'hasOwnProperty',
  '',
];
const HOSTILE_TEXT = [
  '=cmd|calc',
  '+1',
  '-2+3',
  '@SUM(A1)',
  '\tTAB',
  '{{include(Secret)}}',
  '[[Page]]',
  '@admin',
  '\u001b[2J',
  'ok',
  'Задача',
  '"quoted", comma',
];
const NUMBERS = [0, -1, 1, 30, 60, 480, 1.5, 2500.555, 2500.55, 1e9, 1e20, Number.MAX_SAFE_INTEGER, 527_040, 527_041];
const INSTANTS = [
  '2026-11-16T10:00:00+03:00',
  '2026-11-03T17:30:00+03:00',
  '2026-10-31T23:59:59Z',
  '2025-12-31T10:00:00+03:00',
  '2026-11-30T10:00:00+99:00',
  '0026-11-16T10:00:00Z',
  '2026-11-16T10:00:00',
  'soon',
  '2026-12-24T10:00:00+03:00',
];
const MONTH = '2026-11';
const NOW_MS = Date.parse('2026-11-25T12:00:00+03:00');

const nameArb = fc.constantFrom(...NAMES);
/** Mostly plausible, sometimes hostile: the pipeline must get past validation often enough to be tested. */
const numberArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 3_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 1, arbitrary: fc.integer({ min: -10, max: 100_000 }) },
);
const textArb = fc.oneof(fc.constantFrom(...HOSTILE_TEXT), fc.string({ maxLength: 12 }));
const validNameArb = (usual: string) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(usual) },
    { weight: 2, arbitrary: fc.constantFrom('toString', 'constructor', 'valueOf', 'hasOwnProperty') },
    { weight: 1, arbitrary: nameArb },
  );

/** The base test catalog with some of its values replaced by arbitrary ones. */
const catalogArb = fc
  .record(
    {
      reaction: numberArb,
      resolution: fc.oneof(numberArb, fc.constant('estimate')),
      priorityName: validNameArb('high'),
      typeName: validNameArb('incident'),
      tariffName: validNameArb('main'),
      calendarName: validNameArb('office'),
      contractName: validNameArb('acme'),
      hourly: numberArb,
      monthly: numberArb,
      includedHours: numberArb,
      weekdays: fc.constantFrom(['09:00-18:00'], ['09:00-13:00', '12:00-18:00'], ['22:00-06:00'], ['08:00-20:00']),
      termFrom: fc.constantFrom('2026-01-01', '2026-01-01', '2026-11-10', '0026-01-01', '2026-02-30'),
      timeZone: fc.constantFrom('Europe/Moscow', 'UTC', undefined, 'Europe/Moscow', 'Mars/Olympus'),
    },
    { requiredKeys: [] },
  )
  .map((knobs) => {
    const calendarName = knobs.calendarName ?? 'office';
    const tariffName = knobs.tariffName ?? 'main';
    const typeName = knobs.typeName ?? 'incident';
    const priorityName = knobs.priorityName ?? 'high';
    const document = catalogDocument({
      timeZone: knobs.timeZone,
      priorities: ['low', 'normal', priorityName],
      requestTypes: { incident: {}, bug: {}, [typeName]: {} },
      calendars: { [calendarName]: { zone: 'Europe/Moscow', week: { weekdays: knobs.weekdays ?? ['09:00-18:00'] } } },
    });
    document.tariffs = {
      [tariffName]: {
        name: 'T',
        calendar: calendarName,
        targets: { reaction: knobs.reaction ?? 60, resolution: 480 },
        requestTypes: { [typeName]: { resolution: knobs.resolution ?? 240 } },
        priorities: { [priorityName]: { reaction: 30 } },
        hours: { kind: 'monthly', includedHours: knobs.includedHours ?? 10 },
        prices: { hourly: knobs.hourly ?? 2500, monthly: knobs.monthly ?? 100000 },
      },
    };
    document.contracts = {
      [knobs.contractName ?? 'acme']: {
        name: 'C',
        terms: [{ tariff: tariffName, from: knobs.termFrom ?? '2026-01-01' }],
      },
    };
    // Through JSON, as a file would arrive: a "__proto__" key stays a key.
    return {
      document: JSON.parse(JSON.stringify(document)) as unknown,
      names: { type: typeName, priority: priorityName, contract: knobs.contractName ?? 'acme' },
    };
  });

const LATER_INSTANTS = [
  '2026-11-03T17:30:00+03:00',
  '2026-11-16T10:00:00+03:00',
  '2026-11-20T12:00:00+03:00',
  '2026-12-24T10:00:00+03:00',
  '2026-11-07T10:00:00+03:00',
];
const atArb = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...LATER_INSTANTS) },
  { weight: 1, arbitrary: fc.constantFrom(...INSTANTS) },
);

const issueArb = (names: { type: string; priority: string; contract: string }) => {
  const mostly = (usual: fc.Arbitrary<string>) =>
    fc.oneof({ weight: 6, arbitrary: usual }, { weight: 1, arbitrary: nameArb });
  const typeArb = mostly(fc.constantFrom(names.type, 'incident', 'bug'));
  const priorityArb = mostly(fc.constantFrom(names.priority, 'normal', 'low'));
  const eventArb = fc.oneof(
    fc.record({
      at: atArb,
      kind: fc.constant('status'),
      to: fc.constantFrom('In Progress', 'Resolved', 'Waiting for customer', 'New', ''),
    }),
    fc.record({ at: atArb, kind: fc.constant('priority'), to: priorityArb }),
    fc.record({ at: atArb, kind: fc.constant('type'), to: typeArb }),
    fc.record({ at: atArb, kind: fc.constant('estimate'), minutes: numberArb }),
    fc.record({ at: atArb, kind: fc.constant('response') }),
  );
  return fc.record({
    key: fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom('A-1', 'B-2', '=HACK()', '@boss', '{{toc}}', '[[Page]]', 'K-\u001b[31m'),
      },
      { weight: 1, arbitrary: textArb },
    ),
    contract: mostly(fc.constant(names.contract)),
    type: typeArb,
    priority: priorityArb,
    createdAt: fc.oneof(
      { weight: 4, arbitrary: fc.constant('2026-11-02T09:00:00+03:00') },
      { weight: 1, arbitrary: fc.constantFrom(...INSTANTS) },
    ),
    status: fc.constantFrom('New', 'In Progress', 'Resolved'),
    summary: textArb,
    events: fc
      .array(eventArb, { maxLength: 4 })
      .map((events) => [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))),
    worklogs: fc.array(
      fc.record({
        at: atArb,
        minutes: numberArb,
        author: fc.oneof({ weight: 4, arbitrary: fc.constant('eng') }, { weight: 1, arbitrary: textArb }),
      }),
      { maxLength: 3 },
    ),
  });
};

function hasPath(problem: ValidationIssue): boolean {
  return (
    Array.isArray(problem.path) &&
    problem.path.every((segment) => typeof segment === 'string' || typeof segment === 'number')
  );
}

function csvCells(csv: string): string[][] {
  return csv
    .trim()
    .split('\r\n')
    .map((line) =>
      line
        .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
        .slice(0, STATEMENT_CSV_COLUMNS.length)
        .map((cell) => cell.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')),
    );
}

const MONEY_COLUMNS = new Set(['unit_price', 'amount']);
const NUMBER_COLUMNS = new Set(['line_no', 'quantity', 'percent']);

test('Whatever the catalog and the histories, the pipeline answers with results and named problems, never a crash', () => {
  // The generators must reach the far end of the pipeline, not stop at validation.
  let validCatalogs = 0;
  let evaluatedIssues = 0;
  let chargedLines = 0;
  fc.assert(
    fc.property(
      catalogArb.chain((generated) =>
        fc.tuple(fc.constant(generated.document), fc.array(issueArb(generated.names), { maxLength: 6 })),
      ),
      ([catalogDoc, rawIssues]) => {
        const catalog = parseCatalog(catalogDoc);
        if (!catalog.ok) {
          expect(catalog.issues.length).toBeGreaterThan(0);
          expect(catalog.issues.every(hasPath)).toBe(true);
          return;
        }
        validCatalogs++;
        const parsed = parseIssueHistories(JSON.parse(JSON.stringify({ issues: rawIssues })));
        expect(parsed.problems.every(hasPath)).toBe(true);
        const portfolio = evaluatePortfolio(catalog.value, parsed.issues, NOW_MS);
        expect(portfolio.problems.every(hasPath)).toBe(true);
        const statement = buildMonthlyStatement(catalog.value, parsed.issues, portfolio, {
          month: MONTH,
          inputProblems: parsed.problems,
        });
        expect(statement.notices.every(hasPath)).toBe(true);
        evaluatedIssues += portfolio.evaluations.length;
        chargedLines += statement.contracts.reduce((sum, contract) => sum + contract.ledger.charges.length, 0);

        // Every input issue is in the result or named in the notices.
        const evaluatedKeys = new Set(portfolio.evaluations.map((evaluation) => evaluation.key));
        const counted = new Set(
          parsed.issues.filter((issue) => evaluatedKeys.has(issue.key)).map((issue) => issue.sourceIndex),
        );
        const noticed = new Set(
          statement.notices.filter((notice) => notice.path[0] === 'issues').map((notice) => notice.path[1]),
        );
        rawIssues.forEach((_issue, index) => expect(counted.has(index) || noticed.has(index)).toBe(true));

        for (const lang of ['ru', 'en'] as const) {
          for (const format of STATEMENT_FORMATS) {
            const text = renderStatement(statement, format, lang);
            if (format === 'csv') {
              const [header, ...rows] = csvCells(text);
              for (const row of rows) {
                row.forEach((cell, column) => {
                  if (MONEY_COLUMNS.has(header[column])) expect(cell === '' || /^-?\d+\.\d{2}$/.test(cell)).toBe(true);
                  else if (!NUMBER_COLUMNS.has(header[column])) expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
                });
              }
            }
            if (format === 'md' || format === 'textile') {
              expect(text).not.toContain('{{');
              expect(text).not.toContain('[[');
              expect(/(^|[\s(,>|])@[\p{L}\p{N}_]/mu.test(text)).toBe(false);
            }
            if (format === 'json') expect(() => JSON.parse(text)).not.toThrow();
          }
        }
      },
    ),
    { seed: 20261206, numRuns: 150, interruptAfterTimeLimit: 60_000 },
  );
  expect(validCatalogs).toBeGreaterThan(20);
  expect(evaluatedIssues).toBeGreaterThan(20);
  expect(chargedLines).toBeGreaterThan(20);
});
