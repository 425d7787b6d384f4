import { statementCsv, STATEMENT_CSV_COLUMNS } from '../../../src/core/statement/statement-csv';
import { statementHtml } from '../../../src/core/statement/statement-html';
import { statementToJson } from '../../../src/core/statement/statement-json';
import { statementMarkdown } from '../../../src/core/statement/statement-markdown';
import { statementTextile } from '../../../src/core/statement/statement-textile';
import { trickyStatement } from './statement-fixture';

/** A strict RFC 4180 reader: fields, quoted fields with doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let index = 0;
  let quoted = false;
  while (index < text.length) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index += 2;
        continue;
      }
      if (character === '"') quoted = false;
      else field += character;
      index++;
      continue;
    }
    if (character === '"' && field === '') quoted = true;
    else if (character === ',') {
      record.push(field);
      field = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      index++;
    } else if (character === '\n' || character === '\r' || character === '"')
      throw new Error(`bare ${JSON.stringify(character)} at ${index}`);
    else field += character;
    index++;
  }
  if (field !== '' || record.length > 0) throw new Error('last record not terminated by CRLF');
  return records;
}

const statement = trickyStatement();
const contract = statement.contracts[0];

describe('accounting CSV', () => {
  const records = parseCsv(statementCsv(statement, 'ru'));

  test('It is RFC 4180: a header row, CRLF records, fields with commas and quotes quoted and quotes doubled', () => {
    expect(records[0]).toEqual([...STATEMENT_CSV_COLUMNS]);
    expect(records.slice(1).every((record) => record.length === STATEMENT_CSV_COLUMNS.length)).toBe(true);
    expect(records[1][1]).toBe('ООО "Ромашка, и партнёры"');
  });

  test('One row per charge, amounts with a decimal point that add up to the month total', () => {
    const amountColumn = STATEMENT_CSV_COLUMNS.indexOf('amount');
    expect(records.length - 1).toBe(contract.ledger.charges.length);
    const sum = records.slice(1).reduce((total, record) => total + Math.round(Number(record[amountColumn]) * 100), 0);
    expect(sum).toBe(contract.totalMinor);
    const kinds = records.slice(1).map((record) => record[STATEMENT_CSV_COLUMNS.indexOf('kind')]);
    expect(kinds).toEqual(['subscription', 'overage', 'off_hours_surcharge']);
  });
});

describe('JSON statement', () => {
  test('It carries the hour, incident, SLA and charge figures under the agreed names', () => {
    const json = statementToJson(statement, 'en');
    const figures = json.contracts[0];
    expect(figures.hours).toMatchObject({
      package: 'monthly',
      included: 10,
      used: 11.5,
      burned: 0,
      carriedOver: 0,
      overage: 1.5,
      offHours: 0.5,
    });
    expect(figures.incidents).toMatchObject({ received: 2, overLimit: 0, offHours: 1 });
    expect(Object.keys(figures.sla)).toEqual(['reaction', 'start', 'resolution']);
    expect(figures.charges.map((charge) => [charge.kind, charge.amount, charge.currency])).toEqual([
      ['subscription', 25000, 'RUB'],
      ['overage', 4200, 'RUB'],
      ['off_hours_surcharge', 700, 'RUB'],
    ]);
    expect(figures.totals).toEqual({
      amount: 29900,
      prepaid: 0,
      due: 29900,
      currency: 'RUB',
      charges: 29900,
      credits: 0,
    });
  });
});

describe('wiki renderers', () => {
  test('Markdown escapes pipes and markup inside table cells, so every row keeps the header’s columns', () => {
    const markdown = statementMarkdown(statement, 'ru');
    expect(markdown).toContain('Сбой \\| печать \\<script\\>');
    const tables = markdown.split('\n\n').filter((block) => block.startsWith('|'));
    expect(tables.length).toBeGreaterThan(3);
    for (const table of tables) {
      const counts = table
        .split('\n')
        .filter(Boolean)
        .map((row) => row.replace(/\\\|/g, '').split('|').length);
      expect(new Set(counts).size).toBe(1);
    }
  });

  test('Textile turns pipes and inline markup into entities, so Redmine shows the text as written', () => {
    const textile = statementTextile(statement, 'ru');
    expect(textile).toContain('Сбой &#124; печать &lt;script&gt;');
    expect(textile).toContain('&#42;важно&#42; &#95;срочно&#95;');
    expect(textile).toContain('&#64;код&#64;');
    expect(textile).not.toMatch(/<script>/);
    const tables = textile.split('\n\n').filter((block) => block.startsWith('|'));
    for (const table of tables) {
      const counts = table
        .split('\n')
        .filter(Boolean)
        .map((row) => row.split('|').length);
      expect(new Set(counts).size).toBe(1);
    }
    expect(textile.split('\n')[0]).toMatch(/^h1\. /);
  });
});

describe('HTML statement (structure)', () => {
  const html = statementHtml(statement, 'en');

  test('User text is escaped: a summary cannot inject markup', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  test('It is self-contained: a policy forbidding every fetch, and no URL besides the SVG namespace', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    const urls = (html.match(/https?:\/\/[^\s"'<)]+/g) ?? []).filter((url) => url !== 'http://www.w3.org/2000/svg');
    // The only other URL is inside the user's summary, escaped as text.
    expect(urls).toEqual(['http://example.com']);
    expect(html).not.toMatch(/<(link|script|img|iframe)\b/);
  });

  test('It draws the burn-down, compliance and incidents charts as inline SVG', () => {
    expect(html.match(/<svg [^>]*data-chart="(burndown|compliance|incidents)"/g)?.length).toBe(3);
    expect(html).toMatch(/<polyline class="line remaining"/);
  });
});
