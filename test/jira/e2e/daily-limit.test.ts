import { refreshIssue } from '../../../src/jira/app/refresh-issue';
import { runSweep } from '../../../src/jira/app/sweep';
import { loadAppSettings } from '../../../src/jira/config/app-settings';
import { SLA_PROPERTY_KEY, slaPropertySchema } from '../../../src/jira/sla/sla-property';
import { AGENT, msk, seedIncidents, useAppHarness, type AppHarness } from './jira-app-harness';

/**
 * The daily incident limit in Jira (SUP: client-a on Базовый until 16 Nov 2026, 5 incidents a day):
 * the field, the property and the panel show it, ranked among every incident of the day.
 */
describe('over the daily limit in Jira', () => {
  let app: AppHarness;
  useAppHarness('2026-11-09T08:00', (started) => (app = started));

  const overLimit = (key: string) =>
    slaPropertySchema.parse(app.standIn.issueState(key).properties[SLA_PROPERTY_KEY]).slaOverLimit;

  it('ranks a sweep batch among the earlier batches of the same sweep, and a steady sweep searches no more than its pages', async () => {
    // 105 incidents on one day: two search pages (100 + 5), two batches.
    const keys = seedIncidents(app, 105, '2026-11-09T09:00', 60_000);
    app.setNow('2026-11-09T12:00');
    const sweep = () =>
      runSweep(app.deps, { runId: 'sweep', budgetMs: 600_000, batchSize: 1, enqueue: async () => undefined });
    expect((await sweep()).errors).toEqual([]);
    expect(keys.map(overLimit)).toEqual(keys.map((_, index) => index >= 5));

    const searches = () => app.standIn.requests().filter((request) => request.path.endsWith('/search/jql')).length;
    const before = searches();
    const steady = await sweep();
    // The second batch is ranked among the first: no search for the day's issues, only the pages (SUP's two, PKG's one).
    expect([steady.propertyWrites, steady.fieldWrites, searches() - before]).toEqual([0, 0, 3]);
  });

  it('counts the incidents of the day that were closed long ago when one issue is refreshed', async () => {
    seedIncidents(app, 5, '2026-11-09T09:00', 600_000, () => ({
      history: [{ at: msk('2026-11-09T10:30'), status: 'Resolved', author: AGENT }],
    }));
    const sixth = app.standIn.seedIssue({
      project: 'SUP',
      created: msk('2026-11-09T11:00'),
      priority: 'Medium',
      issueType: 'Incident',
      status: 'Open',
    });
    app.setNow('2026-11-12T12:00');
    const loaded = await loadAppSettings(app.store);
    if (loaded === null || !loaded.ok) throw new Error('settings');
    await refreshIssue(app.deps, loaded.settings, sixth.key, { runId: 'trigger' });
    expect(overLimit(sixth.key)).toBe(true);
    const field = Object.values(app.standIn.issueState(sixth.key).appFieldValues)[0];
    expect(field).toMatchObject({ overLimit: true, label: expect.stringContaining('over the daily limit') });
    // The sweep no longer sees the closed ones, but keeps the answer: Jira is asked for them again.
    await runSweep(app.deps, { runId: 'sweep', budgetMs: 600_000, enqueue: async () => undefined });
    expect(overLimit(sixth.key)).toBe(true);
  });
});
