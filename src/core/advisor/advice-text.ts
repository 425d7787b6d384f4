import type { ViewTable } from '../statement/statement-view';
import type { Lang } from '../statement/statement-locale';
import type { TariffAdvice } from './advise-tariffs';
import { adviceView } from './advice-view';

function textTable(table: ViewTable, marks: ReadonlyMap<number, string> = new Map()): string {
  const rows = [table.head, ...table.rows];
  const widths = table.head.map((_, column) => Math.max(...rows.map((row) => [...(row[column] ?? '')].length)));
  const markWidth = Math.max(0, ...[...marks.values()].map((mark) => [...mark].length));
  return rows
    .map((row, rowIndex) => {
      const mark = (marks.get(rowIndex - 1) ?? '').padEnd(markWidth);
      const cells = row.map((cell, column) => {
        const pad = ' '.repeat(widths[column] - [...cell].length);
        return table.numeric[column] ? pad + cell : cell + pad;
      });
      return `${markWidth > 0 ? `${mark} ` : ''}${cells.join('  ')}`.trimEnd();
    })
    .join('\n');
}

/**
 * The advice as plain text for a terminal: the comparison table (the recommended tariff marked
 * with ★, the current terms with ▸), why each tariff falls short, the recommendation and the
 * month-by-month breakdown of the recommended tariff and of the current terms.
 */
export function adviceText(advice: TariffAdvice, lang: Lang): string {
  const view = adviceView(advice, lang);
  const marks = new Map<number, string>();
  if (view.recommendedRow >= 0) marks.set(view.recommendedRow, '★');
  marks.set(view.currentRow, '▸');
  const lines: string[] = [view.title, '', ...view.intro, '', textTable(view.comparison, marks), ''];
  if (view.whyNot.length > 0) {
    lines.push(`${view.words.whyNot}:`);
    for (const item of view.whyNot) lines.push(`  ${item.tariff}: ${item.reasons.join('; ')}`);
    lines.push('');
  }
  lines.push(view.conclusion, '');
  for (const item of view.breakdowns.slice(0, 2)) lines.push(`${item.title}:`, textTable(item.table), '');
  if (view.notices.length > 0) lines.push(`${view.words.notices}:`, ...view.notices.map((notice) => `  ${notice}`), '');
  return lines.join('\n');
}
