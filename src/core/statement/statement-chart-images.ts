import type { MonthlyStatement } from './monthly-statement';
import { burndownChartSvg, CHART_STYLE, complianceChartSvg } from './statement-charts';
import type { Lang } from './statement-locale';
import { statementView } from './statement-view';

/** The light theme's colours, literal: what the HTML statement's `:root` variables hold. */
export const LIGHT_CHART_COLOURS: Readonly<Record<string, string>> = {
  '--ink': '#1d2433',
  '--muted': '#5b6478',
  '--accent': '#2458d6',
  '--good': '#1f8a4c',
  '--fair': '#c98a0b',
  '--poor': '#c2362f',
};

/** The chart style with every `var(--name)` replaced by its light-theme colour; throws on an unknown one. */
function literalChartStyle(fontFamily: string): string {
  const style = CHART_STYLE.replace(/var\((--[a-z-]+)\)/g, (_match, name: string) => {
    const colour = LIGHT_CHART_COLOURS[name];
    if (colour === undefined) throw new Error(`chart style uses ${name}, which has no literal colour`);
    return colour;
  });
  return `.chart { background: #fff; font-family: ${fontFamily}; }\n.chart text { font-family: ${fontFamily}; }\n${style}`;
}

/**
 * Makes a chart SVG of {@link burndownChartSvg} or {@link complianceChartSvg} self-contained: its
 * own `<style>` with literal colours (a rasterizer such as resvg resolves no CSS variables and
 * sees no page stylesheet) and a white background, so the image reads the same anywhere.
 *
 * @example
 * standaloneChartSvg(complianceChartSvg(kpis.sla, locale, words)).includes('var('); // false
 */
export function standaloneChartSvg(svg: string, fontFamily = "'DejaVu Sans', sans-serif"): string {
  const openEnd = svg.indexOf('>');
  if (!svg.startsWith('<svg') || openEnd < 0) throw new Error('expected an <svg> element');
  const width = /\bwidth="(\d+)"/.exec(svg)?.[1] ?? '100%';
  const height = /\bheight="(\d+)"/.exec(svg)?.[1] ?? '100%';
  return (
    `${svg.slice(0, openEnd + 1)}<style>${literalChartStyle(fontFamily)}</style>` +
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>${svg.slice(openEnd + 1)}`
  );
}

/** One chart image of a statement, before rasterizing. */
export interface StatementChartImage {
  /** File name stem: `burn-down`, `compliance`. */
  name: 'burn-down' | 'compliance';
  /** Self-contained SVG (see {@link standaloneChartSvg}). */
  svg: string;
}

/**
 * The burn-down and SLA compliance charts of each contract of a statement (in order, one pair per
 * contract), as self-contained SVG, from the same chart code as the HTML statement. Pure.
 *
 * @example
 * statementChartImages(statement, 'ru').map((image) => image.name); // ['burn-down', 'compliance']
 */
export function statementChartImages(statement: MonthlyStatement, lang: Lang): StatementChartImage[] {
  const { locale, words } = statementView(statement, lang);
  return statement.contracts.flatMap((contract) => [
    {
      name: 'burn-down' as const,
      svg: standaloneChartSvg(burndownChartSvg(contract.burndown, contract.includedSeconds, locale, words)),
    },
    { name: 'compliance' as const, svg: standaloneChartSvg(complianceChartSvg(contract.kpis.sla, locale, words)) },
  ]);
}
