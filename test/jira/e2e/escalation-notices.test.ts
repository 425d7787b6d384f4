import { readEscalationRecord } from '../../../src/jira/escalation/escalation-runner';
import { SLA_PROPERTY_KEY } from '../../../src/jira/sla/sla-property';
import type { StandInCommentState } from '../stand-in/jira-stand-in';
import { AGENT, answeredIssue, LEAD, startAppHarness, sweepNow, type AppHarness } from './jira-app-harness';

const PROPERTY_PUT = '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}';
const NOTIFY = '/rest/api/3/issue/{issueIdOrKey}/notify';
const LEVEL_2_TEXT = 'Срок по SLA истёк';
const FIRST_LINE_GROUP = '952d12c3-5b5b-4d04-bb32-44d383afc4b2';

/**
 * SUP: client-a (tariff basic, escalation mode with_client_team), a service desk project.
 * EXT: client-c (tariff extended, without_client: 24/7, resolution 120 min), a software project.
 * DESK: client-c as well, in a service desk project.
 */
function mapping(options: { extRole?: string } = {}): string {
  const names = `    statuses: { Open: New }
    priorities: { Highest: critical, High: high, Medium: normal, Low: low, Lowest: low }
    issueTypes: { Incident: incident, "Service request": consultation, Task: enhancement }
    recipients:
      support_line: { groupIds: [${FIRST_LINE_GROUP}] }
      support_lead: [${LEAD}]
      account_manager: { groups: [account-managers] }
`;
  return `projects:
  SUP:
    contract: client-a
${names}  EXT:
    contract: client-c
${names}${options.extRole !== undefined ? `    internalCommentRole: ${options.extRole}\n` : ''}  DESK:
    contract: client-c
${names}agents:
  accountIds: [${AGENT}, ${LEAD}]
escalateSince: "2026-01-01T00:00:00+03:00"
language: en
`;
}

/** Monday 10:00, answered 10:30; level 2 (100 % of 480 working minutes) fell due at 18:00, and by Tuesday 11:00 both levels 1 and 2 are due. */
function breachedSupIssue(app: AppHarness): { id: string; key: string } {
  return answeredIssue(app, {
    project: 'SUP',
    created: '2026-11-09T10:00',
    answered: '2026-11-09T10:30',
    now: '2026-11-10T11:00',
  });
}

/** 24/7 from 09:00, answered 09:10; at 11:10 resolution has run 130 of its 120 minutes: levels 1 and 2 are due. */
function breachedClientCIssue(app: AppHarness, project: 'EXT' | 'DESK'): { id: string; key: string } {
  return answeredIssue(app, {
    project,
    created: '2026-11-10T09:00',
    answered: '2026-11-10T09:10',
    now: '2026-11-10T11:10',
  });
}

function levelTwoComments(app: AppHarness, key: string): StandInCommentState[] {
  return app.standIn
    .issueState(key)
    .commentRecords.filter((comment) => JSON.stringify(comment.body).includes(LEVEL_2_TEXT));
}

function notifyRequests(app: AppHarness): number {
  return app.standIn.requests().filter((request) => request.template === NOTIFY).length;
}

