import type { ClockName } from '../catalog/catalog-schema';
import type { ClockCompliance, DayIncidents } from '../kpi/contract-kpis';
import type { BurndownDay } from './monthly-statement';
import type { StatementLocale } from './statement-locale';
import type { StatementWords } from './statement-words';

/**
 * Styles of the chart markup below (class names of the SVG elements), shared by every page that
 * shows the charts: the HTML statement inlines it, the Jira project page appends it to its stylesheet.
 */
export const CHART_STYLE = `.chart .chart-title { font-size: 13px; font-weight: 600; fill: var(--ink); }
.chart .tick, .chart .legend-label, .chart .label, .chart .value, .chart .empty { font-size: 11px; fill: var(--muted); }
.chart .label { font-size: 12px; fill: var(--ink); }
.chart .grid { stroke: #eef1f6; }
.chart .axis { stroke: #9aa3b5; }
.chart .bar.used, .chart .legend.used { fill: #9db7f0; }
.chart .line { fill: none; stroke-width: 2.5; }
.chart .line.remaining, .chart .line.cumulative { stroke: var(--accent); }
.chart .legend.remaining, .chart .legend.cumulative { fill: var(--accent); }
.chart .ideal { stroke: #9aa3b5; stroke-dasharray: 5 4; }
.chart .track { fill: #eef1f6; }
.chart .bar.good { fill: var(--good); }
.chart .bar.fair { fill: var(--fair); }
.chart .bar.poor { fill: var(--poor); }
.chart .bar.incidents, .chart .legend.incidents { fill: #7d9be0; }
.chart .bar.over-limit, .chart .legend.over-limit { fill: var(--poor); }
.chart .limit { fill: none; stroke: var(--poor); stroke-width: 1.5; stroke-dasharray: 6 4; }
.chart .legend.limit { fill: var(--poor); }
`;

/** Escapes text for XML and HTML (element content and attribute values). */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const WIDTH = 720;
const HEIGHT = 260;
const LEFT = 52;
const RIGHT = 16;
const TOP = 28;
const BOTTOM = 40;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

function fixed(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

/** Round tick step (1, 2, 5 × 10^n) giving about `count` ticks over `span`. */
function tickStep(span: number, count: number): number {
  if (span <= 0) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

interface Scale {
  min: number;
  max: number;
  y: (value: number) => number;
  ticks: number[];
}

function linearScale(low: number, high: number, wholeTicks: boolean): Scale {
  const step = Math.max(tickStep(high - low, 5), wholeTicks ? 1 : 0);
  const min = Math.floor(low / step) * step;
  const max = Math.max(Math.ceil(high / step) * step, min + step);
  const ticks: number[] = [];
  for (let value = min; value <= max + step / 1e6; value += step) ticks.push(Math.round(value * 1e6) / 1e6);
  return { min, max, ticks, y: (value) => TOP + PLOT_HEIGHT - ((value - min) / (max - min)) * PLOT_HEIGHT };
}

function svgOpen(kind: string, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="${kind}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeXml(title)}">` +
    `<title>${escapeXml(title)}</title>` +
    `<text class="chart-title" x="${LEFT}" y="16">${escapeXml(title)}</text>`
  );
}

function yAxis(scale: Scale, locale: StatementLocale, unit: string): string {
  let out = '';
  for (const tick of scale.ticks) {
    const y = fixed(scale.y(tick));
    out += `<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y}" y2="${y}"/>`;
    out += `<text class="tick" x="${LEFT - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeXml(locale.number(tick, 1))}</text>`;
  }
  out += `<text class="tick" x="${LEFT - 6}" y="${TOP - 8}" text-anchor="end">${escapeXml(unit)}</text>`;
  return out;
}

function xLabels(dates: readonly string[], locale: StatementLocale): string {
  const band = PLOT_WIDTH / Math.max(1, dates.length);
  let out = '';
  dates.forEach((date, index) => {
    if (index % 5 !== 0 && index !== dates.length - 1) return;
    out += `<text class="tick" x="${fixed(LEFT + band * (index + 0.5))}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle">${escapeXml(locale.shortDate(date))}</text>`;
  });
  return out;
}

