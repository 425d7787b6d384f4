/**
 * An ordinary Jira user — the kind of person the SLA measures — rewrites the app's issue property over
 * REST, as Jira lets anyone who may edit the issue do. The app keeps its facts in storage, so nothing it
 * decides changes: two identical issues, one tampered with, end with the same clocks, the same
 * escalations (comments, e-mails, line) and the same statement, and the tampered copy is written back.
 */
import { runDueSweep } from '../../../src/jira/app/due-sweep';
import { getIssueSla, type IssueSlaView } from '../../../src/jira/app/issue-panel-resolver';
import { handleJiraEvent } from '../../../src/jira/app/jira-event-handler';
import { getProjectReport } from '../../../src/jira/app/project-report-resolver';
import { runSweep } from '../../../src/jira/app/sweep';
import { validateTransition } from '../../../src/jira/app/workflow-validator';
import { createJiraClient, type JiraClient } from '../../../src/jira/client/jira-client';
import { readIssueFacts } from '../../../src/jira/sla/issue-facts';
import { SLA_PROPERTY_KEY } from '../../../src/jira/sla/sla-property';
import { fetchTransport } from '../client/stand-in-client';
import { AS_USER_PREFIX } from '../stand-in/jira-stand-in';
import { CUSTOMER, msk, seedOpenIssue, sweepNow, useAppHarness, type AppHarness } from './jira-app-harness';

/** Every marker a user could hope to suppress: every clock and level, this cycle and the next. */
const ALL_MARKERS = [0, 1].flatMap((cycle) =>
  ['reaction', 'start', 'resolution'].flatMap((clock) => [1, 2, 3, 4, 5].map((level) => `${cycle}:${clock}:${level}`)),
);

/** Jira as the ordinary user: edit rights on the issue, nothing more. */
function userClient(app: AppHarness, accountId: string): JiraClient {
  return createJiraClient({
    requestJira: fetchTransport(app.standIn, { Authorization: `${AS_USER_PREFIX}${accountId}` }),
    sleep: async () => undefined,
    log: () => undefined,
  });
}

/** The property a user writes: escalations all "done", a first response minutes after creation, escalation allowed, the top line. */
function forgedCopy(real: unknown, createdMs: number): Record<string, unknown> {
  const base = typeof real === 'object' && real !== null ? Object.fromEntries(Object.entries(real)) : {};
  return {
    ...base,
    escalations: ALL_MARKERS,
    response: { atMs: createdMs + 60_000, by: CUSTOMER },
    escalationAllowed: true,
    nextLine: 'L2',
    slaState: 'met',
    lineHistory: [],
  };
}

/** What must not depend on the tampering: the clocks and the escalations the panel shows. */
function decided(view: IssueSlaView): unknown {
  return {
    state: view.state,
    line: view.line,
    escalationAllowed: view.escalationAllowed,
    clocks: view.clocks.map((clock) => [
      clock.clock,
      clock.state,
      clock.dueAt,
      clock.stoppedAt,
      clock.breachedAt,
      clock.elapsedMinutes,
    ]),
    done: view.escalations.done.map((entry) => [entry.clock, entry.level, entry.skipped ?? 'acted']),
  };
}

