import { getIssueSla } from '../../../src/jira/app/issue-panel-resolver';
import { getGadget } from '../../../src/jira/app/gadget-resolver';
import { getNotCovered, getProjectReport, type ViewerJira } from '../../../src/jira/app/project-report-resolver';
import { runSweep } from '../../../src/jira/app/sweep';
import { SLA_PROPERTY_KEY, slaPropertySchema } from '../../../src/jira/sla/sla-property';
import {
  SHARED_DESK_MAPPING,
  SHARED_DESK_ORGANIZATIONS,
  startAppHarness,
  type AppHarness,
} from '../e2e/jira-app-harness';

/**
 * A shared JSM desk DESK without a contract of its own: the mapping's contract rules give each
 * request its client by organization. The sweep and the issue panel (the app's own handlers, against
 * the Jira stand-in) take the contract the rules choose, and a request no rule covers is reported as
 * not covered instead of being evaluated under some contract.
 */
let app: AppHarness;
let keys: { alfa: string; beta: string; zeta: string };

beforeEach(async () => {
  app = await startAppHarness('2026-11-18T09:00', { mapping: SHARED_DESK_MAPPING });
  app.standIn.addProject({ key: 'DESK', id: '10001', typeKey: 'service_desk' });
  const seed = (name: string, id: string) =>
    app.standIn.seedIssue({
      project: 'DESK',
      created: '2026-11-18T09:00:00+03:00',
      status: 'Open',
      customFields: { [SHARED_DESK_ORGANIZATIONS]: [{ id, name }] },
    }).key;
  keys = { alfa: seed('Alfa LLC', '1'), beta: seed('Beta JSC', '2'), zeta: seed('Zeta Fund', '9') };
  app.setNow('2026-11-18T10:00');
});

afterEach(async () => {
  expect(app.standIn.violations()).toEqual([]);
  await app.close();
});

test("the sweep records each request under its client's contract and leaves the uncovered one alone", async () => {
  const sweep = await runSweep(app.deps, { runId: 'shared', budgetMs: 600_000, enqueue: async () => undefined });
  expect(sweep.errors).toEqual([]);
  const contractOf = (key: string) => {
    const stored = app.standIn.issueState(key).properties[SLA_PROPERTY_KEY];
    return stored === undefined ? null : slaPropertySchema.parse(stored).contract;
  };
  // The uncovered request is under no contract: its record names none.
  expect([contractOf(keys.alfa), contractOf(keys.beta), contractOf(keys.zeta)]).toEqual(['client-a', 'client-b', '']);
  expect(app.logs).toContainEqual(expect.objectContaining({ event: 'sla_not_covered', issue: keys.zeta }));
});

test('a request no rule covers shows "not covered" in the SLA field and the property, written once', async () => {
  const sweep = () => runSweep(app.deps, { runId: 'shared', budgetMs: 600_000, enqueue: async () => undefined });
  expect((await sweep()).errors).toEqual([]);
  const zeta = app.standIn.issueState(keys.zeta);
  const stored = slaPropertySchema.parse(zeta.properties[SLA_PROPERTY_KEY]);
  expect(stored).toMatchObject({
    slaState: 'not_covered',
    slaDueAt: null,
    slaTariff: '',
    contract: '',
    escalationAllowed: false,
    escalations: [],
  });
  expect(Object.values(zeta.appFieldValues)).toContainEqual(
    expect.objectContaining({ state: 'not_covered', label: 'Not covered', tariff: '' }),
  );
  const alfa = app.standIn.issueState(keys.alfa);
  expect(Object.values(alfa.appFieldValues)).toContainEqual(expect.objectContaining({ state: 'ok' }));

  // Time passes: nothing about an uncovered request changes, so nothing is written again.
  const before = app.standIn.issueState(keys.zeta);
  const zetaId = app.standIn.issueState(keys.zeta).id;
  const writesOfZeta = () =>
    app.standIn
      .requests()
      .filter(
        (entry) =>
          entry.write &&
          (entry.path.includes(`/issue/${zetaId}/`) || JSON.stringify(entry.body ?? '').includes(`${zetaId}`)),
      ).length;
  const writtenFirst = writesOfZeta();
  expect(writtenFirst).toBeGreaterThan(0);
  app.setNow('2026-11-18T18:00');
  expect((await sweep()).errors).toEqual([]);
  expect(writesOfZeta()).toBe(writtenFirst);
  const after = app.standIn.issueState(keys.zeta);
  expect(after.properties[SLA_PROPERTY_KEY]).toEqual(before.properties[SLA_PROPERTY_KEY]);
  expect(after.appFieldValues).toEqual(before.appFieldValues);
});

test('the issue panel shows the contract the rules chose, and says why a request is not covered', async () => {
  const beta = await getIssueSla(app.deps, app.reportDeps, { issueKey: keys.beta });
  expect(beta.ok && beta.value.contract.id).toBe('client-b');
  const zeta = await getIssueSla(app.deps, app.reportDeps, { issueKey: keys.zeta });
  expect(zeta).toEqual({
    ok: false,
    error: {
      code: 'not_covered',
      path: ['issues', keys.zeta],
      message: expect.stringContaining(
        'not covered: no contract rule matched project "DESK", "10001", organizations "Zeta Fund", "9"',
      ),
    },
  });
});

