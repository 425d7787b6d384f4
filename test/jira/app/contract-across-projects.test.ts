import { getGadget } from '../../../src/jira/app/gadget-resolver';
import { getNotCovered, getProjectReport, type ReportDeps } from '../../../src/jira/app/project-report-resolver';
import { markReportsStale } from '../../../src/jira/app/report-staleness';
import { resolverContextOf } from '../../../src/jira/app/resolver-tables';
import { createJiraClient } from '../../../src/jira/client/jira-client';
import { SETTINGS_KEYS, loadAppSettings } from '../../../src/jira/config/app-settings';
import { refreshStoredReports } from '../../../src/jira/report/project-report-store';
import { fetchTransport } from '../client/stand-in-client';
import { AS_USER_PREFIX } from '../stand-in/jira-stand-in';
import {
  AGENT,
  CUSTOMER,
  LEAD,
  SHARED_DESK_ORGANIZATIONS,
  msk,
  startAppHarness,
  type AppHarness,
} from '../e2e/jira-app-harness';

/**
 * Client A has its own project SUP and is also served in the shared desk DESK (organization "Alfa LLC");
 * client C (organization "Beta JSC") lives in DESK only. A contract's statement, on the gadget and on either project's page, spans
 * every project its requests live in, built once by the core's statement over all of them, and each
 * viewer sees only the requests Jira lets them browse.
 */
const MAPPING = `projects:
  SUP:
    contract: client-a
    statuses: { Open: New }
    priorities: { Medium: normal }
    issueTypes: { Incident: incident }
  DESK:
    statuses: { Open: New }
    priorities: { Medium: normal }
    issueTypes: { Incident: incident }
contractRules:
  organizationsField: ${SHARED_DESK_ORGANIZATIONS}
  rules:
    - { organization: "Alfa LLC", contract: client-a }
    - { organization: "Beta JSC", contract: client-c }
agents:
  accountIds: [${AGENT}, ${LEAD}]
escalateSince: "2026-11-01T00:00:00+03:00"
language: en
`;

let app: AppHarness;
let keys: { own: string; shared: string; beta: string };

function seed(project: string, organization?: { id: string; name: string }): string {
  const issue = app.standIn.seedIssue({
    project,
    created: msk('2026-11-18T09:00'),
    status: 'Open',
    priority: 'Medium',
    ...(organization ? { customFields: { [SHARED_DESK_ORGANIZATIONS]: [organization] } } : {}),
  });
  return issue.key;
}

function asViewer(): ReportDeps {
  return {
    ...app.reportDeps,
    viewerJira: (accountId) =>
      createJiraClient({
        requestJira: fetchTransport(app.standIn, { Authorization: `${AS_USER_PREFIX}${accountId}` }),
        sleep: async () => undefined,
        log: () => undefined,
      }),
  };
}

beforeEach(async () => {
  app = await startAppHarness('2026-11-18T09:00', { mapping: MAPPING });
  app.standIn.addProject({ key: 'DESK', id: '10001', typeKey: 'service_desk' });
  keys = {
    own: seed('SUP'),
    shared: seed('DESK', { id: '1', name: 'Alfa LLC' }),
    beta: seed('DESK', { id: '2', name: 'Beta JSC' }),
  };
  app.standIn.addWorklog(keys.own, { started: msk('2026-11-18T09:30'), seconds: 3600 });
  app.standIn.addWorklog(keys.shared, { started: msk('2026-11-18T09:30'), seconds: 1800 });
  app.standIn.addWorklog(keys.beta, { started: msk('2026-11-18T09:30'), seconds: 7200 });
  // Two days on: every request's reaction clock is over.
  app.setNow('2026-11-20T15:00');
});

afterEach(async () => {
  expect(app.standIn.violations()).toEqual([]);
  await app.close();
});

