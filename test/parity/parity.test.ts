import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { getIssueSla } from '../../src/jira/app/issue-panel-resolver';
import { runSweep } from '../../src/jira/app/sweep';
import { readEscalationRecord } from '../../src/jira/escalation/escalation-runner';
import { SLA_PROPERTY_KEY, slaFieldValueSchema, slaPropertySchema } from '../../src/jira/sla/sla-property';
import type { RedmineIssueQuery, RedmineIssueUpdate } from '../../src/redmine/client';
import type { RedmineIssue, RedmineJournal, RedmineProject } from '../../src/redmine/schemas';
import { parseEscalationMarkers } from '../../src/redmine/worker/escalation-marker';
import { RedmineSyncWorker } from '../../src/redmine/worker/redmine-sync-worker';
import { emptyWorkerState } from '../../src/redmine/worker/worker-state-schema';
import { escalationKey } from '../../src/core/escalation/escalation-intents';
import { runTariffSla } from '../helpers/cli';
import { mskIso } from '../helpers/instants';
import { SEED_CATALOG_PATH, seedCatalog } from '../helpers/seed-catalog';
import { AGENT, startAppHarness } from '../jira/e2e/jira-app-harness';
import { DEFAULT_REFERENCE_DATA } from '../jira/stand-in/jira-stand-in-store';
import {
  CUSTOM_FIELDS,
  PRIORITIES,
  PROJECT,
  STAFF_USER,
  STATUSES,
  TRACKERS,
  journal,
  redmineIssue,
  ScriptedRedmineApi,
} from '../redmine/worker/scripted-redmine-api';
import { memoryLog, testConfig } from '../redmine/worker/worker-fixtures';
import {
  JIRA_PRIORITY,
  JIRA_STATUS,
  JIRA_TYPE,
  PARITY_AT,
  PARITY_ISSUES,
  type ParityIssue,
  type SurfaceIssue,
} from './parity-histories';

/**
 * One rule set on every surface: the same histories evaluated at the same instant by the CLI
 * (`evaluate --json`), by the Jira app (changelogs in the Jira stand-in, one sweep; clocks from the
 * issue panel) and by the Redmine worker (journals through its scripted API fake, one cycle) give the
 * same states, deadlines, over-limit flags and escalation actions. A rule added to one surface alone
 * makes the surfaces disagree here.
 */
const AT_MS = DateTime.fromISO(PARITY_AT, { zone: 'Europe/Moscow' }).toMillis();
const CLOCKS = ['reaction', 'start', 'resolution'] as const;
const local = (text: string) => DateTime.fromISO(text, { zone: 'Europe/Moscow' }).toMillis();

/** The note with the tracker's issue key replaced, so notes compare across trackers. */
function neutralNote(note: string, key: string): string {
  return note.split(key).join('<key>');
}

function byName<T>(entries: ReadonlyArray<[string, T]>): Record<string, T> {
  return Object.fromEntries(entries);
}

// ---------------------------------------------------------------- CLI

const cliIntentSchema = z.object({
  key: z.string(),
  decision: z.enum(['act', 'skip']),
  line: z.string().nullable(),
  priority: z.string().nullable(),
  note: z.string(),
});
const cliJsonSchema = z.object({
  issues: z.array(
    z.object({
      key: z.string(),
      state: z.string(),
      overLimit: z.boolean(),
      clocks: z.record(z.string(), z.object({ state: z.string(), dueAt: z.string().nullable() })),
      intents: z.array(cliIntentSchema),
    }),
  ),
  problems: z.array(z.unknown()),
});

/** Clock states per issue as the CLI reports them, for the Jira panel. */
const cliClockStates: Record<string, Record<string, string>> = {};

