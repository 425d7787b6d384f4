import { RequestStats } from '../../src/http/request-stats';

describe('RequestStats', () => {
  it('totals attempts by method and endpoint, reads apart from writes, retries and 429s, and resets', () => {
    const stats = new RequestStats();
    stats.record({
      method: 'GET',
      endpoint: '/rest/api/3/issue/{issueIdOrKey}',
      write: false,
      status: 429,
      attempt: 1,
      durationMs: 5,
    });
    stats.record({
      method: 'GET',
      endpoint: '/rest/api/3/issue/{issueIdOrKey}',
      write: false,
      status: 200,
      attempt: 2,
      durationMs: 7,
    });
    stats.record({
      method: 'POST',
      endpoint: '/rest/api/3/search/jql',
      write: false,
      status: 200,
      attempt: 1,
      durationMs: 1,
    });
    stats.record({
      method: 'PUT',
      endpoint: '/issues/1.json',
      write: true,
      status: 0,
      attempt: 1,
      durationMs: 3,
    });
    expect(stats.snapshot()).toEqual({
      total: 4,
      reads: 3,
      writes: 1,
      retries: 1,
      rateLimited: 1,
      byMethod: { GET: 2, POST: 1, PUT: 1, DELETE: 0 },
      byEndpoint: {
        'GET /rest/api/3/issue/{issueIdOrKey}': 2,
        'POST /rest/api/3/search/jql': 1,
        'PUT /issues/1.json': 1,
      },
      totalDurationMs: 16,
    });
    stats.reset();
    expect(stats.snapshot()).toMatchObject({
      total: 0,
      retries: 0,
      byEndpoint: {},
      byMethod: { GET: 0, POST: 0, PUT: 0, DELETE: 0 },
    });
  });

  it('is a callback as it stands, so a client can be handed `stats.record`', () => {
    const stats = new RequestStats();
    const onRequest = stats.record;
    onRequest({
      method: 'DELETE',
      endpoint: '/x',
      write: true,
      status: 204,
      attempt: 1,
      durationMs: 0,
    });
    expect(stats.writes).toBe(1);
  });
});
