import { parseCatalog } from '../../../src/core/catalog/parse-catalog';
import type { CompiledCatalog } from '../../../src/core/catalog/compiled-catalog';
import type { RedmineIssueUpdate, RedmineTimeEntryQuery } from '../../../src/redmine/client';
import type { RedmineIssue, RedmineProject } from '../../../src/redmine/schemas';
import { RedmineSyncWorker } from '../../../src/redmine/worker/redmine-sync-worker';
import type { StatementRenderer, StatementRequest } from '../../../src/redmine/worker/statement-publisher';
import { emptyWorkerState } from '../../../src/redmine/worker/worker-state-schema';
import { journal, redmineIssue, ScriptedRedmineApi, STAFF_USER, WORKER_USER } from './scripted-redmine-api';
import { memoryLog, testCatalogDocument, testConfig } from './worker-fixtures';

/*
 * Contract rules in the sync cycle: a shared desk (bound to no contract) whose issues name their
 * client in a "Client" list field, a client with a project of its own and a tree of subprojects,
 * and a request no rule covers. The fake keeps the issues as Redmine would (writes change them and
 * add the worker's journal), so the cycle runs whole: listings, reads, writes, re-reads, statements.
 */

const CLIENT_FIELD = { id: 30, name: 'Client' };
const project = (id: number, identifier: string, parentId?: number): RedmineProject => ({
  id,
  name: identifier,
  identifier,
  created_on: '2026-01-01T00:00:00Z',
  updated_on: '2026-01-01T00:00:00Z',
  ...(parentId !== undefined ? { parent: { id: parentId, name: '' } } : {}),
});
const DESK = project(10, 'desk');
const ALFA_OWN = project(11, 'alfa-own');
const HOLDING = project(12, 'holding');
const GAMMA = project(13, 'gamma', 12);
const KIOSK = project(14, 'gamma-kiosk', 13);
const PROJECTS = [DESK, ALFA_OWN, HOLDING, GAMMA, KIOSK];

const minutes = (value: number): string =>
  new Date(Date.parse('2026-11-20T07:00:00Z') + value * 60_000).toISOString().replace('.000', '');

/** An incident created `createdMinute` minutes after 07:00 in `where`, with the Client field. */
function incident(id: number, where: RedmineProject, createdMinute: number, client: string | null): RedmineIssue {
  const base = redmineIssue(id, {
    project: { id: where.id, name: where.name },
    created_on: minutes(createdMinute),
    updated_on: minutes(createdMinute),
  });
  return { ...base, custom_fields: [...base.custom_fields, { ...CLIENT_FIELD, value: client }] };
}

/** The same issue after a person changed its Client at `atMinute`. */
function clientChanged(issue: RedmineIssue, to: string, atMinute: number): RedmineIssue {
  const from = issue.custom_fields.find((field) => field.id === CLIENT_FIELD.id)?.value ?? null;
  return {
    ...issue,
    updated_on: minutes(atMinute),
    custom_fields: issue.custom_fields.map((field) => (field.id === CLIENT_FIELD.id ? { ...field, value: to } : field)),
    journals: [
      journal(issue.id * 10, minutes(atMinute), STAFF_USER, {
        details: [{ property: 'cf', name: String(CLIENT_FIELD.id), old_value: String(from), new_value: to }],
      }),
    ],
  };
}

/** Redmine as a store: listings per project, reads by id, writes applied with the worker's journal. */
class ClientsRedmineApi extends ScriptedRedmineApi {
  readonly world = new Map<number, RedmineIssue>();
  #clock = 0;

  override async listProjects() {
    await super.listProjects();
    return PROJECTS;
  }

  override async getIssue(id: number, options: { include?: readonly string[] } = {}) {
    this.calls.push({ method: 'getIssue', args: [id, options] });
    const issue = this.world.get(id);
    if (!issue) throw new Error(`no issue ${id}`);
    return issue;
  }

