import { createJiraClient, type JiraClient, type RequestJira } from '../../../src/jira/client/jira-client';
import { JIRA_REQUEST_SHAPES } from '../../../src/jira/client/jira-request-shapes';
import { createOpenApiContract, type ContractError } from '../contract/openapi-contract';
import { startJiraStandIn, type JiraStandIn } from '../stand-in/jira-stand-in';
import { fetchTransport } from './stand-in-client';
import { STAND_IN_SITE_URL } from '../stand-in/jira-stand-in-routes';

const contract = createOpenApiContract();
const NOW = Date.parse('2026-11-20T12:00:00Z');

/** Drives every client method once, so every request shape goes on the wire at least once. */
async function exerciseEveryMethod(client: JiraClient, standIn: JiraStandIn): Promise<void> {
  const a = standIn.seedIssue({
    project: 'SUP',
    created: NOW - 7_200_000,
    history: [{ at: NOW - 3_600_000, status: 'In Progress' }],
    worklogs: [{ started: NOW - 3_000_000, seconds: 600 }],
  });
  const b = standIn.seedIssue({ project: 'SUP', created: NOW - 7_200_000 });
  for await (const issue of client.searchJqlAll({
    jql: 'project = SUP AND statusCategory != Done ORDER BY updated DESC',
    properties: ['tariff-sla.state'],
    maxResults: 1,
  }))
    void issue;
  await client.searchJql({ jql: `key in (${Array.from({ length: 400 }, (_, i) => `SUP-${i + 1}`).join(', ')})` });
  await client.bulkFetchChangelogs([a.key, b.id], { fieldIds: ['status', 'priority', 'issuetype'], maxResults: 100 });
  await client.getIssue(a.key);
  await client.editIssue(
    a.key,
    { priority: { id: '1' }, assignee: '5b10ac8d82e05b22cc7d4ef5', addLabels: ['sla-warning'], removeLabels: ['x'] },
    { notifyUsers: false },
  );
  await client.editIssue(b.key, { labels: ['a', 'b'], assignee: null, priority: { name: 'Low' } });
  await client.addComment(a.key, 'Resolution SLA at 80%.\n\nNext escalation in 1 h.');
  await client.addComment(a.key, 'Handed to the second line.', {
    visibility: { type: 'role', value: 'Administrators' },
  });
  await client.addComment(b.key, 'Handed to the second line.', { internal: true });
  await client.notify(a.key, {
    subject: 'SUP-1: resolution escalation, level 2',
    textBody: 'The resolution clock reached level 2.',
    to: {
      users: [{ accountId: '5b10a2844c20165700ede21g' }],
      groups: [{ groupId: '952d12c3-5b5b-4d04-bb32-44d383afc4b2' }, { name: 'support-leads' }],
      assignee: true,
      watchers: true,
      reporter: true,
    },
  });
  await client.listComments(a.key, { startAt: 0, maxResults: 10, orderBy: '-created' });
  await client.setIssueProperty(a.key, 'tariff-sla.state', { clock: 'running', dueAt: NOW });
  await client.setAppFieldValues([{ issueIds: [Number(a.id)], value: 120 }], 'customfield_10100', {
    generateChangelog: false,
  });
  const ids: number[] = [];
  for await (const page of client.worklogsUpdatedSince(0)) ids.push(...page.values.map((value) => value.worklogId));
  await client.worklogList(ids);
  await client.getIssueWorklogs(a.key, { startedAfterMs: NOW - 86_400_000, startedBeforeMs: NOW });
  await client.getMyPermissions(['EDIT_ISSUES', 'ADD_COMMENTS'], { projectKey: 'SUP', issueKey: a.key });
  expect((await client.getServerInfo()).baseUrl).toBe(STAND_IN_SITE_URL);
  await client.listFields();
  await client.listStatuses();
  await client.checkPermissions('BROWSE_PROJECTS', { issueIds: [a.id, b.id], projectIds: ['10000'] });
  await client.getUsersBulk(['5b10ac8d82e05b22cc7d4ef5', '5b10a2844c20165700ede21g']);
  await client.setAppProperty('tariff-sla-served', { projects: ['SUP'] });
  expect((await client.searchProjects('su')).map((project) => project.key)).toContain('SUP');
  await client.searchUsers('a');
  expect(await client.findGroups('supp')).toEqual([
    expect.objectContaining({ name: 'support', groupId: '952d12c3-5b5b-4d04-bb32-44d383afc4b2' }),
  ]);
}

describe('every request the client can make against the trimmed Jira contract', () => {
  let standIn: JiraStandIn;

  beforeAll(async () => {
    standIn = await startJiraStandIn({ now: () => NOW, worklogSettleMs: 0 });
  });

  afterAll(async () => {
    await standIn.close();
  });

  it('names only operations the trimmed description holds', () => {
    const described = new Set(contract.operations());
    const shapes = Object.values(JIRA_REQUEST_SHAPES).map((shape) => `${shape.method} ${shape.template}`);
    expect(shapes.filter((shape) => !described.has(shape))).toEqual([]);
    expect([...described].filter((operation) => !shapes.includes(operation))).toEqual([]);
  });

  it('sends every shape, each valid against the contract, and the stand-in records no violation', async () => {
    const sent: { shape: string; errors: ContractError[] }[] = [];
    const toStandIn = fetchTransport(standIn);
    const checking: RequestJira = (path, init) => {
      const body: unknown = init.body === undefined ? undefined : JSON.parse(init.body);
      const matched = contract.match(init.method, path);
      sent.push({
        shape: `${init.method} ${matched?.template ?? path}`,
        errors: contract.validateRequest({ method: init.method, path, body }),
      });
      return toStandIn(path, init);
    };
    const client = createJiraClient({ requestJira: checking, sleep: async () => undefined, log: () => undefined });

    await exerciseEveryMethod(client, standIn);

    expect(sent.filter((request) => request.errors.length > 0)).toEqual([]);
    const exercised = new Set(sent.map((request) => request.shape));
    const missing = Object.entries(JIRA_REQUEST_SHAPES)
      .filter(([, shape]) => !exercised.has(`${shape.method} ${shape.template}`))
      .map(([name]) => name);
    expect(missing).toEqual([]);
    expect(standIn.violations()).toEqual([]);
    expect(standIn.requests().filter((entry) => entry.status >= 400 && entry.status !== 404)).toEqual([]);
  });
});
