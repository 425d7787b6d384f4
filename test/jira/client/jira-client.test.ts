import { createJiraClient } from '../../../src/jira/client/jira-client';
import { JiraError } from '../../../src/jira/client/jira-error';
import { parseJiraTimestamp } from '../../../src/jira/client/jira-timestamp';
import { startJiraStandIn, type JiraStandIn } from '../stand-in/jira-stand-in';
import { connectClient, fetchTransport } from './stand-in-client';

const NOW = Date.parse('2026-11-20T12:00:00Z');

let standIn: JiraStandIn;

beforeEach(async () => {
  standIn = await startJiraStandIn({
    now: () => NOW,
    timeZone: 'Europe/Moscow',
    searchPageCap: 2,
    changelogPageCap: 3,
    worklogPageCap: 2,
  });
});

afterEach(async () => {
  expect(standIn.violations()).toEqual([]);
  await standIn.close();
});

async function caught(promise: Promise<unknown>): Promise<JiraError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof JiraError) return error;
    throw error;
  }
  throw new Error('expected a JiraError');
}

function seedFive(): string[] {
  return [1, 2, 3, 4, 5].map(
    (n) => standIn.seedIssue({ project: 'SUP', summary: `Ticket ${n}`, created: NOW - n * 3_600_000 }).key,
  );
}

describe('search', () => {
  it('follows nextPageToken through every page of a search', async () => {
    const keys = seedFive();
    const { client } = connectClient(standIn);
    const found: string[] = [];
    for await (const issue of client.searchJqlAll({ jql: 'project = SUP ORDER BY created ASC', maxResults: 2 }))
      found.push(issue.key);
    expect(found).toEqual([...keys].reverse());
    const searches = standIn.requests().filter((entry) => entry.template === '/rest/api/3/search/jql');
    expect(searches.map((entry) => entry.query.nextPageToken === undefined)).toEqual([true, false, false]);
  });

  it('reads the fields the SLA engine needs, with Jira timestamps it can parse', async () => {
    const { key } = standIn.seedIssue({
      project: 'SUP',
      priority: 'High',
      status: 'In Progress',
      assignee: '5b10ac8d82e05b22cc7d4ef5',
      labels: ['vip'],
      created: '2026-11-02T09:00:00+03:00',
    });
    const { client } = connectClient(standIn);
    const page = await client.searchJql({ jql: `key = ${key}` });
    const fields = page.issues[0].fields;
    expect(fields.priority?.name).toBe('High');
    expect(fields.status?.statusCategory.key).toBe('indeterminate');
    expect(fields.assignee?.accountId).toBe('5b10ac8d82e05b22cc7d4ef5');
    expect(fields.created).toBe('2026-11-02T09:00:00.000+0300');
    expect(parseJiraTimestamp(fields.created ?? '')).toBe(Date.parse('2026-11-02T06:00:00Z'));
    expect(page.isLast).toBe(true);
  });

  it('switches to POST when the JQL would make the URL too long', async () => {
    seedFive();
    const { client } = connectClient(standIn);
    const keys = Array.from({ length: 300 }, (_, i) => `SUP-${i + 1}`);
    const page = await client.searchJql({ jql: `key in (${keys.join(', ')})`, maxResults: 2 });
    expect(page.issues).toHaveLength(2);
    expect(standIn.requests().map((entry) => entry.method)).toEqual(['POST']);
    expect(standIn.stats().writes).toBe(0);
  });

  it('stops with a clear error when the server repeats a page token', async () => {
    const { client } = connectClient(standIn);
    standIn.failWhen(() => true, { status: 200, body: { issues: [], nextPageToken: 'same', isLast: false } });
    const iterate = async () => {
      for await (const issue of client.searchJqlAll({ jql: 'project = SUP' })) void issue;
    };
    const error = await caught(iterate());
    expect(error.code).toBe('jira_bad_response');
    expect(error.message).toContain('repeated a nextPageToken');
    expect(standIn.requests()).toHaveLength(2);
  });
});

