import { JiraCommentSchema } from '../../../../src/jira/client/jira-schemas';
import { firstResponseIn } from '../../../../src/jira/mapping/first-response';

const comment = (id: string, created: string, accountId: string, extra: Record<string, unknown> = {}) =>
  JiraCommentSchema.parse({
    id,
    created,
    author: { accountId, accountType: accountId === 'app' ? 'app' : 'atlassian' },
    body: {},
    ...extra,
  });

describe('firstResponseIn', () => {
  const agents = new Set(['agent', 'app']);

  it('is the earliest public comment by support staff', () => {
    const comments = [
      comment('1', '2026-11-09T10:05:00.000+0300', 'customer'),
      comment('2', '2026-11-09T10:10:00.000+0300', 'agent', { jsdPublic: false }),
      comment('3', '2026-11-09T10:20:00.000+0300', 'app'),
      comment('4', '2026-11-09T10:40:00.000+0300', 'agent'),
      comment('5', '2026-11-09T10:30:00.000+0300', 'agent'),
    ];
    expect(firstResponseIn(comments, agents)).toEqual({ atMs: Date.parse('2026-11-09T07:30:00Z'), by: 'agent' });
  });

  it('is null when only the client and internal notes spoke', () => {
    expect(
      firstResponseIn(
        [
          comment('1', '2026-11-09T10:05:00.000+0300', 'customer'),
          comment('2', '2026-11-09T10:10:00.000+0300', 'agent', { jsdPublic: false }),
        ],
        agents,
      ),
    ).toBeNull();
  });
});
