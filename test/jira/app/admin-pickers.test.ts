import {
  findJiraNames,
  getSettingsSchemas,
  jiraDirectoryOf,
  type AdminDeps,
} from '../../../src/jira/app/admin-resolver';
import { createJiraClient } from '../../../src/jira/client/jira-client';
import { MemoryKeyValueStore } from '../../../src/jira/store/memory-key-value-store';

const NOW = Date.parse('2026-11-20T12:00:00Z');

/** A Jira that answers each request from a script, in order, and records what was asked. */
function scriptedJira(answers: unknown[]) {
  const sent: string[] = [];
  const jira = createJiraClient({
    requestJira: async (path, init) => {
      sent.push(`${init.method} ${path}`);
      const body = answers.shift();
      if (body === undefined) throw new Error(`no scripted answer for ${path}`);
      if (body instanceof Error) return { status: 503, headers: { get: () => null }, text: async () => '{}' };
      return { status: 200, headers: { get: () => null }, text: async () => JSON.stringify(body) };
    },
    baseDelayMs: 1,
    retries: 0,
    log: () => undefined,
  });
  return { jira, sent };
}

function deps(overrides: Partial<AdminDeps> = {}): AdminDeps {
  return {
    store: new MemoryKeyValueStore(() => NOW),
    now: () => NOW,
    isJiraAdmin: async () => ({ kind: 'admin' as const }),
    ...overrides,
  };
}

describe("the admin page's pickers", () => {
  it('lists projects by key and name, people without app accounts, and groups by id, asking Jira once each', async () => {
    const { jira, sent } = scriptedJira([
      { values: [{ id: '10000', key: 'SUP', name: 'Support' }], isLast: true },
      [
        { accountId: 'a-1', accountType: 'atlassian', displayName: 'Anna Petrova', active: true },
        { accountId: 'app-1', accountType: 'app', displayName: 'Automation' },
        { accountId: 'a-2', accountType: 'atlassian', displayName: 'Left Company', active: false },
      ],
      { groups: [{ name: 'support-l1', groupId: 'g-1' }, { name: 'legacy' }] },
    ]);
    const directory = jiraDirectoryOf(jira);
    const withJira = deps({ directory });
    expect(await findJiraNames(withJira, { kind: 'projects', query: ' su ' })).toEqual({
      ok: true,
      value: [{ value: 'SUP', label: 'Support (SUP)' }],
    });
    expect(await findJiraNames(withJira, { kind: 'users', query: 'ann' })).toEqual({
      ok: true,
      value: [{ value: 'a-1', label: 'Anna Petrova' }],
    });
    expect(await findJiraNames(withJira, { kind: 'groups', query: 'sup' })).toEqual({
      ok: true,
      value: [
        { value: 'g-1', label: 'support-l1', name: 'support-l1' },
        { value: 'legacy', label: 'legacy', name: 'legacy' },
      ],
    });
    expect(sent).toEqual([
      'GET /rest/api/3/project/search?query=su&maxResults=50&orderBy=key',
      'GET /rest/api/3/user/search?query=ann&maxResults=50',
      'GET /rest/api/3/groups/picker?query=sup&maxResults=50&caseInsensitive=true',
    ]);
  });

  it('lists the custom fields whose id or name has the letters typed, by id, and no system field', async () => {
    const { jira, sent } = scriptedJira([
      [
        { id: 'summary', name: 'Summary', custom: false },
        { id: 'customfield_10040', key: 'customfield_10040', name: 'Satisfaction', custom: true },
        { id: 'customfield_10041', name: 'Satisfaction date', custom: true },
        { id: 'customfield_10002', name: 'Organizations', custom: true },
      ],
    ]);
    expect(await findJiraNames(deps({ directory: jiraDirectoryOf(jira) }), { kind: 'fields', query: 'SATIS' })).toEqual(
      {
        ok: true,
        value: [
          { value: 'customfield_10040', label: 'Satisfaction (customfield_10040)' },
          { value: 'customfield_10041', label: 'Satisfaction date (customfield_10041)' },
        ],
      },
    );
    expect(sent).toEqual(['GET /rest/api/3/field']);
  });

  it('refuses someone who is not a Jira admin before asking Jira anything', async () => {
    const { jira, sent } = scriptedJira([]);
    const answer = await findJiraNames(
      deps({ directory: jiraDirectoryOf(jira), isJiraAdmin: async () => ({ kind: 'not_admin' as const }) }),
      { kind: 'users', query: 'a' },
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(sent).toEqual([]);
  });

  it('says Jira did not answer, so the admin can type the id, and refuses an oversized query', async () => {
    const { jira } = scriptedJira([new Error('503')]);
    expect(
      await findJiraNames(deps({ directory: jiraDirectoryOf(jira) }), { kind: 'groups', query: 'x' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'jira_unavailable', message: expect.stringContaining('type the id instead') },
    });
    expect(await findJiraNames(deps(), { kind: 'groups', query: 'x'.repeat(101) })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(await findJiraNames(deps(), { kind: 'groups', query: 'x' })).toEqual({ ok: true, value: [] });
  });

  it('serves the JSON Schemas of the catalog and the mapping for the YAML editors', async () => {
    const answer = await getSettingsSchemas(deps());
    if (!answer.ok) throw new Error('expected schemas');
    expect(answer.value.catalog).toMatchObject({ title: 'Tariff SLA catalog', properties: { tariffs: {} } });
    expect(answer.value.mapping).toMatchObject({ properties: { projects: {}, agents: {}, language: {} } });
  });
});
