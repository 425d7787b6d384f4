import { createOpenApiContract, loadTrimmedJiraSpec } from '../contract/openapi-contract';
import { startJiraStandIn, type JiraStandIn, type JiraStandInOptions } from './jira-stand-in';

const NOW = Date.parse('2026-11-20T12:00:00Z');

let standIn: JiraStandIn | undefined;

async function start(options: JiraStandInOptions = {}): Promise<JiraStandIn> {
  standIn = await startJiraStandIn({ now: () => NOW, ...options });
  return standIn;
}

afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function call(
  target: JiraStandIn,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; headers: Headers; json: unknown }> {
  const response = await fetch(`${target.baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text === '' ? undefined : JSON.parse(text) };
}

function keysOf(json: unknown): string[] {
  if (typeof json !== 'object' || json === null || !('issues' in json) || !Array.isArray(json.issues)) return [];
  return json.issues.map((issue: unknown) =>
    typeof issue === 'object' && issue !== null && 'key' in issue ? String(issue.key) : '?',
  );
}

describe('contract enforcement', () => {
  it('listens on 127.0.0.1 only', async () => {
    const s = await start();
    expect(s.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers 400 to a request that breaks the contract and records the violation', async () => {
    const s = await start();
    const answer = await call(s, 'GET', '/rest/api/3/search/jql?jql=project%20%3D%20SUP&startAt=50');
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ errorMessages: [expect.stringContaining('query.startAt')], errors: {} });
    expect(s.violations()).toEqual([
      {
        kind: 'request',
        method: 'GET',
        path: '/rest/api/3/search/jql',
        errors: [expect.objectContaining({ path: 'query.startAt' })],
      },
    ]);
  });

  it('records a wrong method, an unknown path and a body that is not JSON', async () => {
    const s = await start();
    expect((await call(s, 'DELETE', '/rest/api/3/field')).status).toBe(400);
    expect((await call(s, 'GET', '/rest/api/2/search')).status).toBe(400);
    const raw = await fetch(`${s.baseUrl}/rest/api/3/worklog/list`, { method: 'POST', body: '{ids:' });
    expect(raw.status).toBe(400);
    expect(s.violations().map((v) => v.errors[0].path)).toEqual(['method', 'path', 'body']);
  });

  it('refuses to send an answer of its own that breaks the contract', async () => {
    // A stricter contract where field ids must be numbers makes the stand-in's own /field answer invalid.
    const strict: unknown = JSON.parse(JSON.stringify(loadTrimmedJiraSpec()), (key: string, value: unknown) =>
      key === 'FieldDetails' &&
      typeof value === 'object' &&
      value !== null &&
      'properties' in value &&
      typeof value.properties === 'object'
        ? { ...value, properties: { ...value.properties, id: { type: 'integer' } } }
        : value,
    );
    const s = await start({ contract: createOpenApiContract(strict) });
    const answer = await call(s, 'GET', '/rest/api/3/field');
    expect(answer.status).toBe(500);
    expect(s.violations()).toEqual([
      {
        kind: 'response',
        method: 'GET',
        path: '/rest/api/3/field',
        status: 200,
        errors: expect.arrayContaining([expect.objectContaining({ path: 'body/0/id' })]),
      },
    ]);
  });
});

describe('search', () => {
  async function seeded(): Promise<JiraStandIn> {
    const s = await start({ timeZone: 'Europe/Moscow', searchPageCap: 2 });
    s.seedIssue({ project: 'SUP', created: '2026-11-19T08:00:00Z' });
    s.seedIssue({ project: 'SUP', created: '2026-11-19T10:00:00Z', status: 'Resolved' });
    s.seedIssue({ project: 'OPS', created: '2026-11-19T12:00:00Z' });
    s.seedIssue({ project: 'ACME', created: '2026-11-19T14:00:00Z' });
    return s;
  }
  const search = (s: JiraStandIn, jql: string, extra: Record<string, unknown> = {}) =>
    call(s, 'POST', '/rest/api/3/search/jql', { jql, fields: ['summary'], ...extra });

  it('filters by project list, status category and an updated bound read in the site zone', async () => {
    const s = await seeded();
    expect(keysOf((await search(s, 'project in (SUP, OPS) AND statusCategory != Done')).json)).toEqual([
      'SUP-1',
      'OPS-1',
    ]);
    // 13:00 Moscow is 10:00 UTC: SUP-2 (10:00 UTC) is included, SUP-1 (08:00 UTC) is not.
    expect(keysOf((await search(s, 'updated >= "2026-11-19 13:00" ORDER BY updated DESC')).json)).toEqual([
      'ACME-1',
      'OPS-1',
    ]);
    expect(
      keysOf((await search(s, `updated >= ${Date.parse('2026-11-19T10:00:00Z')} AND project = SUP`)).json),
    ).toEqual(['SUP-2']);
    expect(keysOf((await search(s, 'key in (SUP-2, ACME-1) ORDER BY key ASC')).json)).toEqual(['ACME-1', 'SUP-2']);
  });

  it('pages with tokens bound to the query that issued them', async () => {
    const s = await seeded();
    const first = await search(s, 'ORDER BY created ASC', { maxResults: 50 });
    expect(first.json).toMatchObject({ isLast: false, nextPageToken: expect.any(String) });
    const token =
      typeof first.json === 'object' && first.json !== null && 'nextPageToken' in first.json
        ? String(first.json.nextPageToken)
        : '';
    expect(keysOf((await search(s, 'ORDER BY created ASC', { nextPageToken: token })).json)).toEqual([
      'OPS-1',
      'ACME-1',
    ]);
    expect((await search(s, 'project = SUP', { nextPageToken: token })).status).toBe(400);
  });

  it('returns only ids and keys unless fields are named, as the new search does', async () => {
    const s = await seeded();
    const answer = await call(s, 'GET', '/rest/api/3/search/jql?jql=project%20%3D%20OPS');
    expect(answer.json).toEqual({
      issues: [{ id: expect.any(String), key: 'OPS-1', self: expect.any(String) }],
      isLast: true,
    });
  });

  it('answers unsupported JQL with a Jira-like 400', async () => {
    const s = await seeded();
    const answer = await search(s, 'sprint in openSprints()');
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      errorMessages: ["Field 'sprint' does not exist or you do not have permission to view it."],
    });
    expect(s.violations()).toEqual([]);
  });
});

describe('seeded history', () => {
  it('serves status, priority and type changes at their instants through the bulk changelog', async () => {
    const s = await start({ timeZone: 'Europe/Moscow' });
    const { key, id } = s.seedIssue({
      project: 'SUP',
      created: '2026-11-02T09:00:00+03:00',
      priority: 'Low',
      history: [
        { at: '2026-11-02T09:40:00+03:00', status: 'In Progress' },
        { at: '2026-11-02T09:20:00+03:00', priority: 'High', issueType: 'Service request' },
        { at: '2026-11-02T12:00:00+03:00', status: 'Resolved' },
      ],
    });
    const answer = await call(s, 'POST', '/rest/api/3/changelog/bulkfetch', { issueIdsOrKeys: [key] });
    expect(answer.json).toEqual({
      issueChangeLogs: [
        {
          issueId: id,
          changeHistories: [
            expect.objectContaining({
              created: '2026-11-02T09:20:00.000+0300',
              items: [
                expect.objectContaining({ field: 'priority', fromString: 'Low', toString: 'High' }),
                expect.objectContaining({ field: 'issuetype', toString: 'Service request' }),
              ],
            }),
            expect.objectContaining({
              created: '2026-11-02T09:40:00.000+0300',
              items: [expect.objectContaining({ field: 'status', fromString: 'Open', toString: 'In Progress' })],
            }),
            expect.objectContaining({
              created: '2026-11-02T12:00:00.000+0300',
              items: [
                expect.objectContaining({ field: 'status', toString: 'Resolved' }),
                expect.objectContaining({ field: 'resolution' }),
              ],
            }),
          ],
        },
      ],
    });
    expect(s.issueState(key).fields).toMatchObject({
      updated: '2026-11-02T12:00:00.000+0300',
      resolutiondate: '2026-11-02T12:00:00.000+0300',
    });
    expect(s.violations()).toEqual([]);
  });

  it('answers bulkfetch over a reopened issue with 200: the resolution item has no toString, and the answer keeps the contract', async () => {
    const s = await start();
    const { key } = s.seedIssue({
      project: 'SUP',
      created: '2026-11-02T09:00:00Z',
      history: [
        { at: '2026-11-02T10:00:00Z', status: 'Resolved' },
        { at: '2026-11-02T11:00:00Z', status: 'In Progress' },
      ],
    });
    const answer = await call(s, 'POST', '/rest/api/3/changelog/bulkfetch', { issueIdsOrKeys: [key] });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      issueChangeLogs: [
        {
          changeHistories: [
            {},
            {
              items: [
                expect.objectContaining({ field: 'status', toString: 'In Progress' }),
                expect.objectContaining({ field: 'resolution', from: '10000', fromString: 'Done' }),
              ],
            },
          ],
        },
      ],
    });
    const reopen = JSON.stringify(answer.json).match(/\{"field":"resolution"[^}]*"fromString":"Done"[^}]*\}/)?.[0];
    expect(reopen).toBe(
      '{"field":"resolution","fieldId":"resolution","fieldtype":"jira","from":"10000","fromString":"Done"}',
    );
    expect(s.violations()).toEqual([]);
  });

  it('holds back worklogs changed in the last minute, as Jira does', async () => {
    const s = await start();
    const { key } = s.seedIssue({ project: 'SUP', created: NOW - 3_600_000 });
    s.addWorklog(key, { started: NOW - 120_000, seconds: 60 });
    const fresh = s.addWorklog(key, { started: NOW - 30_000, seconds: 60 });
    const answer = await call(s, 'GET', '/rest/api/3/worklog/updated?since=0');
    expect(answer.json).toMatchObject({ lastPage: true, values: [{ updatedTime: NOW - 120_000 }] });
    s.touchWorklog(fresh.id, NOW - 90_000);
    expect((await call(s, 'GET', '/rest/api/3/worklog/updated?since=0')).json).toMatchObject({ values: [{}, {}] });
  });

  it('bumps updated on app field writes, with a changelog entry only when asked', async () => {
    const s = await start();
    const { key, id } = s.seedIssue({ project: 'SUP', created: NOW - 3_600_000 });
    await call(s, 'PUT', '/rest/api/3/app/field/customfield_10100/value?generateChangelog=false', {
      updates: [{ issueIds: [Number(id)], value: 60 }],
    });
    expect(s.issueState(key)).toMatchObject({
      historyCount: 0,
      fields: { updated: '2026-11-20T12:00:00.000+0000', customfield_10100: 60 },
    });
    await call(s, 'PUT', '/rest/api/3/app/field/tariff-sla__sla-remaining/value', {
      updates: [{ issueIds: [Number(id)], value: 30 }],
    });
    expect(s.issueState(key).historyCount).toBe(1);
    expect(
      (
        await call(s, 'PUT', '/rest/api/3/app/field/customfield_10100/value', {
          updates: [{ issueIds: [Number(id)], value: 'soon' }],
        })
      ).status,
    ).toBe(400);
  });

  it('takes comments in ADF only', async () => {
    const s = await start();
    const { key } = s.seedIssue({ project: 'SUP', created: NOW - 3_600_000 });
    expect((await call(s, 'POST', `/rest/api/3/issue/${key}/comment`, { body: 'plain text' })).status).toBe(400);
    expect(
      (await call(s, 'POST', `/rest/api/3/issue/${key}/comment`, { body: { type: 'doc', version: 1, content: [] } }))
        .status,
    ).toBe(201);
  });
});

describe('comment visibility and notifications', () => {
  it('restricts a comment to a project role the site has and refuses an unknown one', async () => {
    const s = await start();
    s.addProject({ key: 'DEV', typeKey: 'software' });
    const { key } = s.seedIssue({ project: 'DEV', created: NOW - 3_600_000 });
    const doc = { type: 'doc', version: 1, content: [] };
    const posted = await call(s, 'POST', `/rest/api/3/issue/${key}/comment`, {
      body: doc,
      visibility: { type: 'role', value: 'Developers' },
    });
    expect(posted).toMatchObject({
      status: 201,
      json: { visibility: { type: 'role', value: 'Developers', identifier: 'Developers' }, jsdPublic: true },
    });
    const unknown = await call(s, 'POST', `/rest/api/3/issue/${key}/comment`, {
      body: doc,
      visibility: { type: 'role', value: 'Nobody' },
    });
    expect(unknown).toMatchObject({
      status: 400,
      json: { errors: { commentLevel: expect.stringContaining('Nobody') } },
    });
    expect(s.issueState(key).commentRecords).toEqual([
      { body: doc, visibility: { type: 'role', value: 'Developers' }, jsdPublic: true, properties: {} },
    ]);
    expect(s.violations()).toEqual([]);
  });

  it('makes sd.public.comment internal a hidden note in a service desk project only', async () => {
    const s = await start();
    s.addProject({ key: 'DEV', typeKey: 'software' });
    const desk = s.seedIssue({ project: 'SUP', created: NOW - 3_600_000 });
    const dev = s.seedIssue({ project: 'DEV', created: NOW - 3_600_000 });
    const internal = {
      body: { type: 'doc', version: 1, content: [] },
      properties: [{ key: 'sd.public.comment', value: { internal: true } }],
    };
    expect((await call(s, 'POST', `/rest/api/3/issue/${desk.key}/comment`, internal)).json).toMatchObject({
      jsdPublic: false,
    });
    expect((await call(s, 'POST', `/rest/api/3/issue/${dev.key}/comment`, internal)).json).toMatchObject({
      jsdPublic: true,
    });
    expect((await call(s, 'GET', `/rest/api/3/issue/${desk.key}`)).json).toMatchObject({
      fields: { project: { key: 'SUP', projectTypeKey: 'service_desk' } },
    });
    expect((await call(s, 'GET', `/rest/api/3/issue/${dev.key}`)).json).toMatchObject({
      fields: { project: { key: 'DEV', projectTypeKey: 'software' } },
    });
    expect(s.violations()).toEqual([]);
  });

  it('records notifications and answers 400 where Jira documents it: to the caller, to an issue role nobody holds', async () => {
    const s = await start();
    const { key } = s.seedIssue({ project: 'SUP', created: NOW - 3_600_000, assignee: null });
    const notice = (to: unknown) => ({ subject: 'Level 2', textBody: 'Level 2 reached.', to });
    expect(
      (
        await call(
          s,
          'POST',
          `/rest/api/3/issue/${key}/notify`,
          notice({ users: [{ accountId: '5b10a2844c20165700ede21g' }], groups: [{ name: 'support' }], watchers: true }),
        )
      ).status,
    ).toBe(204);
    expect(
      (
        await call(
          s,
          'POST',
          `/rest/api/3/issue/${key}/notify`,
          notice({ users: [{ accountId: '712020:tariff-sla-app' }] }),
        )
      ).status,
    ).toBe(400);
    expect((await call(s, 'POST', `/rest/api/3/issue/${key}/notify`, notice({ assignee: true }))).status).toBe(400);
    expect((await call(s, 'POST', '/rest/api/3/issue/SUP-404/notify', notice({ watchers: true }))).status).toBe(404);
    expect(s.issueState(key).notifications).toEqual([
      {
        at: NOW,
        subject: 'Level 2',
        textBody: 'Level 2 reached.',
        htmlBody: undefined,
        to: {
          users: ['5b10a2844c20165700ede21g'],
          groups: [{ name: 'support' }],
          assignee: false,
          watchers: true,
          reporter: false,
        },
      },
    ]);
    expect(s.stats()).toMatchObject({ writes: 4, reads: 0 });
    expect(s.violations()).toEqual([]);
  });
});

describe('scripted failures, latency and the request log', () => {
  it('fails the next requests with the scripted status and headers, then recovers', async () => {
    const s = await start();
    s.failNext(2, { status: 429, retryAfterSeconds: 5 });
    const first = await call(s, 'GET', '/rest/api/3/field');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('5');
    expect(first.headers.get('ratelimit-reason')).toBe('jira-burst-based');
    expect((await call(s, 'GET', '/rest/api/3/status')).status).toBe(429);
    expect((await call(s, 'GET', '/rest/api/3/field')).status).toBe(200);
    expect(s.requests().map((entry) => [entry.status, entry.scripted])).toEqual([
      [429, true],
      [429, true],
      [200, false],
    ]);
  });

  it('fails only matching requests, a bounded number of times, until the rule is removed', async () => {
    const s = await start();
    const remove = s.failWhen((request) => request.template === '/rest/api/3/status', { status: 503 }, 1);
    expect((await call(s, 'GET', '/rest/api/3/field')).status).toBe(200);
    expect((await call(s, 'GET', '/rest/api/3/status')).status).toBe(503);
    expect((await call(s, 'GET', '/rest/api/3/status')).status).toBe(200);
    remove();
    const forever = s.failWhen((request) => request.method === 'PUT', { status: 500 });
    const { key } = s.seedIssue({ project: 'SUP', created: NOW });
    expect((await call(s, 'PUT', `/rest/api/3/issue/${key}/properties/p`, 1)).status).toBe(500);
    forever();
    expect((await call(s, 'PUT', `/rest/api/3/issue/${key}/properties/p`, 1)).status).toBe(201);
  });

  it('delays every answer by the configured latency', async () => {
    const s = await start({ latencyMs: 40 });
    const started = Date.now();
    await call(s, 'GET', '/rest/api/3/field');
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    s.setLatency(0);
  });

  it('logs method, path, query and body, and counts reads apart from writes', async () => {
    const s = await start();
    const { key } = s.seedIssue({ project: 'SUP', created: NOW });
    await call(s, 'POST', '/rest/api/3/search/jql', { jql: 'project = SUP' });
    await call(s, 'PUT', `/rest/api/3/issue/${key}/properties/sla`, { ok: true });
    await call(s, 'GET', `/rest/api/3/issue/${key}?fields=summary,status`);
    expect(s.requests()[2]).toMatchObject({
      method: 'GET',
      path: `/rest/api/3/issue/${key}`,
      template: '/rest/api/3/issue/{issueIdOrKey}',
      query: { fields: ['summary,status'] },
      write: false,
    });
    expect(s.requests()[1]).toMatchObject({ body: { ok: true }, write: true, status: 201 });
    expect(s.stats()).toEqual({
      total: 3,
      reads: 2,
      writes: 1,
      byOperation: {
        'POST /rest/api/3/search/jql': 1,
        'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}': 1,
        'GET /rest/api/3/issue/{issueIdOrKey}': 1,
      },
    });
    s.clearLog();
    expect(s.requests()).toEqual([]);
  });
});
