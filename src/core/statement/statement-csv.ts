import { minorToDecimal } from '../ledger/minor-units';
import type { MonthlyStatement } from './monthly-statement';
import { StatementLocale, type Lang } from './statement-locale';
import { noticeText } from './statement-notices';
import { csatTargetText, describeCharge } from './statement-view';
import { STATEMENT_WORDS } from './statement-words';

/** Columns of the accounting CSV, in order. */
export const STATEMENT_CSV_COLUMNS = [
  'contract_id',
  'contract_name',
  'month',
  'line_no',
  'kind',
  'tariff_id',
  'description',
  'issue_keys',
  'quantity',
  'unit',
  'unit_price',
  'percent',
  'amount',
  'currency',
  'prepaid',
] as const;

/**
 * A text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or carriage return
 * first) is prefixed with a single quote, as OWASP advises against CSV injection. Numbers are
 * written by `decimal`, never through here, so a negative amount stays a number.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break, quotes doubled. */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Columns that hold numbers written by `decimal` (machine-readable, may be negative). */
const NUMERIC_COLUMNS: ReadonlySet<number> = new Set(
  ['line_no', 'quantity', 'unit_price', 'percent', 'amount'].map((name) =>
    STATEMENT_CSV_COLUMNS.indexOf(name as (typeof STATEMENT_CSV_COLUMNS)[number]),
  ),
);

function row(cells: readonly string[]): string {
  return cells.map((cell, index) => field(NUMERIC_COLUMNS.has(index) ? cell : neutralizeFormula(cell))).join(',');
}

/** A machine-readable decimal: point, no grouping, trailing zeros trimmed past `minFraction`. */
function decimal(value: number, maxFraction: number, minFraction = 0): string {
  const scale = 10 ** maxFraction;
  const scaled = Math.round(Math.abs(value) * scale);
  const whole = Math.floor(scaled / scale);
  let fraction = maxFraction > 0 ? String(scaled - whole * scale).padStart(maxFraction, '0') : '';
  while (fraction.length > minFraction && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${value < 0 && scaled !== 0 ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/**
 * The month's charges for accounting: RFC 4180 CSV (comma separator, CRLF line ends, a header row,
 * UTF-8), one row per line item of every contract (service credits are negative lines of kind
 * `service_credit`, unit `breach`), and, for a tariff with a CSAT target, an information row of kind
 * `csat_target` (amount 0) saying whether the month met it. Numbers are machine-readable (point decimals, no
 * grouping); `unit` and `kind` are codes, `description` is in the chosen language. Every notice
 * (issues left out, work not billed) follows as a row of kind `notice` without an amount; text cells
 * that a spreadsheet would run as a formula are neutralised. `amount` was
 * rounded once from the exact quantity (hours to the second), so it may differ from
 * `quantity × unit_price` by the rounding of the four-decimal `quantity` shown.
 *
 * @example
 * statementCsv(statement, 'ru').split('\r\n')[0]; // 'contract_id,contract_name,month,line_no,kind,…'
 */
export function statementCsv(statement: MonthlyStatement, lang: Lang): string {
  const locale = new StatementLocale(lang, statement.currency);
  const lines: string[] = [STATEMENT_CSV_COLUMNS.join(',')];
  for (const contract of statement.contracts) {
    contract.ledger.charges.forEach((charge, index) => {
      const quantity =
        charge.unit === 'hour' && charge.seconds !== undefined ? charge.seconds / 3_600 : charge.quantity;
      lines.push(
        row([
          contract.contractId,
          contract.contractName,
          statement.month,
          String(index + 1),
          charge.kind,
          charge.tariffId,
          describeCharge(charge, contract, statement, locale),
          charge.issueKeys.join(' '),
          decimal(quantity, 4),
          charge.unit,
          minorToDecimal(charge.unitPriceMinor),
          charge.percent === undefined ? '' : decimal(charge.percent, 4),
          minorToDecimal(charge.amountMinor),
          statement.currency,
          charge.prepaid ? 'true' : 'false',
        ]),
      );
    });
    const csat = csatTargetText(contract, locale);
    if (csat !== null) {
      // An information row (amount 0): the month's CSAT against the tariff's target, so accounting sees a missed target.
      const cells = [
        contract.contractId,
        contract.contractName,
        statement.month,
        String(contract.ledger.charges.length + 1),
        'csat_target',
        contract.ledger.tariffId,
      ];
      cells.push(
        `${STATEMENT_WORDS[lang].csat.target}: ${csat}`,
        '',
        '',
        '',
        '',
        '',
        '0.00',
        statement.currency,
        'false',
      );
      lines.push(row(cells));
    }
  }
  // What the statement left out or could not bill is part of the document: one row per notice, no amount.
  for (const notice of statement.notices) {
    lines.push(
      row(['', '', statement.month, '', 'notice', '', noticeText(notice, lang), '', '', '', '', '', '', '', '']),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
