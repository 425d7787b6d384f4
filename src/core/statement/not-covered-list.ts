import { DateTime } from 'luxon';
import type { NotCoveredIssue } from '../contracts/resolve-issue-contracts';
import type { Lang } from './statement-locale';

/** One request no contract covers, as the provider's list shows it. */
export interface NotCoveredEntry {
  readonly key: string;
  readonly summary?: string;
  /** Creation instant, ISO 8601 with the zone's offset. */
  readonly createdAt: string;
  /** What the contract rules saw, and that none matched: names other clients, so provider-only. */
  readonly reason: string;
}

/** The provider's list of requests no contract covers, created in a window. */
export interface NotCoveredList {
  readonly fromMs: number;
  readonly toMs: number;
  readonly zone: string;
  readonly requests: readonly NotCoveredEntry[];
}

/**
 * The provider-side list of requests no contract covers, created in `[fromMs, toMs)`, oldest first.
 * **Privacy rule:** this list is the only place such requests are named — a statement goes to one
 * client and never lists them (`statementScope`), because the reason names what the rules saw (another
 * client's organization or field value). Trackers show it to the provider only (Jira: the project
 * page's "Not covered" view, for project admins; Redmine: the worker's log; CLI: `report --not-covered`).
 *
 * @example
 * notCoveredList(portfolio.notCovered, { fromMs, toMs, zone: 'Europe/Moscow' }).requests;
 * // [{ key: 'DESK-4', createdAt: '2026-11-18T09:00:00.000+03:00', reason: 'not covered: no contract rule matched …' }]
 */
export function notCoveredList(
  notCovered: readonly NotCoveredIssue[],
  window: { readonly fromMs: number; readonly toMs: number; readonly zone: string },
): NotCoveredList {
  const requests = notCovered
    .filter((issue) => issue.createdAtMs >= window.fromMs && issue.createdAtMs < window.toMs)
    .sort((a, b) => a.createdAtMs - b.createdAtMs || a.key.localeCompare(b.key))
    .map((issue) => ({
      key: issue.key,
      ...(issue.summary !== undefined ? { summary: issue.summary } : {}),
      createdAt: DateTime.fromMillis(issue.createdAtMs, { zone: window.zone }).toISO() ?? '',
      reason: issue.reason,
    }));
  return { fromMs: window.fromMs, toMs: window.toMs, zone: window.zone, requests };
}

const WORDS: Record<Lang, { title: string; none: string; key: string; created: string; reason: string }> = {
  ru: {
    title: 'Заявки, которые не покрывает ни один договор (только для исполнителя)',
    none: 'Таких заявок нет.',
    key: 'Заявка',
    created: 'Создана',
    reason: 'Почему',
  },
  en: {
    title: 'Requests no contract covers (provider only)',
    none: 'There are none.',
    key: 'Request',
    created: 'Created',
    reason: 'Why',
  },
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

function csvCell(text: string): string {
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The list as text: `json` (the list itself), `csv` (key, created, summary, reason) or `md` (a heading and
 * a table, in the language).
 */
export function renderNotCoveredList(list: NotCoveredList, format: 'json' | 'csv' | 'md', lang: Lang): string {
  if (format === 'json') return `${JSON.stringify(list, null, 2)}\n`;
  const words = WORDS[lang];
  if (format === 'csv')
    return `${['key', 'createdAt', 'summary', 'reason'].join(',')}\n${list.requests
      .map((entry) => [entry.key, entry.createdAt, entry.summary ?? '', entry.reason].map(csvCell).join(','))
      .join('\n')}${list.requests.length > 0 ? '\n' : ''}`;
  const rows = list.requests.map(
    (entry) =>
      `| ${cell(entry.key)}${entry.summary ? ` ${cell(entry.summary)}` : ''} | ${entry.createdAt} | ${cell(entry.reason)} |`,
  );
  const table =
    rows.length === 0
      ? words.none
      : [`| ${words.key} | ${words.created} | ${words.reason} |`, '| --- | --- | --- |', ...rows].join('\n');
  return `## ${words.title}\n\n${table}\n`;
}
