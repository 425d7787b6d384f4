import { getIssueSla } from '../../../src/jira/app/issue-panel-resolver';
import { getProjectReport } from '../../../src/jira/app/project-report-resolver';
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

test('the project page of a shared desk says it builds no per-contract statement yet, instead of an empty month', async () => {
  const page = await getProjectReport(app.reportDeps, { projectKey: 'DESK' }, { month: '2026-11', lang: 'en' });
  expect(page).toEqual({
    ok: false,
    error: {
      code: 'shared_project',
      path: ['projects', 'DESK'],
      message: expect.stringContaining('shared by several contracts'),
    },
  });
});
