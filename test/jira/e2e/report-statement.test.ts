import type { IssueHistory } from '../../../src/core/history/issue-history';
import { evaluatePortfolio } from '../../../src/core/sla/evaluate-portfolio';
import { buildMonthlyStatement } from '../../../src/core/statement/monthly-statement';
import { statementToJson } from '../../../src/core/statement/statement-json';
import { getProjectReport } from '../../../src/jira/app/project-report-resolver';
import { AGENT, exampleCatalog, LEAD, msk, useAppHarness, type AppHarness } from './jira-app-harness';

/** One issue of project PKG (contract client-d, 25-hour package), written once for Jira and once for the engine. */
interface Seed {
  created: string;
  priority: 'High' | 'Medium';
  type: 'Incident' | 'Service request';
  changes: Array<{ at: string; status: string }>;
  worklogs: Array<{ started: string; minutes: number; author: string }>;
}

const SEEDS: Seed[] = [
  {
    created: '2026-11-02T09:30',
    priority: 'High',
    type: 'Incident',
    changes: [
      { at: '2026-11-02T10:00', status: 'In Progress' },
      { at: '2026-11-02T15:00', status: 'Resolved' },
    ],
    worklogs: [{ started: '2026-11-02T10:00', minutes: 240, author: AGENT }],
  },
  {
    created: '2026-11-05T11:00',
    priority: 'Medium',
    type: 'Service request',
    changes: [
      { at: '2026-11-05T16:00', status: 'In Progress' },
      { at: '2026-11-06T12:00', status: 'Waiting for customer' },
      { at: '2026-11-09T10:00', status: 'In Progress' },
    ],
    worklogs: [
      { started: '2026-11-05T16:00', minutes: 90, author: AGENT },
      { started: '2026-11-09T10:00', minutes: 600, author: LEAD },
    ],
  },
  {
    created: '2026-10-28T14:00',
    priority: 'Medium',
    type: 'Incident',
    changes: [{ at: '2026-10-29T09:30', status: 'In Progress' }],
    worklogs: [
      { started: '2026-10-29T10:00', minutes: 120, author: AGENT },
      { started: '2026-11-03T10:00', minutes: 1200, author: AGENT },
    ],
  },
];

const PRIORITY = { High: 'high', Medium: 'normal' } as const;
/** The statement names people by display name (the stand-in's users), never by account id. */
const NAMES: Readonly<Record<string, string>> = { [AGENT]: 'Dana Agent', [LEAD]: 'Lee Lead' };
const TYPE = { Incident: 'incident', 'Service request': 'consultation' } as const;

