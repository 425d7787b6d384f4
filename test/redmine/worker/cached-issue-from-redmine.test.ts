import { cachedIssueFromRedmine } from '../../../src/redmine/worker/cached-issue-from-redmine';
import { loadRedmineDirectory, type RedmineDirectory } from '../../../src/redmine/worker/redmine-directory';
import type { RedmineUser } from '../../../src/redmine/schemas';
import { journal, redmineIssue, ScriptedRedmineApi, STAFF_USER, WORKER_USER } from './scripted-redmine-api';
import { testCatalog, testConfig } from './worker-fixtures';

const CLIENT_USER: RedmineUser = { id: 30, login: 'client', firstname: 'Cli', lastname: 'Ent' };

describe('cachedIssueFromRedmine', () => {
  let directory: RedmineDirectory;
  const config = testConfig();

  beforeAll(async () => {
    const loaded = await loadRedmineDirectory(new ScriptedRedmineApi(), config, testCatalog());
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    directory = loaded.value;
  });

  it('takes the creation values from the first change of each attribute, and every change as an event with its old value', () => {
    const issue = redmineIssue(1, {
      status: { id: 4, name: 'Resolved', is_closed: true },
      tracker: { id: 1, name: 'Bug' },
      priority: { id: 4, name: 'Urgent' },
      updated_on: '2026-11-20T09:00:00Z',
      journals: [
        journal(1, '2026-11-20T07:10:00Z', STAFF_USER, {
          details: [
            { property: 'attr', name: 'tracker_id', old_value: '3', new_value: '1' },
            { property: 'attr', name: 'status_id', old_value: '1', new_value: '2' },
          ],
        }),
        journal(2, '2026-11-20T07:20:00Z', WORKER_USER, {
          details: [
            { property: 'attr', name: 'priority_id', old_value: '2', new_value: '4' },
            { property: 'cf', name: '6', old_value: null, new_value: 'L2' },
          ],
        }),
        journal(3, '2026-11-20T08:00:00Z', STAFF_USER, {
          details: [
            { property: 'attr', name: 'status_id', old_value: '2', new_value: '4' },
            { property: 'attr', name: 'estimated_hours', old_value: null, new_value: '1.5' },
          ],
        }),
      ],
    });

    const outcome = cachedIssueFromRedmine(issue, directory, config, 'alpha');

    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.value).toMatchObject({
      type: 'incident',
      priority: 'normal',
      status: 'New',
      closed: true,
      createdAtMs: Date.parse('2026-11-20T07:00:00Z'),
    });
    expect(outcome.value.events).toEqual([
      { atMs: Date.parse('2026-11-20T07:10:00Z'), kind: 'type', to: 'bug', from: 'incident' },
      { atMs: Date.parse('2026-11-20T07:10:00Z'), kind: 'status', to: 'In Progress', from: 'New', by: 'Sam Support' },
      { atMs: Date.parse('2026-11-20T07:20:00Z'), kind: 'priority', to: 'urgent', from: 'normal' },
      { atMs: Date.parse('2026-11-20T07:20:00Z'), kind: 'line', to: 'L2' },
      {
        atMs: Date.parse('2026-11-20T08:00:00Z'),
        kind: 'status',
        to: 'Resolved',
        from: 'In Progress',
        by: 'Sam Support',
      },
      { atMs: Date.parse('2026-11-20T08:00:00Z'), kind: 'estimate', minutes: 90 },
    ]);
  });

  it("counts the first public note of support staff as the response, and nobody else's", () => {
    const issue = redmineIssue(2, {
      updated_on: '2026-11-20T09:00:00Z',
      journals: [
        journal(1, '2026-11-20T07:05:00Z', CLIENT_USER, { notes: 'Any news?' }),
        journal(2, '2026-11-20T07:06:00Z', WORKER_USER, { notes: 'SLA escalation, level 1\n[esc:reaction:L1:c0]' }),
        journal(3, '2026-11-20T07:07:00Z', STAFF_USER, {
          notes: 'Internal: check the mail relay',
          private_notes: true,
        }),
        journal(4, '2026-11-20T07:08:00Z', STAFF_USER, { notes: 'We are on it.' }),
        journal(5, '2026-11-20T07:09:00Z', STAFF_USER, { notes: 'Still on it.' }),
      ],
    });

    const outcome = cachedIssueFromRedmine(issue, directory, config, 'alpha');

    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.value.events).toEqual([
      { atMs: Date.parse('2026-11-20T07:08:00Z'), kind: 'response', by: 'Sam Support' },
    ]);
    expect(outcome.value.escalations).toEqual(['esc:reaction:L1:c0']);
    expect(outcome.value.owesWrite).toBe(false);
  });

  it('knows the escalations from the flags field and which fields Redmine does not offer', () => {
    const issue = redmineIssue(3, { fields: { 'SLA flags': 'over-limit esc:resolution:L2:c1 vip' } });
    issue.custom_fields = issue.custom_fields.filter((field) => field.name !== 'SLA start due');

    const outcome = cachedIssueFromRedmine(issue, directory, config, 'alpha');

    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.value.escalations).toEqual(['esc:resolution:L2:c1']);
    expect(outcome.value.missingFields).toEqual(['startDue']);
  });

  it('refuses an issue whose journal names a status Redmine does not list', () => {
    const issue = redmineIssue(4, {
      updated_on: '2026-11-20T09:00:00Z',
      journals: [
        journal(1, '2026-11-20T07:10:00Z', STAFF_USER, {
          details: [{ property: 'attr', name: 'status_id', old_value: '1', new_value: '42' }],
        }),
      ],
    });

    const outcome = cachedIssueFromRedmine(issue, directory, config, 'alpha');

    expect(outcome).toMatchObject({
      ok: false,
      problem: { issueId: 4, code: 'unknown_status', message: "status id 42 is not among Redmine's statuses" },
    });
  });
});
