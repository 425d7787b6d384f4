import { MAX_YEAR, MIN_YEAR } from '../core/errors/input-bounds';
import { parseMonthId } from '../core/ledger/month-table';
import { CliFailure } from './cli-io';

/** Months an `advise` replay may span: twenty years. */
export const MAX_REPLAY_MONTHS = 240;

function monthIndex(text: string): number | null {
  const month = parseMonthId(text);
  // The month after the last must exist too (a month ends where the next begins).
  if (!month || month.month < 1 || month.month > 12 || month.year < MIN_YEAR || month.year >= MAX_YEAR) return null;
  return month.year * 12 + month.month - 1;
}

/** `--month YYYY-MM`, from 1900-01 to 9998-12; anything else is bad usage. */
export function monthOption(option: string, text: string): string {
  if (monthIndex(text) === null)
    throw new CliFailure(
      `${option}: expected a month "YYYY-MM" from ${MIN_YEAR}-01 to ${MAX_YEAR - 1}-12 such as "2026-11", got "${text}"`,
      2,
    );
  return text;
}

/** `--months FROM..TO` (or one month), from not after to, at most MAX_REPLAY_MONTHS months. */
export function monthRangeOption(option: string, text: string): { from: string; to: string } {
  const [from, to = from, ...rest] = text.split('..');
  const fromIndex = monthIndex(from);
  const toIndex = monthIndex(to);
  if (rest.length > 0 || fromIndex === null || toIndex === null || toIndex < fromIndex) {
    throw new CliFailure(
      `${option}: expected "YYYY-MM..YYYY-MM" (from not after to, years ${MIN_YEAR}-${MAX_YEAR - 1}), got "${text}"`,
      2,
    );
  }
  if (toIndex - fromIndex + 1 > MAX_REPLAY_MONTHS)
    throw new CliFailure(`${option}: at most ${MAX_REPLAY_MONTHS} months at once, got ${toIndex - fromIndex + 1}`, 2);
  return { from, to };
}