describe('escalation notifications and client-invisible comments against the Jira stand-in', () => {
  let app: AppHarness;

  async function start(options: { extRole?: string } = {}): Promise<void> {
    app = await startAppHarness('2026-11-09T10:00', { mapping: mapping(options) });
    app.standIn.addProject({ key: 'EXT', typeKey: 'software' });
  }

  afterEach(async () => {
    expect(app.standIn.violations()).toEqual([]);
    await app.close();
  });

  it('sends one notification per level exactly once, to the configured people, also when the sweep runs twice', async () => {
    await start();
    const issue = breachedSupIssue(app);

    const first = await sweepNow(app, 'sweep-1');
    const second = await sweepNow(app, 'sweep-2');

    expect(first).toMatchObject({ escalations: 2, errors: [] });
    expect(second.escalations).toBe(0);
    const notifications = app.standIn.issueState(issue.key).notifications;
    expect(notifications.map((notification) => [notification.subject, notification.to])).toEqual([
      [
        '[Tariff SLA] SUP-1: resolution escalation, level 1',
        { users: [LEAD], groups: [{ groupId: FIRST_LINE_GROUP }], assignee: false, watchers: false, reporter: false },
      ],
      // Level 2 notifies the lead, the account manager and the client's contact person: the reporter.
      [
        '[Tariff SLA] SUP-1: resolution escalation, level 2',
        { users: [LEAD], groups: [{ name: 'account-managers' }], assignee: false, watchers: false, reporter: true },
      ],
    ]);
    expect(notifications[1].textBody).toBe(
      [
        'SUP-1 reached escalation level 2 of its resolution SLA clock at 2026-11-09 18:00 (+03:00).',
        'Срок по SLA истёк; обращение передано на вторую линию поддержки.',
        'The request is handed to support line L2.',
        "Attention: support lead, account manager, client's contact person.",
        '',
        `[Tariff SLA · resolution · level 2 · sla-esc-${issue.id}-0-resolution-2]`,
      ].join('\n'),
    );
    expect(notifyRequests(app)).toBe(2);
  });

  it('does not send a notification again when it went through but the level could not record its marker', async () => {
    await start();
    const issue = breachedSupIssue(app);
    let puts = 0;
    // Level 1 stores its marker; level 2 comments and notifies, then its marker write fails for good.
    app.standIn.failWhen(
      (request) => request.method === 'PUT' && request.template === PROPERTY_PUT && ++puts >= 2,
      { status: 503 },
      5,
    );

    const failed = await sweepNow(app, 'sweep-1');
    expect(failed.errors.map((error) => error.code)).toEqual(['jira_http']);
    expect(app.standIn.issueState(issue.key).notifications).toHaveLength(2);

    const retried = await sweepNow(app, 'sweep-2');
    expect(retried).toMatchObject({ escalations: 1, errors: [] });
    expect(app.standIn.issueState(issue.key).notifications).toHaveLength(2);
    expect(notifyRequests(app)).toBe(2);
    expect(levelTwoComments(app, issue.key)).toHaveLength(1);
    const level2 = (await readEscalationRecord(app.deps, issue.id)).log.find(
      (entry) => entry.marker === '0:resolution:2',
    );
    expect(level2?.notification?.sentAtMs).toEqual(expect.any(Number));
  });

  it('sends the notification on the next sweep when Jira answered 503 until the client gave up', async () => {
    await start();
    const issue = breachedSupIssue(app);
    // The first notification (level 1) is refused on every attempt of the client: the first try and four retries.
    app.standIn.failWhen((request) => request.template === NOTIFY, { status: 503 }, 5);

    const failed = await sweepNow(app, 'sweep-1');
    expect(failed.errors.map((error) => error.code)).toEqual(['jira_http']);
    expect(app.standIn.issueState(issue.key).notifications).toHaveLength(0);

    const retried = await sweepNow(app, 'sweep-2');
    expect(retried).toMatchObject({ escalations: 2, errors: [] });
    expect(app.standIn.issueState(issue.key).notifications.map((notification) => notification.subject)).toEqual([
      '[Tariff SLA] SUP-1: resolution escalation, level 1',
      '[Tariff SLA] SUP-1: resolution escalation, level 2',
    ]);
    expect(app.standIn.issueState(issue.key).properties[SLA_PROPERTY_KEY]).toMatchObject({
      escalations: ['0:resolution:1', '0:resolution:2'],
    });
  });

  it('records a notification Jira refuses for good (outgoing e-mail off) and does not try it every sweep', async () => {
    await start();
    const issue = breachedSupIssue(app);
    app.standIn.failWhen((request) => request.template === NOTIFY, {
      status: 403,
      body: { errorMessages: ['Outgoing emails are disabled.'], errors: {} },
    });

    const first = await sweepNow(app, 'sweep-1');
    await sweepNow(app, 'sweep-2');

    expect(first).toMatchObject({ escalations: 2, errors: [] });
    expect(notifyRequests(app)).toBe(2);
    const log = (await readEscalationRecord(app.deps, issue.id)).log;
    expect(log.map((entry) => entry.refused)).toEqual([
      [expect.stringContaining('notify: Jira answered 403')],
      [expect.stringContaining('notify: Jira answered 403')],
    ]);
    expect(levelTwoComments(app, issue.key)).toHaveLength(1);
  });

  it('posts a with_client_team escalation comment in public', async () => {
    await start();
    const issue = breachedSupIssue(app);

    await sweepNow(app, 'sweep-1');

    expect(levelTwoComments(app, issue.key)).toEqual([
      expect.objectContaining({ visibility: null, jsdPublic: true, properties: {} }),
    ]);
  });

  it('posts a without_client escalation comment restricted to the project role of the settings, and keeps the client out of the notification', async () => {
    await start();
    const issue = breachedClientCIssue(app, 'EXT');

    const first = await sweepNow(app, 'sweep-1');
    await sweepNow(app, 'sweep-2');

    expect(first).toMatchObject({ escalations: 2, errors: [] });
    expect(levelTwoComments(app, issue.key)).toEqual([
      expect.objectContaining({
        visibility: { type: 'role', value: 'Administrators' },
        jsdPublic: true,
        properties: {},
      }),
    ]);
    const commentPost = app.standIn
      .requests()
      .find((request) => request.method === 'POST' && request.template === '/rest/api/3/issue/{issueIdOrKey}/comment');
    expect(commentPost?.body).toMatchObject({ visibility: { type: 'role', value: 'Administrators' } });
    // without_client drops the client's contact from level 2: no e-mail to the reporter.
    expect(app.standIn.issueState(issue.key).notifications.map((notification) => notification.to.reporter)).toEqual([
      false,
      false,
    ]);
  });

  it('makes a without_client escalation comment an internal note in a service desk project', async () => {
    await start();
    const issue = breachedClientCIssue(app, 'DESK');

    await sweepNow(app, 'sweep-1');

    expect(levelTwoComments(app, issue.key)).toEqual([
      expect.objectContaining({
        visibility: null,
        jsdPublic: false,
        properties: { 'sd.public.comment': { internal: true } },
      }),
    ]);
  });

  it('records a comment Jira refuses for a project role it does not know, and marks the level done', async () => {
    await start({ extRole: 'Nobody' });
    const issue = breachedClientCIssue(app, 'EXT');

    const first = await sweepNow(app, 'sweep-1');
    const second = await sweepNow(app, 'sweep-2');

    expect(first).toMatchObject({ escalations: 2, errors: [] });
    expect(second.escalations).toBe(0);
    expect(levelTwoComments(app, issue.key)).toEqual([]);
    const level2 = (await readEscalationRecord(app.deps, issue.id)).log.find(
      (entry) => entry.marker === '0:resolution:2',
    );
    expect(level2?.refused).toEqual([expect.stringContaining('comment: Jira answered 400')]);
    expect(level2?.comment?.internal).toEqual({ via: 'role', role: 'Nobody' });
  });
});
