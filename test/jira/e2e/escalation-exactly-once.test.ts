import { readEscalationRecord } from '../../../src/jira/escalation/escalation-runner';
import { SLA_PROPERTY_KEY } from '../../../src/jira/sla/sla-property';
import {
  answeredIssue,
  appComments,
  startAppHarness,
  sweepNow,
  useAppHarness,
  type AppHarness,
} from './jira-app-harness';

const PROPERTY_PUT = '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}';
const COMMENT_POST = '/rest/api/3/issue/{issueIdOrKey}/comment';
const LEVEL_2_TEXT = 'Срок по SLA истёк';

/**
 * Created Monday 10:00 and answered at 10:30; by Tuesday 11:00 the resolution clock has run 600 of
 * its 480 working minutes, so levels 1 (80 %) and 2 (100 %: to L2, notify, comment) are due.
 */
async function breachedIssue(app: AppHarness): Promise<{ id: string; key: string }> {
  return answeredIssue(app, {
    project: 'SUP',
    created: '2026-11-09T10:00',
    answered: '2026-11-09T10:30',
    now: '2026-11-10T11:00',
  });
}

function escalationComments(app: AppHarness, key: string): string[] {
  return appComments(app, key).filter((body) => body.includes(LEVEL_2_TEXT));
}

describe('escalations run exactly once per issue, cycle, clock and level', () => {
  let app: AppHarness;
  useAppHarness('2026-11-09T10:00', (started) => (app = started));

  it('runs the due levels once, and a second sweep does nothing at all', async () => {
    const issue = await breachedIssue(app);

    const first = await sweepNow(app, 'sweep-1');
    expect(first.escalations).toBe(2);
    expect(escalationComments(app, issue.key)).toHaveLength(1);
    const property = app.standIn.issueState(issue.key).properties[SLA_PROPERTY_KEY];
    expect(property).toMatchObject({
      slaState: 'breached',
      line: 'L2',
      nextLine: 'L3',
      escalations: ['0:resolution:1', '0:resolution:2'],
    });
    expect((await readEscalationRecord(app.deps, issue.id)).done.sort()).toEqual(['0:resolution:1', '0:resolution:2']);

    const writesBefore = app.standIn.stats().writes;
    const second = await sweepNow(app, 'sweep-2');
    expect(second.escalations).toBe(0);
    expect(app.standIn.stats().writes).toBe(writesBefore);
    expect(escalationComments(app, issue.key)).toHaveLength(1);
  });

  it('runs once when two sweeps overlap', async () => {
    const issue = await breachedIssue(app);

    const [a, b] = await Promise.all([sweepNow(app, 'sweep-a'), sweepNow(app, 'sweep-b')]);

    expect(a.escalations + b.escalations).toBe(2);
    expect(escalationComments(app, issue.key)).toHaveLength(1);
    const retried = await sweepNow(app, 'sweep-c');
    expect(retried.escalations).toBe(0);
    expect(escalationComments(app, issue.key)).toHaveLength(1);
  });

  it('runs once when the sweep fails half-way through 503s and is retried', async () => {
    const issue = await breachedIssue(app);
    // Every attempt of the client (first try and four retries) to store the marker is refused.
    app.standIn.failWhen(
      (request) => request.method === 'PUT' && request.template === PROPERTY_PUT,
      { status: 503, retryAfterSeconds: 1 },
      5,
    );

    const failed = await sweepNow(app, 'sweep-1');
    expect(failed.errors.map((error) => error.code)).toEqual(['jira_http']);
    expect(escalationComments(app, issue.key)).toHaveLength(0);
    expect(app.standIn.issueState(issue.key).properties[SLA_PROPERTY_KEY]).toBeUndefined();

    const retried = await sweepNow(app, 'sweep-2');
    expect(retried.errors).toEqual([]);
    expect(escalationComments(app, issue.key)).toHaveLength(1);
    expect(app.standIn.issueState(issue.key).properties[SLA_PROPERTY_KEY]).toMatchObject({
      line: 'L2',
      escalations: ['0:resolution:1', '0:resolution:2'],
    });
  });

  it('does not post the comment twice when it went through but the marker write failed', async () => {
    const issue = await breachedIssue(app);
    let puts = 0;
    // Level 1 stores its marker; level 2 posts its comment, then its marker write fails for good.
    app.standIn.failWhen(
      (request) => request.method === 'PUT' && request.template === PROPERTY_PUT && ++puts >= 2,
      { status: 503 },
      5,
    );

    const failed = await sweepNow(app, 'sweep-1');
    expect(failed.escalations).toBe(1);
    expect(escalationComments(app, issue.key)).toHaveLength(1);

    const retried = await sweepNow(app, 'sweep-2');
    expect(retried.escalations).toBe(1);
    expect(escalationComments(app, issue.key)).toHaveLength(1);
    expect(app.standIn.issueState(issue.key).properties[SLA_PROPERTY_KEY]).toMatchObject({
      escalations: ['0:resolution:1', '0:resolution:2'],
    });
  });

  it('raises the priority to the next one Jira has a name for, once', async () => {
    const issue = await breachedIssue(app);
    // Level 3 (150 %, 720 working minutes) falls due on Tuesday 13:00: to L3 and one priority up.
    app.setNow('2026-11-10T13:30');

    await sweepNow(app, 'sweep-1');
    await sweepNow(app, 'sweep-2');

    expect(app.standIn.issueState(issue.key).fields).toMatchObject({ priority: { name: 'High' } });
    const edits = app.standIn
      .requests()
      .filter((request) => request.method === 'PUT' && request.template === '/rest/api/3/issue/{issueIdOrKey}');
    expect(edits).toHaveLength(1);
    expect(app.standIn.issueState(issue.key).properties[SLA_PROPERTY_KEY]).toMatchObject({
      line: 'L3',
      nextLine: null,
      escalationAllowed: false,
    });
  });

  it('records an action Jira refuses for good and does not try it again every sweep', async () => {
    const issue = await breachedIssue(app);
    app.setNow('2026-11-10T13:30');
    app.standIn.failWhen(
      (request) => request.method === 'PUT' && request.template === '/rest/api/3/issue/{issueIdOrKey}',
      { status: 400, body: { errorMessages: [], errors: { priority: 'not allowed' } } },
    );

    const first = await sweepNow(app, 'sweep-1');
    const second = await sweepNow(app, 'sweep-2');

    expect(first.errors).toEqual([]);
    expect(first.escalations).toBe(3);
    expect(second.escalations).toBe(0);
    const log = (await readEscalationRecord(app.deps, issue.id)).log.find((entry) => entry.marker === '0:resolution:3');
    expect(log?.refused).toEqual([expect.stringContaining('raise_priority: Jira answered 400')]);
  });

  it('posts the comment once when the comment itself was refused and is retried later', async () => {
    const issue = await breachedIssue(app);
    app.standIn.failWhen(
      (request) => request.method === 'POST' && request.template === COMMENT_POST,
      { status: 503 },
      5,
    );

    await sweepNow(app, 'sweep-1');
    expect(escalationComments(app, issue.key)).toHaveLength(0);

    await sweepNow(app, 'sweep-2');
    expect(escalationComments(app, issue.key)).toHaveLength(1);
  });

  it('records levels that fell due before the project was enabled in one write, without acting on them', async () => {
    await app.close();
    app = await startAppHarness('2026-11-09T10:00', {
      mapping: (await import('./jira-app-harness')).MAPPING.replace(
        '2026-01-01T00:00:00+03:00',
        '2026-11-10T10:30:00+03:00',
      ),
    });
    const issue = await breachedIssue(app);

    const result = await sweepNow(app, 'sweep-1');

    expect(result.escalations).toBe(0);
    expect(result.escalationsRecorded).toBe(2);
    expect(escalationComments(app, issue.key)).toHaveLength(0);
    expect(app.standIn.issueState(issue.key).properties[SLA_PROPERTY_KEY]).toMatchObject({
      line: 'L1',
      escalations: ['0:resolution:1', '0:resolution:2'],
    });
    expect(app.standIn.stats().byOperation['PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}']).toBe(1);
  });
});