describe('changelogs', () => {
  it('merges bulk changelog pages per issue, oldest first, filtered by field', async () => {
    const a = standIn.seedIssue({
      project: 'SUP',
      created: '2026-11-02T09:00:00Z',
      history: [
        { at: '2026-11-02T09:30:00Z', status: 'In Progress' },
        { at: '2026-11-02T10:00:00Z', priority: 'Highest' },
        { at: '2026-11-02T11:00:00Z', assignee: '5b10a2844c20165700ede21g' },
        { at: '2026-11-02T12:00:00Z', status: 'Resolved' },
      ],
    });
    const b = standIn.seedIssue({
      project: 'SUP',
      created: '2026-11-02T09:00:00Z',
      history: [{ at: '2026-11-02T09:45:00Z', status: 'Waiting for customer' }],
    });
    const { client } = connectClient(standIn);
    const logs = await client.bulkFetchChangelogs([a.key, b.id], { fieldIds: ['status', 'priority'] });
    const byIssue = Object.fromEntries(
      logs.map((log) => [
        log.issueId,
        log.histories.map((h) => h.items.map((item) => `${item.field}:${item.toString ?? ''}`).join(',')),
      ]),
    );
    expect(byIssue).toEqual({
      [a.id]: ['status:In Progress', 'priority:Highest', 'status:Resolved'],
      [b.id]: ['status:Waiting for customer'],
    });
    const pages = standIn.requests().filter((entry) => entry.template === '/rest/api/3/changelog/bulkfetch');
    expect(pages).toHaveLength(2);
  });

  it("reads a reopened issue's changelog, whose resolution item has no toString, through the contract-checked stand-in", async () => {
    const { key, id } = standIn.seedIssue({
      project: 'SUP',
      created: '2026-11-02T09:00:00Z',
      history: [
        { at: '2026-11-02T10:00:00Z', status: 'Resolved' },
        { at: '2026-11-02T11:00:00Z', status: 'In Progress' },
      ],
    });
    const { client } = connectClient(standIn);
    const [log] = await client.bulkFetchChangelogs([key]);
    expect(log.issueId).toBe(id);
    const items = log.histories.map((history) =>
      history.items.map((item) => `${item.field}:${item.fromString ?? '-'}>${item.toString ?? '-'}`),
    );
    expect(items).toEqual([
      ['status:Open>Resolved', 'resolution:->Done'],
      ['status:Resolved>In Progress', 'resolution:Done>-'],
    ]);
    expect(standIn.requests().map((entry) => `${entry.template ?? ''} ${entry.status}`)).toEqual([
      '/rest/api/3/changelog/bulkfetch 200',
    ]);
  });

  it('refuses more than ten field ids before calling Jira', async () => {
    const { client } = connectClient(standIn);
    await expect(
      client.bulkFetchChangelogs(['SUP-1'], { fieldIds: Array.from({ length: 11 }, (_, i) => `f${i}`) }),
    ).rejects.toThrow(RangeError);
    expect(standIn.requests()).toHaveLength(0);
  });
});

