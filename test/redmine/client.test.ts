import { inspect } from 'node:util';
import { RedmineClient, type RedmineClientOptions } from '../../src/redmine/client';
import { RedmineError } from '../../src/redmine/errors';
import { RequestStats } from '../../src/http/request-stats';
import { FakeRedmineServer, type ScriptedResponse } from './fake-redmine-server';

const API_KEY = 'k3y-0f-the-t3st-4dm1n-8e5a1c2d9f';

function issue(id: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    project: { id: 1, name: 'Support' },
    tracker: { id: 3, name: 'Support' },
    status: { id: 1, name: 'New', is_closed: false },
    priority: { id: 2, name: 'Normal' },
    author: { id: 1, name: 'Redmine Admin' },
    subject: `Issue ${id}`,
    description: null,
    custom_fields: [{ id: 1, name: 'SLA state', value: 'running' }],
    created_on: '2026-11-20T09:00:00Z',
    updated_on: '2026-11-20T10:00:00Z',
    closed_on: null,
    ...overrides,
  };
}

function issuesPage(ids: number[], total: number, offset: number): ScriptedResponse {
  return { status: 200, body: { issues: ids.map((id) => issue(id)), total_count: total, offset, limit: 2 } };
}

async function caught(promise: Promise<unknown>): Promise<RedmineError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RedmineError) return error;
    throw new Error(`expected a RedmineError, got ${inspect(error)}`);
  }
  throw new Error('expected the call to fail');
}

function expectNoKey(error: RedmineError): void {
  expect(error.message).not.toContain(API_KEY);
  expect(JSON.stringify(error)).not.toContain(API_KEY);
  expect(inspect(error, { depth: 5 })).not.toContain(API_KEY);
  expect(String(error.stack)).not.toContain(API_KEY);
}

