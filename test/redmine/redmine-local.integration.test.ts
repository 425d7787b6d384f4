import { RedmineClient } from '../../src/redmine/client';
import { RequestStats } from '../../src/http/request-stats';

/*
 * Talks to a real Redmine 5: `scripts/test-all.sh` starts one with scripts/redmine-local.sh
 * and exports REDMINE_URL and REDMINE_API_KEY. Missing variables fail the suite on purpose,
 * so a run without Redmine cannot pass unnoticed; TARIFF_SLA_SKIP_REDMINE=1 opts out.
 */
const skip = process.env.TARIFF_SLA_SKIP_REDMINE === '1';
const describeRedmine = skip ? describe.skip : describe;

const MISSING =
  'REDMINE_URL and REDMINE_API_KEY are not set. Start the local Redmine with `bash scripts/redmine-local.sh start`, ' +
  'then `eval "$(bash scripts/redmine-local.sh env)"` before running jest (or set TARIFF_SLA_SKIP_REDMINE=1 to skip these tests).';

describeRedmine('RedmineClient against the local Redmine', () => {
  let client: RedmineClient;
  let stats: RequestStats;
  const identifier = `tsla-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;

  beforeAll(() => {
    const baseUrl = process.env.REDMINE_URL;
    const apiKey = process.env.REDMINE_API_KEY;
    if (!baseUrl || !apiKey) throw new Error(MISSING);
    stats = new RequestStats();
    client = new RedmineClient({ baseUrl, apiKey, retries: 2, baseDelayMs: 200, stats });
  });

  afterAll(() => {
    client?.close();
  });

  it('authenticates as the administrator', async () => {
    const me = await client.getCurrentUser();
    expect(me.admin).toBe(true);
    expect(me).not.toHaveProperty('api_key');
  });

  it('offers the statuses, trackers, priorities and SLA custom fields the worker relies on', async () => {
    const [statuses, trackers, priorities, fields] = await Promise.all([
      client.listIssueStatuses(),
      client.listTrackers(),
      client.listIssuePriorities(),
      client.listCustomFields(),
    ]);
    const closedByName = new Map(statuses.map((status) => [status.name, status.is_closed]));
    expect(closedByName.get('New')).toBe(false);
    expect(closedByName.get('In Progress')).toBe(false);
    expect(closedByName.get('Waiting for customer')).toBe(false);
    expect(closedByName.get('Resolved')).toBe(true);
    expect(closedByName.get('Closed')).toBe(true);
    expect(trackers.map((tracker) => tracker.name)).toEqual(expect.arrayContaining(['Bug', 'Feature', 'Support']));
    expect(priorities.map((priority) => priority.name)).toEqual(
      expect.arrayContaining(['Low', 'Normal', 'High', 'Urgent', 'Immediate']),
    );
    const issueFields = fields.filter((field) => field.customized_type === 'issue').map((field) => field.name);
    expect(issueFields).toEqual(
      expect.arrayContaining([
        'SLA state',
        'SLA reaction due',
        'SLA start due',
        'SLA resolution due',
        'SLA tariff',
        'Support line',
        'SLA flags',
      ]),
    );
  });

  it('creates a project, an issue and a time entry, and round-trips the SLA state field and a wiki page', async () => {
    const fields = await client.listCustomFields();
    const slaState = fields.find((field) => field.name === 'SLA state');
    if (!slaState) throw new Error('custom field "SLA state" is missing: run `bash scripts/redmine-local.sh start`');
    const support = (await client.listTrackers()).find((tracker) => tracker.name === 'Support');
    if (!support) throw new Error('tracker "Support" is missing: run `bash scripts/redmine-local.sh start`');
    const startedAt = new Date(Date.now() - 60_000).toISOString();
    const writesBefore = stats.writes;

    const project = await client.createProject({ name: `Tariff SLA ${identifier}`, identifier });
    expect(project.identifier).toBe(identifier);

    const created = await client.createIssue({
      project_id: project.id,
      tracker_id: support.id,
      subject: 'Mail server down',
    });
    expect(created.project.id).toBe(project.id);

    const today = new Date().toISOString().slice(0, 10);
    const entry = await client.createTimeEntry({
      issue_id: created.id,
      hours: 1.25,
      spent_on: today,
      comments: 'diagnosis',
    });
    expect(entry.hours).toBe(1.25);
    const entries = await client.listTimeEntries({ projectId: identifier, from: today, to: today });
    expect(entries.map((item) => item.id)).toContain(entry.id);

    await client.updateIssue(created.id, {
      custom_fields: [{ id: slaState.id, value: 'breached' }],
      notes: 'SLA reaction target breached',
      private_notes: true,
    });
    const reread = await client.getIssue(created.id, { include: ['journals'] });
    expect(reread.custom_fields.find((field) => field.id === slaState.id)?.value).toBe('breached');
    expect(
      reread.journals?.some((journal) => journal.notes === 'SLA reaction target breached' && journal.private_notes),
    ).toBe(true);

    const changed = await client.listIssues({ projectId: identifier, updatedSince: startedAt });
    expect(changed.map((item) => item.id)).toEqual([created.id]);

    await expect(client.getWikiPage(identifier, 'SLA_Report')).resolves.toBeNull();
    await expect(
      client.putWikiPage(identifier, 'SLA_Report', 'h1. SLA report\n\nAll green.', 'first'),
    ).resolves.toEqual({ created: true });
    await expect(
      client.putWikiPage(identifier, 'SLA_Report', 'h1. SLA report\n\nOne breach.', 'second'),
    ).resolves.toEqual({ created: false });
    const page = await client.getWikiPage(identifier, 'SLA_Report');
    expect(page?.text).toBe('h1. SLA report\n\nOne breach.');
    expect(page?.version).toBe(2);

    // project, issue, time entry, issue update, two wiki writes
    expect(stats.writes - writesBefore).toBe(6);
  });

  it('finds the new project among all projects', async () => {
    const projects = await client.listProjects();
    expect(projects.map((project) => project.identifier)).toContain(identifier);
  });
});
