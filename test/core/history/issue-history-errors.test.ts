import { formatIssues } from '../../../src/core/errors/validation-issue';
import { parseIssueHistories } from '../../../src/core/history/issue-history';
import { evaluatePortfolio } from '../../../src/core/sla/evaluate-portfolio';
import { buildCatalog } from '../../helpers/catalog-builder';
import { issueDocument } from '../../helpers/issue-builder';
import { msk } from '../../helpers/instants';

/**
 * Problems in history files are reported per issue with their path; the valid issues of the same
 * file are still evaluated. Each document below holds one good issue (GOOD-1) next to a bad one.
 */
const catalog = buildCatalog();
const good = issueDocument({ key: 'GOOD-1', created: '2026-11-16 10:00' });
const bad = (overrides: Record<string, unknown>) => ({
  ...issueDocument({ key: 'BAD-1', created: '2026-11-16 10:00' }),
  ...overrides,
});

/** Problems of parsing and of checking against the catalog, and the keys evaluated. */
function check(document: unknown): { problems: string[]; evaluated: string[] } {
  const parsed = parseIssueHistories(document);
  const portfolio = evaluatePortfolio(catalog, parsed.issues, msk('2026-11-17 12:00'));
  const all = [...parsed.problems, ...portfolio.problems];
  return {
    problems: all.length > 0 ? formatIssues(all).split('\n') : [],
    evaluated: portfolio.evaluations.map((evaluation) => evaluation.key),
  };
}

test('An unknown contract names the contracts of the catalog, and the other issues are evaluated', () => {
  expect(check({ issues: [good, bad({ contract: 'nobody' })] })).toEqual({
    problems: [
      'issues[1].contract: unknown contract "nobody": define it under "contracts" in the catalog or use one of "acme"',
    ],
    evaluated: ['GOOD-1'],
  });
});

test('Unknown request types and priorities, also in change events, name the alternatives', () => {
  const events = [{ at: '2026-11-16T11:00:00+03:00', kind: 'priority', to: 'p0' }];
  expect(check({ issues: [bad({ type: 'question', events }), good] })).toEqual({
    problems: [
      'issues[0].type: unknown request type "question": use one of "incident", "bug", "consultation", "enhancement" or add it to "requestTypes" in the catalog',
      'issues[0].events[0].to: unknown priority "p0": use one of "low", "normal", "high", "critical" or add it to "priorities" in the catalog',
    ],
    evaluated: ['GOOD-1'],
  });
});

test('Events out of order are reported at the first event that goes back in time', () => {
  const events = [
    { at: '2026-11-16T12:00:00+03:00', kind: 'response' },
    { at: '2026-11-16T11:00:00+03:00', kind: 'status', to: 'In Progress' },
  ];
  expect(check({ issues: [good, bad({ events })] })).toEqual({
    problems: [
      'issues[1].events[1].at: events must be in chronological order: 2026-11-16T11:00:00+03:00 comes after a later event; sort the events by "at"',
    ],
    evaluated: ['GOOD-1'],
  });
});

test('An event before the creation of its issue is reported with both instants', () => {
  const events = [{ at: '2026-11-16T09:00:00+03:00', kind: 'response' }];
  expect(check({ issues: [good, bad({ events })] }).problems).toEqual([
    'issues[1].events[0].at: event at 2026-11-16T09:00:00+03:00 is before the issue was created (2026-11-16T10:00:00+03:00): fix the instant or the creation time',
  ]);
});

test('A date that does not exist (30 February) is named as such', () => {
  expect(check({ issues: [good, bad({ createdAt: '2026-02-30T10:00:00+03:00' })] })).toEqual({
    problems: [
      'issues[1].createdAt: "2026-02-30T10:00:00+03:00" is not a real date and time: check the day of the month and the time of day',
    ],
    evaluated: ['GOOD-1'],
  });
});

test('An hour that does not exist (25:00) is named as such', () => {
  expect(check({ issues: [bad({ createdAt: '2026-11-16T25:00:00+03:00' })] }).problems).toEqual([
    'issues[0].createdAt: "2026-11-16T25:00:00+03:00" is not a real date and time: check the day of the month and the time of day',
  ]);
});

test('An instant without an offset asks for one', () => {
  const events = [{ at: '2026-11-16T11:00:00', kind: 'response' }];
  expect(check({ issues: [good, bad({ events })] }).problems).toEqual([
    'issues[1].events[0].at: "2026-11-16T11:00:00" has no offset, so it names no single moment: add the UTC offset, e.g. "2026-11-20T17:30:00+03:00" or "Z" for UTC',
  ]);
});

test('Text that is no instant at all shows the expected form', () => {
  expect(check({ issues: [bad({ createdAt: 'yesterday' })] }).problems).toEqual([
    'issues[0].createdAt: expected an ISO 8601 instant with offset, e.g. "2026-11-20T17:30:00+03:00"',
  ]);
});

test('An unknown event kind lists the kinds there are', () => {
  const events = [{ at: '2026-11-16T11:00:00+03:00', kind: 'comment' }];
  expect(check({ issues: [good, bad({ events })] }).problems).toEqual([
    'issues[1].events[0].kind: expected an event with "kind" one of status, response, priority, type, estimate, line (field "kind")',
  ]);
});

test('A duplicate key is reported at the repeat, naming the first, and the first is kept', () => {
  expect(check({ issues: [good, { ...good, status: 'In Progress' }] })).toEqual({
    problems: ['issues[1].key: issue key "GOOD-1" already appears at issues[0]: keys must be unique'],
    evaluated: ['GOOD-1'],
  });
});

test('An estimate of zero minutes is rejected', () => {
  const events = [{ at: '2026-11-16T11:00:00+03:00', kind: 'estimate', minutes: 0 }];
  expect(check({ issues: [bad({ events })] }).problems).toEqual(['issues[0].events[0].minutes: expected minutes > 0']);
});

test('Missing fields are each named', () => {
  expect(check({ issues: [{ key: 'BAD-2', contract: 'acme', createdAt: '2026-11-16T10:00:00+03:00' }, good] })).toEqual(
    {
      problems: [
        'issues[0].type: missing: expected string',
        'issues[0].priority: missing: expected string',
        'issues[0].status: missing: expected string',
      ],
      evaluated: ['GOOD-1'],
    },
  );
});

test('A document without an issues array says what it expects', () => {
  expect(check({ issues: 5 }).problems).toEqual(['issues: expected "issues": an array of issues']);
});

test('Every bad issue of a file is reported, and every good one evaluated', () => {
  const document = {
    issues: [
      bad({ key: 'BAD-A', contract: 'nobody' }),
      good,
      bad({ key: 'BAD-B', createdAt: 'soon' }),
      issueDocument({ key: 'GOOD-2', created: '2026-11-16 11:00' }),
    ],
  };
  const { problems, evaluated } = check(document);
  expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
    'issues[0].contract',
    'issues[2].createdAt',
  ]);
  expect(evaluated).toEqual(['GOOD-1', 'GOOD-2']);
});
