/**
 * What the app costs in Jira requests, counted by the stand-in: the issue panel reads only its issue
 * whatever the project's size; the five-minute sweep asks only for what is due.
 */
import { runDueSweep } from '../../../src/jira/app/due-sweep';
import { getIssueSla } from '../../../src/jira/app/issue-panel-resolver';
import { handleJiraEvent } from '../../../src/jira/app/jira-event-handler';
import { AGENT, msk, startAppHarness, type AppHarness } from './jira-app-harness';

describe('bounded Jira costs', () => {
  let app: AppHarness;

  afterEach(async () => {
    expect(app.standIn.violations()).toEqual([]);
    await app.close();
  });

  it('opening the issue panel costs at most 3 requests on a cold cache in a 5 000-issue project', async () => {
    app = await startAppHarness('2026-11-09T12:00');
    for (let index = 0; index < 5_000; index++) {
      app.standIn.seedIssue({
        project: 'SUP',
        created: msk('2026-11-02T09:00') + index * 60_000,
        priority: 'Medium',
        status: 'Open',
        worklogs: index % 7 === 0 ? [{ started: msk('2026-11-03T10:00'), seconds: 1800, author: AGENT }] : [],
      });
    }
    const target = app.standIn.seedIssue({
      project: 'SUP',
      created: msk('2026-11-09T10:00'),
      priority: 'High',
      status: 'Open',
      history: [{ at: msk('2026-11-09T10:30'), status: 'In Progress', author: AGENT }],
      worklogs: [{ started: msk('2026-11-09T10:40'), seconds: 2700, author: AGENT }],
    });
    app.standIn.clearLog();

    const answer = await getIssueSla(app.deps, app.reportDeps, { issueKey: target.key });

    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value).toMatchObject({ issueKey: target.key, hours: { issueHours: 0.75 } });
    expect(answer.value.explain).toContain('Dana Agent');
    expect(app.standIn.stats().total).toBeLessThanOrEqual(3);
    expect(app.standIn.stats().writes).toBe(0);
  });

  it('a sweep with nothing due and nothing changed costs 1 search and no write, whatever the number of open issues', async () => {
    app = await startAppHarness('2026-11-09T10:00');
    for (let index = 0; index < 150; index++)
      app.standIn.seedIssue({ project: 'SUP', created: msk('2026-11-09T10:00'), priority: 'Medium', status: 'Open' });
    // The first sweep gives the 150 new issues their records in bulk (one search, one changelog batch) and
    // publishes the served projects for the display conditions; later sweeps are steady. (Built through 150
    // creation events instead, the fixture cost ~1 000 stand-in requests — each event's daily-limit search
    // pages through the day's issues so far — and took up to 30 s under load.)
    const first = await runDueSweep(app.deps, { runId: 'first', budgetMs: 60_000 });
    expect(first).toMatchObject({ changed: 150, issues: 150, errors: [] });
    app.setNow('2026-11-09T10:20');
    app.standIn.clearLog();
    const writesBefore = app.store.writes.length;

    const result = await runDueSweep(app.deps, { runId: 'steady', budgetMs: 60_000 });

    expect(result).toMatchObject({ due: 0, changed: 0, issues: 0 });
    expect(app.standIn.stats()).toMatchObject({ total: 1, writes: 0 });
    expect(app.store.writes.length).toBe(writesBefore);
  });

  it('a sweep reads the issues whose next transition has come, and only those', async () => {
    app = await startAppHarness('2026-11-09T10:00');
    const early = [];
    for (let index = 0; index < 120; index++) {
      const created = index < 30 ? msk('2026-11-09T10:00') : msk('2026-11-09T12:00');
      early.push(app.standIn.seedIssue({ project: 'SUP', created, priority: 'Medium', status: 'Open' }));
    }
    app.setNow('2026-11-09T12:00');
    for (const issue of early)
      await handleJiraEvent(app.deps, { eventType: 'avi:jira:created:issue', issue }, 'created');
    await runDueSweep(app.deps, { runId: 'first', budgetMs: 60_000, changedWithinMinutes: 1 });
    // 13:15: the 30 issues of 10:00 crossed 80 % of their 4-hour reaction target at 13:12; the 90 of 12:00 have not.
    app.setNow('2026-11-09T13:15');
    app.standIn.clearLog();
    const result = await runDueSweep(app.deps, { runId: 'due', budgetMs: 60_000, changedWithinMinutes: 1 });

    expect(result).toMatchObject({ due: 30, issues: 30, errors: [] });
    const byOperation = app.standIn.stats().byOperation;
    // 1 changed-issues search + 1 page of the 30 due ids + 1 changelog batch, then the writes of what changed.
    expect(byOperation['GET /rest/api/3/search/jql']).toBe(2);
    expect(byOperation['POST /rest/api/3/changelog/bulkfetch']).toBe(1);
    // Five minutes later nothing is due; the issues the escalation comments touched are looked at once more and nothing is written.
    app.setNow('2026-11-09T13:20');
    const writes = app.standIn.stats().writes;
    const again = await runDueSweep(app.deps, { runId: 'due-again', budgetMs: 60_000, changedWithinMinutes: 10 });
    expect(again).toMatchObject({ due: 0, propertyWrites: 0, fieldWrites: 0, escalations: 0 });
    expect(app.standIn.stats().writes).toBe(writes);
  });
});