describe('the project page report', () => {
  let app: AppHarness;
  useAppHarness('2026-11-20T15:00', (started) => (app = started));

  it('matches the statement the engine builds from the same issues', async () => {
    const expected: IssueHistory[] = [];
    for (const seed of SEEDS) {
      const issue = app.standIn.seedIssue({
        project: 'PKG',
        created: msk(seed.created),
        priority: seed.priority,
        issueType: seed.type,
        status: 'Open',
        history: seed.changes.map((change) => ({ at: msk(change.at), status: change.status, author: AGENT })),
      });
      const worklogIds = seed.worklogs.map(
        (worklog) =>
          app.standIn.addWorklog(issue.key, {
            started: msk(worklog.started),
            seconds: worklog.minutes * 60,
            author: worklog.author,
          }).id,
      );
      let previous = 'New';
      expected.push({
        key: issue.key,
        contractId: 'client-d',
        type: TYPE[seed.type],
        priority: PRIORITY[seed.priority],
        status: 'New',
        createdAtMs: msk(seed.created),
        summary: `Issue ${expected.length + 1} of PKG`,
        line: 'L1',
        events: seed.changes.map((change) => {
          const event = {
            atMs: msk(change.at),
            kind: 'status' as const,
            to: change.status,
            from: previous,
            by: NAMES[AGENT],
          };
          previous = change.status;
          return event;
        }),
        worklogs: seed.worklogs.map((worklog, index) => ({
          id: worklogIds[index],
          atMs: msk(worklog.started),
          minutes: worklog.minutes,
          author: NAMES[worklog.author],
          line: 'L1',
        })),
      });
    }
    const catalog = exampleCatalog();
    const nowMs = app.nowMs();
    const engine = statementToJson(
      buildMonthlyStatement(catalog, expected, evaluatePortfolio(catalog, expected, nowMs), {
        month: '2026-11',
        contractIds: ['client-d'],
      }),
      'ru',
    );

    const answer = await getProjectReport(app.reportDeps, { projectKey: 'PKG' }, { month: '2026-11', lang: 'ru' });

    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value.statement).toEqual(engine);
    expect(answer.value.statement.contracts[0].hours).toMatchObject({ package: 'monthly', included: 25, used: 35.5 });
    expect(answer.value.months).toEqual(['2026-11', '2026-10', '2026-09']);
    expect(answer.value.csv.text.split('\r\n')[0]).toMatch(/^contract_id,contract_name,month/);
    expect(answer.value.charts.burndown).toContain('<svg');
  });

  it('is kept in storage and shown from there; a change in its own project makes it stale, and the sweep recomputes that project only', async () => {
    const { handleJiraEvent } = await import('../../../src/jira/app/jira-event-handler');
    const { refreshStoredReports } = await import('../../../src/jira/report/project-report-store');
    const { loadAppSettings } = await import('../../../src/jira/config/app-settings');
    const loaded = await loadAppSettings(app.store);
    if (loaded === null || !loaded.ok) throw new Error('settings');
    const sweepReports = () => refreshStoredReports(app.reportDeps, loaded.settings, { budgetMs: 60_000 });
    const issue = app.standIn.seedIssue({ project: 'PKG', created: msk('2026-11-02T09:30'), status: 'Open' });
    const other = app.standIn.seedIssue({ project: 'SUP', created: msk('2026-11-02T09:30'), status: 'Open' });
    await handleJiraEvent(app.deps, { eventType: 'avi:jira:created:issue', issue }, 'evt');
    await handleJiraEvent(app.deps, { eventType: 'avi:jira:created:issue', issue: other }, 'evt');
    // The sweep computes the current month of every served project in the mapping's language.
    app.setNow('2026-11-20T15:01');
    expect((await sweepReports()).computed.map((entry) => entry.projectKey)).toEqual(['PKG', 'SUP']);
    const requests = app.standIn.stats().total;

    const shown = await getProjectReport(app.reportDeps, { projectKey: 'PKG' }, { month: '2026-11', lang: 'en' });
    expect(shown).toMatchObject({ ok: true });
    expect(shown.ok && shown.value.stale).toBeUndefined();
    expect(app.standIn.stats().total).toBe(requests);
    expect((await sweepReports()).computed).toEqual([]);

    // A worklog in SUP leaves PKG's report current.
    app.setNow('2026-11-20T15:02');
    await handleJiraEvent(
      app.deps,
      { eventType: 'avi:jira:created:worklog', worklog: { id: '1', issueId: other.id } },
      'evt',
    );
    const afterOther = app.standIn.stats().total;
    const stillCurrent = await getProjectReport(
      app.reportDeps,
      { projectKey: 'PKG' },
      { month: '2026-11', lang: 'en' },
    );
    expect(stillCurrent.ok && stillCurrent.value.stale).toBeUndefined();
    expect(app.standIn.stats().total).toBe(afterOther);
    expect((await sweepReports()).computed.map((entry) => entry.projectKey)).toEqual(['SUP']);

    // A worklog in PKG: the page shows the kept report flagged stale, without asking Jira; the sweep recomputes PKG only.
    app.setNow('2026-11-20T15:03');
    await handleJiraEvent(
      app.deps,
      { eventType: 'avi:jira:created:worklog', worklog: { id: '1', issueId: issue.id } },
      'evt',
    );
    const beforeStale = app.standIn.stats().total;
    const stale = await getProjectReport(app.reportDeps, { projectKey: 'PKG' }, { month: '2026-11', lang: 'en' });
    expect(stale).toMatchObject({ ok: true, value: { stale: true } });
    expect(app.standIn.stats().total).toBe(beforeStale);
    app.setNow('2026-11-20T15:04');
    expect((await sweepReports()).computed).toEqual([
      { projectKey: 'PKG', contractId: 'client-d', month: '2026-11', lang: 'en' },
    ]);
    expect(app.standIn.stats().total).toBeGreaterThan(beforeStale);
    const fresh = await getProjectReport(app.reportDeps, { projectKey: 'PKG' }, { month: '2026-11', lang: 'en' });
    expect(fresh.ok && fresh.value.stale).toBeUndefined();
  });

  it('a new catalog version makes every project stale, and is shown at once', async () => {
    const { refreshStoredReports } = await import('../../../src/jira/report/project-report-store');
    const { loadAppSettings, SETTINGS_KEYS } = await import('../../../src/jira/config/app-settings');
    const { EXAMPLE_CATALOG } = await import('./jira-app-harness');
    const settingsNow = async () => {
      const loaded = await loadAppSettings(app.store);
      if (loaded === null || !loaded.ok) throw new Error('settings');
      return loaded.settings;
    };
    app.standIn.seedIssue({ project: 'PKG', created: msk('2026-11-02T09:30'), status: 'Open' });
    await refreshStoredReports(app.reportDeps, await settingsNow(), { budgetMs: 60_000 });
    const before = await getProjectReport(app.reportDeps, { projectKey: 'PKG' }, { month: '2026-11', lang: 'en' });
    if (!before.ok) throw new Error(before.error.message);
    expect((await refreshStoredReports(app.reportDeps, await settingsNow(), { budgetMs: 60_000 })).computed).toEqual(
      [],
    );

    const renamed = EXAMPLE_CATALOG.replace(before.value.contractName, 'Renamed client');
    expect(renamed).not.toBe(EXAMPLE_CATALOG);
    await app.store.set(SETTINGS_KEYS.catalog, { text: renamed, savedAtMs: app.nowMs() });
    const after = await getProjectReport(app.reportDeps, { projectKey: 'PKG' }, { month: '2026-11', lang: 'en' });
    expect(after).toMatchObject({ ok: true, value: { contractName: 'Renamed client' } });
    // PKG's month was computed again by the page; SUP's current month still has the old version.
    const again = await refreshStoredReports(app.reportDeps, await settingsNow(), { budgetMs: 60_000 });
    expect(again.computed.map((entry) => entry.projectKey)).toEqual(['SUP']);
  });

  it('reads the worklogs of many issues from the worklog change feed instead of issue by issue', async () => {
    for (let index = 0; index < 45; index++) {
      const issue = app.standIn.seedIssue({ project: 'PKG', created: msk('2026-11-10T10:00'), status: 'Open' });
      app.standIn.addWorklog(issue.key, { started: msk('2026-11-10T11:00'), seconds: 1800, author: AGENT });
    }
    app.standIn.seedIssue({ project: 'SUP', created: msk('2026-11-10T10:00'), status: 'Open' });
    app.standIn.addWorklog('SUP-1', { started: msk('2026-11-10T11:00'), seconds: 36_000, author: AGENT });

    const answer = await getProjectReport(app.reportDeps, { projectKey: 'PKG' }, { month: '2026-11', lang: 'en' });

    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value.statement.contracts[0].hours.used).toBe(22.5);
    const operations = app.standIn.stats().byOperation;
    expect(operations['GET /rest/api/3/issue/{issueIdOrKey}/worklog']).toBeUndefined();
    expect(operations['POST /rest/api/3/worklog/list']).toBe(1);
  });

  it('answers with an error as data for a project no contract serves', async () => {
    const answer = await getProjectReport(app.reportDeps, { projectKey: 'OPS' }, { month: '2026-11' });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'project_not_served', path: ['projects', 'OPS'], message: expect.stringContaining('not mapped') },
    });
  });
});