test("the gadget shows a contract's whole month over its own project and the shared desk", async () => {
  const gadget = await getGadget(app.reportDeps, { contract: 'client-a', month: '2026-11', lang: 'en' });
  if (!gadget.ok) throw new Error(gadget.error.message);
  expect(gadget.value.hours.used).toBe(1.5);
  const reaction = gadget.value.compliance.find((entry) => entry.clock === 'reaction');
  expect(reaction).toMatchObject({ due: 2, met: 0 });
  expect(new Set(gadget.value.breached.map((issue) => issue.key))).toEqual(new Set([keys.own, keys.shared]));
  expect(JSON.stringify(gadget.value)).not.toContain(keys.beta);
});

test("both projects' pages show client A's statement over both projects, the same figures as the gadget", async () => {
  const page = (projectKey: string) =>
    getProjectReport(app.reportDeps, { projectKey }, { contract: 'client-a', month: '2026-11', lang: 'en' });
  const sup = await page('SUP');
  const desk = await page('DESK');
  if (!sup.ok || !desk.ok) throw new Error('page failed');
  for (const shown of [sup.value, desk.value]) {
    expect(shown.projectKeys).toEqual(['SUP', 'DESK']);
    expect(shown.projectsWithRequests).toEqual(['SUP', 'DESK']);
    expect(shown.statement.contracts[0]).toMatchObject({ incidents: { received: 2 }, hours: { used: 1.5 } });
    expect(JSON.stringify(shown.statement)).toContain(keys.own);
    expect(JSON.stringify(shown.statement)).toContain(keys.shared);
    expect(JSON.stringify(shown.statement)).not.toContain(keys.beta);
  }
  expect([sup.value.projectKey, desk.value.projectKey]).toEqual(['SUP', 'DESK']);
  expect(sup.value.csv.filename).toBe('sla-SUP-DESK-client-a-2026-11-en.csv');
  // Client C lives in the shared desk only: its organization rule reaches SUP too, so SUP is read, but
  // only DESK holds its requests.
  const beta = await getProjectReport(
    app.reportDeps,
    { projectKey: 'DESK' },
    { contract: 'client-c', month: '2026-11' },
  );
  if (!beta.ok) throw new Error(beta.error.message);
  expect(beta.value.statement.contracts[0]).toMatchObject({ incidents: { received: 1 }, hours: { used: 2 } });
  expect([beta.value.projectKeys, beta.value.projectsWithRequests]).toEqual([['SUP', 'DESK'], ['DESK']]);
});