describe('retries', () => {
  it('honours Retry-After on 429 and reports the RateLimit-Reason', async () => {
    const { client, waits, logs, counter } = connectClient(standIn);
    standIn.failNext(2, { status: 429, retryAfterSeconds: 7, rateLimitReason: 'jira-quota-global-based' });
    const fields = await client.listFields();
    expect(fields.map((field) => field.id)).toContain('customfield_10100');
    expect(waits).toEqual([6999, 6998]);
    expect(logs).toEqual([
      expect.objectContaining({
        event: 'jira_retry',
        code: 'jira_rate_limited',
        status: 429,
        attempt: 1,
        delayMs: 7000,
        rateLimitReason: 'jira-quota-global-based',
      }),
      expect.objectContaining({ event: 'jira_retry', attempt: 2 }),
    ]);
    expect(counter.snapshot()).toMatchObject({ total: 3, retries: 2, rateLimited: 2 });
  });

  it('retries 503 with exponential backoff from baseDelayMs', async () => {
    const { client, waits, logs } = connectClient(standIn, { baseDelayMs: 5 });
    standIn.failNext(3, { status: 503 });
    await client.listStatuses();
    expect(logs.map((log) => log.delayMs)).toEqual([5, 10, 20]);
    expect(waits).toEqual([]);
  });

  it('does not retry a 400 and carries Jira error messages', async () => {
    const { client, waits } = connectClient(standIn);
    const error = await caught(client.searchJql({ jql: 'watcher = currentUser()' }));
    expect(error).toMatchObject({
      code: 'jira_http',
      status: 400,
      path: 'GET /rest/api/3/search/jql',
      operation: 'searchJqlGet',
      attempts: 1,
    });
    expect(error.jiraMessages[0]).toContain("Field 'watcher' does not exist");
    expect(waits).toEqual([]);
    expect(standIn.requests()).toHaveLength(1);
  });

  it('does not retry a 404', async () => {
    const { client } = connectClient(standIn);
    const error = await caught(client.getIssue('SUP-404'));
    expect(error).toMatchObject({ code: 'jira_http', status: 404, path: 'GET /rest/api/3/issue/SUP-404' });
    expect(standIn.requests()).toHaveLength(1);
  });

  it('gives up as rate limited after the last retry', async () => {
    const { client, logs } = connectClient(standIn, { retries: 2 });
    standIn.failNext(3, { status: 429, retryAfterSeconds: 1 });
    const error = await caught(client.listFields());
    expect(error).toMatchObject({
      code: 'jira_rate_limited',
      status: 429,
      attempts: 3,
      retryAfterMs: 1000,
      rateLimitReason: 'jira-burst-based',
    });
    expect(logs.map((log) => log.event)).toEqual(['jira_retry', 'jira_retry', 'jira_give_up']);
  });

  it('fails fast when Jira asks for a longer wait than the client accepts', async () => {
    const { client, waits } = connectClient(standIn, { maxRetryAfterMs: 30_000 });
    standIn.failNext(1, { status: 429, retryAfterSeconds: 3600 });
    const error = await caught(client.listFields());
    expect(error).toMatchObject({ code: 'jira_rate_limited', retryAfterMs: 3_600_000, attempts: 1 });
    expect(waits).toEqual([]);
  });

  it('retries a comment on 503 but never on 500, which may hide a posted comment', async () => {
    const { key } = standIn.seedIssue({ project: 'SUP', created: NOW - 1000 });
    const { client } = connectClient(standIn);
    standIn.failNext(1, { status: 503 });
    await client.addComment(key, 'first');
    standIn.failNext(1, { status: 500 });
    const error = await caught(client.addComment(key, 'second'));
    expect(error).toMatchObject({ code: 'jira_http', status: 500, attempts: 1 });
    expect(standIn.issueState(key).comments).toHaveLength(1);
  });

  it('retries reads when Jira cannot be reached, and reports jira_unreachable in the end', async () => {
    let calls = 0;
    const client = createJiraClient({
      requestJira: async () => {
        calls++;
        throw new TypeError('fetch failed');
      },
      baseDelayMs: 1,
      retries: 2,
      log: () => undefined,
    });
    const error = await caught(client.listFields());
    expect(error).toMatchObject({ code: 'jira_unreachable', path: 'GET /rest/api/3/field', attempts: 3 });
    expect(calls).toBe(3);
  });

  it('never repeats a comment after a lost connection, since Jira may have posted it', async () => {
    const sent: string[] = [];
    const client = createJiraClient({
      requestJira: async (path, init) => {
        sent.push(`${init.method} ${path}`);
        throw new TypeError('fetch failed');
      },
      baseDelayMs: 1,
      log: () => undefined,
    });
    const error = await caught(client.addComment('SUP-1', 'Escalated to L2'));
    expect(error).toMatchObject({ code: 'jira_unreachable', attempts: 1 });
    expect(sent).toEqual(['POST /rest/api/3/issue/SUP-1/comment']);
  });

  it('refuses an answer larger than the cap without reading it, and does not retry it', async () => {
    let bodiesRead = 0;
    const sent: string[] = [];
    const client = createJiraClient({
      requestJira: async (path) => {
        sent.push(path);
        return {
          status: 200,
          headers: {
            get: (name: string) => (name.toLowerCase() === 'content-length' ? String(600 * 1024 * 1024) : null),
          },
          text: async () => {
            bodiesRead++;
            return '{}';
          },
        };
      },
      baseDelayMs: 1,
      log: () => undefined,
      maxResponseBytes: 1024 * 1024,
    });
    const error = await caught(client.listFields());
    expect(error).toMatchObject({ code: 'jira_too_large', status: 200, path: 'GET /rest/api/3/field' });
    expect(error.message).toContain('larger than 1 MiB');
    expect(bodiesRead).toBe(0);
    expect(sent).toHaveLength(1);

    const undeclared = createJiraClient({
      requestJira: async () => ({
        status: 200,
        headers: { get: () => null },
        text: async () => JSON.stringify([{ id: 'f', name: 'é'.repeat(600_000) }]),
      }),
      log: () => undefined,
      maxResponseBytes: 1024 * 1024,
    });
    await expect(undeclared.listFields()).rejects.toMatchObject({ code: 'jira_too_large' });
  });
});

