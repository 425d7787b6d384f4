import { existsSync, rmSync } from 'node:fs';
import type { CliIo } from '../../../src/cli/cli-io';
import { runCli } from '../../../src/cli/main';
import type { RedmineIssue } from '../../../src/redmine/schemas';
import { customFieldText, escalationNotes, useRedmineWorld } from '../redmine-suite';
import { createRedmineWorld, skipRedmine, writeWorkerFiles } from './redmine-world';
import { runWorkerCycle } from './run-worker-cycle';

/*
 * The worker against the real Redmine 5 of scripts/redmine-local.sh (test-all.sh starts it and
 * exports REDMINE_URL and REDMINE_API_KEY; the key is the admin's and the worker runs as admin).
 * One Rails runner call creates the users, groups and one project per test, so the tests do not
 * share issues. SLA time is driven by the evaluation instant: the test catalog runs 24/7 in UTC
 * with a 30-minute reaction target, so "31 minutes later" is a breach.
 */
const describeRedmine = skipRedmine ? describe.skip : describe;
const MINUTE = 60_000;

describeRedmine('Redmine sync worker against the local Redmine', () => {
  jest.setTimeout(120_000);
  const suite = useRedmineWorld(() => createRedmineWorld(['fresh', 'paused', 'breach', 'limit', 'hours', 'dry']));
  let statusId: (name: string) => number;

  beforeAll(async () => {
    const statuses = await suite.admin.listIssueStatuses();
    statusId = (name) => {
      const found = statuses.find((status) => status.name === name);
      if (!found) throw new Error(`status "${name}" is missing: run \`bash scripts/redmine-local.sh start\``);
      return found.id;
    };
  });

  async function newIssue(projectName: string, subject: string): Promise<RedmineIssue> {
    return suite.as('client').createIssue({ project_id: suite.project(projectName), subject, tracker_id: 3 });
  }

  it('gives a new issue its SLA fields, and its own writes cause no further writes next cycle', async () => {
    const files = writeWorkerFiles(suite.world, { contracts: { fresh: suite.project('fresh') } });
    const issue = await newIssue('fresh', 'Mail server does not answer');
    const createdMs = Date.parse(issue.created_on);

    const first = await runWorkerCycle(files.configPath, createdMs + 5 * MINUTE);

    expect(first.report).toMatchObject({ outcome: 'ok', writes: 1, escalations: 0 });
    const synced = await suite.admin.getIssue(issue.id);
    expect(customFieldText(synced, 'SLA state')).toBe('running');
    expect(customFieldText(synced, 'SLA tariff')).toBe('test');
    expect(customFieldText(synced, 'SLA reaction due')).toBe(
      new Date(createdMs + 30 * MINUTE).toISOString().replace(/\.000Z$/, '+00:00'),
    );
    expect(customFieldText(synced, 'SLA resolution due')).toBe(
      new Date(createdMs + 240 * MINUTE).toISOString().replace(/\.000Z$/, '+00:00'),
    );
    // The same instants as days (the test calendar is in UTC) in the date fields, which Redmine filters on.
    expect(customFieldText(synced, 'SLA reaction due date')).toBe(
      new Date(createdMs + 30 * MINUTE).toISOString().slice(0, 10),
    );
    expect(customFieldText(synced, 'SLA resolution due date')).toBe(
      new Date(createdMs + 240 * MINUTE).toISOString().slice(0, 10),
    );
    const resolutionDay = new Date(createdMs + 240 * MINUTE).toISOString().slice(0, 10);
    const filtered = await suite.admin.listIssues({
      projectId: suite.project('fresh'),
      filters: {
        [`cf_${synced.custom_fields.find((candidate) => candidate.name === 'SLA resolution due date')?.id}`]: `<=${resolutionDay}`,
      },
    });
    expect(filtered.map((candidate: RedmineIssue) => candidate.id)).toEqual([issue.id]);

    const second = await runWorkerCycle(files.configPath, createdMs + 6 * MINUTE);

    expect(second.report).toMatchObject({ outcome: 'ok', writes: 0, fetched: 0 });
    expect(second.stats.writes).toBe(0);
    expect(second.lines.join('\n')).not.toContain(suite.world.adminKey);
  });

  it('pauses the clocks while the issue waits for the customer and resumes them after', async () => {
    const files = writeWorkerFiles(suite.world, { contracts: { paused: suite.project('paused') } });
    const issue = await newIssue('paused', 'VPN drops every hour');
    const createdMs = Date.parse(issue.created_on);
    await suite.as('staff').updateIssue(issue.id, {
      status_id: statusId('Waiting for customer'),
      notes: 'Could you send the VPN client log?',
    });

    const waiting = await runWorkerCycle(files.configPath, createdMs + 60 * MINUTE);

    expect(waiting.report.outcome).toBe('ok');
    const paused = await suite.admin.getIssue(issue.id);
    expect(customFieldText(paused, 'SLA state')).toBe('paused');
    expect(customFieldText(paused, 'SLA resolution due')).toBe('');

    await suite.as('staff').updateIssue(issue.id, {
      status_id: statusId('In Progress'),
      notes: 'Thanks, the log shows the cause.',
    });
    const resumed = await runWorkerCycle(files.configPath, createdMs + 90 * MINUTE);

    expect(resumed.report).toMatchObject({ outcome: 'ok', fetched: 1, writes: 1 });
    const running = await suite.admin.getIssue(issue.id);
    expect(customFieldText(running, 'SLA state')).toBe('running');
    expect(customFieldText(running, 'SLA resolution due')).not.toBe('');

    const idle = await runWorkerCycle(files.configPath, createdMs + 91 * MINUTE);
    expect(idle.stats.writes).toBe(0);
  });

  it('escalates a reaction breach once: one note, reassignment to the second line, and no repeat even without the state file', async () => {
    const files = writeWorkerFiles(suite.world, { contracts: { breach: suite.project('breach') } });
    const silent = await newIssue('breach', 'Nobody answers me');
    const answered = await newIssue('breach', 'Printer jams');
    await suite.as('staff').updateIssue(answered.id, { notes: 'Looking into it now.' });
    const createdMs = Date.parse(silent.created_on);

    const early = await runWorkerCycle(files.configPath, createdMs + 5 * MINUTE);
    expect(early.report).toMatchObject({ outcome: 'ok', escalations: 0 });

    const breach = await runWorkerCycle(files.configPath, createdMs + 31 * MINUTE);

    expect(breach.report).toMatchObject({ outcome: 'ok', escalations: 1 });
    const escalated = await suite.admin.getIssue(silent.id, { include: ['journals'] });
    expect(escalationNotes(escalated)).toHaveLength(1);
    expect(escalationNotes(escalated)[0]).toContain('[esc:reaction:L1:c0]');
    expect(escalationNotes(escalated)[0]).toContain(`@${suite.world.lead.login}`);
    expect(escalated.assigned_to?.id).toBe(suite.world.groups.l2.id);
    expect(customFieldText(escalated, 'Support line')).toBe('L2');
    expect(customFieldText(escalated, 'SLA state')).toBe('breached');
    expect(customFieldText(escalated, 'SLA flags')).toContain('esc:reaction:L1:c0');
    // The staff's public note was the response: that clock stopped in time.
    const stillCalm = await suite.admin.getIssue(answered.id, { include: ['journals'] });
    expect(escalationNotes(stillCalm)).toHaveLength(0);

    const later = await runWorkerCycle(files.configPath, createdMs + 40 * MINUTE);
    expect(later.report).toMatchObject({ outcome: 'ok', escalations: 0 });
    expect(later.stats.writes).toBe(0);

    rmSync(files.statePath);
    const afterLoss = await runWorkerCycle(files.configPath, createdMs + 45 * MINUTE);
    expect(afterLoss.report).toMatchObject({ outcome: 'ok', escalations: 0 });
    expect(afterLoss.stats.writes).toBe(0);
    expect(escalationNotes(await suite.admin.getIssue(silent.id, { include: ['journals'] }))).toHaveLength(1);
  });

  it("marks the incident beyond the tariff's daily limit", async () => {
    const files = writeWorkerFiles(suite.world, { contracts: { limit: suite.project('limit') } });
    const issues: RedmineIssue[] = [];
    for (const subject of ['First outage', 'Second outage', 'Third outage'])
      issues.push(await newIssue('limit', subject));
    const days = new Set(issues.map((issue) => issue.created_on.slice(0, 10)));
    if (days.size > 1) return; // created across UTC midnight: the limit rightly does not apply

    const run = await runWorkerCycle(files.configPath, Date.parse(issues[2].created_on) + MINUTE);

    expect(run.report.outcome).toBe('ok');
    const flags = await Promise.all(
      issues.map(async (issue) => customFieldText(await suite.admin.getIssue(issue.id), 'SLA flags')),
    );
    expect(flags[0]).not.toContain('over-limit');
    expect(flags[1]).not.toContain('over-limit');
    expect(flags[2]).toContain('over-limit');
  });

  it('publishes the monthly statement with the logged hours to the project wiki, and only rewrites it when it changes', async () => {
    const files = writeWorkerFiles(suite.world, {
      contracts: { hours: suite.project('hours') },
      config: { statements: { enabled: true, refreshMinutes: 0.001, wikiTitle: 'SLA_Statement_{month}' } },
    });
    const issue = await newIssue('hours', 'Set up a laptop for a new hire');
    const today = new Date().toISOString().slice(0, 10);
    await suite.as('staff').createTimeEntry({ issue_id: issue.id, hours: 1.5, spent_on: today, comments: 'Imaging' });
    await suite
      .as('staff')
      .createTimeEntry({ issue_id: issue.id, hours: 2, spent_on: today, comments: 'Accounts and mail' });
    // Redmine keeps no time of day for time entries: they count from local noon (UTC here), so the
    // cycle runs after it, whatever the hour the suite runs at.
    const nowMs = Math.max(Date.parse(issue.created_on) + 10 * MINUTE, Date.parse(`${today}T12:00:00Z`) + MINUTE);

    const first = await runWorkerCycle(files.configPath, nowMs);

    expect(first.report).toMatchObject({ outcome: 'ok', statements: 1 });
    const page = await suite.admin.getWikiPage(suite.project('hours'), `SLA_Statement_${today.slice(0, 7)}`);
    expect(page?.text).toMatch(/^h1\. /);
    expect(page?.text).toContain('3.5');

    const second = await runWorkerCycle(files.configPath, nowMs);
    expect(second.report).toMatchObject({ outcome: 'ok', statements: 0 });
    expect(second.stats.writes).toBe(0);

    await suite
      .as('staff')
      .createTimeEntry({ issue_id: issue.id, hours: 0.5, spent_on: today, comments: 'Printer driver' });
    const third = await runWorkerCycle(files.configPath, nowMs);
    expect(third.report.statements).toBe(1);
    const updated = await suite.admin.getWikiPage(suite.project('hours'), `SLA_Statement_${today.slice(0, 7)}`);
    expect(updated?.text).toContain('4');
    expect(updated?.version).toBe(2);
  });

  it('prints every write of a dry run and makes none, through the CLI', async () => {
    const files = writeWorkerFiles(suite.world, { contracts: { dry: suite.project('dry') } });
    const issue = await newIssue('dry', 'Only pretend');
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdout: (text) => (stdout += `${text}\n`),
      stderr: (text) => (stderr += `${text}\n`),
      nowMs: () => Date.parse(issue.created_on) + 31 * MINUTE,
      env: { REDMINE_API_KEY: suite.world.adminKey },
      isTty: false,
    };

    const code = await runCli(
      ['node', 'tariff-sla', 'redmine', 'sync', '--config', files.configPath, '--once', '--dry-run'],
      io,
    );

    expect(code).toBe(0);
    const planned = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(planned).toEqual([
      expect.objectContaining({ dryRun: true, method: 'PUT', path: `/issues/${issue.id}.json` }),
    ]);
    expect(planned[0].body.issue.notes).toContain('[esc:reaction:L1:c0]');
    expect(stderr).toMatch(/"event":"requests".*"writes":0/);
    const untouched = await suite.admin.getIssue(issue.id, { include: ['journals'] });
    expect(untouched.journals).toEqual([]);
    expect(customFieldText(untouched, 'SLA state')).toBe('');
    expect(existsSync(files.statePath)).toBe(false);
    expect(stdout + stderr).not.toContain(suite.world.adminKey);
  });
});