test('the gadget lists only the requests the viewer may browse, and hours only to an admin of the first project', async () => {
  app.standIn.setProjectPermissions('SUP', CUSTOMER, ['BROWSE_PROJECTS']);
  app.standIn.setProjectPermissions('DESK', CUSTOMER, []);
  app.standIn.setProjectPermissions('SUP', LEAD, ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS']);
  app.standIn.setProjectPermissions('DESK', LEAD, ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS']);
  const deps = asViewer();
  const gadgetAs = (accountId: string | undefined) =>
    getGadget(deps, { contract: 'client-a', month: '2026-11', lang: 'en' }, accountId ? { accountId } : {});

  const customer = await gadgetAs(CUSTOMER);
  if (!customer.ok) throw new Error(customer.error.message);
  expect(new Set(customer.value.breached.map((issue) => issue.key))).toEqual(new Set([keys.own]));
  expect(JSON.stringify(customer.value)).not.toContain(keys.shared);
  expect(customer.value.compliance.find((entry) => entry.clock === 'reaction')).toMatchObject({ due: 1 });
  expect(customer.value.hours).toEqual({ included: null, used: 0, remaining: null });

  const lead = await gadgetAs(LEAD);
  if (!lead.ok) throw new Error(lead.error.message);
  expect(new Set(lead.value.breached.map((issue) => issue.key))).toEqual(new Set([keys.own, keys.shared]));
  expect(lead.value.hours.used).toBe(1.5);

  // Nobody signed in: nothing.
  expect(await gadgetAs(undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
});

test('one report per contract and month is kept, and a change in any of its projects makes it stale', async () => {
  const loaded = await loadAppSettings(app.store);
  if (loaded === null || !loaded.ok) throw new Error('settings');
  const sweep = () => refreshStoredReports(app.reportDeps, loaded.settings, { budgetMs: 600_000 });
  const searchesBefore = app.standIn.requests().filter((entry) => entry.path.endsWith('/search/jql')).length;
  const first = await sweep();
  // Client A's and client C's statements both span SUP and DESK over the same window: each project is read once.
  expect(app.standIn.requests().filter((entry) => entry.path.endsWith('/search/jql')).length - searchesBefore).toBe(2);
  // Client A's report is computed once, though both SUP and DESK reach it.
  expect(first.computed.map((entry) => entry.contractId).sort()).toEqual(['client-a', 'client-c']);
  expect((await sweep()).computed).toEqual([]);
  const searches = () => app.standIn.requests().filter((entry) => entry.path.endsWith('/search/jql')).length;
  const before = searches();
  // The gadget and both pages read the kept report: no issue search.
  await getProjectReport(app.reportDeps, { projectKey: 'SUP' }, { contract: 'client-a', lang: 'en' });
  await getProjectReport(app.reportDeps, { projectKey: 'DESK' }, { contract: 'client-a', lang: 'en' });
  expect(searches()).toBe(before);

  app.setNow('2026-11-20T15:05');
  await markReportsStale(app.deps, 'DESK', ['client-a']);
  app.setNow('2026-11-20T15:06');
  expect((await sweep()).computed.map((entry) => entry.contractId)).toEqual(['client-a']);
  // The recomputation read both projects.
  expect(searches()).toBe(before + 2);
});

test("a rule naming the project by id narrows the page's contracts, as one naming it by key", async () => {
  const byId = MAPPING.replace('  rules:\n', '  rules:\n    - { project: "10001", contract: client-c }\n');
  await app.store.set(SETTINGS_KEYS.mapping, { text: byId, savedAtMs: app.nowMs() });
  const context = resolverContextOf({
    accountId: LEAD,
    extension: { project: { key: 'DESK', id: 10001, type: 'service_desk' } },
  });
  expect(context).toMatchObject({ projectKey: 'DESK', projectId: '10001' });
  const page = await getProjectReport(
    app.reportDeps,
    { projectKey: 'DESK', projectId: context.projectId },
    { lang: 'en' },
  );
  if (!page.ok) throw new Error(page.error.message);
  expect(page.value.contracts.map((contract) => contract.id)).toEqual(['client-c']);
  // The id is kept, so the page opened without it (and the sweep, which has no page context) match the rule too.
  const later = await getProjectReport(app.reportDeps, { projectKey: 'DESK' }, { lang: 'en' });
  expect(later.ok && later.value.contracts.map((contract) => contract.id)).toEqual(['client-c']);
});

test('the not-covered view asks Jira, as the user, for project admin rights; an ordinary user gets "forbidden"', async () => {
  app.standIn.setProjectPermissions('DESK', CUSTOMER, ['BROWSE_PROJECTS']);
  app.standIn.setProjectPermissions('DESK', LEAD, ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS']);
  const deps = asViewer();
  app.standIn.clearLog();
  // Whatever the browser sends in the payload does not count.
  const customer = await getNotCovered(
    deps,
    { projectKey: 'DESK', accountId: CUSTOMER },
    { month: '2026-11', admin: true, notCoveredView: true, ADMINISTER_PROJECTS: true },
  );
  expect(customer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  const asked = app.standIn.requests().filter((entry) => entry.path === '/rest/api/3/mypermissions');
  expect(asked.map((entry) => entry.query)).toEqual([{ projectKey: ['DESK'], permissions: ['ADMINISTER_PROJECTS'] }]);
  // No issue of the project was read for them.
  expect(app.standIn.requests().filter((entry) => entry.path.endsWith('/search/jql'))).toEqual([]);
  // Nobody signed in: forbidden too.
  expect(await getNotCovered(deps, { projectKey: 'DESK' }, { month: '2026-11' })).toMatchObject({
    ok: false,
    error: { code: 'forbidden' },
  });
  const lead = await getNotCovered(deps, { projectKey: 'DESK', accountId: LEAD }, { month: '2026-11', lang: 'en' });
  expect(lead.ok).toBe(true);
});