describe('RedmineClient against a scripted Redmine', () => {
  let server: FakeRedmineServer;
  /** Retry-After waits beyond the backoff step, through the injected sleep. */
  let sleeps: number[];
  /** The least delay announced before each retry (backoff step, or Retry-After when longer). */
  let delays: number[];
  let stats: RequestStats;

  // Backoff steps of 1, 2, 4 ms run on p-retry's own timers; the test reads them from onRetry.
  const client = (options: Partial<RedmineClientOptions> = {}): RedmineClient =>
    new RedmineClient({
      baseUrl: server.url,
      apiKey: API_KEY,
      retries: 3,
      baseDelayMs: 1,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      onRetry: (event) => delays.push(event.delayMs),
      stats,
      ...options,
    });

  beforeEach(async () => {
    server = await FakeRedmineServer.start();
    sleeps = [];
    delays = [];
    stats = new RequestStats();
  });

  afterEach(async () => {
    await server.close();
  });

  it('follows offset pagination across three pages and sends the filters and key', async () => {
    server.enqueue(issuesPage([1, 2], 5, 0), issuesPage([3, 4], 5, 2), issuesPage([5], 5, 4));
    const pages: Array<{ offset: number; index: number; ids: number[] }> = [];

    const summary = await client({ pageSize: 2 }).eachIssuePage(
      { projectId: 'support', updatedSince: '2026-11-20T12:00:00.250+03:00' },
      (items, page) => {
        pages.push({ offset: page.offset, index: page.index, ids: items.map((item) => item.id) });
      },
    );

    expect(summary).toEqual({ total: 5, pages: 3, items: 5 });
    expect(pages).toEqual([
      { offset: 0, index: 0, ids: [1, 2] },
      { offset: 2, index: 1, ids: [3, 4] },
      { offset: 4, index: 2, ids: [5] },
    ]);
    expect(
      server.calls.map((call) => [call.method, call.path, call.query.get('offset'), call.query.get('limit')]),
    ).toEqual([
      ['GET', '/issues.json', '0', '2'],
      ['GET', '/issues.json', '2', '2'],
      ['GET', '/issues.json', '4', '2'],
    ]);
    const first = server.calls[0];
    expect(first.query.get('project_id')).toBe('support');
    expect(first.query.get('status_id')).toBe('*');
    expect(first.query.get('sort')).toBe('id');
    expect(first.query.get('updated_on')).toBe('>=2026-11-20T09:00:00Z');
    expect(server.calls.every((call) => call.apiKey === API_KEY)).toBe(true);
    expect(stats.byMethod.GET).toBe(3);
    expect(stats.writes).toBe(0);
  });

  it('asks for the pages after the first up to pageConcurrency at once and hands them over in order', async () => {
    // 7 issues in pages of 2: page 0 first, then offsets 2, 4 and 6 together. The answer at
    // offset 2 is held back until all three were asked for, so a client asking one page after
    // the other would never get it (the test would time out).
    const asked = new Set<string>();
    let release: () => void = () => undefined;
    const allAsked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ids = (offset: number): number[] => [offset + 1, offset + 2].filter((id) => id <= 7);
    server.respondWith(async (call) => {
      const offset = Number(call.query.get('offset'));
      asked.add(String(offset));
      if (['2', '4', '6'].every((key) => asked.has(key))) release();
      if (offset === 2) await allAsked;
      return issuesPage(ids(offset), 7, offset);
    });
    const pages: Array<{ offset: number; index: number; ids: number[] }> = [];

    const summary = await client({ pageSize: 2, pageConcurrency: 3 }).eachIssuePage(
      { projectId: 'support' },
      (items, page) => {
        pages.push({ offset: page.offset, index: page.index, ids: items.map((item) => item.id) });
      },
    );

    expect(summary).toEqual({ total: 7, pages: 4, items: 7 });
    expect(pages).toEqual([
      { offset: 0, index: 0, ids: [1, 2] },
      { offset: 2, index: 1, ids: [3, 4] },
      { offset: 4, index: 2, ids: [5, 6] },
      { offset: 6, index: 3, ids: [7] },
    ]);
    expect(server.calls.map((call) => call.query.get('offset')).sort()).toEqual(['0', '2', '4', '6']);
  });

  it('reads every issue in parallel when Redmine answers smaller pages than asked for', async () => {
    // Asked for 3 a page, this Redmine gives 2: the parallel offsets follow its pages (2, 4), not 3.
    server.respondWith((call) => {
      const offset = Number(call.query.get('offset'));
      return issuesPage([offset + 1, offset + 2].filter((id) => id <= 5), 5, offset);
    });

    const issues = await client({ pageSize: 3, pageConcurrency: 2 }).listIssues();

    expect(issues.map((item) => item.id)).toEqual([1, 2, 3, 4, 5]);
    expect(server.calls.map((call) => call.query.get('offset')).sort()).toEqual(['0', '2', '4']);
  });

  it('asks for no further page once the page handler stops the listing', async () => {
    server.respondWith((call) => {
      const offset = Number(call.query.get('offset'));
      return issuesPage([offset + 1, offset + 2], 20, offset);
    });
    const seen: number[] = [];

    const stop = new Error('stopped by the handler');
    const listing = client({ pageSize: 2, pageConcurrency: 2 }).eachIssuePage({}, (items) => {
      seen.push(...items.map((item) => item.id));
      if (seen.length >= 4) throw stop;
    });

    await expect(listing).rejects.toBe(stop);
    expect(seen).toEqual([1, 2, 3, 4]);
    // The first page, then at most two in flight (offsets 2 and 4, the latter maybe still on its
    // way when the handler stopped): nothing past them, of the ten pages there are.
    const offsets = server.calls.map((call) => call.query.get('offset'));
    expect([...offsets].sort().slice(0, 2)).toEqual(['0', '2']);
    expect(offsets.every((offset) => ['0', '2', '4'].includes(offset ?? ''))).toBe(true);
  });

  it('follows a listing that grew while its planned pages were read in parallel', async () => {
    // The first page says 4 issues; by the second, 6: the page at offset 4 follows on its own.
    server.respondWith((call) => {
      const offset = Number(call.query.get('offset'));
      return issuesPage([offset + 1, offset + 2], offset === 0 ? 4 : 6, offset);
    });

    const issues = await client({ pageSize: 2, pageConcurrency: 4 }).listIssues();

    expect(issues.map((item) => item.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(server.calls.map((call) => call.query.get('offset'))).toEqual(['0', '2', '4']);
  });

  it('returns every issue of every page from listIssues', async () => {
    server.enqueue(issuesPage([1, 2], 3, 0), issuesPage([3], 3, 2));
    const issues = await client({ pageSize: 2 }).listIssues();
    expect(issues.map((item) => item.id)).toEqual([1, 2, 3]);
    expect(issues[0].custom_fields).toEqual([{ id: 1, name: 'SLA state', value: 'running' }]);
  });

  it('waits the Retry-After seconds of a 429 and then succeeds', async () => {
    server.enqueue({ status: 429, headers: { 'Retry-After': '2' } }, { status: 200, body: { issue: issue(7) } });
    const found = await client().getIssue(7);
    expect(found.id).toBe(7);
    expect(delays).toEqual([2000]);
    expect(sleeps).toEqual([1999]);
    expect(server.calls).toHaveLength(2);
    expect(stats.retries).toBe(1);
  });

  it('reads an HTTP-date Retry-After against the injected clock', async () => {
    const now = Date.parse('2026-11-20T10:00:00Z');
    server.enqueue(
      { status: 429, headers: { 'Retry-After': 'Fri, 20 Nov 2026 10:00:30 GMT' } },
      { status: 200, body: { issue: issue(7) } },
    );
    await client({ now: () => now }).getIssue(7);
    expect(delays).toEqual([30_000]);
  });

  it('fails at once when Retry-After exceeds the longest wait allowed', async () => {
    server.enqueue({ status: 429, headers: { 'Retry-After': '3600' } });
    const error = await caught(client({ maxRetryAfterMs: 60_000 }).getIssue(7));
    expect(error.code).toBe('redmine_http');
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(sleeps).toEqual([]);
    expect(delays).toEqual([]);
    expect(server.calls).toHaveLength(1);
  });

  it('retries 503 twice with exponential backoff and then succeeds', async () => {
    const retries: Array<[number, number]> = [];
    server.enqueue(
      { status: 503, body: 'down' },
      { status: 503, body: 'down' },
      { status: 200, body: { issue: issue(7) } },
    );
    const found = await client({
      baseDelayMs: 5,
      onRetry: (event) => retries.push([event.attempt, event.delayMs]),
    }).getIssue(7);
    expect(found.subject).toBe('Issue 7');
    expect(retries).toEqual([
      [1, 5],
      [2, 10],
    ]);
    expect(sleeps).toEqual([]);
    expect(server.calls).toHaveLength(3);
  });

  it('gives up after the configured retries and reports the last failure', async () => {
    server.enqueue({ status: 502 }, { status: 503 }, { status: 504 }, { status: 500, body: 'boom' });
    const error = await caught(client({ retries: 3 }).getIssue(7));
    expect(error.code).toBe('redmine_http');
    expect(error.status).toBe(500);
    expect(error.attempts).toBe(4);
    expect(error.message).toContain('after 4 attempts');
    expect(delays).toEqual([1, 2, 4]);
    expect(server.pending).toBe(0);
  });

  it('retries after a refused connection and succeeds once Redmine listens', async () => {
    await server.close();
    const port = await FakeRedmineServer.freePort();
    server = FakeRedmineServer.idle();
    server.enqueue({ status: 200, body: { user: { id: 1, login: 'admin', firstname: 'Redmine', lastname: 'Admin' } } });
    const refusedClient = new RedmineClient({
      baseUrl: `http://127.0.0.1:${port}`,
      apiKey: API_KEY,
      retries: 3,
      // Long enough for the listen below to finish before the retry.
      baseDelayMs: 200,
      stats,
      onRetry: () => {
        listening ??= server.listen(port);
      },
    });
    let listening: Promise<void> | undefined;

    const me = await refusedClient.getCurrentUser();

    expect(me.login).toBe('admin');
    expect(server.calls).toHaveLength(1);
    expect(stats.byMethod.GET).toBe(2);
  });

  it('reports an unreachable Redmine with the origin and network code, without the key', async () => {
    await server.close();
    const port = await FakeRedmineServer.freePort();
    const error = await caught(
      new RedmineClient({
        baseUrl: `http://127.0.0.1:${port}`,
        apiKey: API_KEY,
        retries: 2,
        baseDelayMs: 1,
        sleep: async () => {},
      }).getIssue(1),
    );
    expect(error.code).toBe('redmine_unreachable');
    expect(error.networkCode).toBe('ECONNREFUSED');
    expect(error.attempts).toBe(3);
    expect(error.message).toContain(`http://127.0.0.1:${port}`);
    expect(error.message).toContain('GET /issues/1.json');
    expectNoKey(error);
  });

  it('retries a GET after the connection is reset', async () => {
    server.enqueue({ reset: true }, { status: 200, body: { issue: issue(7) } });
    await expect(client().getIssue(7)).resolves.toMatchObject({ id: 7 });
    expect(delays).toEqual([1]);
  });

  it('retries a GET that times out', async () => {
    server.enqueue(
      { status: 200, body: { issue: issue(7) }, delayMs: 2000 },
      { status: 200, body: { issue: issue(7) } },
    );
    await expect(client({ timeoutMs: 100 }).getIssue(7)).resolves.toMatchObject({ id: 7 });
    expect(delays).toEqual([1]);
    expect(server.calls).toHaveLength(2);
  });

  it('does not repeat a POST whose connection was reset, since Redmine may have created it', async () => {
    server.enqueue({ reset: true });
    const error = await caught(client().createIssue({ project_id: 1, subject: 'Printer on fire' }));
    expect(error.code).toBe('redmine_unreachable');
    expect(server.calls).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('repeats a POST after 503, which Redmine did not process', async () => {
    server.enqueue({ status: 503 }, { status: 201, body: { issue: issue(9, { subject: 'Printer on fire' }) } });
    const created = await client().createIssue({ project_id: 1, subject: 'Printer on fire' });
    expect(created.id).toBe(9);
    expect(server.calls.map((call) => call.method)).toEqual(['POST', 'POST']);
    expect(stats.writes).toBe(2);
  });

  it('repeats an issue update without a note after a 500, which setting the same fields twice cannot harm', async () => {
    server.enqueue({ status: 500 }, { status: 204 });
    await client().updateIssue(42, { custom_fields: [{ id: 1, value: 'breached' }] });
    expect(server.calls.map((call) => call.method)).toEqual(['PUT', 'PUT']);
    expect(delays).toEqual([1]);
  });

  it('does not repeat an issue update that carries a note after a 500 or a reset, since the note may have been added', async () => {
    server.enqueue({ status: 500 }, { reset: true });
    const afterError = await caught(
      client().updateIssue(42, { notes: 'Escalated to L2', custom_fields: [{ id: 1, value: 'breached' }] }),
    );
    const afterReset = await caught(client().updateIssue(42, { notes: 'Escalated to L2' }));
    expect([afterError.code, afterError.status, afterError.attempts]).toEqual(['redmine_http', 500, 1]);
    expect([afterReset.code, afterReset.networkCode]).toEqual(['redmine_unreachable', 'ECONNRESET']);
    expect(server.calls).toHaveLength(2);
    expect(delays).toEqual([]);
  });

  it('repeats an issue update with a note after a 503, which Redmine did not process', async () => {
    server.enqueue({ status: 503, headers: { 'Retry-After': '0.5' } }, { status: 204 });
    await client().updateIssue(42, { notes: 'Escalated to L2' });
    expect(server.calls.map((call) => call.method)).toEqual(['PUT', 'PUT']);
    expect(delays).toEqual([500]);
    expect(sleeps).toEqual([499]);
  });

  it('stops reading an answer beyond the size cap and fails with redmine_too_large, without retrying', async () => {
    server.enqueue({ status: 200, streamBytes: 600 * 1024 * 1024 });
    const error = await caught(client({ maxResponseBytes: 1024 * 1024 }).getIssue(7));
    expect(error.code).toBe('redmine_too_large');
    expect(error.endpoint).toBe('GET /issues/7.json');
    expect(error.message).toContain('larger than 1 MiB');
    expect(server.calls).toHaveLength(1);
    expect(delays).toEqual([]);
    // The server was cut off long before its 600 MB were sent.
    await server.streamsDone();
    expect(server.bytesStreamed).toBeLessThan(64 * 1024 * 1024);
  });

  it('ends an answer that trickles in past the deadline, although bytes keep arriving', async () => {
    server.enqueue(
      { status: 200, streamBytes: 1024 * 1024, chunkDelayMs: 20 },
      { status: 200, body: { issue: issue(7) } },
    );
    await expect(client({ timeoutMs: 300 }).getIssue(7)).resolves.toMatchObject({ id: 7 });
    expect(server.calls).toHaveLength(2);
    expect(delays).toEqual([1]);
  });

  it('turns garbage JSON into redmine_bad_response naming the endpoint, without retrying', async () => {
    server.enqueue({ status: 200, body: '<html>Gateway login</html>' });
    const error = await caught(client().getIssue(7));
    expect(error.code).toBe('redmine_bad_response');
    expect(error.endpoint).toBe('GET /issues/7.json');
    expect(error.message).toContain('GET /issues/7.json');
    expect(error.message).toContain('not JSON');
    expect(error.retryable).toBe(false);
    expect(server.calls).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('names the path of the field that does not match the schema', async () => {
    server.enqueue({
      status: 200,
      body: { issues: [issue(1), issue(2, { id: 'two' })], total_count: 2, offset: 0, limit: 100 },
    });
    const error = await caught(client().listIssues());
    expect(error.code).toBe('redmine_bad_response');
    expect(error.path).toEqual(['issues', 1, 'id']);
    expect(error.message).toContain('GET /issues.json');
    expect(error.message).toContain('issues[1].id');
    expect(server.calls).toHaveLength(1);
  });

  it('returns null for a wiki page that does not exist', async () => {
    server.enqueue({ status: 404 });
    await expect(client().getWikiPage('support', 'SLA report')).resolves.toBeNull();
    expect(server.calls[0].path).toBe('/projects/support/wiki/SLA%20report.json');
    expect(delays).toEqual([]);
  });

  it('writes a wiki page and tells whether it was created', async () => {
    server.enqueue({
      status: 201,
      body: { wiki_page: { title: 'SLA_report', text: 'h1. SLA', version: 1, created_on: 'x', updated_on: 'x' } },
    });
    server.enqueue({ status: 204 });
    await expect(client().putWikiPage('support', 'SLA_report', 'h1. SLA', 'first')).resolves.toEqual({ created: true });
    await expect(client().putWikiPage('support', 'SLA_report', 'h1. SLA v2')).resolves.toEqual({ created: false });
    expect(JSON.parse(server.calls[0].body)).toEqual({ wiki_page: { text: 'h1. SLA', comments: 'first' } });
    expect(server.calls.map((call) => call.method)).toEqual(['PUT', 'PUT']);
  });

  it('uploads bytes as application/octet-stream and attaches the token with the wiki page', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    server.enqueue({ status: 503, body: 'down' });
    server.enqueue({ status: 201, body: { upload: { id: 7, token: '7.abc' } } });
    server.enqueue({ status: 204 });
    const upload = await client().uploadFile(png, 'burn-down-2026-11.png');
    expect(upload).toEqual({ id: 7, token: '7.abc' });
    const uploads = [{ token: upload.token, filename: 'burn-down-2026-11.png', content_type: 'image/png' }];
    await client().putWikiPage('support', 'SLA_report', '!burn-down-2026-11.png!', 'charts', uploads);
    expect(server.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'POST /uploads.json',
      'POST /uploads.json',
      'PUT /projects/support/wiki/SLA_report.json',
    ]);
    expect(server.calls[1].query.get('filename')).toBe('burn-down-2026-11.png');
    expect(server.calls[1].contentType).toBe('application/octet-stream');
    expect([...server.calls[1].bodyBytes]).toEqual([...png]);
    expect(delays).toHaveLength(1);
    expect(JSON.parse(server.calls[2].body)).toEqual({
      wiki_page: { text: '!burn-down-2026-11.png!', comments: 'charts', uploads },
    });
  });

  it('refuses an upload larger than the request size limit without sending it', async () => {
    const error = await caught(client().uploadFile(new Uint8Array(16 * 1024 * 1024 + 1), 'huge.html'));
    expect(error.code).toBe('redmine_too_large');
    expect(server.calls).toHaveLength(0);
  });

  it('refuses a file name with a path in it', async () => {
    const error = await caught(client().uploadFile(new Uint8Array(1), '../etc/passwd'));
    expect(error.code).toBe('redmine_invalid_argument');
    expect(server.calls).toHaveLength(0);
  });

  it("reads a wiki page's attachments and deletes one, an attachment already gone included", async () => {
    server.enqueue({
      status: 200,
      body: {
        wiki_page: {
          title: 'SLA_report',
          text: 'x',
          version: 2,
          created_on: 'x',
          updated_on: 'x',
          attachments: [{ id: 5, filename: 'compliance-2026-11.png', filesize: 10, content_type: 'image/png' }],
        },
      },
    });
    server.enqueue({ status: 204 });
    server.enqueue({ status: 404 });
    const page = await client().getWikiPage('support', 'SLA_report', { includeAttachments: true });
    expect(page?.attachments?.map((attachment) => attachment.id)).toEqual([5]);
    expect(server.calls[0].query.get('include')).toBe('attachments');
    await client().deleteAttachment(5);
    await client().deleteAttachment(5);
    expect(server.calls.slice(1).map((call) => `${call.method} ${call.path}`)).toEqual([
      'DELETE /attachments/5.json',
      'DELETE /attachments/5.json',
    ]);
  });

  it("surfaces Redmine's 422 validation errors and does not retry them", async () => {
    server.enqueue({
      status: 422,
      body: { errors: ['Subject cannot be blank', 'Tracker is not included in the list'] },
    });
    const error = await caught(client().createIssue({ project_id: 1, subject: '' }));
    expect(error.code).toBe('redmine_http');
    expect(error.status).toBe(422);
    expect(error.redmineErrors).toEqual(['Subject cannot be blank', 'Tracker is not included in the list']);
    expect(error.message).toContain('POST /issues.json');
    expect(error.message).toContain('Subject cannot be blank');
    expect(server.calls).toHaveLength(1);
  });

  it('does not retry 4xx answers other than 429', async () => {
    server.enqueue({ status: 404 }, { status: 401 }, { status: 403 });
    const notFound = await caught(client().getIssue(404));
    const unauthorised = await caught(client().getCurrentUser());
    const forbidden = await caught(client().listCustomFields());
    expect([notFound.code, notFound.status]).toEqual(['redmine_http', 404]);
    expect([unauthorised.code, unauthorised.status]).toEqual(['redmine_auth', 401]);
    expect([forbidden.code, forbidden.status]).toEqual(['redmine_auth', 403]);
    expect(server.calls).toHaveLength(3);
    expect(delays).toEqual([]);
  });

  it('keeps the API key out of every error, even when Redmine echoes it back', async () => {
    server.enqueue(
      { status: 401, body: `invalid key ${API_KEY}` },
      { status: 422, body: { errors: [`Key ${API_KEY} is not allowed`] } },
      { status: 500, body: `debug: X-Redmine-API-Key=${API_KEY}` },
      { status: 200, body: `not json ${API_KEY}` },
      { status: 200, body: { issue: { id: API_KEY } } },
    );
    const errors = [
      await caught(client().getCurrentUser()),
      await caught(client().updateIssue(1, { notes: 'x' })),
      await caught(client({ retries: 0 }).getIssue(1)),
      await caught(client().getIssue(1)),
      await caught(client().getIssue(1)),
    ];
    expect(errors.map((error) => error.code)).toEqual([
      'redmine_auth',
      'redmine_http',
      'redmine_http',
      'redmine_bad_response',
      'redmine_bad_response',
    ]);
    errors.forEach(expectNoKey);
    expect(errors[1].redmineErrors).toEqual(['Key [redacted] is not allowed']);
    expect(inspect(client(), { depth: 10 })).not.toContain(API_KEY);
    expect(JSON.stringify(client())).not.toContain(API_KEY);
  });

  it('sends issue updates as Redmine expects them', async () => {
    server.enqueue({ status: 204 });
    await client().updateIssue(42, {
      status_id: 7,
      priority_id: 4,
      assigned_to_id: null,
      notes: 'Waiting for customer: reaction clock paused',
      private_notes: true,
      custom_fields: [{ id: 1, value: 'paused' }],
    });
    expect(server.calls[0]).toMatchObject({ method: 'PUT', path: '/issues/42.json' });
    expect(JSON.parse(server.calls[0].body)).toEqual({
      issue: {
        status_id: 7,
        priority_id: 4,
        assigned_to_id: null,
        notes: 'Waiting for customer: reaction clock paused',
        private_notes: true,
        custom_fields: [{ id: 1, value: 'paused' }],
      },
    });
    expect(stats.byMethod).toEqual({ GET: 0, POST: 0, PUT: 1, DELETE: 0 });
  });

  it('asks for journals with the include parameter', async () => {
    server.enqueue({
      status: 200,
      body: {
        issue: issue(5, {
          journals: [
            {
              id: 1,
              user: { id: 1, name: 'Admin' },
              notes: '',
              created_on: '2026-11-20T11:00:00Z',
              private_notes: false,
              details: [{ property: 'attr', name: 'status_id', old_value: '1', new_value: '2' }],
            },
          ],
        }),
      },
    });
    const found = await client().getIssue(5, { include: ['journals', 'custom_fields'] });
    expect(server.calls[0].query.get('include')).toBe('journals,custom_fields');
    expect(found.journals?.[0].details[0]).toEqual({
      property: 'attr',
      name: 'status_id',
      old_value: '1',
      new_value: '2',
    });
  });

  it('pages through time entries of a date range', async () => {
    const entry = (id: number): Record<string, unknown> => ({
      id,
      project: { id: 1, name: 'Support' },
      issue: { id: 5 },
      user: { id: 1, name: 'Admin' },
      activity: { id: 9, name: 'Development' },
      hours: 0.5,
      comments: '',
      spent_on: '2026-11-02',
      created_on: '2026-11-02T10:00:00Z',
      updated_on: '2026-11-02T10:00:00Z',
    });
    server.enqueue(
      { status: 200, body: { time_entries: [entry(1), entry(2)], total_count: 3, offset: 0, limit: 2 } },
      { status: 200, body: { time_entries: [entry(3)], total_count: 3, offset: 2, limit: 2 } },
    );
    const entries = await client({ pageSize: 2 }).listTimeEntries({
      projectId: 1,
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(entries.map((item) => item.id)).toEqual([1, 2, 3]);
    expect(
      server.calls.map((call) => [call.query.get('from'), call.query.get('to'), call.query.get('offset')]),
    ).toEqual([
      ['2026-11-01', '2026-11-30', '0'],
      ['2026-11-01', '2026-11-30', '2'],
    ]);
  });

  it('rejects malformed arguments before sending anything', async () => {
    const badSince = await caught(client().listIssues({ updatedSince: 'yesterday' }));
    const badDay = await caught(client().listTimeEntries({ from: '01.11.2026' }));
    const badId = await caught(client().getIssue(-1));
    expect([badSince.code, badSince.path]).toEqual(['redmine_invalid_argument', ['updatedSince']]);
    expect([badDay.code, badDay.path]).toEqual(['redmine_invalid_argument', ['from']]);
    expect([badId.code, badId.path]).toEqual(['redmine_invalid_argument', ['id']]);
    expect(server.calls).toHaveLength(0);
  });

  it('stops paging when Redmine keeps answering beyond the page limit', async () => {
    server.enqueue(issuesPage([1, 2], 1000, 0), issuesPage([3, 4], 1000, 2));
    const error = await caught(client({ pageSize: 2, maxPages: 2 }).listIssues());
    expect(error.code).toBe('redmine_bad_response');
    expect(server.calls).toHaveLength(2);
  });
});
