import { handleJiraEvent } from '../../../src/jira/app/jira-event-handler';
import { SLA_PROPERTY_KEY } from '../../../src/jira/sla/sla-property';
import { AGENT, msk, seedOpenIssue, sweepNow, useAppHarness, type AppHarness } from './jira-app-harness';

const FIELD = 'customfield_10101';

describe('SLA badge through the real handlers against the Jira stand-in', () => {
  let app: AppHarness;
  useAppHarness('2026-11-09T10:00', (started) => (app = started));

  it('gives a new issue its SLA field value and indexed property', async () => {
    const issue = seedOpenIssue(app, 'SUP', '2026-11-09T10:00');

    const outcome = await handleJiraEvent(app.deps, { eventType: 'avi:jira:created:issue', issue }, 'evt-1');

    expect(outcome.kind).toBe('refreshed');
    const state = app.standIn.issueState(issue.key);
    expect(state.appFieldValues[FIELD]).toEqual({
      state: 'ok',
      label: 'On track · reaction due 2026-11-09 14:00 (+03:00)',
      tariff: 'basic',
      dueAt: '2026-11-09T14:00:00+03:00',
      clock: 'reaction',
      escalationAllowed: true,
      lang: 'en',
    });
    expect(state.properties[SLA_PROPERTY_KEY]).toMatchObject({
      slaState: 'ok',
      slaDueAt: '2026-11-09T14:00:00+03:00',
      slaTariff: 'basic',
      line: 'L1',
      nextLine: 'L2',
      escalationAllowed: true,
    });
    // Per-clock values for JQL (slaReactionState, slaResolutionDueAt, …) and "ever breached".
    expect(state.properties[SLA_PROPERTY_KEY]).toMatchObject({
      slaReactionState: 'ok',
      slaReactionDueAt: '2026-11-09T14:00:00+03:00',
      slaResolutionState: 'ok',
      slaEverBreached: false,
    });
  });

  it('pauses the badge in a pause status and resumes with a later deadline', async () => {
    const issue = seedOpenIssue(app, 'SUP', '2026-11-09T10:00');
    await handleJiraEvent(app.deps, { eventType: 'avi:jira:created:issue', issue }, 'evt-1');

    // Jira delivers the event a moment after the change.
    app.setNow('2026-11-09T11:01');
    app.standIn.changeIssue(issue.key, { at: msk('2026-11-09T11:00'), status: 'Waiting for customer', author: AGENT });
    await handleJiraEvent(app.deps, { eventType: 'avi:jira:updated:issue', issue }, 'evt-2');
    expect(app.standIn.issueState(issue.key).appFieldValues[FIELD]).toEqual({
      state: 'paused',
      label: 'Paused',
      tariff: 'basic',
      escalationAllowed: true,
      lang: 'en',
    });

    app.setNow('2026-11-09T12:01');
    app.standIn.changeIssue(issue.key, { at: msk('2026-11-09T12:00'), status: 'In Progress', author: AGENT });
    await handleJiraEvent(app.deps, { eventType: 'avi:jira:updated:issue', issue }, 'evt-3');
    // 60 working minutes before the pause, 420 left from 12:00: 6 h today, 1 h tomorrow.
    expect(app.standIn.issueState(issue.key).appFieldValues[FIELD]).toMatchObject({
      state: 'ok',
      clock: 'resolution',
      dueAt: '2026-11-10T10:00:00+03:00',
    });
  });

  it('writes nothing on a sweep when no state changed, and moves to at risk and breached when it did', async () => {
    const issue = seedOpenIssue(app, 'SUP', '2026-11-09T10:00');
    app.standIn.changeIssue(issue.key, { at: msk('2026-11-09T10:20'), status: 'In Progress', author: AGENT });
    const sweep = () => sweepNow(app, 'sweep');

    app.setNow('2026-11-09T11:00');
    await sweep();
    expect(app.standIn.issueState(issue.key).appFieldValues[FIELD]).toMatchObject({ state: 'ok', clock: 'resolution' });

    app.setNow('2026-11-09T12:00');
    const writesBefore = app.standIn.stats().writes;
    const quiet = await sweep();
    expect(quiet.propertyWrites + quiet.fieldWrites).toBe(0);
    expect(app.standIn.stats().writes).toBe(writesBefore);

    // 80 % of 480 working minutes from 10:00 is 16:24.
    app.setNow('2026-11-09T16:30');
    await sweep();
    expect(app.standIn.issueState(issue.key).appFieldValues[FIELD]).toMatchObject({ state: 'at_risk' });

    // The schedule ends at 18:00 with exactly 480 minutes spent: breached from the next working minute.
    app.setNow('2026-11-10T09:10');
    await sweep();
    expect(app.standIn.issueState(issue.key).appFieldValues[FIELD]).toMatchObject({
      state: 'breached',
      dueAt: '2026-11-09T18:00:00+03:00',
    });
  });

  it('resumes the resolution clock of a reopened issue where it stopped', async () => {
    const issue = seedOpenIssue(app, 'SUP', '2026-11-09T10:00');
    app.standIn.changeIssue(issue.key, { at: msk('2026-11-09T10:20'), status: 'In Progress', author: AGENT });
    app.standIn.changeIssue(issue.key, { at: msk('2026-11-09T11:00'), status: 'Resolved', author: AGENT });
    app.standIn.changeIssue(issue.key, { at: msk('2026-11-09T12:00'), status: 'In Progress', author: AGENT });
    app.setNow('2026-11-09T13:00');

    const result = await sweepNow(app, 'sweep');

    expect(result.errors).toEqual([]);
    expect(
      app.standIn
        .requests()
        .filter((request) => request.template === '/rest/api/3/changelog/bulkfetch')
        .map((request) => request.status),
    ).toEqual([200]);
    // 60 minutes before the resolution and 60 since the reopen: 360 of 480 left from 13:00, 5 h today and 1 h tomorrow.
    expect(app.standIn.issueState(issue.key).properties[SLA_PROPERTY_KEY]).toMatchObject({
      slaState: 'ok',
      clock: 'resolution',
      slaDueAt: '2026-11-10T10:00:00+03:00',
    });
  });

  it('sees the first public comment by support staff as the response that stops the reaction clock', async () => {
    const issue = seedOpenIssue(app, 'SUP', '2026-11-09T10:00');
    const stored = app.standIn.store.issue(issue.key);
    app.standIn.store.addComment(stored, msk('2026-11-09T10:05'), '60e5a1b2c3d4e5f6a7b8c9d0', {
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Any news?' }] }],
    });
    app.standIn.store.addComment(stored, msk('2026-11-09T10:30'), AGENT, {
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Looking into it.' }] }],
    });
    app.setNow('2026-11-09T10:40');

    await handleJiraEvent(app.deps, { eventType: 'avi:jira:commented:issue', issue }, 'evt-1');

    const property = app.standIn.issueState(issue.key).properties[SLA_PROPERTY_KEY];
    expect(property).toMatchObject({ response: { atMs: msk('2026-11-09T10:30'), by: AGENT }, clock: 'resolution' });
  });
});
