import { notCoveredList, renderNotCoveredList } from '../../../src/core/statement/not-covered-list';
import { msk } from '../../helpers/instants';

const WINDOW = { fromMs: msk('2026-11-01 00:00'), toMs: msk('2026-12-01 00:00'), zone: 'Europe/Moscow' };
const uncovered = (key: string, created: string, reason: string, summary?: string) => ({
  key,
  path: ['issues', 0],
  createdAtMs: msk(created),
  reason,
  ...(summary !== undefined ? { summary } : {}),
});

const LIST = notCoveredList(
  [
    uncovered('DESK-9', '2026-11-20 10:00', 'not covered: organizations "Zeta | Fund"', 'Printer'),
    uncovered('DESK-4', '2026-11-18 09:00', 'not covered: organizations "Omega"'),
    uncovered('DESK-1', '2026-10-31 23:59', 'not covered: October'),
    uncovered('DESK-2', '2026-12-01 00:00', 'not covered: December'),
  ],
  WINDOW,
);

test("the provider's list keeps the month's requests, oldest first, with the creation instant in the zone", () => {
  expect(LIST.requests.map((entry) => [entry.key, entry.createdAt])).toEqual([
    ['DESK-4', '2026-11-18T09:00:00.000+03:00'],
    ['DESK-9', '2026-11-20T10:00:00.000+03:00'],
  ]);
});

test('the Markdown list escapes table pipes and says when there are none, in the language', () => {
  const md = renderNotCoveredList(LIST, 'md', 'en');
  expect(md).toContain('## Requests no contract covers (provider only)');
  expect(md).toContain(
    '| DESK-9 Printer | 2026-11-20T10:00:00.000+03:00 | not covered: organizations "Zeta \\| Fund" |',
  );
  expect(renderNotCoveredList({ ...LIST, requests: [] }, 'md', 'ru')).toContain('Таких заявок нет.');
});

test('the CSV quotes cells holding quotes or separators', () => {
  expect(renderNotCoveredList(LIST, 'csv', 'en').split('\n')).toEqual([
    'key,createdAt,summary,reason',
    'DESK-4,2026-11-18T09:00:00.000+03:00,,"not covered: organizations ""Omega"""',
    'DESK-9,2026-11-20T10:00:00.000+03:00,Printer,"not covered: organizations ""Zeta | Fund"""',
    '',
  ]);
});