describe('malformed answers', () => {
  it('reports where an answer departs from the expected shape', async () => {
    const { client, waits } = connectClient(standIn);
    standIn.failNext(1, {
      status: 200,
      body: { issues: [{ id: '1', key: 'SUP-1', fields: { created: 'yesterday' } }] },
    });
    const error = await caught(client.searchJql({ jql: 'project = SUP' }));
    expect(error.code).toBe('jira_bad_response');
    expect(error.issues).toEqual([{ path: 'issues.0.fields.created', message: 'not a Jira timestamp' }]);
    expect(error.message).toContain('issues.0.fields.created');
    expect(waits).toEqual([]);
  });

  it('reports an answer that is not JSON', async () => {
    const { client } = connectClient(standIn);
    standIn.failNext(1, { status: 200, body: '<html>maintenance</html>' });
    const error = await caught(client.listFields());
    expect(error).toMatchObject({ code: 'jira_bad_response', issues: [{ path: '', message: 'not JSON' }] });
  });
});

describe('issue writes', () => {
  it('edits priority, assignee and labels in one request, and sends nothing for an empty edit', async () => {
    const { key } = standIn.seedIssue({
      project: 'SUP',
      priority: 'Medium',
      labels: ['customer'],
      created: NOW - 10_000,
    });
    const { client } = connectClient(standIn);
    await client.editIssue(key, {
      priority: { name: 'Highest' },
      assignee: '5b10a2844c20165700ede21g',
      addLabels: ['sla-breached'],
    });
    await client.editIssue(key, {});
    const state = standIn.issueState(key);
    expect(state.fields).toMatchObject({
      priority: { name: 'Highest' },
      assignee: { accountId: '5b10a2844c20165700ede21g' },
      labels: ['customer', 'sla-breached'],
    });
    expect(standIn.requests()).toHaveLength(1);
    await client.editIssue(key, { assignee: null, labels: ['reset'] });
    expect(standIn.issueState(key).fields).toMatchObject({ assignee: null, labels: ['reset'] });
  });

  it('posts plain text as an ADF comment', async () => {
    const { key } = standIn.seedIssue({ project: 'SUP', created: NOW - 10_000 });
    const { client } = connectClient(standIn);
    const comment = await client.addComment(key, 'Response SLA breached.\nEscalated to L2.');
    expect(comment.id).toEqual(expect.any(String));
    expect(standIn.issueState(key).comments[0]).toEqual({
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Response SLA breached.' },
            { type: 'hardBreak' },
            { type: 'text', text: 'Escalated to L2.' },
          ],
        },
      ],
    });
    const page = await client.listComments(key, { orderBy: '-created' });
    expect(page.comments.map((c) => c.id)).toEqual([comment.id]);
  });

  it('restricts a comment to a project role, or posts it as a service desk internal note', async () => {
    const software = standIn.addProject({ key: 'DEV', typeKey: 'software' });
    const dev = standIn.seedIssue({ project: software.key, created: NOW - 10_000 });
    const desk = standIn.seedIssue({ project: 'SUP', created: NOW - 10_000 });
    const { client } = connectClient(standIn);

    const restricted = await client.addComment(dev.key, 'Kept from the client.', {
      visibility: { type: 'role', value: 'Administrators' },
    });
    const internal = await client.addComment(desk.key, 'Kept from the client.', { internal: true });
    await client.addComment(desk.key, 'For everyone.');

    expect(restricted.visibility).toMatchObject({ type: 'role', value: 'Administrators' });
    expect(internal.jsdPublic).toBe(false);
    const bodies = standIn.requests().map((entry) => entry.body);
    expect(bodies[0]).toMatchObject({ visibility: { type: 'role', value: 'Administrators' } });
    expect(bodies[1]).toMatchObject({ properties: [{ key: 'sd.public.comment', value: { internal: true } }] });
    expect(bodies[2]).not.toHaveProperty('visibility');
    expect(bodies[2]).not.toHaveProperty('properties');
    expect(
      standIn.issueState(desk.key).commentRecords.map((comment) => [comment.visibility, comment.jsdPublic]),
    ).toEqual([
      [null, false],
      [null, true],
    ]);
  });

  it('sends a notification with its recipients as Jira takes them', async () => {
    const { key } = standIn.seedIssue({ project: 'SUP', created: NOW - 10_000 });
    const { client } = connectClient(standIn);
    await client.notify(key, {
      subject: 'SUP-1: resolution escalation, level 2',
      textBody: 'Level 2 reached.',
      to: {
        users: [{ accountId: '5b10a2844c20165700ede21g' }],
        groups: [{ groupId: 'g-1' }, { name: 'support-leads' }],
        reporter: true,
        watchers: false,
      },
    });
    expect(standIn.requests().map((entry) => entry.body)).toEqual([
      {
        subject: 'SUP-1: resolution escalation, level 2',
        textBody: 'Level 2 reached.',
        to: {
          users: [{ accountId: '5b10a2844c20165700ede21g' }],
          groups: [{ groupId: 'g-1' }, { name: 'support-leads' }],
          reporter: true,
        },
      },
    ]);
    expect(standIn.issueState(key).notifications).toEqual([
      expect.objectContaining({
        subject: 'SUP-1: resolution escalation, level 2',
        to: {
          users: ['5b10a2844c20165700ede21g'],
          groups: [{ groupId: 'g-1' }, { name: 'support-leads' }],
          assignee: false,
          watchers: false,
          reporter: true,
        },
      }),
    ]);
  });

  it('retries a notification on 429 and 503 but never on 500, which may hide a queued e-mail', async () => {
    const { key } = standIn.seedIssue({ project: 'SUP', created: NOW - 10_000 });
    const { client, logs } = connectClient(standIn);
    const notice = { subject: 'Level 2', textBody: 'Level 2 reached.', to: { watchers: true } };
    standIn.failNext(1, { status: 429, retryAfterSeconds: 2 });
    standIn.failNext(1, { status: 503 });
    await client.notify(key, notice);
    expect(logs.map((log) => [log.event, log.delayMs])).toEqual([
      ['jira_retry', 2000],
      ['jira_retry', 2],
    ]);
    standIn.failNext(1, { status: 500 });
    const error = await caught(client.notify(key, notice));
    expect(error).toMatchObject({ code: 'jira_http', status: 500, operation: 'notify', attempts: 1 });
    expect(standIn.requests().map((entry) => entry.status)).toEqual([429, 503, 204, 500]);
    expect(standIn.issueState(key).notifications).toHaveLength(1);
  });

  it('refuses a notification that names nobody before calling Jira', async () => {
    const { client } = connectClient(standIn);
    await expect(
      client.notify('SUP-1', {
        subject: 'Level 2',
        textBody: 'Nobody to tell.',
        to: { users: [], groups: [], reporter: false },
      }),
    ).rejects.toThrow(RangeError);
    expect(standIn.requests()).toHaveLength(0);
  });

  it('stores an issue property, replacing the previous value, and reads it back through the search as the app does', async () => {
    const { key } = standIn.seedIssue({ project: 'SUP', created: NOW - 10_000 });
    const { client } = connectClient(standIn);
    await client.setIssueProperty(key, 'tariff-sla.state', { clock: 'running', remainingMs: 3_600_000 });
    await client.setIssueProperty(key, 'tariff-sla.state', { clock: 'paused', remainingMs: 1_800_000 });
    expect(
      standIn
        .requests()
        .filter((e) => e.method === 'PUT')
        .map((e) => e.status),
    ).toEqual([201, 200]);
    const page = await client.searchJql({ jql: `key = ${key}`, properties: ['tariff-sla.state'] });
    expect(page.issues[0].properties).toEqual({ 'tariff-sla.state': { clock: 'paused', remainingMs: 1_800_000 } });
  });

  it('refuses a property value larger than Jira keeps', async () => {
    const { client } = connectClient(standIn);
    await expect(client.setIssueProperty('SUP-1', 'big', 'x'.repeat(40_000))).rejects.toThrow(RangeError);
    expect(standIn.requests()).toHaveLength(0);
  });

  it('writes app field values on many issues per field', async () => {
    const a = standIn.seedIssue({ project: 'SUP', created: NOW - 10_000 });
    const b = standIn.seedIssue({ project: 'SUP', created: NOW - 10_000 });
    const { client } = connectClient(standIn);
    await client.setAppFieldValues([{ issueIds: [Number(a.id), Number(b.id)], value: 5400 }], 'customfield_10100', {
      generateChangelog: false,
    });
    await client.setAppFieldValues(
      [{ issueIds: [Number(a.id)], value: { state: 'breached' } }],
      'tariff-sla__sla-state',
    );
    expect(standIn.issueState(a.key).appFieldValues).toEqual({
      customfield_10100: 5400,
      customfield_10101: { state: 'breached' },
    });
    expect(standIn.issueState(b.key)).toMatchObject({ appFieldValues: { customfield_10100: 5400 }, historyCount: 0 });
    expect(standIn.issueState(a.key).historyCount).toBe(1);
    const issue = await client.getIssue(a.key, ['customfield_10100']);
    expect(issue.fields.customfield_10100).toBe(5400);
  });

  it('reports the app writing a field it does not own', async () => {
    const a = standIn.seedIssue({ project: 'SUP', created: NOW - 10_000 });
    const { client } = connectClient(standIn);
    const error = await caught(client.setAppFieldValues([{ issueIds: [Number(a.id)], value: 'x' }], 'summary'));
    expect(error).toMatchObject({ code: 'jira_http', status: 403 });
  });
});

