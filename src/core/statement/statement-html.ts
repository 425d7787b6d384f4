import type { ContractStatement, MonthlyStatement } from './monthly-statement';
import {
  burndownChartSvg,
  CHART_STYLE,
  complianceChartSvg,
  escapeXml,
  incidentsPerDayChartSvg,
} from './statement-charts';
import type { Lang } from './statement-locale';
import { statementView, type ContractView, type StatementView, type ViewPair, type ViewTable } from './statement-view';

// No external resource of any kind: the policy forbids every fetch, so the page renders the same offline.
const STYLE = `
:root { color-scheme: light; --ink: #1d2433; --muted: #5b6478; --line: #d9dee8; --accent: #2458d6; --good: #1f8a4c; --fair: #c98a0b; --poor: #c2362f; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: #fff; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; color: var(--muted); }
nav { margin: 16px 0; display: flex; flex-wrap: wrap; gap: 8px 16px; }
nav a { color: var(--accent); text-decoration: none; }
section.contract { border-top: 2px solid var(--line); margin-top: 28px; padding-top: 12px; max-width: 980px; }
h2 { font-size: 19px; margin: 8px 0 12px; }
h3 { font-size: 15px; margin: 22px 0 8px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
.open { color: var(--fair); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 160px; }
.card .label { color: var(--muted); font-size: 12px; }
.card .value { font-size: 20px; font-weight: 600; white-space: nowrap; }
table { border-collapse: collapse; margin: 6px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 10px 4px 0; text-align: left; vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12px; }
td.num, th.num { text-align: right; white-space: nowrap; padding-left: 10px; }
table.pairs td:first-child { color: var(--muted); padding-right: 24px; }
tr.total td { font-weight: 600; border-bottom: none; }
.chart { display: block; max-width: 100%; height: auto; margin: 8px 0; }
${CHART_STYLE}.muted { color: var(--muted); }
table.credits td:first-child, table.lowest-rated td:first-child { white-space: nowrap; }
table.credits td:last-child { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
details summary { cursor: pointer; color: var(--accent); margin: 18px 0 6px; }
.notices { margin-top: 32px; color: var(--fair); }
@media print { body { padding: 0; } details { display: block; } section.contract { break-before: page; } }
`;