  override async updateIssue(id: number, fields: RedmineIssueUpdate) {
    await super.updateIssue(id, fields);
    const issue = this.world.get(id);
    if (!issue) throw new Error(`no issue ${id}`);
    const values = new Map((fields.custom_fields ?? []).map((field) => [field.id, field.value]));
    this.#clock += 1;
    const at = minutes(30 + this.#clock);
    this.world.set(id, {
      ...issue,
      updated_on: at,
      custom_fields: issue.custom_fields.map((field) =>
        values.has(field.id) ? { ...field, value: values.get(field.id) ?? null } : field,
      ),
      journals: [...(issue.journals ?? []), journal(5000 + this.#clock, at, WORKER_USER)],
    });
  }

  override async listTimeEntries(query: RedmineTimeEntryQuery = {}) {
    this.calls.push({ method: 'listTimeEntries', args: [query] });
    return [];
  }

  /** Answers the next listing of every synced project (alfa-own, desk, holding: config order). */
  listEach(byProject: Array<readonly RedmineIssue[]>): void {
    for (const issues of byProject) {
      for (const issue of issues) this.world.set(issue.id, issue);
      // A listing shows no journals.
      this.issuePages.push({ value: issues.map(({ journals: _journals, ...listed }) => listed) });
    }
  }
}

function catalog(): CompiledCatalog {
  const parsed = parseCatalog(
    testCatalogDocument({ alfa: '2026-01-01', beta: '2026-01-01', gamma: '2026-01-01', spare: '2026-01-01' }),
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

const CONFIG = testConfig({
  contracts: { alfa: { projects: ['alfa-own'] } },
  contractRules: {
    // The desk and the holding's tree are shared: bound to no contract, synced for the rules.
    projects: ['desk', 'holding'],
    rules: [
      { field: 'Client', value: 'Alfa', contract: 'alfa' },
      { field: 'Client', value: ['Beta', 'Бета'], contract: 'beta' },
      { subprojectOf: 'gamma', contract: 'gamma' },
    ],
  },
  sync: { concurrency: 1, includeSubprojects: true },
  statements: { enabled: true, refreshMinutes: 60 },
});

function titleRenderer(requests: StatementRequest[]): StatementRenderer {
  return {
    render: (request) => {
      requests.push(request);
      const text = `h1. ${request.contractId} ${request.month}\n\n${request.issues.map((issue) => issue.key).join(' ')}\n`;
      return { text, attachments: [] };
    },
    stableText: (text) => text,
  };
}

function setup() {
  const api = new ClientsRedmineApi();
  const state = emptyWorkerState('http://127.0.0.1:3300');
  const { log, events } = memoryLog();
  const requests: StatementRequest[] = [];
  const worker = new RedmineSyncWorker({
    api,
    config: CONFIG,
    catalog: catalog(),
    state,
    saveState: () => undefined,
    log,
    clock: () => Date.parse(minutes(5)),
    renderStatement: titleRenderer(requests),
  });
  return { api, state, events, worker, requests };
}

/** The values the worker last sent for an issue, by field id (1 state, 5 tariff, 7 flags). */
function lastFields(api: ScriptedRedmineApi, id: number): Record<number, unknown> {
  const sent = api.sentUpdates.filter((entry) => entry.id === id);
  return Object.assign(
    {},
    ...sent.map(({ update }) =>
      Object.fromEntries((update.custom_fields ?? []).map((field) => [field.id, field.value])),
    ),
  );
}

describe('RedmineSyncWorker with contract rules', () => {
  it('gives each issue of a shared desk the contract its Client field names at creation, and writes that tariff', async () => {
    const { api, state, worker } = setup();
    const moved = clientChanged(incident(207, DESK, 4, 'Beta'), 'Alfa', 20);
    api.listEach([[], [incident(202, DESK, 1, 'Alfa'), incident(204, DESK, 3, 'Бета'), moved], []]);

    const report = await worker.runCycle({ nowMs: Date.parse(minutes(10)) });

    expect(report.outcome).toBe('ok');
    expect(state.issues['202'].contractId).toBe('alfa');
    expect(state.issues['204'].contractId).toBe('beta');
    // Created for Beta, moved to Alfa later: judged by the contract at creation (read from the journals).
    expect(state.issues['207'].contractId).toBe('beta');
    expect(api.callsOf('getIssue').map(([id]) => id)).toContain(207);
    expect(lastFields(api, 202)).toMatchObject({ 1: 'running', 5: 'test' });
    expect(lastFields(api, 207)).toMatchObject({ 1: 'running', 5: 'test' });
  });

  it('gives an issue of a subproject the contract of the subtree it is under, however deep', async () => {
    const { api, state, worker } = setup();
    // gamma-kiosk is under gamma, under holding: listed with holding's subprojects.
    api.listEach([[], [], [incident(205, KIOSK, 2, null), incident(208, HOLDING, 2, null)]]);

    await worker.runCycle({ nowMs: Date.parse(minutes(25)) });

    expect(state.issues['205'].contractId).toBe('gamma');
    expect(lastFields(api, 205)).toMatchObject({ 1: 'running', 5: 'test' });
    // holding itself is not under gamma, names no client and is bound to no contract: not covered.
    expect(state.issues['208'].contractId).toBe('');
  });

  it('marks an issue no rule covers as not covered instead of evaluating it, once', async () => {
    const { api, state, events, worker } = setup();
    api.listEach([[], [incident(206, DESK, 5, 'Zeta')], []]);

    const report = await worker.runCycle({ nowMs: Date.parse(minutes(25)) });

    expect(report.evaluated).toBe(0);
    expect(state.issues['206'].contractId).toBe('');
    const fields = lastFields(api, 206);
    expect(fields).toMatchObject({ 1: 'not_covered', 7: 'not-covered' });
    expect(fields[5]).toBeUndefined(); // no tariff: the field stays empty
    expect(api.sentUpdates.filter((entry) => entry.id === 206)).toHaveLength(1);
    expect(api.sentUpdates[0].update.notes).toBeUndefined();
    const logged = events().filter((event) => event.event === 'sla_not_covered');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ issue: 206 });
    expect(String(logged[0].reason)).toContain('Client = "Zeta"');

    // Next cycle: nothing changed, nothing written again (time does not move a not-covered issue).
    api.listEach([[], [], []]);
    await worker.runCycle({ nowMs: Date.parse(minutes(200)) });
    expect(api.sentUpdates.filter((entry) => entry.id === 206)).toHaveLength(1);
  });

  it('counts the daily incident limit per contract across its own project and the shared desk', async () => {
    const { api, state, worker } = setup();
    // Two incidents a day on the test tariff: Alfa's third of the day is over the limit, wherever it is.
    api.listEach([
      [incident(201, ALFA_OWN, 0, null)],
      [incident(202, DESK, 1, 'Alfa'), incident(203, DESK, 2, 'Alfa'), incident(204, DESK, 3, 'Beta')],
      [],
    ]);

    await worker.runCycle({ nowMs: Date.parse(minutes(25)) });

    expect(['201', '202', '203', '204'].map((key) => state.issues[key].contractId)).toEqual([
      'alfa',
      'alfa',
      'alfa',
      'beta',
    ]);
    expect(String(lastFields(api, 203)[7] ?? '')).toContain('over-limit');
    for (const id of [201, 202, 204]) expect(String(lastFields(api, id)[7] ?? '')).not.toContain('over-limit');
  });

  it('decides the contracts of issues cached before the rules were added again, by the rules, once', async () => {
    const api = new ClientsRedmineApi();
    const state = emptyWorkerState('http://127.0.0.1:3300');
    const { log, events } = memoryLog();
    const workerWith = (withRules: boolean) =>
      new RedmineSyncWorker({
        api,
        config: testConfig({
          contracts: { alfa: { projects: ['desk'] } },
          ...(withRules ? { contractRules: { rules: [{ field: 'Client', value: 'Beta', contract: 'beta' }] } } : {}),
        }),
        catalog: catalog(),
        state,
        saveState: () => undefined,
        log,
        clock: () => Date.parse(minutes(5)),
      });
    api.listEach([[incident(204, DESK, 3, 'Beta')]]);
    await workerWith(false).runCycle({ nowMs: Date.parse(minutes(10)) });
    expect(state.issues['204'].contractId).toBe('alfa');

    // The rules are added: the cached issue is read again (nothing listed it) and gets Beta's contract.
    api.listEach([[]]);
    await workerWith(true).runCycle({ nowMs: Date.parse(minutes(12)) });
    expect(state.issues['204'].contractId).toBe('beta');
    expect(events()).toContainEqual(expect.objectContaining({ event: 'contract_rules_changed', issuesToRead: 1 }));

    // The same rules next time: nothing is read again.
    const reads = api.callsOf('getIssue').length;
    api.listEach([[]]);
    await workerWith(true).runCycle({ nowMs: Date.parse(minutes(14)) });
    expect(api.callsOf('getIssue')).toHaveLength(reads);
  });

  it('publishes one statement per contract, a contract reached only through the rules in the shared desk wiki', async () => {
    const { api, worker, requests } = setup();
    api.listEach([
      [incident(201, ALFA_OWN, 0, null)],
      [incident(202, DESK, 1, 'Alfa'), incident(204, DESK, 3, 'Beta'), incident(206, DESK, 5, 'Zeta')],
      [incident(205, KIOSK, 2, null)],
    ]);

    const cycle = await worker.runCycle({ nowMs: Date.parse(minutes(25)) });

    const pages = api
      .callsOf('putWikiPage')
      .map(([project, title, text]) => [project, String(title).includes('2026-11'), String(text).split('\n')[0]]);
    expect(pages).toEqual([
      ['alfa-own', true, 'h1. alfa 2026-11'],
      ['desk', true, 'h1. beta 2026-11'],
      ['holding', true, 'h1. gamma 2026-11'],
    ]);
    const issuesOf = (contractId: string): string[] =>
      requests.find((request) => request.contractId === contractId)?.issues.map((issue) => issue.key) ?? [];
    expect(issuesOf('alfa')).toEqual(['#201', '#202']);
    expect(issuesOf('beta')).toEqual(['#204']);
    expect(issuesOf('gamma')).toEqual(['#205']);
    // Privacy: the request no contract covers is in no contract's statement (its reason names "Zeta")…
    for (const request of requests) expect(request.portfolio.notCovered).toEqual([]);
    for (const [, , text] of api.callsOf('putWikiPage')) {
      expect(String(text)).not.toContain('#206');
      expect(String(text)).not.toContain('Zeta');
    }
    // …but on the provider's list in the cycle report, with the reason.
    expect(cycle.notCovered?.map((issue) => issue.key)).toEqual(['#206']);
    expect(cycle.notCovered?.[0].reason).toContain('Client = "Zeta"');
    // A contract with no issue and no project gets no page.
    expect(requests.map((request) => request.contractId)).not.toContain('spare');
  });
});