function legend(items: Array<[string, string]>): string {
  let out = '';
  let x = LEFT;
  for (const [className, label] of items) {
    out += `<rect class="legend ${className}" x="${x}" y="${HEIGHT - 14}" width="12" height="8"/>`;
    out += `<text class="legend-label" x="${x + 16}" y="${HEIGHT - 7}">${escapeXml(label)}</text>`;
    x += 24 + label.length * 7;
  }
  return out;
}

/**
 * The hour burn-down of a month as inline SVG: a bar per day for the covered hours worked that day,
 * the package hours remaining as a line (dropping below zero into overage), and the even burn a
 * package would follow as a dashed line. Unlimited tariffs show the cumulative hours instead.
 */
export function burndownChartSvg(
  days: readonly BurndownDay[],
  includedSeconds: number | null,
  locale: StatementLocale,
  words: StatementWords,
): string {
  const hours = (seconds: number): number => seconds / 3_600;
  const past = days.filter((day) => !day.future);
  const values = [0, ...days.map((day) => hours(day.usedSeconds))];
  if (includedSeconds !== null)
    values.push(hours(includedSeconds), ...past.map((day) => hours(day.remainingSeconds ?? 0)));
  else values.push(...past.map((day) => hours(day.cumulativeSeconds)));
  const scale = linearScale(Math.min(...values), Math.max(...values, 1), false);
  const band = PLOT_WIDTH / Math.max(1, days.length);
  let out = svgOpen('burndown', words.chart.burndownTitle) + yAxis(scale, locale, words.chart.hoursAxis);
  const zero = scale.y(0);
  days.forEach((day, index) => {
    if (day.usedSeconds <= 0) return;
    const top = scale.y(hours(day.usedSeconds));
    out += `<rect class="bar used" data-date="${day.date}" x="${fixed(LEFT + band * index + band * 0.15)}" y="${fixed(top)}" width="${fixed(band * 0.7)}" height="${fixed(Math.max(0.5, zero - top))}"><title>${escapeXml(`${locale.date(day.date)}: ${locale.hoursWithUnit(day.usedSeconds)}`)}</title></rect>`;
  });
  out += `<line class="axis" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${fixed(zero)}" y2="${fixed(zero)}"/>`;
  const pointsOf = (value: (day: BurndownDay) => number): string => {
    const points = [`${fixed(LEFT)},${fixed(scale.y(includedSeconds === null ? 0 : hours(includedSeconds)))}`];
    past.forEach((day, index) => points.push(`${fixed(LEFT + band * (index + 1))},${fixed(scale.y(value(day)))}`));
    return points.join(' ');
  };
  if (includedSeconds !== null) {
    out += `<line class="ideal" x1="${LEFT}" y1="${fixed(scale.y(hours(includedSeconds)))}" x2="${WIDTH - RIGHT}" y2="${fixed(zero)}"/>`;
    if (past.length > 0)
      out += `<polyline class="line remaining" points="${pointsOf((day) => hours(day.remainingSeconds ?? 0))}"/>`;
    out += legend([
      ['remaining', words.chart.burndownLegendRemaining],
      ['used', words.chart.burndownLegendUsed],
    ]);
  } else {
    if (past.length > 0)
      out += `<polyline class="line cumulative" points="${pointsOf((day) => hours(day.cumulativeSeconds))}"/>`;
    out += legend([
      ['cumulative', words.chart.burndownLegendCumulative],
      ['used', words.chart.burndownLegendUsed],
    ]);
  }
  out += xLabels(
    days.map((day) => day.date),
    locale,
  );
  return `${out}</svg>`;
}