test("the project page of a shared desk offers each client's statement, built from that client's requests only", async () => {
  app.standIn.addWorklog(keys.alfa, { started: Date.parse('2026-11-18T09:30:00+03:00'), seconds: 3600 });
  app.standIn.addWorklog(keys.beta, { started: Date.parse('2026-11-18T09:30:00+03:00'), seconds: 1800 });
  app.standIn.addWorklog(keys.zeta, { started: Date.parse('2026-11-18T09:30:00+03:00'), seconds: 7200 });
  const pageOf = (contract?: string) =>
    getProjectReport(
      app.reportDeps,
      { projectKey: 'DESK' },
      { month: '2026-11', lang: 'en', ...(contract ? { contract } : {}) },
    );
  const first = await pageOf();
  if (!first.ok) throw new Error(first.error.message);
  expect(first.value.contracts.map((contract) => contract.id)).toEqual(['client-a', 'client-b']);
  expect(first.value.contractId).toBe('client-a');
  expect(first.value.notCoveredView).toBe(true);
  const beta = await pageOf('client-b');
  if (!beta.ok) throw new Error(beta.error.message);
  const figures = (page: typeof first) =>
    page.ok ? [page.value.statement.contracts[0].incidents.received, page.value.statement.contracts[0].hours.used] : [];
  expect(figures(first)).toEqual([1, 1]);
  expect(figures(beta)).toEqual([1, 0.5]);
  // Privacy: neither client's statement names the other's request nor the one no contract covers.
  expect(JSON.stringify(beta.value)).not.toContain(keys.alfa);
  for (const page of [first.value, beta.value]) {
    expect(JSON.stringify(page.statement)).not.toContain(keys.zeta);
    expect(JSON.stringify(page.statement)).not.toContain('Zeta Fund');
  }
  expect(beta.value.csv.filename).toBe('sla-DESK-client-b-2026-11-en.csv');
  // A contract the project's rules never reach is refused.
  expect(await pageOf('client-d')).toMatchObject({
    ok: false,
    error: { code: 'unknown_contract', path: ['contract'] },
  });
});

test("the provider's not-covered view lists the request no rule covers, with what the rules saw", async () => {
  const view = await getNotCovered(app.reportDeps, { projectKey: 'DESK' }, { month: '2026-11', lang: 'en' });
  if (!view.ok) throw new Error(view.error.message);
  expect(view.value.requests).toEqual([
    expect.objectContaining({
      key: keys.zeta,
      createdAt: '2026-11-18T09:00:00.000+03:00',
      reason: expect.stringContaining('organizations "Zeta Fund", "9"'),
    }),
  ]);
});

test('the not-covered view is for project admins only; a client viewer gets "forbidden"', async () => {
  const viewer: ViewerJira = {
    checkPermissions: async () => ({ issueIds: new Set<string>(), projectIds: new Set<string>() }),
    getMyPermissions: async () => ({ ADMINISTER_PROJECTS: false }),
  };
  const deps = { ...app.reportDeps, viewerJira: () => viewer };
  const view = await getNotCovered(deps, { projectKey: 'DESK', accountId: 'client-1' }, { month: '2026-11' });
  expect(view).toMatchObject({ ok: false, error: { code: 'forbidden' } });
});

test("one client's change leaves the other client's kept report current in the shared desk", async () => {
  const { refreshStoredReports } = await import('../../../src/jira/report/project-report-store');
  const { loadAppSettings } = await import('../../../src/jira/config/app-settings');
  const { markReportsStale } = await import('../../../src/jira/app/report-staleness');
  const loaded = await loadAppSettings(app.store);
  if (loaded === null || !loaded.ok) throw new Error('settings');
  const sweep = () => refreshStoredReports(app.reportDeps, loaded.settings, { budgetMs: 600_000 });
  const first = await sweep();
  expect(first.computed.map((entry) => [entry.projectKey, entry.contractId])).toEqual([
    ['DESK', 'client-a'],
    ['DESK', 'client-b'],
  ]);
  expect((await sweep()).computed).toEqual([]);
  app.setNow('2026-11-18T10:05');
  await markReportsStale(app.deps, 'DESK', ['client-b']);
  app.setNow('2026-11-18T10:06');
  expect((await sweep()).computed.map((entry) => entry.contractId)).toEqual(['client-b']);
  // A change the triggers cannot place (an issue without a record yet) makes every client's report stale.
  app.setNow('2026-11-18T10:07');
  await markReportsStale(app.deps, 'DESK');
  app.setNow('2026-11-18T10:08');
  expect((await sweep()).computed.map((entry) => entry.contractId)).toEqual(['client-a', 'client-b']);
});

test("the gadget's configuration offers the shared desk's clients and shows one of them", async () => {
  const gadget = await getGadget(app.reportDeps, { contract: 'client-b', month: '2026-11', lang: 'en' });
  if (!gadget.ok) throw new Error(gadget.error.message);
  expect(gadget.value.contracts.map((contract) => contract.id)).toEqual(['client-a', 'client-b']);
  expect(gadget.value.contract.id).toBe('client-b');
  expect(gadget.value.breached.map((issue) => issue.key)).not.toContain(keys.alfa);
  expect([...gadget.value.breached, ...gadget.value.atRisk].every((issue) => issue.key === keys.beta)).toBe(true);
});
