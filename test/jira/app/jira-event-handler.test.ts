import { handleJiraEvent } from '../../../src/jira/app/jira-event-handler';
import { lastChangeMs } from '../../../src/jira/app/report-staleness';
import { escalationRecordKey } from '../../../src/jira/escalation/escalation-runner';
import { issueFactsKey } from '../../../src/jira/sla/issue-facts';
import { useAppHarness, type AppHarness } from '../e2e/jira-app-harness';

describe('handleJiraEvent', () => {
  let app: AppHarness;
  useAppHarness('2026-11-09T10:00', (started) => (app = started));

  it('drops the records of a deleted issue of a served project without calling Jira', async () => {
    await app.store.set(escalationRecordKey('10001'), { done: ['0:resolution:1'], attempts: {}, log: [] });

    expect(
      await handleJiraEvent(
        app.deps,
        { eventType: 'avi:jira:deleted:issue', issue: { id: '10001', key: 'SUP-1' } },
        'evt',
      ),
    ).toEqual({ kind: 'forgotten', issueId: '10001' });
    expect(await app.store.get(escalationRecordKey('10001'))).toBeUndefined();
    expect(app.standIn.stats().total).toBe(0);
  });

  it("marks the reports of the issue's contract in its project stale on a worklog event, without calling Jira", async () => {
    const issue = app.standIn.seedIssue({ project: 'SUP', created: app.nowMs() });
    await handleJiraEvent(app.deps, { eventType: 'avi:jira:created:issue', issue }, 'evt');
    app.standIn.clearLog();
    app.setNow('2026-11-09T10:05');

    expect(
      await handleJiraEvent(
        app.deps,
        { eventType: 'avi:jira:updated:worklog', worklog: { id: 30001, issueId: Number(issue.id) } },
        'evt',
      ),
    ).toEqual({ kind: 'worklog', issueId: issue.id });
    expect(await lastChangeMs(app.deps, 'SUP', 'client-a')).toBe(app.nowMs());
    // The app's record names the issue's contract: another contract's reports in SUP stay current.
    expect(await lastChangeMs(app.deps, 'SUP', 'client-b')).toBeLessThan(app.nowMs());
    expect(await lastChangeMs(app.deps, 'PKG')).toBe(0);
    expect(app.standIn.stats().total).toBe(0);
  });

  it('ignores events it does not know', async () => {
    expect(
      await handleJiraEvent(app.deps, { eventType: 'avi:jira:viewed:issue', issue: { id: '1', key: 'SUP-1' } }, 'evt'),
    ).toEqual({ kind: 'ignored', reason: 'unknown_event' });
  });

  it('an event of a project no contract applies to costs 0 Jira requests and 0 storage writes', async () => {
    const other = app.standIn.seedIssue({ project: 'OPS', created: app.nowMs() });
    const writesBefore = app.store.writes.length;
    const payloads = [
      { eventType: 'avi:jira:created:issue', issue: { ...other, fields: { project: { key: 'OPS' } } } },
      { eventType: 'avi:jira:updated:issue', issue: other },
      { eventType: 'avi:jira:commented:issue', issue: other },
      { eventType: 'avi:jira:deleted:issue', issue: other },
      { eventType: 'avi:jira:created:worklog', worklog: { id: 30001, issueId: Number(other.id) } },
    ];
    for (const payload of payloads)
      expect(await handleJiraEvent(app.deps, payload, 'evt')).toMatchObject({ kind: 'ignored' });

    expect(app.standIn.stats().total).toBe(0);
    expect(app.store.writes.length).toBe(writesBefore);
    expect(await app.store.get(issueFactsKey(other.id))).toBeUndefined();
  });
});