describe('worklogs', () => {
  it('pages through changed worklogs, skips the last minute, and fetches them by id', async () => {
    const { key } = standIn.seedIssue({ project: 'SUP', created: NOW - 86_400_000 });
    for (const minutesAgo of [300, 240, 180, 120, 0.5])
      standIn.addWorklog(key, { started: NOW - minutesAgo * 60_000, seconds: 1800 });
    const { client } = connectClient(standIn);
    const pages = [];
    for await (const page of client.worklogsUpdatedSince(NOW - 86_400_000)) pages.push(page);
    expect(pages.map((page) => page.values.length)).toEqual([2, 2]);
    expect(pages.map((page) => page.lastPage)).toEqual([false, true]);
    const ids = pages.flatMap((page) => page.values.map((value) => value.worklogId));
    const worklogs = await client.worklogList([...ids, ids[0]]);
    expect(worklogs.map((w) => w.timeSpentSeconds)).toEqual([1800, 1800, 1800, 1800]);
    expect(worklogs[0].issueId).toBe(standIn.issueState(key).id);
    const all = await client.getIssueWorklogs(key);
    expect(all).toHaveLength(5);
  });
});

describe('reference data', () => {
  it('reads the permissions, fields and statuses', async () => {
    standIn.addProject({ key: 'SUP', name: 'Support' });
    const { client } = connectClient(standIn);
    expect(await client.getMyPermissions(['EDIT_ISSUES', 'ADMINISTER_PROJECTS'], { projectKey: 'SUP' })).toEqual({
      EDIT_ISSUES: true,
      ADMINISTER_PROJECTS: false,
    });
    expect((await client.listFields()).find((f) => f.key === 'tariff-sla__sla-remaining')?.id).toBe(
      'customfield_10100',
    );
    expect((await client.listStatuses()).map((s) => `${s.name}:${s.statusCategory.key}`)).toContain(
      'Waiting for customer:indeterminate',
    );
  });
});

