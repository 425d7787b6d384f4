/**
 * The project page (Custom UI): the month's statement of the project's contract — burn-down and
 * compliance charts, breaches, charges — with a month picker, Russian or English, and CSV export.
 * All figures come from the resolver; this script only lays them out.
 */
import { byId, el } from '../shared/dom';
import { projectReportSchema, type DocBlockView, type ProjectReportView } from '../shared/report-schema';
import { enableJiraTheme } from '../shared/page-theme';
import { renderControlsBar, renderDataTable } from './atlaskit-parts';
import { callResolver, userLanguage } from '../shared/resolver-client';
import { svgFragment } from '../shared/svg-fragment';

type Lang = 'ru' | 'en';

const WORDS: Record<
  Lang,
  {
    title: string;
    month: string;
    language: string;
    exportCsv: string;
    refresh: string;
    loading: string;
    charts: string;
  }
> = {
  ru: {
    title: 'SLA и часы',
    month: 'Месяц',
    language: 'Язык',
    exportCsv: 'Экспорт CSV',
    refresh: 'Обновить',
    loading: 'Загрузка…',
    charts: 'Графики',
  },
  en: {
    title: 'SLA and hours',
    month: 'Month',
    language: 'Language',
    exportCsv: 'Export CSV',
    refresh: 'Refresh',
    loading: 'Loading…',
    charts: 'Charts',
  },
};

const state: { lang: Lang; month: string | undefined; report: ProjectReportView | null } = {
  lang: 'en',
  month: undefined,
  report: null,
};

function renderBlock(block: DocBlockView): HTMLElement {
  switch (block.kind) {
    case 'heading':
      return el(block.level === 1 ? 'h2' : block.level === 2 ? 'h3' : 'h4', {}, block.text);
    case 'paragraph':
      return el('p', block.emphasis ? { class: 'muted' } : {}, block.text);
    case 'pairs': {
      const table = el('table', { class: 'pairs' });
      block.pairs.forEach(([label, value], index) =>
        table.append(
          el(
            'tr',
            block.boldLast && index === block.pairs.length - 1 ? { class: 'total' } : {},
            el('td', {}, label),
            el('td', { class: 'num' }, value),
          ),
        ),
      );
      return el('div', { class: 'table-frame' }, table);
    }
    case 'table':
      return renderDataTable(block.table);
    case 'list':
      return el('ul', {}, ...block.items.map((item) => el('li', {}, item)));
  }
}

function renderControls(report: ProjectReportView | null): void {
  const words = WORDS[state.lang];
  byId('title', HTMLElement).textContent = report
    ? `${words.title} · ${report.projectKey} · ${report.contractName}`
    : words.title;
  renderControlsBar(byId('controls', HTMLElement), {
    words,
    months: report?.months ?? (state.month ? [state.month] : []),
    month: state.month,
    lang: state.lang,
    canExport: report !== null,
    onMonth: (month) => {
      state.month = month;
      void load();
    },
    onLang: (lang) => {
      state.lang = lang;
      void load();
    },
    onExport: exportCsv,
    onRefresh: () => void load(true),
  });
}

function renderReport(report: ProjectReportView): void {
  const charts = byId('charts', HTMLElement);
  charts.replaceChildren(el('h2', {}, WORDS[state.lang].charts));
  for (const [name, markup] of Object.entries(report.charts)) {
    const svg = svgFragment(markup);
    if (svg) charts.append(el('figure', { class: 'chart-frame', 'data-chart': name }, svg));
  }
  byId('statement', HTMLElement).replaceChildren(...report.blocks.map(renderBlock));
}

async function load(fresh = false): Promise<void> {
  const status = byId('status', HTMLElement);
  status.textContent = WORDS[state.lang].loading;
  status.className = 'status';
  document.body.dataset.state = 'loading';
  const answer = await callResolver(
    'getReport',
    { lang: state.lang, fresh, ...(state.month ? { month: state.month } : {}) },
    projectReportSchema,
  );
  if (!answer.ok && answer.error.code === 'refresh_limited' && state.report !== null) {
    // Refreshed moments ago: the statement on the page stays, the answer says when the next refresh can be.
    status.textContent = answer.error.message;
    status.className = 'status';
    document.body.dataset.state = 'ready';
    return;
  }
  if (!answer.ok) {
    status.textContent = answer.error.message;
    status.className = 'status error';
    document.body.dataset.state = 'error';
    renderControls(null);
    return;
  }
  state.report = answer.value;
  state.month = answer.value.month;
  status.textContent = '';
  renderControls(answer.value);
  renderReport(answer.value);
  document.body.dataset.state = 'ready';
}

function exportCsv(): void {
  const report = state.report;
  if (!report) return;
  const blob = new Blob([report.csv.text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: report.csv.filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function start(): Promise<void> {
  await enableJiraTheme();
  const requested = new URLSearchParams(window.location.search).get('lang');
  state.lang = requested === 'ru' || requested === 'en' ? requested : await userLanguage();
  renderControls(null);
  await load();
}

void start();
