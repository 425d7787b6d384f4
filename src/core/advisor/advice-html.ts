import { escapeXml } from '../statement/statement-charts';
import type { Lang } from '../statement/statement-locale';
import type { ViewTable } from '../statement/statement-view';
import type { TariffAdvice } from './advise-tariffs';
import { adviceView } from './advice-view';

const STYLE = `
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1d2433; }
h1 { font-size: 21px; margin: 0 0 8px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
p { margin: 4px 0; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border-bottom: 1px solid #d9dee8; padding: 4px 10px 4px 0; text-align: left; }
th { color: #5b6478; font-size: 12px; }
td.num, th.num { text-align: right; padding-left: 10px; white-space: nowrap; }
tr.recommended td { background: #e7f5ec; font-weight: 600; }
tr.current td { background: #eef2fb; }
.conclusion { font-size: 15px; font-weight: 600; margin: 16px 0; }
.chart { display: block; max-width: 100%; height: auto; }
.chart text { font-size: 11px; fill: #5b6478; }
.chart .chart-title { font-size: 13px; font-weight: 600; fill: #1d2433; }
.chart .bar.meets { fill: #1f8a4c; }
.chart .bar.fails { fill: #c2b9b0; }
.chart .bar.current { fill: #2458d6; }
details summary { cursor: pointer; color: #2458d6; margin: 12px 0 4px; }
ul { margin: 4px 0; }
`;

function tableHtml(table: ViewTable, rowClasses: ReadonlyMap<number, string> = new Map()): string {
  const cls = (index: number): string => (table.numeric[index] ? ' class="num"' : '');
  const head = table.head.map((cell, index) => `<th${cls(index)}>${escapeXml(cell)}</th>`).join('');
  const rows = table.rows
    .map((row, rowIndex) => {
      const rowClass = rowClasses.get(rowIndex);
      return `<tr${rowClass ? ` class="${rowClass}"` : ''}>${row.map((cell, index) => `<td${cls(index)}>${escapeXml(cell)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function costChart(advice: TariffAdvice, title: string, amount: (minor: number) => string): string {
  const outcomes = [...advice.candidates, advice.current];
  const rowHeight = 22;
  const labelWidth = 230;
  const width = 760;
  const barWidth = width - labelWidth - 130;
  const height = 40 + outcomes.length * rowHeight;
  const max = Math.max(1, ...outcomes.map((outcome) => outcome.totalMinor));
  let out = `<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="advice-cost" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title><text class="chart-title" x="0" y="14">${escapeXml(title)}</text>`;
  outcomes.forEach((outcome, index) => {
    const y = 34 + index * rowHeight;
    const grade = outcome.actual ? 'current' : outcome.meetsTarget ? 'meets' : 'fails';
    const length = Math.max(1, (barWidth * outcome.totalMinor) / max);
    out += `<text x="0" y="${y + 12}">${escapeXml(outcome.actual ? `▸ ${outcome.tariffId}` : outcome.tariffId)}</text>`;
    out += `<rect class="bar ${grade}" data-tariff="${escapeXml(outcome.tariffId)}" x="${labelWidth}" y="${y}" width="${Math.round(length * 10) / 10}" height="${rowHeight - 6}"/>`;
    out += `<text x="${labelWidth + length + 6}" y="${y + 12}">${escapeXml(amount(outcome.totalMinor))}</text>`;
  });
  return `${out}</svg>`;
}

/**
 * The advice as one self-contained HTML page (inline CSS and SVG, no requests): the comparison
 * table with the recommended tariff highlighted, a cost chart, the reasons and the breakdowns.
 */
export function adviceHtml(advice: TariffAdvice, lang: Lang): string {
  const view = adviceView(advice, lang);
  const rowClasses = new Map<number, string>([[view.currentRow, 'current']]);
  if (view.recommendedRow >= 0) rowClasses.set(view.recommendedRow, 'recommended');
  const whyNot = view.whyNot.length
    ? `<h2>${escapeXml(view.words.whyNot)}</h2><ul>${view.whyNot.map((item) => `<li><b>${escapeXml(item.tariff)}</b>: ${escapeXml(item.reasons.join('; '))}</li>`).join('')}</ul>`
    : '';
  const breakdowns = view.breakdowns
    .map((item, index) =>
      index < 2
        ? `<h2>${escapeXml(item.title)}</h2>${tableHtml(item.table)}`
        : `<details><summary>${escapeXml(item.title)}</summary>${tableHtml(item.table)}</details>`,
    )
    .join('\n');
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeXml(view.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeXml(view.title)}</h1>`,
    ...view.intro.map((line) => `<p>${escapeXml(line)}</p>`),
    `<p class="conclusion">${escapeXml(view.conclusion)}</p>`,
    tableHtml(view.comparison, rowClasses),
    costChart(advice, view.words.chartTitle, (minor) => view.locale.money(minor)),
    whyNot,
    breakdowns,
    view.notices.length
      ? `<h2>${escapeXml(view.words.notices)}</h2><ul>${view.notices.map((notice) => `<li>${escapeXml(notice)}</li>`).join('')}</ul>`
      : '',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