describe('accounting and secrets', () => {
  it('counts attempts by operation, reads apart from writes', async () => {
    const { key } = standIn.seedIssue({ project: 'SUP', created: NOW - 10_000 });
    const { client, counter } = connectClient(standIn);
    standIn.failNext(1, { status: 429, retryAfterSeconds: 1 });
    await client.getIssue(key);
    await client.setIssueProperty(key, 'p', 1);
    await client.searchJql({ jql: 'project = SUP', nextPageToken: undefined });
    expect(counter.snapshot()).toMatchObject({
      total: 4,
      reads: 3,
      writes: 1,
      retries: 1,
      byEndpoint: {
        'GET /rest/api/3/issue/{issueIdOrKey}': 2,
        'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}': 1,
        'GET /rest/api/3/search/jql': 1,
      },
    });
    expect(standIn.stats()).toMatchObject({ total: 4, reads: 3, writes: 1 });
  });

  it('never puts the credentials the transport adds into errors or logs', async () => {
    const secret = 'Basic c2xhLWJvdDpzdXBlci1zZWNyZXQtdG9rZW4=';
    await standIn.close();
    standIn = await startJiraStandIn({ expectedAuthorization: secret });
    const logs: unknown[] = [];
    const wrong = createJiraClient({
      requestJira: fetchTransport(standIn, { Authorization: 'Basic d3Jvbmc=' }),
      baseDelayMs: 1,
      log: (event) => logs.push(event),
    });
    const error = await caught(wrong.listFields());
    expect(error).toMatchObject({ code: 'jira_http', status: 401 });
    const right = createJiraClient({
      requestJira: fetchTransport(standIn, { Authorization: secret }),
      baseDelayMs: 1,
      sleep: async () => undefined,
      log: (event) => logs.push(event),
    });
    standIn.failNext(1, { status: 429, retryAfterSeconds: 1 });
    await right.listFields();
    const everything = JSON.stringify([error, error.message, logs]);
    expect(everything).not.toContain('c2xhLWJvdDpzdXBlci1zZWNyZXQtdG9rZW4');
    expect(everything).not.toContain('d3Jvbmc');
  });
});