async function runCli(issues: readonly ParityIssue[]): Promise<Record<string, SurfaceIssue>> {
  const folder = mkdtempSync(join(tmpdir(), 'parity-'));
  try {
    const documents = issues.map((issue) => ({
      key: issue.name,
      contract: issue.contract,
      type: issue.type,
      priority: issue.priority,
      status: 'New',
      createdAt: mskIso(issue.created.replace('T', ' ')),
      events: issue.events.flatMap((event) => {
        const at = mskIso(event.at.replace('T', ' '));
        const list: Array<Record<string, unknown>> = [];
        if (event.status !== undefined) list.push({ at, kind: 'status', to: event.status });
        if (event.priority !== undefined) list.push({ at, kind: 'priority', to: event.priority });
        if (event.type !== undefined) list.push({ at, kind: 'type', to: event.type });
        if (event.estimateMinutes !== undefined) list.push({ at, kind: 'estimate', minutes: event.estimateMinutes });
        return list;
      }),
    }));
    const file = join(folder, 'issues.json');
    writeFileSync(file, JSON.stringify({ issues: documents }));
    const run = await runTariffSla([
      'evaluate',
      '--config',
      SEED_CATALOG_PATH,
      '--issues',
      file,
      '--at',
      mskIso(PARITY_AT.replace('T', ' ')),
      '--json',
    ]);
    expect(run.stderr).toBe('');
    const json = cliJsonSchema.parse(JSON.parse(run.stdout));
    expect(json.problems).toEqual([]);
    for (const issue of json.issues)
      cliClockStates[issue.key] = Object.fromEntries(
        Object.entries(issue.clocks).map(([clock, value]) => [clock, value.state]),
      );
    return byName(
      json.issues.map((issue) => [
        issue.key,
        {
          state: issue.state,
          overLimit: issue.overLimit,
          dueAt: Object.fromEntries(CLOCKS.map((clock) => [clock, issue.clocks[clock]?.dueAt ?? null])),
          acted: issue.intents
            .filter((intent) => intent.decision === 'act')
            .map((intent) => ({
              key: intent.key,
              line: intent.line,
              priority: intent.priority,
              note: neutralNote(intent.note, issue.key),
            })),
          recorded: issue.intents.filter((intent) => intent.decision === 'skip').map((intent) => intent.key),
        },
      ]),
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- Jira

const JIRA_MAPPING = `projects:
  SUP:
    contract: client-a
    statuses: { Open: New }
    priorities: { Lowest: low, Low: normal, Medium: high, High: urgent, Highest: critical }
    issueTypes: { Incident: incident, Bug: bug, Task: enhancement }
  PKG:
    contract: client-d
    statuses: { Open: New }
    priorities: { Lowest: low, Low: normal, Medium: high, High: urgent, Highest: critical }
    issueTypes: { Incident: incident, Bug: bug, Task: enhancement }
agents:
  accountIds: [${AGENT}]
escalateSince: "2026-01-01T00:00:00+03:00"
language: en
`;

/** The SLA states as the panel's badge shows them, from the core's clock states. */
const JIRA_STATE: Readonly<Record<string, string>> = {
  running: 'ok',
  at_risk: 'at_risk',
  breached: 'breached',
  paused: 'paused',
  met: 'met',
  waiting_estimate: 'waiting',
  not_covered: 'not_covered',
};
const CATALOG_PRIORITY_OF_JIRA = Object.fromEntries(
  Object.entries(JIRA_PRIORITY).map(([catalog, jira]) => [jira, catalog]),
);

async function runJira(
  issues: readonly ParityIssue[],
): Promise<{ surface: Record<string, SurfaceIssue>; panelStates: Record<string, Record<string, string>> }> {
  const app = await startAppHarness('2026-11-13T08:00', {
    mapping: JIRA_MAPPING,
    standIn: { reference: { issueTypes: [...DEFAULT_REFERENCE_DATA.issueTypes, { id: '10005', name: 'Bug' }] } },
  });
  try {
    const keys = new Map<string, { id: string; key: string }>();
    for (const issue of issues) {
      const seeded = app.standIn.seedIssue({
        project: issue.contract === 'client-a' ? 'SUP' : 'PKG',
        created: local(issue.created),
        priority: JIRA_PRIORITY[issue.priority],
        issueType: JIRA_TYPE[issue.type],
        status: 'Open',
        reporter: AGENT,
      });
      keys.set(issue.name, seeded);
      for (const event of issue.events) {
        const at = local(event.at);
        if (event.status !== undefined || event.priority !== undefined || event.type !== undefined) {
          app.standIn.changeIssue(seeded.key, {
            at,
            author: AGENT,
            ...(event.status !== undefined ? { status: JIRA_STATUS[event.status] } : {}),
            ...(event.priority !== undefined ? { priority: JIRA_PRIORITY[event.priority] } : {}),
            ...(event.type !== undefined ? { issueType: JIRA_TYPE[event.type] } : {}),
          });
        }
        if (event.estimateMinutes !== undefined) {
          const seconds = String(event.estimateMinutes * 60);
          app.standIn.store.recordHistory(app.standIn.store.issue(seeded.key), at, AGENT, [
            {
              field: 'timeoriginalestimate',
              fieldId: 'timeoriginalestimate',
              fieldtype: 'jira',
              to: seconds,
              toText: seconds,
            },
          ]);
        }
      }
    }
    app.setNow(PARITY_AT);
    const sweep = await runSweep(app.deps, { runId: 'parity', budgetMs: 600_000, enqueue: async () => undefined });
    expect(sweep.errors).toEqual([]);
    expect(app.standIn.violations()).toEqual([]);
    const surface: Array<[string, SurfaceIssue]> = [];
    const panelStates: Array<[string, Record<string, string>]> = [];
    for (const issue of issues) {
      const { id, key } = keys.get(issue.name)!;
      const state = app.standIn.issueState(key);
      const property = slaPropertySchema.parse(state.properties[SLA_PROPERTY_KEY]);
      const field = slaFieldValueSchema.parse(Object.values(state.appFieldValues)[0]);
      const panel = await getIssueSla(app.deps, app.reportDeps, { issueKey: key });
      if (!panel.ok) throw new Error(`panel of ${key}: ${panel.error.message}`);
      // Over the limit must show on the field, the property and the panel alike.
      expect({ issue: issue.name, field: field.overLimit === true, panel: panel.value.overLimit }).toEqual({
        issue: issue.name,
        field: property.slaOverLimit,
        panel: property.slaOverLimit,
      });
      const record = await readEscalationRecord(app.deps, id);
      const noteOf = (text: string | undefined) => neutralNote((text ?? '').split('\n\n[Tariff SLA')[0], key);
      surface.push([
        issue.name,
        {
          state: property.slaState,
          overLimit: property.slaOverLimit,
          dueAt: Object.fromEntries(
            CLOCKS.map((clock) => [
              clock,
              panel.value.clocks.find((candidate) => candidate.clock === clock)?.dueAt ?? null,
            ]),
          ),
          acted: record.log
            .filter((entry) => entry.skipped === undefined)
            .map((entry) => ({
              key: entry.marker,
              line: entry.line ?? null,
              priority: entry.priority === undefined ? null : CATALOG_PRIORITY_OF_JIRA[entry.priority],
              note: noteOf(entry.notification?.textBody ?? entry.comment?.text),
            })),
          recorded: record.log.filter((entry) => entry.skipped !== undefined).map((entry) => entry.marker),
        },
      ]);
      panelStates.push([
        issue.name,
        Object.fromEntries(panel.value.clocks.map((clock) => [clock.clock, JIRA_STATE[clock.state]])),
      ]);
    }
    return { surface: byName(surface), panelStates: byName(panelStates) };
  } finally {
    await app.close();
  }
}

// ---------------------------------------------------------------- Redmine

const DELTA: RedmineProject = {
  id: 11,
  name: 'Delta support',
  identifier: 'delta-support',
  created_on: '2026-01-01T00:00:00Z',
  updated_on: '2026-01-01T00:00:00Z',
};

/** The worker's scripted API with two projects, answering listings and reads from the issues given. */
class ParityRedmineApi extends ScriptedRedmineApi {
  constructor(private readonly source: readonly RedmineIssue[]) {
    super();
    this.groups = [...this.groups, { id: 52, name: 'Support L3' }];
  }

  override async listProjects() {
    await super.listProjects();
    return [PROJECT, DELTA];
  }

  override async eachIssuePage(
    query: RedmineIssueQuery,
    onPage: (items: RedmineIssue[], page: { offset: number; total: number; index: number }) => void | Promise<void>,
  ) {
    const items = this.source.filter((issue) => issue.project.id === query.projectId);
    this.issuePages.push({ value: items });
    return super.eachIssuePage(query, onPage);
  }

  override async getIssue(id: number, options: { include?: readonly string[] } = {}) {
    const found = this.source.find((issue) => issue.id === id);
    if (found) this.issues.push({ value: found });
    return super.getIssue(id, options);
  }
}

const statusId = (name: string) => STATUSES.find((status) => status.name === name)!.id;
const REDMINE_TRACKER: Readonly<Record<string, string>> = { incident: 'Support', bug: 'Bug', enhancement: 'Feature' };
const REDMINE_PRIORITY: Readonly<Record<string, string>> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
  critical: 'Immediate',
};
const trackerOf = (type: string) => TRACKERS.find((tracker) => tracker.name === REDMINE_TRACKER[type])!;
const priorityOf = (priority: string) => PRIORITIES.find((candidate) => candidate.name === REDMINE_PRIORITY[priority])!;
const utc = (text: string) => new Date(local(text)).toISOString().replace('.000Z', 'Z');

function redmineIssueOf(issue: ParityIssue, id: number): RedmineIssue {
  let status = 'New';
  let type: string = issue.type;
  let priority: string = issue.priority;
  let estimateHours: number | null = null;
  const journals: RedmineJournal[] = issue.events.map((event, index) => {
    const details: RedmineJournal['details'] = [];
    if (event.status !== undefined)
      details.push({
        property: 'attr',
        name: 'status_id',
        old_value: String(statusId(status)),
        new_value: String(statusId(event.status)),
      });
    if (event.priority !== undefined)
      details.push({
        property: 'attr',
        name: 'priority_id',
        old_value: String(priorityOf(priority).id),
        new_value: String(priorityOf(event.priority).id),
      });
    if (event.type !== undefined)
      details.push({
        property: 'attr',
        name: 'tracker_id',
        old_value: String(trackerOf(type).id),
        new_value: String(trackerOf(event.type).id),
      });
    if (event.estimateMinutes !== undefined)
      details.push({
        property: 'attr',
        name: 'estimated_hours',
        old_value: null,
        new_value: String(event.estimateMinutes / 60),
      });
    status = event.status ?? status;
    priority = event.priority ?? priority;
    type = event.type ?? type;
    estimateHours = event.estimateMinutes !== undefined ? event.estimateMinutes / 60 : estimateHours;
    return journal(id * 100 + index, utc(event.at), STAFF_USER, { details });
  });
  const current = STATUSES.find((candidate) => candidate.name === status)!;
  return redmineIssue(id, {
    project:
      issue.contract === 'client-a' ? { id: PROJECT.id, name: PROJECT.name } : { id: DELTA.id, name: DELTA.name },
    status: current,
    tracker: trackerOf(type),
    priority: priorityOf(priority),
    estimated_hours: estimateHours,
    created_on: utc(issue.created),
    updated_on: issue.events.length > 0 ? utc(issue.events[issue.events.length - 1].at) : utc(issue.created),
    journals,
  });
}

function fieldValue(update: RedmineIssueUpdate | undefined, name: string): string | undefined {
  const id = CUSTOM_FIELDS.find((field) => field.name === name)!.id;
  const value = update?.custom_fields?.find((field) => field.id === id)?.value;
  return typeof value === 'string' ? value : undefined;
}

async function runRedmine(issues: readonly ParityIssue[]): Promise<Record<string, SurfaceIssue>> {
  const redmineIssues = issues.map((issue, index) => redmineIssueOf(issue, 101 + index));
  const api = new ParityRedmineApi(redmineIssues);
  const config = testConfig({
    contracts: { 'client-a': { projects: ['alpha-support'] }, 'client-d': { projects: ['delta-support'] } },
    lines: { L2: { group: 'Support L2' }, L3: { group: 'Support L3' } },
    escalation: { mentions: {} },
  });
  const { log } = memoryLog();
  const worker = new RedmineSyncWorker({
    api,
    config,
    catalog: seedCatalog(),
    state: emptyWorkerState('http://127.0.0.1:3300'),
    saveState: () => undefined,
    log,
    clock: () => AT_MS,
    dryRun: false,
  });
  const report = await worker.runCycle({ nowMs: AT_MS });
  expect(report.outcome).toBe('ok');
  expect(report.skipped).toEqual([]);
  const catalogPriority = Object.fromEntries(
    PRIORITIES.map((priority) => [priority.id, config.mapping.priorities[priority.name] ?? priority.name]),
  );
  return byName(
    issues.map((issue, index) => {
      const id = 101 + index;
      const updates = api.sentUpdates.filter((sent) => sent.id === id).map((sent) => sent.update);
      // The last value written for each field is what Redmine shows.
      const latest = (name: string) =>
        [...updates]
          .reverse()
          .map((update) => fieldValue(update, name))
          .find((value) => value !== undefined);
      const flags = (latest('SLA flags') ?? '').split(' ');
      const actedUpdates = updates.filter((update) => update.notes !== undefined);
      const actedKeys = actedUpdates.map((update) => escalationKey(parseEscalationMarkers(update.notes ?? '')[0]));
      const allMarkers = parseEscalationMarkers(flags.join(' ')).map(escalationKey);
      const due = (name: string) => {
        const value = latest(name);
        return value === undefined || value === '' ? null : value;
      };
      return [
        issue.name,
        {
          state: latest('SLA state') ?? '(not written)',
          overLimit: flags.includes('over-limit'),
          dueAt: {
            reaction: due('SLA reaction due'),
            start: due('SLA start due'),
            resolution: due('SLA resolution due'),
          },
          acted: actedUpdates.map((update, position) => ({
            key: actedKeys[position],
            line: fieldValue(update, 'Support line') ?? null,
            priority: update.priority_id === undefined ? null : catalogPriority[update.priority_id],
            note: neutralNote((update.notes ?? '').split('\n').slice(0, -1).join('\n'), `#${id}`),
          })),
          recorded: allMarkers.filter((key) => !actedKeys.includes(key)),
        },
      ];
    }),
  );
}

// ---------------------------------------------------------------- the suite

describe('the same histories on the CLI, the Jira app and the Redmine worker', () => {
  let cli: Record<string, SurfaceIssue>;
  let jira: Awaited<ReturnType<typeof runJira>>;
  let redmine: Record<string, SurfaceIssue>;

  beforeAll(async () => {
    cli = await runCli(PARITY_ISSUES);
    jira = await runJira(PARITY_ISSUES);
    redmine = await runRedmine(PARITY_ISSUES);
    if (process.env.PARITY_DUMP === '1') process.stdout.write(`${JSON.stringify(cli, null, 1)}\n`);
  }, 120_000);

  test('The histories exercise what they claim: over the limit, breaches, skipped and acted escalations on every clock, raised priorities and moved lines', () => {
    const all = Object.values(cli);
    expect(all.filter((issue) => issue.overLimit)).toHaveLength(1);
    const acted = all.flatMap((issue) => issue.acted);
    expect(new Set(acted.map((escalation) => escalation.key.split(':')[1]))).toEqual(
      new Set(['reaction', 'start', 'resolution']),
    );
    expect(acted.some((escalation) => escalation.priority !== null)).toBe(true);
    expect(acted.some((escalation) => escalation.line !== null)).toBe(true);
    expect(all.some((issue) => issue.recorded.length > 0)).toBe(true);
    expect(new Set(all.map((issue) => issue.state))).toEqual(expect.objectContaining(new Set(['breached', 'running'])));
  });

  test.each(PARITY_ISSUES.map((issue) => issue.name))(
    '%s: Redmine writes the states, deadlines, over-limit flag and escalations the CLI reports',
    (name) => {
      expect(redmine[name]).toEqual(cli[name]);
    },
  );

  test.each(PARITY_ISSUES.map((issue) => issue.name))(
    '%s: Jira shows the states, deadlines, over-limit flag and escalations the CLI reports',
    (name) => {
      expect(jira.surface[name]).toEqual({ ...cli[name], state: JIRA_STATE[cli[name].state] });
      expect(jira.panelStates[name]).toEqual(
        Object.fromEntries(Object.entries(cliClockStates[name]).map(([clock, state]) => [clock, JIRA_STATE[state]])),
      );
    },
  );
});
