import type { Route } from '@forge/api';
import { createForgeRequestJira, toForgeRoute } from '../../../src/jira/client/forge-request';
import { buildJiraPath } from '../../../src/jira/client/jira-path';

describe('toForgeRoute', () => {
  it('rebuilds the path as a Forge route, keeping encoded parameters and the query', () => {
    const path = `${buildJiraPath('/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', { issueIdOrKey: 'SUP-1', propertyKey: 'sla state' })}?fields=summary%2Cstatus&jql=project+%3D+SUP`;
    const route = toForgeRoute(path);
    expect(route.value).toBe(
      '/rest/api/3/issue/SUP-1/properties/sla%20state?fields=summary%2Cstatus&jql=project+%3D+SUP',
    );
  });

  it("lets Forge's route checks refuse path manipulation", () => {
    expect(() => toForgeRoute('/rest/api/3/issue/../../admin')).toThrow(/path manipulation/);
    expect(() => toForgeRoute('/rest/api/3/issue/%2e%2e/x')).toThrow(/path manipulation/);
    expect(() => toForgeRoute('https://evil.example/rest/api/3/myself')).toThrow(RangeError);
  });
});

describe('createForgeRequestJira', () => {
  it('hands Forge a route and the init, and passes the answer back untouched', async () => {
    const calls: { route: Route; init: unknown }[] = [];
    const answer = { status: 200, headers: { get: () => null }, text: async () => '{"accountId":"a"}' };
    const requestJira = createForgeRequestJira(async (route, init) => {
      calls.push({ route, init });
      return answer;
    });
    const response = await requestJira('/rest/api/3/myself', {
      method: 'GET',
      headers: { Accept: 'application/json' },
    });
    expect(response).toBe(answer);
    expect(calls).toEqual([
      {
        route: expect.objectContaining({ value: '/rest/api/3/myself' }),
        init: { method: 'GET', headers: { Accept: 'application/json' } },
      },
    ]);
    await requestJira('/rest/api/3/worklog/list', { method: 'POST', headers: {}, body: '{"ids":[1]}' });
    expect(calls[1].init).toEqual({ method: 'POST', headers: {}, body: '{"ids":[1]}' });
  });
});
