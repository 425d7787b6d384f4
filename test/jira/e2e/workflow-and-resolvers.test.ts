import { getAdminSettings, saveAdminSettings } from '../../../src/jira/app/admin-resolver';
import { getIssueSla } from '../../../src/jira/app/issue-panel-resolver';
import { jiraAdminCheck } from '../../../src/jira/app/jira-admin-check';
import { handleJiraEvent } from '../../../src/jira/app/jira-event-handler';
import { recordTransition } from '../../../src/jira/app/workflow-post-function';
import { validateTransition } from '../../../src/jira/app/workflow-validator';
import { SETTINGS_KEYS } from '../../../src/jira/config/app-settings';
import { SLA_PROPERTY_KEY } from '../../../src/jira/sla/sla-property';
import {
  AGENT,
  EXAMPLE_CATALOG,
  MAPPING,
  msk,
  seedOpenIssue,
  startAppHarness,
  type AppHarness,
} from './jira-app-harness';

const SECOND_LINE = '10010';

describe('workflow rules and resolvers against the Jira stand-in', () => {
  let app: AppHarness;

  afterEach(async () => {
    expect(app.standIn.violations()).toEqual([]);
    await app.close();
  });

  describe('escalation to the second line', () => {
    beforeEach(async () => {
      app = await startAppHarness('2026-11-09T10:00');
    });

    async function newIssue(): Promise<{ id: string; key: string }> {
      const issue = seedOpenIssue(app, 'SUP', '2026-11-09T10:00');
      await handleJiraEvent(app.deps, { eventType: 'avi:jira:created:issue', issue }, 'evt');
      return issue;
    }

    it('validator blocks until the hand-over comment and the assignee L2 needs are there', async () => {
      const issue = await newIssue();
      app.setNow('2026-11-09T11:00');

      const blocked = await validateTransition(app.deps, {
        issue: { key: issue.key },
        transition: { from: { id: '1' }, to: { id: SECOND_LINE } },
      });
      expect(blocked).toEqual({
        result: false,
        errorMessage:
          'L2 needs before taking over: a hand-over comment written since the issue reached its current line; field "assignee" filled in.',
      });

      app.standIn.store.addComment(app.standIn.store.issue(issue.key), msk('2026-11-09T10:50'), AGENT, {
        type: 'doc',
        version: 1,
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'VPN logs attached, needs L2.' }] }],
      });
      app.standIn.changeIssue(issue.key, { at: msk('2026-11-09T10:55'), assignee: AGENT });
      const allowed = await validateTransition(app.deps, {
        issue: { key: issue.key },
        transition: { from: { id: '1' }, to: { id: SECOND_LINE } },
      });
      expect(allowed).toEqual({ result: true });
    });

    it('post function records the line and the condition flag follows the tariff', async () => {
      const issue = await newIssue();
      expect(app.standIn.issueState(issue.key).properties[SLA_PROPERTY_KEY]).toMatchObject({
        line: 'L1',
        escalationAllowed: true,
        nextLine: 'L2',
      });
      app.setNow('2026-11-09T11:01');
      app.standIn.changeIssue(issue.key, { at: msk('2026-11-09T11:00'), status: 'Second line', author: AGENT });

      const outcome = await recordTransition(
        app.deps,
        {
          issue: { id: issue.id, key: issue.key },
          transition: { from: { id: '1' }, to: { id: SECOND_LINE } },
          atlassianId: AGENT,
        },
        'pf',
      );

      expect(outcome).toMatchObject({ kind: 'recorded', line: 'L2' });
      const property = app.standIn.issueState(issue.key).properties[SLA_PROPERTY_KEY];
      expect(property).toMatchObject({
        line: 'L2',
        nextLine: 'L3',
        escalationAllowed: true,
        lineHistory: [{ atMs: msk('2026-11-09T11:01'), to: 'L2', by: AGENT }],
      });
      // Leaving the creation status stopped the reaction clock: the badge now follows resolution.
      expect(property).toMatchObject({ clock: 'resolution', slaState: 'ok' });
    });

    it('issue panel shows clocks with deadlines, the breakdown and the hours logged', async () => {
      const issue = await newIssue();
      app.standIn.addWorklog(issue.key, { started: msk('2026-11-09T10:15'), seconds: 2700, author: AGENT });
      app.setNow('2026-11-09T11:00');

      const answer = await getIssueSla(app.deps, app.reportDeps, { issueKey: issue.key });

      if (!answer.ok) throw new Error(answer.error.message);
      expect(answer.value).toMatchObject({
        issueKey: issue.key,
        state: 'ok',
        tariff: { id: 'basic' },
        line: 'L1',
        hours: { issueHours: 0.75 },
      });
      expect(answer.value.clocks.map((clock) => [clock.clock, clock.state, clock.dueAt])).toEqual([
        ['reaction', 'running', '2026-11-09T14:00:00+03:00'],
        ['resolution', 'running', '2026-11-09T18:00:00+03:00'],
      ]);
      expect(answer.value.explain).toContain('Reaction');
      expect(answer.value.escalations.next.map((step) => `${step.clock}:${step.level}`)).toContain('resolution:2');
    });
  });

  describe('admin page', () => {
    it('refuses users who are not Jira administrators, asking Jira', async () => {
      app = await startAppHarness('2026-11-09T10:00');
      const deps = { store: app.store, now: app.deps.now, isJiraAdmin: jiraAdminCheck(app.connection.client) };

      expect(await getAdminSettings(deps)).toEqual({
        ok: false,
        error: { code: 'forbidden', path: [], message: expect.stringContaining('Jira administrators') },
      });
      expect(
        await saveAdminSettings(deps, { catalogText: EXAMPLE_CATALOG, mappingText: MAPPING }, 'someone'),
      ).toMatchObject({ ok: false });
      expect(
        app.standIn
          .requests()
          .some(
            (request) =>
              request.path === '/rest/api/3/mypermissions' && request.query.permissions?.includes('ADMINISTER'),
          ),
      ).toBe(true);
    });

    it('rejects a bad catalog with the path of the problem and keeps the saved one', async () => {
      app = await startAppHarness('2026-11-09T10:00', {
        standIn: { grantedPermissions: ['ADMINISTER', 'BROWSE_PROJECTS'] },
      });
      const deps = { store: app.store, now: app.deps.now, isJiraAdmin: jiraAdminCheck(app.connection.client) };
      const saved = await app.store.get(SETTINGS_KEYS.catalog);
      const bad = EXAMPLE_CATALOG.replace(
        'targets: { reaction: 240, resolution: 480 }',
        'targets: { reaction: 0, resolution: 480 }',
      );

      const answer = await saveAdminSettings(deps, { catalogText: bad, mappingText: MAPPING }, 'admin');
      // The uploaded holiday files are kept when the page sends none.

      if (!answer.ok) throw new Error(answer.error.message);
      expect(answer.value.savedAtMs).toBeNull();
      expect(answer.value.problems.catalog).toEqual([
        { code: 'too_small', path: ['tariffs', 'basic', 'targets', 'reaction'], message: 'expected minutes > 0' },
      ]);
      expect(await app.store.get(SETTINGS_KEYS.catalog)).toEqual(saved);
    });
  });
});