/** SLA compliance per clock as horizontal bars from 0 to 100 %, coloured by how close they come to 100. */
export function complianceChartSvg(
  sla: Record<ClockName, ClockCompliance>,
  locale: StatementLocale,
  words: StatementWords,
): string {
  const clocks = (['reaction', 'start', 'resolution'] as const).filter((clock) => sla[clock].due > 0);
  const rowHeight = 40;
  const height = Math.max(90, TOP + clocks.length * rowHeight + 24);
  const labelWidth = 130;
  const barWidth = WIDTH - LEFT - RIGHT - labelWidth - 70;
  let out =
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="compliance" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeXml(words.chart.complianceTitle)}">` +
    `<title>${escapeXml(words.chart.complianceTitle)}</title><text class="chart-title" x="${LEFT}" y="16">${escapeXml(words.chart.complianceTitle)}</text>`;
  if (clocks.length === 0)
    return `${out}<text class="empty" x="${LEFT}" y="${TOP + 24}">${escapeXml(words.none)}</text></svg>`;
  clocks.forEach((clock, index) => {
    const figures = sla[clock];
    const value = figures.compliancePercent ?? 0;
    const y = TOP + index * rowHeight;
    const x = LEFT + labelWidth;
    const grade = value >= 95 ? 'good' : value >= 80 ? 'fair' : 'poor';
    out += `<text class="label" x="${LEFT}" y="${y + 15}" dominant-baseline="middle">${escapeXml(words.clocks[clock])}</text>`;
    out += `<rect class="track" x="${x}" y="${y + 4}" width="${barWidth}" height="22"/>`;
    out += `<rect class="bar compliance ${grade}" data-clock="${clock}" x="${x}" y="${y + 4}" width="${fixed(Math.max(1, (barWidth * value) / 100))}" height="22"><title>${escapeXml(`${words.clocks[clock]}: ${figures.met}/${figures.due}`)}</title></rect>`;
    out += `<text class="value" x="${x + barWidth + 8}" y="${y + 15}" dominant-baseline="middle">${escapeXml(`${locale.percent(figures.compliancePercent)} (${figures.met}/${figures.due})`)}</text>`;
  });
  return `${out}</svg>`;
}

/** Requests per day as bars (the part over the limit in red) with the daily limit as a dashed line. */
export function incidentsPerDayChartSvg(
  days: readonly DayIncidents[],
  locale: StatementLocale,
  words: StatementWords,
): string {
  const limits = days.map((day) => day.limit ?? 0);
  const scale = linearScale(0, Math.max(1, ...days.map((day) => day.incidents), ...limits), true);
  const band = PLOT_WIDTH / Math.max(1, days.length);
  let out = svgOpen('incidents', words.chart.perDayTitle) + yAxis(scale, locale, '#');
  days.forEach((day, index) => {
    if (day.incidents === 0) return;
    const x = fixed(LEFT + band * index + band * 0.15);
    const width = fixed(band * 0.7);
    const within = day.incidents - day.overLimit;
    const withinTop = scale.y(within);
    if (within > 0)
      out += `<rect class="bar incidents" data-date="${day.date}" x="${x}" y="${fixed(withinTop)}" width="${width}" height="${fixed(scale.y(0) - withinTop)}"><title>${escapeXml(`${locale.date(day.date)}: ${day.incidents}`)}</title></rect>`;
    if (day.overLimit > 0) {
      const top = scale.y(day.incidents);
      out += `<rect class="bar over-limit" data-date="${day.date}" x="${x}" y="${fixed(top)}" width="${width}" height="${fixed(withinTop - top)}"><title>${escapeXml(`${locale.date(day.date)}: ${words.kpi.overLimit} ${day.overLimit}`)}</title></rect>`;
    }
  });
  let previous: number | null = null;
  let path = '';
  days.forEach((day, index) => {
    if (day.limit === null) {
      previous = null;
      return;
    }
    const y = fixed(scale.y(day.limit));
    path += `${previous === day.limit ? 'L' : 'M'}${fixed(LEFT + band * index)} ${y} L${fixed(LEFT + band * (index + 1))} ${y} `;
    previous = day.limit;
  });
  if (path) out += `<path class="limit" d="${path.trim()}"/>`;
  out += `<line class="axis" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${fixed(scale.y(0))}" y2="${fixed(scale.y(0))}"/>`;
  out += xLabels(
    days.map((day) => day.date),
    locale,
  );
  out += legend([
    ['incidents', words.table.incidents],
    ['over-limit', words.kpi.overLimit],
    ['limit', words.kpi.dailyLimit],
  ]);
  return `${out}</svg>`;
}
