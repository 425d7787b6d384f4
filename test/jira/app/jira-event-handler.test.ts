import { handleJiraEvent } from '../../../src/jira/app/jira-event-handler';
import { lastChangeMs } from '../../../src/jira/app/report-staleness';
import { escalationRecordKey } from '../../../src/jira/escalation/escalation-runner';
import { startAppHarness, type AppHarness } from '../e2e/jira-app-harness';

describe('handleJiraEvent', () => {
  let app: AppHarness;

  beforeEach(async () => {
    app = await startAppHarness('2026-11-09T10:00');
  });

  afterEach(async () => {
    expect(app.standIn.violations()).toEqual([]);
    await app.close();
  });

  it('drops the escalation record of a deleted issue without calling Jira', async () => {
    await app.store.set(escalationRecordKey('10001'), { done: ['0:resolution:1'], attempts: {}, log: [] });

    expect(await handleJiraEvent(app.deps, { eventType: 'avi:jira:deleted:issue', issue: { id: '10001', key: 'SUP-1' } }, 'evt')).toEqual({ kind: 'forgotten', issueId: '10001' });
    expect(await app.store.get(escalationRecordKey('10001'))).toBeUndefined();
    expect(app.standIn.stats().total).toBe(0);
  });

  it('marks reports stale on a worklog event without re-evaluating the issue', async () => {
    expect(await handleJiraEvent(app.deps, { eventType: 'avi:jira:updated:worklog', worklog: { id: 30001, issueId: 10001 } }, 'evt')).toEqual({ kind: 'worklog', issueId: '10001' });
    expect(await lastChangeMs(app.deps)).toBe(app.nowMs());
    expect(app.standIn.stats().total).toBe(0);
  });

  it('ignores events it does not know and issues of projects it does not serve', async () => {
    expect(await handleJiraEvent(app.deps, { eventType: 'avi:jira:viewed:issue', issue: { id: '1', key: 'SUP-1' } }, 'evt')).toEqual({ kind: 'ignored', reason: 'unknown_event' });
    const other = app.standIn.seedIssue({ project: 'OPS', created: app.nowMs() });
    expect(await handleJiraEvent(app.deps, { eventType: 'avi:jira:created:issue', issue: other }, 'evt')).toEqual({ kind: 'refreshed', outcome: { served: false, reason: 'project_not_served' } });
    expect(app.standIn.stats().writes).toBe(0);
  });
});
