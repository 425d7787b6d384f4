import { formatIssues } from '../../../src/core/errors/validation-issue';
import { RATING_COMMENT_MAX_LENGTH } from '../../../src/core/history/issue-history-schema';
import { parseIssueHistories } from '../../../src/core/history/issue-history';
import { issueDocument } from '../../helpers/issue-builder';
import { msk } from '../../helpers/instants';

/** The satisfaction rating in the issue history: a score 1–5, an instant, an optional comment. */
const good = issueDocument({ key: 'GOOD-1', created: '2026-11-16 10:00' });
const rated = (rating: unknown) => ({ ...issueDocument({ key: 'BAD-1', created: '2026-11-16 10:00' }), rating });

function problemsOf(rating: unknown): string[] {
  const parsed = parseIssueHistories({ issues: [good, rated(rating)] });
  expect(parsed.issues.map((issue) => issue.key)).toContain('GOOD-1');
  return parsed.problems.length === 0 ? [] : formatIssues(parsed.problems).split('\n');
}

test('A valid rating is read with its instant in epoch milliseconds, its comment and who gave it', () => {
  const parsed = parseIssueHistories({
    issues: [rated({ score: 4, at: '2026-11-17T09:30:00+03:00', comment: 'Быстро', by: 'client' })],
  });
  expect(parsed.problems).toEqual([]);
  expect(parsed.issues[0].rating).toEqual({ score: 4, atMs: msk('2026-11-17 09:30'), comment: 'Быстро', by: 'client' });
});

test('An issue without a rating has none', () => {
  expect(parseIssueHistories({ issues: [good] }).issues[0].rating).toBeUndefined();
});

test.each([
  [0, 'issues[1].rating.score: expected a score from 1 to 5'],
  [6, 'issues[1].rating.score: expected a score from 1 to 5'],
  [4.5, 'issues[1].rating.score: expected a whole score from 1 to 5'],
  ['5', 'issues[1].rating.score: expected a score from 1 to 5'],
])('A score of %j is refused with its path, and the other issue is kept', (score, problem) => {
  expect(problemsOf({ score, at: '2026-11-17T09:30:00+03:00' })).toEqual([problem]);
});

test('A rating before the issue was created names the instant to fix', () => {
  expect(problemsOf({ score: 5, at: '2026-11-16T09:00:00+03:00' })).toEqual([
    'issues[1].rating.at: rating at 2026-11-16T09:00:00+03:00 is before the issue was created (2026-11-16T10:00:00+03:00): fix the instant or the creation time',
  ]);
});

test('A rating without an offset, a comment beyond the bound and an unknown key are each named', () => {
  expect(problemsOf({ score: 5, at: '2026-11-17T09:30:00' })[0]).toMatch(
    /^issues\[1\]\.rating\.at: "2026-11-17T09:30:00" has no offset/,
  );
  expect(
    problemsOf({ score: 5, at: '2026-11-17T09:30:00+03:00', comment: 'x'.repeat(RATING_COMMENT_MAX_LENGTH + 1) }),
  ).toEqual([`issues[1].rating.comment: expected a comment of at most ${RATING_COMMENT_MAX_LENGTH} characters`]);
  expect(problemsOf({ score: 5, at: '2026-11-17T09:30:00+03:00', stars: 5 })).toEqual([
    'issues[1].rating: unknown key "stars": remove it or check the spelling',
  ]);
});
