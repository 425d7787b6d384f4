/**
 * The project page (Custom UI): the month's statement of one of the project's contracts — burn-down and
 * compliance charts, breaches, charges — with a contract picker (a shared desk serves several clients),
 * a month picker, Russian or English, and CSV export; and, for those who administer a project under
 * contract rules, the "Not covered" view: the provider's list of requests no contract covers, never part
 * of a client's statement. All figures come from the resolvers; this script only lays them out.
 */
import { byId, el } from '../shared/dom';
import {
  notCoveredViewSchema,
  projectReportSchema,
  type DocBlockView,
  type NotCoveredViewData,
  type ProjectReportView,
} from '../shared/report-schema';
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
    contract: string;
    notCovered: string;
    statement: string;
    notCoveredTitle: string;
    notCoveredNote: string;
    notCoveredNone: string;
    notCoveredHead: readonly [string, string, string, string];
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
    contract: 'Договор',
    notCovered: 'Без договора',
    statement: 'К отчёту',
    notCoveredTitle: 'Заявки, которые не покрывает ни один договор',
    notCoveredNote:
      'Видно только администраторам проекта и не входит ни в один отчёт клиента. Чтобы заявка попала в отчёт, добавьте правило договора в настройках Tariff SLA.',
    notCoveredNone: 'В этом месяце таких заявок нет.',
    notCoveredHead: ['Заявка', 'Создана', 'Тема', 'Почему'],
  },
  en: {
    title: 'SLA and hours',
    month: 'Month',
    language: 'Language',
    exportCsv: 'Export CSV',
    refresh: 'Refresh',
    loading: 'Loading…',
    charts: 'Charts',
    contract: 'Contract',
    notCovered: 'Not covered',
    statement: 'Back to statement',
    notCoveredTitle: 'Requests no contract covers',
    notCoveredNote:
      "Visible to project administrators only, and never part of a client's statement. Add a contract rule in Tariff SLA settings to bring a request into a statement.",
    notCoveredNone: 'There are none this month.',
    notCoveredHead: ['Request', 'Created', 'Summary', 'Why'],
  },
};

const state: {
  lang: Lang;
  month: string | undefined;
  contract: string | undefined;
  view: 'statement' | 'not_covered';
  report: ProjectReportView | null;
} = {
  lang: 'en',
  month: undefined,
  contract: undefined,
  view: 'statement',
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

/** The page's project first, then the other projects the contract's statement spans: "DESK + BETA". */
function spannedProjects(report: ProjectReportView): string {
  const others = (report.projectsWithRequests ?? []).filter((projectKey) => projectKey !== report.projectKey);
  return [report.projectKey, ...others].join(' + ');
}

function renderControls(report: ProjectReportView | null): void {
  const words = WORDS[state.lang];
  byId('title', HTMLElement).textContent = !report
    ? words.title
    : state.view === 'not_covered'
      ? `${words.title} · ${report.projectKey} · ${words.notCovered}`
      : `${words.title} · ${spannedProjects(report)} · ${report.contractName}`;
  renderControlsBar(byId('controls', HTMLElement), {
    words,
    contracts: report?.contracts ?? [],
    contract: state.contract,
    view: state.view,
    canSeeNotCovered: report?.notCoveredView === true,
    onContract: (contract) => {
      state.contract = contract;
      void load();
    },
    onView: (view) => {
      state.view = view;
      void load();
    },
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

/** The not-covered view: a heading, who sees it, and the month's requests with the reason. */
function renderNotCovered(view: NotCoveredViewData): void {
  const words = WORDS[state.lang];
  byId('charts', HTMLElement).replaceChildren();
  // The summary column only when a request has one (Jira always gives one; the examples do not).
  const withSummary = view.requests.some((request) => (request.summary ?? '') !== '');
  const [keyHead, createdHead, summaryHead, reasonHead] = words.notCoveredHead;
  const table =
    view.requests.length === 0
      ? el('p', { class: 'muted' }, words.notCoveredNone)
      : renderDataTable({
          head: withSummary ? [keyHead, createdHead, summaryHead, reasonHead] : [keyHead, createdHead, reasonHead],
          rows: view.requests.map((request) => {
            const created = request.createdAt.slice(0, 16).replace('T', ' ');
            return withSummary
              ? [request.key, created, request.summary ?? '', request.reason]
              : [request.key, created, request.reason];
          }),
          numeric: withSummary ? [false, false, false, false] : [false, false, false],
        });
  table.classList.add('not-covered-table');
  byId('statement', HTMLElement).replaceChildren(
    el('h2', {}, `${words.notCoveredTitle} · ${view.month}`),
    el('p', { class: 'muted', 'data-testid': 'not-covered-note' }, words.notCoveredNote),
    table,
  );
}

async function loadNotCovered(status: HTMLElement): Promise<void> {
  const answer = await callResolver(
    'getNotCovered',
    { lang: state.lang, ...(state.month ? { month: state.month } : {}) },
    notCoveredViewSchema,
  );
  if (!answer.ok) {
    status.textContent = answer.error.message;
    status.className = 'status error';
    document.body.dataset.state = 'error';
    return;
  }
  status.textContent = '';
  renderControls(state.report);
  renderNotCovered(answer.value);
  document.body.dataset.state = 'ready';
  document.body.dataset.view = 'not_covered';
}

async function load(fresh = false): Promise<void> {
  const status = byId('status', HTMLElement);
  status.textContent = WORDS[state.lang].loading;
  status.className = 'status';
  document.body.dataset.state = 'loading';
  if (state.view === 'not_covered') return loadNotCovered(status);
  document.body.dataset.view = 'statement';
  const answer = await callResolver(
    'getReport',
    {
      lang: state.lang,
      fresh,
      ...(state.month ? { month: state.month } : {}),
      ...(state.contract ? { contract: state.contract } : {}),
    },
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
  state.contract = answer.value.contractId;
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