function tableHtml(view: ViewTable | null, empty: string, className = ''): string {
  if (!view) return `<p class="muted">${escapeXml(empty)}</p>`;
  const cellClass = (index: number): string => (view.numeric[index] ? ' class="num"' : '');
  const head = view.head.map((cell, index) => `<th${cellClass(index)}>${escapeXml(cell)}</th>`).join('');
  const rows = view.rows
    .map((row) => `<tr>${row.map((cell, index) => `<td${cellClass(index)}>${escapeXml(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table${className ? ` class="${className}"` : ''}><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function pairsHtml(pairs: readonly ViewPair[], totalFrom = Infinity): string {
  const rows = pairs
    .map(
      ([label, value], index) =>
        `<tr${index >= totalFrom ? ' class="total"' : ''}><td>${escapeXml(label)}</td><td class="num">${escapeXml(value)}</td></tr>`,
    )
    .join('\n');
  return `<table class="pairs"><tbody>\n${rows}\n</tbody></table>`;
}

function card(label: string, value: string, testId: string): string {
  return `<div class="card" data-card="${testId}"><div class="label">${escapeXml(label)}</div><div class="value">${escapeXml(value)}</div></div>`;
}

function contractHtml(view: StatementView, contractView: ContractView, contract: ContractStatement): string {
  const { words, locale } = view;
  const kpis = contract.kpis;
  const used =
    contract.includedSeconds === null
      ? locale.hoursWithUnit(contract.usedSeconds)
      : `${locale.hours(contract.usedSeconds)} / ${locale.hoursWithUnit(contract.includedSeconds)}`;
  const clocks = (['reaction', 'start', 'resolution'] as const).filter((clock) => kpis.sla[clock].due > 0);
  const cards = [
    card(words.hours.used, used, 'hours'),
    card(words.hours.overage, locale.hoursWithUnit(contract.ledger.totals.overage), 'overage'),
    ...clocks.map((clock) =>
      card(
        `${words.sections.sla}: ${words.clocks[clock]}`,
        locale.percent(kpis.sla[clock].compliancePercent),
        `sla-${clock}`,
      ),
    ),
    kpis.satisfaction.responses > 0
      ? card(words.csat.card, locale.percent(kpis.satisfaction.satisfiedPercent), 'csat')
      : '',
    contract.creditsMinor !== 0 ? card(words.credits.creditsTotal, locale.money(contract.creditsMinor), 'credits') : '',
    card(words.totals.due, locale.money(contract.dueMinor), 'due'),
  ].join('');
  const meta = contractView.meta
    .map(
      ([label, value], index) =>
        `<dt>${escapeXml(label)}</dt><dd${index === contractView.meta.length - 1 && contractView.open ? ' class="open"' : ''}>${escapeXml(value)}</dd>`,
    )
    .join('');
  const totalsFrom = contractView.totals.length > 0 ? 0 : Infinity;
  return [
    `<section class="contract" id="contract-${escapeXml(contract.contractId)}" data-contract="${escapeXml(contract.contractId)}">`,
    `<h2>${escapeXml(contractView.heading)}</h2>`,
    `<dl class="meta">${meta}</dl>`,
    `<div class="cards">${cards}</div>`,
    `<h3>${escapeXml(words.sections.burndown)}</h3>`,
    burndownChartSvg(contract.burndown, contract.includedSeconds, locale, words),
    pairsHtml(contractView.hours),
    `<h3>${escapeXml(words.sections.sla)}</h3>`,
    complianceChartSvg(kpis.sla, locale, words),
    tableHtml(contractView.sla, words.none),
    `<h3>${escapeXml(words.sections.breaches)}</h3>`,
    tableHtml(contractView.breaches, words.noBreaches, 'breaches'),
    `<h3>${escapeXml(words.sections.incidents)}</h3>`,
    pairsHtml(contractView.requests),
    incidentsPerDayChartSvg(kpis.incidentsPerDay, locale, words),
    `<h3>${escapeXml(words.sections.escalations)}</h3>`,
    pairsHtml(contractView.escalations),
    contractView.criticalEscalations
      ? `<p class="muted">${escapeXml(words.kpi.criticalEscalations)}</p>${tableHtml(contractView.criticalEscalations, words.none)}`
      : '',
    `<h3>${escapeXml(words.csat.section)}</h3>`,
    pairsHtml(contractView.satisfaction),
    contractView.satisfactionByType
      ? `<p class="muted">${escapeXml(words.csat.byType)}</p>${tableHtml(contractView.satisfactionByType, words.none)}`
      : '',
    contractView.satisfactionByLine
      ? `<p class="muted">${escapeXml(words.csat.byLine)}</p>${tableHtml(contractView.satisfactionByLine, words.none)}`
      : '',
    contractView.lowestRated
      ? `<p class="muted">${escapeXml(words.csat.lowestRated)}</p>${tableHtml(contractView.lowestRated, words.none, 'lowest-rated')}`
      : '',
    `<h3>${escapeXml(words.sections.time)}</h3>`,
    tableHtml(contractView.timeByType, words.none),
    tableHtml(contractView.timeByLine, words.none),
    `<h3>${escapeXml(words.sections.charges)}</h3>`,
    tableHtml(contractView.charges, words.noCharges, 'charges'),
    contractView.credits
      ? `<h3>${escapeXml(words.credits.section)}</h3>${tableHtml(contractView.credits, words.credits.none, 'credits')}${pairsHtml(contractView.creditTerms)}`
      : '',
    pairsHtml(contractView.totals, totalsFrom),
    `<details><summary>${escapeXml(words.sections.ledger)}</summary>${tableHtml(contractView.ledger, words.none, 'ledger')}</details>`,
    '</section>',
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * The statement as one self-contained HTML page: inline CSS, charts as inline SVG, no scripts,
 * fonts or other requests (a Content-Security-Policy forbids them), for a manager to open in a
 * browser or print. Pure: the same statement and language give the same bytes.
 *
 * @example
 * writeFileSync('statement.html', statementHtml(buildMonthlyStatement(catalog, issues, portfolio, { month: '2026-11' }), 'ru'));
 */
export function statementHtml(statement: MonthlyStatement, lang: Lang): string {
  const view = statementView(statement, lang);
  const title = `${view.title} — ${view.monthTitle}`;
  const nav =
    view.contracts.length > 1
      ? `<nav>${view.contracts.map((contract) => `<a href="#contract-${escapeXml(contract.contractId)}">${escapeXml(contract.heading.split(' — ')[0])}</a>`).join('')}</nav>`
      : '';
  const sections = statement.contracts
    .map((contract, index) => contractHtml(view, view.contracts[index], contract))
    .join('\n');
  const notices =
    view.notices.length > 0
      ? `<div class="notices"><h3>${escapeXml(view.words.sections.notices)}</h3><ul>${view.notices.map((notice) => `<li>${escapeXml(notice)}</li>`).join('')}</ul></div>`
      : '';
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${escapeXml(view.title)}</h1><p>${escapeXml(view.monthTitle)} · ${escapeXml(view.words.asOf)} ${escapeXml(view.asOf)}</p></header>`,
    nav,
    sections || `<p>${escapeXml(view.words.noContracts)}</p>`,
    notices,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
