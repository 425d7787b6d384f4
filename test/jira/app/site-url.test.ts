import type { AppLogEvent } from '../../../src/jira/app/app-deps';
import { SITE_URL_KEY, SITE_URL_MAX_AGE_MS, siteBaseUrl, type SiteUrlDeps } from '../../../src/jira/app/site-url';
import type { JiraClient } from '../../../src/jira/client/jira-client';
import { MemoryKeyValueStore } from '../../../src/jira/store/memory-key-value-store';

const NOW = Date.parse('2026-11-20T12:00:00Z');

/** A Jira whose serverInfo answers come from a scripted queue; each call is logged. */
function scriptedJira(...answers: Array<{ baseUrl: string } | Error>): {
  jira: Pick<JiraClient, 'getServerInfo'>;
  calls: string[];
} {
  const calls: string[] = [];
  const jira: Pick<JiraClient, 'getServerInfo'> = {
    getServerInfo: async () => {
      calls.push('getServerInfo');
      const answer = answers.shift();
      if (answer === undefined) throw new Error('unexpected serverInfo call');
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { jira, calls };
}

function depsOf(jira: Pick<JiraClient, 'getServerInfo'>, override: string | null, nowMs = NOW) {
  const logs: AppLogEvent[] = [];
  const store = new MemoryKeyValueStore(() => nowMs);
  const deps: SiteUrlDeps = {
    jira,
    store,
    now: () => nowMs,
    log: (event) => logs.push(event),
    messengers: { siteUrl: override },
  };
  return { deps, logs, store };
}

test('reads the base URL from serverInfo once and keeps it, without a trailing slash', async () => {
  const { jira, calls } = scriptedJira({ baseUrl: 'https://alfa-support.atlassian.net/' });
  const { deps, store } = depsOf(jira, null);
  expect(await siteBaseUrl(deps)).toBe('https://alfa-support.atlassian.net');
  expect(await siteBaseUrl(deps)).toBe('https://alfa-support.atlassian.net');
  expect(calls).toEqual(['getServerInfo']);
  expect(await store.get(SITE_URL_KEY)).toEqual({ baseUrl: 'https://alfa-support.atlassian.net', readAtMs: NOW });
});

test('the TARIFF_SLA_SITE_URL override wins and Jira is not asked', async () => {
  const { jira, calls } = scriptedJira();
  const { deps } = depsOf(jira, 'https://support.alfa.example/');
  expect(await siteBaseUrl(deps)).toBe('https://support.alfa.example');
  expect(calls).toEqual([]);
});

test('an override that is no http(s) address is logged and the platform answer is used', async () => {
  const { jira } = scriptedJira({ baseUrl: 'https://alfa-support.atlassian.net' });
  const { deps, logs } = depsOf(jira, 'javascript:alert(1)');
  expect(await siteBaseUrl(deps)).toBe('https://alfa-support.atlassian.net');
  expect(logs).toContainEqual(expect.objectContaining({ event: 'site_url_override_invalid' }));
});

test('a kept URL older than a week is read again; when Jira fails, the old one is used and the failure logged', async () => {
  const { jira, calls } = scriptedJira(new Error('503 from Jira'), { baseUrl: 'https://renamed.atlassian.net' });
  const { deps, logs, store } = depsOf(jira, null);
  await store.set(SITE_URL_KEY, { baseUrl: 'https://alfa-support.atlassian.net', readAtMs: NOW - SITE_URL_MAX_AGE_MS });
  expect(await siteBaseUrl(deps)).toBe('https://alfa-support.atlassian.net');
  expect(logs).toEqual([{ event: 'site_url_unavailable', message: '503 from Jira' }]);
  expect(await siteBaseUrl(deps)).toBe('https://renamed.atlassian.net');
  expect(calls).toEqual(['getServerInfo', 'getServerInfo']);
});

test('no kept URL and no answer: null (the message goes without a link); a baseUrl that is no URL is refused', async () => {
  const failing = depsOf(scriptedJira(new Error('timeout')).jira, null);
  expect(await siteBaseUrl(failing.deps)).toBeNull();
  const odd = depsOf(scriptedJira({ baseUrl: 'alfa-support' }).jira, null);
  expect(await siteBaseUrl(odd.deps)).toBeNull();
  expect(odd.logs).toEqual([expect.objectContaining({ event: 'site_url_unavailable' })]);
  expect(await odd.store.get(SITE_URL_KEY)).toBeUndefined();
});

describe('a site URL that must not reach a message', () => {
  const refused = [
    ['plain http', 'http://alfa-support.atlassian.net'],
    ['credentials in the address', 'https://admin:hunter2@alfa-support.atlassian.net'],
    [
      'a very long address',
      `https://${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.example/${'p'.repeat(3000)}`,
    ],
    ['a query', 'https://alfa-support.atlassian.net/?next=https://evil.example'],
    ['markup in the path', 'https://alfa-support.atlassian.net/<b>|click here>'],
    ['a space', 'https://alfa-support.atlassian.net/a b'],
  ] as const;

  test.each(refused)('serverInfo.baseUrl with %s is neither used nor kept', async (_case, baseUrl) => {
    const { deps, logs, store } = depsOf(scriptedJira({ baseUrl }).jira, null);
    expect(await siteBaseUrl(deps)).toBeNull();
    expect(await store.get(SITE_URL_KEY)).toBeUndefined();
    expect(JSON.stringify(logs)).not.toContain('hunter2');
  });

  test.each(refused)(
    'an override with %s is logged (without its text) and Jira asked instead',
    async (_case, override) => {
      const { deps, logs } = depsOf(scriptedJira({ baseUrl: 'https://alfa-support.atlassian.net' }).jira, override);
      expect(await siteBaseUrl(deps)).toBe('https://alfa-support.atlassian.net');
      expect(logs).toEqual([expect.objectContaining({ event: 'site_url_override_invalid' })]);
      expect(JSON.stringify(logs)).not.toContain('hunter2');
    },
  );

  test('a kept URL that is no longer acceptable (written by an older version) is read again', async () => {
    const { jira, calls } = scriptedJira({ baseUrl: 'https://alfa-support.atlassian.net' });
    const { deps, store } = depsOf(jira, null);
    await store.set(SITE_URL_KEY, { baseUrl: 'http://alfa-support.atlassian.net', readAtMs: NOW });
    expect(await siteBaseUrl(deps)).toBe('https://alfa-support.atlassian.net');
    expect(calls).toEqual(['getServerInfo']);
  });

  test('a custom domain with a context path is kept as it is', async () => {
    const { deps } = depsOf(scriptedJira().jira, 'https://support.alfa.example/jira/');
    expect(await siteBaseUrl(deps)).toBe('https://support.alfa.example/jira');
  });
});
