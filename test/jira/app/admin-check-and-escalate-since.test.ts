import { saveAdminSettings, getAdminSettings } from '../../../src/jira/app/admin-resolver';
import { jiraAdminCheck } from '../../../src/jira/app/jira-admin-check';
import { escalateSinceOf, loadAppSettings, SETTINGS_KEYS } from '../../../src/jira/config/app-settings';
import { MemoryKeyValueStore } from '../../../src/jira/store/memory-key-value-store';
import { connectClient } from '../client/stand-in-client';
import { EXAMPLE_CATALOG, EXAMPLE_HOLIDAY_FILES, msk } from '../e2e/jira-app-harness';
import { startJiraStandIn, type JiraStandIn } from '../stand-in/jira-stand-in';

const MAPPING_SUP = 'projects:\n  SUP:\n    contract: client-a\n';
const MAPPING_SUP_PKG = 'projects:\n  SUP:\n    contract: client-a\n  PKG:\n    contract: client-d\n';

describe('the admin check says whether Jira said no or did not answer', () => {
  let standIn: JiraStandIn;

  beforeEach(async () => {
    standIn = await startJiraStandIn({ worklogSettleMs: 0 });
  });

  afterEach(async () => {
    await standIn.close();
  });

  const deps = (check: ReturnType<typeof jiraAdminCheck>) => ({
    store: new MemoryKeyValueStore(),
    now: () => msk('2026-11-09T10:00'),
    isJiraAdmin: check,
  });

  it('"not an admin" when Jira says so', async () => {
    const check = jiraAdminCheck(connectClient(standIn).client);
    expect(await check()).toEqual({ kind: 'not_admin' });
    expect(await getAdminSettings(deps(check))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('"rate limited, try again" when Jira answers 429 until the client gives up, with the wait Jira asked for', async () => {
    standIn.failNext(5, { status: 429, retryAfterSeconds: 30 });
    const check = jiraAdminCheck(connectClient(standIn).client);
    const answer = await getAdminSettings(deps(check));
    expect(answer).toMatchObject({ ok: false, error: { code: 'jira_unavailable', path: ['rate_limited'] } });
    if (!answer.ok) expect(answer.error.message).toMatch(/rate limit.*30 s/);
  });

  it('"Jira did not answer" on 5xx, and "allow the app" when Jira says the user has not consented (401)', async () => {
    standIn.failNext(5, { status: 503 });
    expect(await getAdminSettings(deps(jiraAdminCheck(connectClient(standIn).client)))).toMatchObject({
      ok: false,
      error: { code: 'jira_unavailable', path: ['jira_error'] },
    });
    standIn.failNext(1, { status: 401 });
    expect(await getAdminSettings(deps(jiraAdminCheck(connectClient(standIn).client)))).toMatchObject({
      ok: false,
      error: { code: 'consent_required', path: ['consent_required'] },
    });
  });
});

describe('escalateSince is set once when a project is first enabled and kept across saves', () => {
  it('a later save neither moves it nor skips the levels that fell due in between', async () => {
    let now = msk('2026-11-09T10:00');
    const store = new MemoryKeyValueStore(() => now);
    await store.set(SETTINGS_KEYS.holidayFiles, { files: EXAMPLE_HOLIDAY_FILES, savedAtMs: now });
    const deps = { store, now: () => now, isJiraAdmin: async () => ({ kind: 'admin' as const }) };

    expect(
      await saveAdminSettings(deps, { catalogText: EXAMPLE_CATALOG, mappingText: MAPPING_SUP }, 'admin'),
    ).toMatchObject({ ok: true, value: { savedAtMs: now } });
    now = msk('2026-11-12T16:00');
    await saveAdminSettings(deps, { catalogText: EXAMPLE_CATALOG, mappingText: MAPPING_SUP_PKG }, 'admin');

    const loaded = await loadAppSettings(store);
    if (loaded === null || !loaded.ok) throw new Error('settings did not load');
    expect(escalateSinceOf(loaded.settings, 'SUP')).toBe(msk('2026-11-09T10:00'));
    expect(escalateSinceOf(loaded.settings, 'PKG')).toBe(msk('2026-11-12T16:00'));
  });

  it('an explicit escalateSince in the mapping wins for every project', async () => {
    const now = msk('2026-11-09T10:00');
    const store = new MemoryKeyValueStore(() => now);
    await store.set(SETTINGS_KEYS.holidayFiles, { files: EXAMPLE_HOLIDAY_FILES, savedAtMs: now });
    const deps = { store, now: () => now, isJiraAdmin: async () => ({ kind: 'admin' as const }) };
    await saveAdminSettings(
      deps,
      { catalogText: EXAMPLE_CATALOG, mappingText: `${MAPPING_SUP}escalateSince: "2026-11-01T00:00:00+03:00"\n` },
      'admin',
    );

    const loaded = await loadAppSettings(store);
    if (loaded === null || !loaded.ok) throw new Error('settings did not load');
    expect(escalateSinceOf(loaded.settings, 'SUP')).toBe(msk('2026-11-01T00:00'));
  });
});