describe('SLA facts no Jira user can edit', () => {
  let app: AppHarness;
  useAppHarness('2026-11-09T10:00', (started) => (app = started));

  it('a user who rewrites the property changes no clock, no escalation and no statement, and the copy is restored', async () => {
    const untouched = app.standIn.seedIssue({
      project: 'SUP',
      summary: 'VPN down',
      created: msk('2026-11-09T10:00'),
      priority: 'Medium',
      status: 'Open',
    });
    const tampered = app.standIn.seedIssue({
      project: 'SUP',
      summary: 'VPN down',
      created: msk('2026-11-09T10:00'),
      priority: 'Medium',
      status: 'Open',
    });
    for (const issue of [untouched, tampered])
      await handleJiraEvent(app.deps, { eventType: 'avi:jira:created:issue', issue }, 'created');
    const user = userClient(app, CUSTOMER);

    // 10:20: the user rewrites the copy (Jira allows it: the user may edit the issue).
    app.setNow('2026-11-09T10:20');
    const real = app.standIn.issueState(tampered.key).properties[SLA_PROPERTY_KEY];
    await user.setIssueProperty(
      tampered.key,
      SLA_PROPERTY_KEY,
      JSON.parse(JSON.stringify(forgedCopy(real, msk('2026-11-09T10:00')))),
    );
    expect(app.standIn.issueState(tampered.key).properties[SLA_PROPERTY_KEY]).toMatchObject({
      escalationAllowed: true,
      escalations: ALL_MARKERS,
    });

    // The validator reads the app's record: L1 → L2 is refused for want of a hand-over note either way, never let through by the forged copy.
    const verdicts = [];
    for (const issue of [untouched, tampered])
      verdicts.push(
        await validateTransition(app.deps, { issue: { key: issue.key }, transition: { to: { id: '10010' } } }),
      );
    expect(verdicts[1]).toEqual(verdicts[0]);

    // A day and a half of five-minute sweeps of due issues, then the daily reconciliation.
    let restoredBy = '';
    for (const at of [
      '2026-11-09T11:00',
      '2026-11-09T13:15',
      '2026-11-09T14:05',
      '2026-11-09T17:00',
      '2026-11-10T10:05',
      '2026-11-10T12:00',
      '2026-11-10T15:00',
    ]) {
      app.setNow(at);
      const result = await runDueSweep(app.deps, { runId: `sweep-${at}`, budgetMs: 60_000, changedWithinMinutes: 1 });
      expect(result.errors).toEqual([]);
      if (result.restored > 0 && restoredBy === '') restoredBy = at;
    }
    const reconciled = await runSweep(app.deps, {
      runId: 'reconcile',
      budgetMs: 60_000,
      enqueue: async () => undefined,
    });
    expect(reconciled.errors).toEqual([]);
    // Restored by the first sweep that looked at the issue (its first transition, the reaction clock at risk at 13:12).
    expect(restoredBy).toBe('2026-11-09T13:15');

    // Escalations performed: the same comments, the same e-mails, the same line, on both issues.
    const acted = (key: string) => {
      const state = app.standIn.issueState(key);
      return {
        comments: state.comments.length,
        emails: state.notifications.length,
        line: (state.properties[SLA_PROPERTY_KEY] as { line?: string } | undefined)?.line,
      };
    };
    expect(acted(untouched.key).comments).toBeGreaterThan(0);
    expect(acted(untouched.key).emails).toBeGreaterThan(0);
    expect(acted(tampered.key)).toEqual(acted(untouched.key));

    // The clocks and the escalations the panel shows.
    const [viewUntouched, viewTampered] = [
      await getIssueSla(app.deps, app.reportDeps, { issueKey: untouched.key }),
      await getIssueSla(app.deps, app.reportDeps, { issueKey: tampered.key }),
    ];
    if (!viewUntouched.ok || !viewTampered.ok) throw new Error('panel failed');
    expect(decided(viewTampered.value)).toEqual(decided(viewUntouched.value));
    expect(viewTampered.value.clocks.find((clock) => clock.clock === 'reaction')?.state).toBe('breached');

    // The copy in Jira is the app's record again, with none of the forged values.
    const facts = await readIssueFacts(app.store, tampered.id);
    const copy = app.standIn.issueState(tampered.key).properties[SLA_PROPERTY_KEY];
    expect(copy).toEqual(facts?.record);
    expect(copy).toMatchObject({ response: null });
    expect(copy).not.toMatchObject({ escalations: ALL_MARKERS });

    // The statement: both issues count the same (the same breaches, clock by clock).
    const report = await getProjectReport(app.reportDeps, { projectKey: 'SUP' }, { month: '2026-11', lang: 'en' });
    if (!report.ok) throw new Error(report.error.message);
    const breaches = report.value.statement.contracts[0]?.breaches ?? [];
    const of = (key: string) =>
      breaches
        .filter((breach) => breach.issue === key)
        .map((breach) => [breach.clock, breach.breachedAt, breach.elapsedMinutes]);
    expect(of(untouched.key).length).toBeGreaterThan(0);
    expect(of(tampered.key)).toEqual(of(untouched.key));
  });

  it('a copy edited while nothing is due is restored by the daily reconciliation, at one write', async () => {
    const issue = seedOpenIssue(app, 'SUP', '2026-11-09T10:00');
    await handleJiraEvent(app.deps, { eventType: 'avi:jira:created:issue', issue }, 'created');
    const record = (await readIssueFacts(app.store, issue.id))?.record;
    await userClient(app, CUSTOMER).setIssueProperty(issue.key, SLA_PROPERTY_KEY, {
      ...record,
      escalationAllowed: false,
      slaState: 'met',
    });

    app.setNow('2026-11-09T10:01');
    app.standIn.clearLog();
    const result = await sweepNow(app, 'reconcile');

    expect(result.restored).toBe(1);
    expect(app.standIn.stats().writes).toBe(1);
    expect(app.standIn.issueState(issue.key).properties[SLA_PROPERTY_KEY]).toEqual(record);
  });

  it('a user without edit rights cannot write the property at all (the stand-in enforces Jira’s rule)', async () => {
    const issue = app.standIn.seedIssue({ project: 'SUP', created: msk('2026-11-09T10:00') });
    app.standIn.setProjectPermissions('SUP', CUSTOMER, ['BROWSE_PROJECTS']);
    await expect(
      userClient(app, CUSTOMER).setIssueProperty(issue.key, SLA_PROPERTY_KEY, { forged: true }),
    ).rejects.toMatchObject({ status: 403 });
  });
});
