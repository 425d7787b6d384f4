/**
 * The project page shows each viewer what Jira lets them see: issues under issue security the viewer may
 * not browse are left out (and their hours with them), and hours and charges only reach the roles the
 * mapping allows (project admins by default). Permissions are the stand-in's, asked as the viewer.
 */
import type { ReportDeps } from '../../../src/jira/app/project-report-resolver';
import { getProjectReport } from '../../../src/jira/app/project-report-resolver';
import { handleJiraEvent } from '../../../src/jira/app/jira-event-handler';
import { createJiraClient } from '../../../src/jira/client/jira-client';
import { fetchTransport } from '../client/stand-in-client';
import { AS_USER_PREFIX } from '../stand-in/jira-stand-in';
import { AGENT, CUSTOMER, LEAD, msk, useAppHarness, type AppHarness } from './jira-app-harness';

function viewerDeps(app: AppHarness): ReportDeps {
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

describe('the project page as each viewer may see it', () => {
  let app: AppHarness;
  useAppHarness('2026-11-20T15:00', (started) => (app = started));

  it('a viewer without browse permission on an issue does not see it or its hours; a project admin sees all', async () => {
    // Two breached incidents of PKG with work logged; the second is under issue security (the lead and the agent only).
    const open = app.standIn.seedIssue({
      project: 'PKG',
      summary: 'Printer',
      created: msk('2026-11-02T09:30'),
      priority: 'High',
      status: 'Open',
      worklogs: [{ started: msk('2026-11-02T10:00'), seconds: 3 * 3600, author: AGENT }],
    });
    const secret = app.standIn.seedIssue({
      project: 'PKG',
      summary: 'Payroll leak',
      created: msk('2026-11-03T09:30'),
      priority: 'High',
      status: 'Open',
      worklogs: [{ started: msk('2026-11-03T10:00'), seconds: 5 * 3600, author: LEAD }],
    });
    for (const issue of [open, secret])
      await handleJiraEvent(app.deps, { eventType: 'avi:jira:created:issue', issue }, 'created');
    app.standIn.restrictIssue(secret.key, [LEAD, AGENT]);
    app.standIn.setProjectPermissions('PKG', CUSTOMER, ['BROWSE_PROJECTS']);
    app.standIn.setProjectPermissions('PKG', LEAD, ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS']);
    const deps = viewerDeps(app);

    const customer = await getProjectReport(
      deps,
      { projectKey: 'PKG', accountId: CUSTOMER },
      { month: '2026-11', lang: 'en' },
    );
    const lead = await getProjectReport(deps, { projectKey: 'PKG', accountId: LEAD }, { month: '2026-11', lang: 'en' });

    if (!customer.ok || !lead.ok) throw new Error('report failed');
    const text = (value: unknown) => JSON.stringify(value);
    // The customer: only the issue they may browse, no hours, no charges, no CSV.
    expect(text(customer.value.statement)).toContain(open.key);
    expect(text([customer.value.statement, customer.value.blocks])).not.toContain(`"${secret.key}"`);
    expect(text(customer.value)).not.toContain('Payroll leak');
    expect(customer.value.statement.contracts[0]?.incidents.received).toBe(1);
    expect(customer.value).toMatchObject({ hoursHidden: true, csv: { text: '' }, charts: { burndown: '' } });
    expect(customer.value.statement.contracts[0]?.hours.used).toBe(0);
    expect(customer.value.statement.contracts[0]?.ledger).toEqual([]);
    // The project admin: both issues and all 8 hours.
    expect(text(lead.value.statement)).toContain(secret.key);
    expect(lead.value.statement.contracts[0]?.incidents.received).toBe(2);
    expect(lead.value).toMatchObject({ hoursHidden: false });
    expect(lead.value.statement.contracts[0]?.hours.used).toBe(8);
    expect(lead.value.csv.text).not.toBe('');
    expect(text(lead.value.statement.contracts[0]?.ledger)).toContain('"author":"Lee Lead"');
    // The permission check was asked as the viewer, in bulk.
    expect(
      app.standIn.requests().filter((request) => request.template === '/rest/api/3/permissions/check'),
    ).toHaveLength(2);
  });

  it('a manual refresh computes the report at once, and a second one within five minutes is refused with refresh_limited', async () => {
    app.standIn.seedIssue({ project: 'PKG', created: msk('2026-11-02T09:30'), status: 'Open' });
    const first = await getProjectReport(
      app.reportDeps,
      { projectKey: 'PKG' },
      { month: '2026-11', lang: 'en', fresh: true },
    );
    expect(first).toMatchObject({ ok: true });
    const afterFirst = app.standIn.stats().total;

    app.setNow('2026-11-20T15:04');
    const limited = await getProjectReport(
      app.reportDeps,
      { projectKey: 'PKG' },
      { month: '2026-11', lang: 'en', fresh: true },
    );
    expect(limited).toMatchObject({ ok: false, error: { code: 'refresh_limited', path: ['fresh'] } });
    expect(!limited.ok && limited.error.message).toMatch(/can be refreshed again in \d+ s/);
    expect(app.standIn.stats().total).toBe(afterFirst);
    // Another project's refresh is its own.
    const other = await getProjectReport(
      app.reportDeps,
      { projectKey: 'SUP' },
      { month: '2026-11', lang: 'en', fresh: true },
    );
    expect(other).toMatchObject({ ok: true });

    app.setNow('2026-11-20T15:05:30');
    const later = await getProjectReport(
      app.reportDeps,
      { projectKey: 'PKG' },
      { month: '2026-11', lang: 'en', fresh: true },
    );
    expect(later).toMatchObject({ ok: true });
    expect(app.standIn.stats().total).toBeGreaterThan(afterFirst);
  });

  it('a new catalog version (a renamed contract) is shown at once, without a refresh', async () => {
    app.standIn.seedIssue({ project: 'PKG', created: msk('2026-11-02T09:30'), status: 'Open' });
    const before = await getProjectReport(app.reportDeps, { projectKey: 'PKG' }, { month: '2026-11', lang: 'en' });
    if (!before.ok) throw new Error(before.error.message);
    const { SETTINGS_KEYS } = await import('../../../src/jira/config/app-settings');
    const { EXAMPLE_CATALOG } = await import('./jira-app-harness');
    const renamed = EXAMPLE_CATALOG.replace(before.value.contractName, 'Renamed client');
    expect(renamed).not.toBe(EXAMPLE_CATALOG);
    await app.store.set(SETTINGS_KEYS.catalog, { text: renamed, savedAtMs: app.nowMs() });

    const after = await getProjectReport(app.reportDeps, { projectKey: 'PKG' }, { month: '2026-11', lang: 'en' });
    expect(after).toMatchObject({ ok: true, value: { contractName: 'Renamed client' } });
  });
});
