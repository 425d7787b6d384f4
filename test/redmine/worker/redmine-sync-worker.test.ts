import type { RedmineIssueUpdate } from '../../../src/redmine/client';
import type { RedmineIssue } from '../../../src/redmine/schemas';
import { dryRunApi, type PlannedRequest } from '../../../src/redmine/worker/dry-run-api';
import { RedmineSyncWorker } from '../../../src/redmine/worker/redmine-sync-worker';
import { emptyWorkerState, workerStateSchema, type WorkerState } from '../../../src/redmine/worker/worker-state-schema';
import type { RedmineApi } from '../../../src/redmine/worker/redmine-api';
import type { WorkerConfig } from '../../../src/redmine/config/worker-config-schema';
import { journal, redmineIssue, ScriptedRedmineApi, STAFF_USER, WORKER_USER } from './scripted-redmine-api';
import { memoryLog, testCatalog, testConfig } from './worker-fixtures';

const CREATED = '2026-11-20T07:00:00Z';
const at = (minutesAfterCreation: number): number => Date.parse(CREATED) + minutesAfterCreation * 60_000;
const FIELDS_WHILE_RUNNING = {
  'SLA state': 'running',
  'SLA reaction due': '2026-11-20T07:30:00+00:00',
  'SLA resolution due': '2026-11-20T11:00:00+00:00',
  'SLA tariff': 'test',
  'SLA reaction due date': '2026-11-20',
  'SLA resolution due date': '2026-11-20',
};

function setup(options: { config?: WorkerConfig; state?: WorkerState; api?: ScriptedRedmineApi } = {}) {
  const api = options.api ?? new ScriptedRedmineApi();
  const state = options.state ?? emptyWorkerState('http://127.0.0.1:3300');
  const saved: string[] = [];
  const { log, events } = memoryLog();
  const makeWorker = (wrapped: RedmineApi = api, dryRun = false): RedmineSyncWorker =>
    new RedmineSyncWorker({
      api: wrapped,
      config: options.config ?? testConfig(),
      catalog: testCatalog(),
      state,
      saveState: (value) => saved.push(JSON.stringify(value)),
      log,
      clock: () => at(0),
      dryRun,
    });
  return { api, state, saved, events, worker: makeWorker(), makeWorker };
}

function updatesOf(api: ScriptedRedmineApi): Array<[number, RedmineIssueUpdate]> {
  return api.sentUpdates.map(({ id, update }) => [id, update]);
}

function customFields(update: RedmineIssueUpdate): Record<number, string | string[]> {
  return Object.fromEntries((update.custom_fields ?? []).map((field) => [field.id, field.value]));
}

/** The issue as Redmine shows it after the worker wrote `fields` at `updatedOn`. */
function afterWorkerWrite(
  id: number,
  fields: Record<string, string>,
  updatedOn: string,
  extra: Partial<RedmineIssue> = {},
): RedmineIssue {
  return redmineIssue(id, {
    fields,
    updated_on: updatedOn,
    journals: [
      journal(900 + id, updatedOn, WORKER_USER, {
        details: [{ property: 'cf', name: '1', old_value: null, new_value: fields['SLA state'] ?? null }],
      }),
    ],
    ...extra,
  });
}

describe('RedmineSyncWorker', () => {
  it('writes the SLA fields of a new issue once, re-reads it, and writes nothing on the next cycle', async () => {
    const { api, worker, state } = setup();
    api.issuePages.push({ value: [redmineIssue(101)] });
    api.issues.push({ value: afterWorkerWrite(101, FIELDS_WHILE_RUNNING, '2026-11-20T07:05:01Z') });

    const first = await worker.runCycle({ nowMs: at(5) });

    expect(first.outcome).toBe('ok');
    const listing = api.listings[0];
    expect(listing).toMatchObject({ projectId: 10, statusId: '*', filters: { subproject_id: '!*' } });
    expect(listing.updatedSince).toBeUndefined();
    // Never changed since creation: no journals to read before writing.
    expect(api.callsOf('getIssue').map(([id]) => id)).toEqual([101]);
    const updates = updatesOf(api);
    expect(updates).toHaveLength(1);
    expect(updates[0][0]).toBe(101);
    expect(customFields(updates[0][1])).toEqual({
      1: 'running',
      2: '2026-11-20T07:30:00+00:00',
      4: '2026-11-20T11:00:00+00:00',
      5: 'test',
      // The same instants as days in the contract's zone, in the date fields.
      8: '2026-11-20',
      10: '2026-11-20',
    });
    expect(updates[0][1].notes).toBeUndefined();
    expect(state.projects['alpha-support'].cursor).toBe(CREATED);

    api.issuePages.push({ value: [] });
    const second = await worker.runCycle({ nowMs: at(10) });

    expect(second).toMatchObject({ outcome: 'ok', writes: 0, evaluated: 1 });
    expect(updatesOf(api)).toHaveLength(1);
    expect(api.listings[1]).toMatchObject({
      updatedSince: '2026-11-20T06:58:00.000Z',
      filters: { subproject_id: '!*' },
    });
  });

  it('moves a clock to breached by time alone and escalates exactly once, marker and actions in one update', async () => {
    const { api, worker } = setup();
    api.issuePages.push({ value: [redmineIssue(102)] });
    api.issues.push({ value: afterWorkerWrite(102, FIELDS_WHILE_RUNNING, '2026-11-20T07:05:01Z') });
    await worker.runCycle({ nowMs: at(5) });

    api.issuePages.push({ value: [] });
    // Read right before acting: Redmine holds the record of escalations done.
    api.issues.push({ value: afterWorkerWrite(102, FIELDS_WHILE_RUNNING, '2026-11-20T07:05:01Z') });
    const escalated = {
      ...FIELDS_WHILE_RUNNING,
      'SLA state': 'breached',
      'Support line': 'L2',
      'SLA flags': 'esc:reaction:L1:c0',
    };
    api.issues.push({
      value: afterWorkerWrite(102, escalated, '2026-11-20T07:31:02Z', { assigned_to: { id: 51, name: 'Support L2' } }),
    });

    const breach = await worker.runCycle({ nowMs: at(31) });

    expect(breach).toMatchObject({ outcome: 'ok', writes: 1, escalations: 1 });
    const [, update] = updatesOf(api)[1];
    expect(update.assigned_to_id).toBe(51);
    expect(update.notes).toContain('Reaction time is over: the second line takes over.');
    expect(update.notes).toContain('@lead');
    expect(update.notes).toContain('[esc:reaction:L1:c0]');
    // The comment is meant for the client (escalation mode with_client_team): a public note.
    expect(update.private_notes).toBe(false);
    expect(customFields(update)).toEqual({ 1: 'breached', 6: 'L2', 7: 'esc:reaction:L1:c0' });

    api.issuePages.push({ value: [] });
    const later = await worker.runCycle({ nowMs: at(45) });
    expect(later).toMatchObject({ writes: 0, escalations: 0 });
    expect(updatesOf(api)).toHaveLength(2);
  });

  it('does not escalate again when the local state is lost: the marker in Redmine is enough', async () => {
    const { api, worker } = setup();
    const escalated = {
      ...FIELDS_WHILE_RUNNING,
      'SLA state': 'breached',
      'Support line': 'L2',
      'SLA flags': 'esc:reaction:L1:c0',
    };
    api.issuePages.push({
      value: [
        afterWorkerWrite(103, escalated, '2026-11-20T07:31:02Z', { assigned_to: { id: 51, name: 'Support L2' } }),
      ],
    });
    api.issues.push({
      value: afterWorkerWrite(103, escalated, '2026-11-20T07:31:02Z', { assigned_to: { id: 51, name: 'Support L2' } }),
    });

    const report = await worker.runCycle({ nowMs: at(50) });

    expect(report).toMatchObject({ outcome: 'ok', writes: 0, escalations: 0, fetched: 1 });
    expect(api.writeCount).toBe(0);
  });

  it("finds the marker in the worker's own note when the flags field was cleared, and restores the field without a second escalation", async () => {
    const { api, worker } = setup();
    const cleared = { ...FIELDS_WHILE_RUNNING, 'SLA state': 'breached', 'Support line': 'L2', 'SLA flags': '' };
    const issue = redmineIssue(104, {
      fields: cleared,
      updated_on: '2026-11-20T07:40:00Z',
      journals: [
        journal(1, '2026-11-20T07:31:02Z', WORKER_USER, {
          notes: 'SLA escalation, level 1\n[esc:reaction:L1:c0]',
          private_notes: true,
        }),
      ],
    });
    api.issuePages.push({ value: [issue] });
    api.issues.push({ value: issue });
    api.issues.push({ value: issue });

    const report = await worker.runCycle({ nowMs: at(50) });

    expect(report.escalations).toBe(0);
    const updates = updatesOf(api);
    expect(updates).toHaveLength(1);
    expect(updates[0][1].notes).toBeUndefined();
    expect(customFields(updates[0][1])).toEqual({ 7: 'esc:reaction:L1:c0' });
  });

  it('pauses the clocks while the issue waits for the customer', async () => {
    const { api, worker } = setup();
    const waiting = redmineIssue(105, {
      status: { id: 3, name: 'Waiting for customer', is_closed: false },
      updated_on: '2026-11-20T07:10:00Z',
      journals: [
        journal(1, '2026-11-20T07:10:00Z', STAFF_USER, {
          details: [{ property: 'attr', name: 'status_id', old_value: '1', new_value: '3' }],
        }),
      ],
    });
    api.issuePages.push({ value: [waiting] });
    api.issues.push({ value: waiting });
    api.issues.push({ value: waiting });

    await worker.runCycle({ nowMs: at(60) });

    const [, update] = updatesOf(api)[0];
    // Leaving "New" stopped the reaction clock (met); resolution waits.
    expect(customFields(update)).toMatchObject({ 1: 'paused', 2: '2026-11-20T07:30:00+00:00', 5: 'test' });
    expect(customFields(update)).not.toHaveProperty('4');
  });

  it('marks the incidents beyond the daily limit', async () => {
    const { api, worker } = setup();
    const issues = [201, 202, 203].map((id, index) =>
      redmineIssue(id, { created_on: `2026-11-20T07:0${index}:00Z`, updated_on: `2026-11-20T07:0${index}:00Z` }),
    );
    api.issuePages.push({ value: issues });
    for (const issue of issues) api.issues.push({ value: issue });

    await worker.runCycle({ nowMs: at(5) });

    const flags = Object.fromEntries(updatesOf(api).map(([id, update]) => [id, customFields(update)[7]]));
    expect(flags).toEqual({ 201: undefined, 202: undefined, 203: 'over-limit' });
  });

  it('reports a Redmine outage once, keeps the cursor and writes nothing', async () => {
    const state = emptyWorkerState('http://127.0.0.1:3300');
    state.projects['alpha-support'] = { cursor: '2026-11-20T06:00:00Z', pending: [] };
    const { api, worker, events } = setup({ state });
    api.issuePages.push({ error: { code: 'redmine_unreachable', networkCode: 'ECONNREFUSED', attempts: 5 } });

    const report = await worker.runCycle({ nowMs: at(5) });

    expect(report.outcome).toBe('outage');
    expect(report.outage?.code).toBe('redmine_unreachable');
    expect(events().filter((event) => event.event === 'cycle_interrupted')).toHaveLength(1);
    expect(state.projects['alpha-support'].cursor).toBe('2026-11-20T06:00:00Z');
    expect(api.writeCount).toBe(0);
  });

  it('ends the cycle at the first failed write of an outage instead of failing issue after issue', async () => {
    const { api, worker, events, state } = setup();
    const issues = [301, 302, 303].map((id) => redmineIssue(id));
    api.issuePages.push({ value: issues });
    api.updates.push({ error: { code: 'redmine_http', status: 503, attempts: 5 } });

    const report = await worker.runCycle({ nowMs: at(5) });

    expect(report.outcome).toBe('outage');
    expect(api.callsOf('updateIssue')).toHaveLength(1);
    expect(events().filter((event) => event.level === 'error')).toHaveLength(1);
    // The listing was complete: the cursor moves on and the cached issues are re-planned next cycle.
    expect(state.projects['alpha-support'].cursor).toBe(CREATED);
    api.issuePages.push({ value: [] });
    for (const issue of issues) api.issues.push({ value: issue });
    const next = await worker.runCycle({ nowMs: at(6) });
    expect(next).toMatchObject({ outcome: 'ok', writes: 3 });
  });

  it('skips a malformed issue with its reason, syncs the others and reads it again next cycle', async () => {
    const { api, worker, events, state } = setup();
    api.issuePages.push({ value: [redmineIssue(401, { updated_on: '2026-11-20T07:03:00Z' }), redmineIssue(402)] });
    api.issues.push({
      error: {
        code: 'redmine_bad_response',
        message: 'Redmine answered GET /issues/401.json with an unexpected body at issue.status: expected object',
      },
    });
    api.issues.push({ value: afterWorkerWrite(402, FIELDS_WHILE_RUNNING, '2026-11-20T07:05:01Z') });

    const report = await worker.runCycle({ nowMs: at(5) });

    expect(report.outcome).toBe('ok');
    expect(report.skipped.map((problem) => problem.issueId)).toEqual([401]);
    expect(events().find((event) => event.event === 'issue_skipped')).toMatchObject({
      issue: 401,
      code: 'redmine_bad_response',
    });
    expect(updatesOf(api).map(([id]) => id)).toEqual([402]);
    expect(state.projects['alpha-support'].pending).toEqual([401]);

    api.issuePages.push({ value: [] });
    api.issues.push({ value: redmineIssue(401, { updated_on: '2026-11-20T07:03:00Z' }) });
    api.issues.push({ value: afterWorkerWrite(401, FIELDS_WHILE_RUNNING, '2026-11-20T07:06:01Z') });
    await worker.runCycle({ nowMs: at(6) });
    expect(state.projects['alpha-support'].pending).toEqual([]);
    expect(updatesOf(api).map(([id]) => id)).toEqual([402, 401]);
  });

  it('skips an issue the catalog cannot evaluate and says why', async () => {
    const config = testConfig({ mapping: { trackers: { Support: 'helpdesk' } } });
    const { api, worker, events } = setup({ config });
    api.issuePages.push({ value: [redmineIssue(501)] });

    const report = await worker.runCycle({ nowMs: at(5) });

    expect(report.skipped[0]).toMatchObject({ issueId: 501, code: 'unknown_request_type' });
    expect(String(events().find((event) => event.event === 'issue_skipped')?.reason)).toContain(
      'unknown request type "helpdesk"',
    );
    expect(api.writeCount).toBe(0);
  });

  it('finishes the issue in hand when stopped, then ends the cycle with the state saved', async () => {
    const { api, worker, saved } = setup();
    const controller = new AbortController();
    const issues = [601, 602, 603].map((id) => redmineIssue(id));
    api.issuePages.push({ value: issues });
    api.issues.push({ value: issues[0] });
    api.beforeCall = (call) => {
      if (call.method === 'updateIssue') controller.abort();
    };

    const report = await worker.runCycle({ nowMs: at(5), signal: controller.signal });

    expect(report.outcome).toBe('aborted');
    expect(updatesOf(api).map(([id]) => id)).toEqual([601]);
    // The re-read after the write still happened: the issue in hand was finished.
    expect(api.callsOf('getIssue').map(([id]) => id)).toEqual([601]);
    expect(saved.length).toBeGreaterThan(0);
  });

  it('prints every write in a dry run and sends none', async () => {
    const { api, makeWorker } = setup();
    const printed: PlannedRequest[] = [];
    const worker = makeWorker(
      dryRunApi(api, (request) => printed.push(request)),
      true,
    );
    api.issuePages.push({ value: [redmineIssue(701)] });

    await worker.runCycle({ nowMs: at(5) });

    expect(api.callsOf('updateIssue')).toHaveLength(0);
    expect(printed).toEqual([
      {
        method: 'PUT',
        path: '/issues/701.json',
        body: { issue: { custom_fields: expect.arrayContaining([{ id: 1, value: 'running' }]) } },
      },
    ]);
  });

  it('reports a config that does not match Redmine by path, without touching issues', async () => {
    const config = testConfig({ fields: { state: 'SLA status' } });
    const { api, worker, events } = setup({ config });

    const report = await worker.runCycle({ nowMs: at(5) });

    expect(report.outcome).toBe('config');
    expect(report.configProblems).toEqual([
      expect.objectContaining({ code: 'missing_custom_field', path: ['fields', 'state'] }),
    ]);
    expect(events().some((event) => event.event === 'config_mismatch')).toBe(true);
    expect(api.callsOf('eachIssuePage')).toHaveLength(0);
  });

  describe('progress that survives an interrupted write phase', () => {
    const CLOSED = { status: { id: 5, name: 'Closed', is_closed: true } };
    /** A closed issue with one status journal by someone else: read with its journals, then written. */
    const closedIssue = (id: number): RedmineIssue =>
      redmineIssue(id, {
        ...CLOSED,
        updated_on: '2026-11-20T07:10:00Z',
        journals: [
          journal(700 + id, '2026-11-20T07:10:00Z', STAFF_USER, {
            details: [{ property: 'attr', name: 'status_id', old_value: '1', new_value: '5' }],
          }),
        ],
      });

    it('writes the closed issues a cut-off cycle left unwritten on the next cycle, and each only once', async () => {
      const { api, worker, state, saved } = setup();
      api.issuePages.push({ value: [closedIssue(301), closedIssue(302), closedIssue(303)] });
      for (const id of [301, 302, 303]) api.issues.push({ value: closedIssue(id) });
      api.updates.push({ value: undefined }, { error: { code: 'redmine_http', status: 500, attempts: 1 } });

      const cut = await worker.runCycle({ nowMs: at(20) });

      expect(cut.outcome).toBe('outage');
      expect(updatesOf(api).map(([id]) => id)).toEqual([301, 302]);
      // Saved with the cursor past all three: the two unconfirmed ones are owed, the written one awaits its echo.
      const savedState = JSON.parse(saved[saved.length - 1]) as WorkerState;
      expect(savedState.projects['alpha-support'].cursor).toBe('2026-11-20T07:10:00Z');
      expect(
        Object.values(savedState.issues)
          .filter((issue) => issue.owesWrite)
          .map((issue) => issue.id)
          .sort(),
      ).toEqual([302, 303]);
      expect(savedState.issues['301']).toMatchObject({ owesWrite: false, awaitingEcho: true });

      // The unconfirmed write is read with its journals: Redmine holds what was written, so no second write.
      const written301 = api.listedAfterUpdate(closedIssue(301), '2026-11-20T07:20:00Z');
      api.issuePages.push({ value: [] });
      api.issues.push({
        value: {
          ...written301,
          journals: [
            ...(closedIssue(301).journals ?? []),
            journal(901, '2026-11-20T07:20:00Z', WORKER_USER, {
              details: [{ property: 'cf', name: '1', old_value: null, new_value: 'met' }],
            }),
          ],
        },
      });
      api.ownIssuePages.push({ value: [] }, () => [
        api.listedAfterUpdate(closedIssue(302), '2026-11-20T07:30:00Z'),
        api.listedAfterUpdate(closedIssue(303), '2026-11-20T07:30:01Z'),
      ]);
      const next = await worker.runCycle({ nowMs: at(30) });

      expect(next).toMatchObject({ outcome: 'ok', fetched: 1, writes: 2 });
      expect(updatesOf(api).map(([id]) => id)).toEqual([301, 302, 302, 303]);
      expect(Object.values(state.issues).filter((issue) => issue.owesWrite || issue.awaitingEcho)).toEqual([]);
      expect(state.issues['303'].updatedOn).toBe('2026-11-20T07:30:01Z');
      expect(state.projects['alpha-support'].ownWritesUntil).toBe('2026-11-20T07:30:01Z');

      api.issuePages.push({ value: [] });
      const before = api.calls.length;
      const idle = await worker.runCycle({ nowMs: at(40) });
      expect(idle).toMatchObject({ outcome: 'ok', writes: 0, fetched: 0 });
      expect(api.calls.slice(before).map((call) => call.method)).toEqual(['eachIssuePage', 'eachIssuePage']);
    });

    it("confirms closed issues written before an open issue's read-back moved the worker's last write", async () => {
      const { api, worker, state } = setup();
      const open = redmineIssue(331, { updated_on: '2026-11-20T07:10:00Z', created_on: '2026-11-20T07:10:00Z' });
      api.issuePages.push({ value: [closedIssue(330), open] });
      api.issues.push({ value: closedIssue(330) });
      // The open issue is read back at once, which records a later write of the worker's.
      api.issues.push({ value: afterWorkerWrite(331, FIELDS_WHILE_RUNNING, '2026-11-20T07:21:05Z') });
      api.ownIssuePages.push(() => [api.listedAfterUpdate(closedIssue(330), '2026-11-20T07:21:00Z')]);

      await worker.runCycle({ nowMs: at(21) });

      const confirming = api.listings[api.listings.length - 1];
      expect(confirming.updatedSince).toBe('2026-11-20T07:08:00.000Z');
      expect(state.issues['330']).toMatchObject({ updatedOn: '2026-11-20T07:21:00Z' });
      expect(state.issues['330'].awaitingEcho).toBeUndefined();
      expect(state.projects['alpha-support'].ownWritesUntil).toBe('2026-11-20T07:21:05Z');
    });

    it('confirms its writes with a listing of closed issues only, the open ones being read back already', async () => {
      const { api, worker, state } = setup();
      const open = redmineIssue(331, { updated_on: '2026-11-20T07:10:00Z', created_on: '2026-11-20T07:10:00Z' });
      api.issuePages.push({ value: [closedIssue(330), open] });
      api.issues.push({ value: closedIssue(330) });
      api.issues.push({ value: afterWorkerWrite(331, FIELDS_WHILE_RUNNING, '2026-11-20T07:21:05Z') });
      api.ownIssuePages.push(() => [api.listedAfterUpdate(closedIssue(330), '2026-11-20T07:21:00Z')]);

      await worker.runCycle({ nowMs: at(21) });

      const confirming = api.listings[api.listings.length - 1];
      expect(confirming.filters?.last_updated_by).toBe(String(WORKER_USER.id));
      expect(confirming.statusId).toBe('closed');
      expect(api.listings.slice(0, -1).every((listing) => listing.statusId === '*')).toBe(true);
      expect(state.issues['330'].awaitingEcho).toBeUndefined();
    });

    it('reads the journals of a written closed issue whose echo shows a change made in between', async () => {
      const { api, worker, state } = setup();
      api.issuePages.push({ value: [closedIssue(321)] });
      api.issues.push({ value: closedIssue(321) });
      // Someone reopened it between the worker's read and its write: the listing shows another status.
      api.ownIssuePages.push(() => [
        { ...api.listedAfterUpdate(closedIssue(321), '2026-11-20T07:21:00Z'), status: { id: 2, name: 'In Progress' } },
      ]);

      const first = await worker.runCycle({ nowMs: at(21) });

      expect(first).toMatchObject({ outcome: 'ok', writes: 1, fetched: 1 });
      expect(state.issues['321']).toMatchObject({ awaitingEcho: true, updatedOn: '2026-11-20T07:10:00Z' });
      expect(api.callsOf('getIssue')).toHaveLength(1);

      api.issuePages.push({ value: [] });
      const reopened = {
        ...closedIssue(321),
        status: { id: 2, name: 'In Progress' },
        updated_on: '2026-11-20T07:21:00Z',
      };
      // Read for its journals, then (open again, its fields rewritten) re-read after the write.
      api.issues.push({ value: reopened }, { value: reopened });
      await worker.runCycle({ nowMs: at(25) });

      expect(api.callsOf('getIssue').map(([id]) => id)).toEqual([321, 321, 321]);
      expect(state.issues['321']).toMatchObject({ closed: false, updatedOn: '2026-11-20T07:21:00Z' });
      expect(state.issues['321'].awaitingEcho).toBeUndefined();
    });

    it('keeps the issues not yet written owed when stopped by a signal between writes', async () => {
      const { api, worker, state } = setup();
      const controller = new AbortController();
      api.issuePages.push({ value: [closedIssue(311), closedIssue(312)] });
      for (const id of [311, 312]) api.issues.push({ value: closedIssue(id) });
      api.issues.push({ value: afterWorkerWrite(311, { 'SLA state': 'met' }, '2026-11-20T07:20:00Z', CLOSED) });
      api.beforeCall = (call) => {
        if (call.method === 'updateIssue') controller.abort();
      };

      const stopped = await worker.runCycle({ nowMs: at(20), signal: controller.signal });

      expect(stopped.outcome).toBe('aborted');
      expect(updatesOf(api).map(([id]) => id)).toEqual([311]);
      expect(state.issues['312'].owesWrite).toBe(true);
      expect(state.issues['311'].owesWrite).toBe(false);
    });
  });

  it("sees a status change made with the worker's own account, and never takes the worker's own journals for a response", async () => {
    const { api, worker, events } = setup();
    // The admin (the worker's user) resolves the issue by hand; the worker's own field write came before.
    const resolvedByAdmin = redmineIssue(321, {
      status: { id: 4, name: 'Resolved', is_closed: true },
      fields: FIELDS_WHILE_RUNNING,
      updated_on: '2026-11-20T07:40:00Z',
      journals: [
        journal(1, '2026-11-20T07:05:01Z', WORKER_USER, {
          details: [{ property: 'cf', name: '1', old_value: null, new_value: 'running' }],
        }),
        journal(2, '2026-11-20T07:40:00Z', WORKER_USER, {
          details: [{ property: 'attr', name: 'status_id', old_value: '1', new_value: '4' }],
        }),
      ],
    });
    api.issuePages.push({ value: [resolvedByAdmin] });
    api.issues.push({ value: resolvedByAdmin });
    api.issues.push({
      value: afterWorkerWrite(321, { ...FIELDS_WHILE_RUNNING, 'SLA state': 'met' }, '2026-11-20T07:41:00Z', {
        status: { id: 4, name: 'Resolved', is_closed: true },
      }),
    });

    const report = await worker.runCycle({ nowMs: at(45) });

    expect(report).toMatchObject({ outcome: 'ok', writes: 1 });
    expect(customFields(updatesOf(api)[0][1])[1]).not.toBe('running');
    expect(api.listings[0].filters).not.toHaveProperty('last_updated_by');
    expect(events().filter((event) => event.event === 'worker_user_manual_work')).toHaveLength(1);
  });

  describe('a rejected key or a missing right', () => {
    it('ends the cycle as an auth failure naming the key, not as an outage', async () => {
      const { api, worker, events } = setup();
      api.refuse.getCurrentUser = { code: 'redmine_auth', status: 401, endpoint: 'GET /users/current.json' };

      const report = await worker.runCycle({ nowMs: at(5) });

      expect(report.outcome).toBe('auth');
      expect(report.auth?.message).toContain('rejected the API key');
      expect(events().filter((event) => event.event === 'cycle_interrupted')).toEqual([]);
      expect(events().filter((event) => event.event === 'auth_refused')).toHaveLength(1);
    });

    it('names the right a non-admin key lacks for custom field definitions, and the config fix', async () => {
      const { api, worker } = setup();
      api.refuse.listCustomFields = { code: 'redmine_auth', status: 403, endpoint: 'GET /custom_fields.json' };

      const report = await worker.runCycle({ nowMs: at(5) });

      expect(report.outcome).toBe('auth');
      expect(report.auth?.right).toBe('read custom field definitions (administrators only)');
      expect(report.auth?.message).toContain('fields.state: 12');
    });

    it('needs no field definitions when the config gives the field ids', async () => {
      const ids = { state: 1, reactionDue: 2, startDue: 3, resolutionDue: 4, tariff: 5, line: 6, flags: 7 };
      const { api, worker } = setup({ config: testConfig({ fields: ids }) });
      api.refuse.listCustomFields = { code: 'redmine_auth', status: 403, endpoint: 'GET /custom_fields.json' };
      api.issuePages.push({ value: [redmineIssue(331)] });
      api.issues.push({ value: afterWorkerWrite(331, FIELDS_WHILE_RUNNING, '2026-11-20T07:05:01Z') });

      const report = await worker.runCycle({ nowMs: at(5) });

      expect(report).toMatchObject({ outcome: 'ok', writes: 1 });
      expect(api.callsOf('listCustomFields')).toEqual([]);
      expect(customFields(updatesOf(api)[0][1])).toMatchObject({ 1: 'running', 5: 'test' });
    });
  });

  it('leaves closed issues older than sync.skipClosedBefore unwritten on the first sync, and writes the newer ones', async () => {
    const { api, worker, state } = setup({
      config: testConfig({ sync: { concurrency: 1, skipClosedBefore: '2026-11-20' } }),
    });
    const closed = (id: number, updatedOn: string): RedmineIssue =>
      redmineIssue(id, {
        status: { id: 5, name: 'Closed', is_closed: true },
        created_on: '2026-11-01T07:00:00Z',
        updated_on: updatedOn,
      });
    api.issuePages.push({
      value: [
        closed(341, '2026-11-01T07:00:00Z'),
        redmineIssue(342, { status: { id: 5, name: 'Closed', is_closed: true }, updated_on: '2026-11-20T07:00:00Z' }),
      ],
    });
    api.issues.push({ value: closed(341, '2026-11-01T07:00:00Z') });
    api.issues.push({
      value: afterWorkerWrite(342, { 'SLA state': 'met' }, '2026-11-20T07:20:00Z', {
        status: { id: 5, name: 'Closed', is_closed: true },
      }),
    });

    const report = await worker.runCycle({ nowMs: at(20) });

    expect(report.outcome).toBe('ok');
    expect(updatesOf(api).map(([id]) => id)).toEqual([342]);
    expect(state.issues['341']).toMatchObject({ closed: true, owesWrite: false });
  });

  it("lists changes made with its own key after its last write on later cycles, so an admin's resolution under the worker's account is seen", async () => {
    const { api, worker, state } = setup();
    api.issuePages.push({ value: [redmineIssue(351)] });
    api.issues.push({ value: afterWorkerWrite(351, FIELDS_WHILE_RUNNING, '2026-11-20T07:05:01Z') });
    await worker.runCycle({ nowMs: at(5) });
    expect(state.projects['alpha-support'].ownWritesUntil).toBe('2026-11-20T07:05:01Z');

    const resolved = redmineIssue(351, {
      status: { id: 4, name: 'Resolved', is_closed: true },
      fields: FIELDS_WHILE_RUNNING,
      updated_on: '2026-11-20T07:20:00Z',
      journals: [
        journal(1, '2026-11-20T07:05:01Z', WORKER_USER, {
          details: [{ property: 'cf', name: '1', old_value: null, new_value: 'running' }],
        }),
        journal(2, '2026-11-20T07:20:00Z', WORKER_USER, {
          details: [{ property: 'attr', name: 'status_id', old_value: '1', new_value: '4' }],
        }),
      ],
    });
    api.issuePages.push({ value: [] });
    api.ownIssuePages.push({ value: [resolved] });
    api.issues.push({ value: resolved });
    // Now closed, its write is confirmed by the closing listing of the worker's own changes, not re-read.
    api.ownIssuePages.push(() => [api.listedAfterUpdate(resolved, '2026-11-20T07:21:00Z')]);

    const report = await worker.runCycle({ nowMs: at(21) });

    expect(api.listings.slice(1)).toEqual([
      expect.objectContaining({
        updatedSince: '2026-11-20T06:58:00.000Z',
        filters: { subproject_id: '!*', last_updated_by: '!1' },
      }),
      expect.objectContaining({
        updatedSince: '2026-11-20T07:05:01Z',
        filters: { subproject_id: '!*', last_updated_by: '1' },
      }),
      // The closing confirmation of the write just made.
      expect.objectContaining({
        updatedSince: '2026-11-20T07:05:01Z',
        filters: { last_updated_by: '1', subproject_id: '!*' },
      }),
    ]);
    expect(report).toMatchObject({ outcome: 'ok', fetched: 1, writes: 1 });
    expect(state.issues['351']).toMatchObject({ closed: true, updatedOn: '2026-11-20T07:21:00Z' });
    expect(state.issues['351'].awaitingEcho).toBeUndefined();
  });
});

describe('the directory kept in the state between --once runs', () => {
  const DIRECTORY_LOOKUPS = [
    'listIssueStatuses',
    'listTrackers',
    'listIssuePriorities',
    'listCustomFields',
    'getCurrentUser',
    'listProjects',
  ];

  function freshProcess(state: WorkerState, api: ScriptedRedmineApi, key = 'config-and-key-a', clockMs = at(0)) {
    return new RedmineSyncWorker({
      api,
      config: testConfig(),
      catalog: testCatalog(),
      state,
      saveState: () => undefined,
      log: memoryLog().log,
      clock: () => clockMs,
      directoryKey: key,
    });
  }

  function lookups(api: ScriptedRedmineApi): string[] {
    return api.calls.map((call) => call.method).filter((method) => DIRECTORY_LOOKUPS.includes(method));
  }

  it('lets a new process skip the look-ups: an idle cycle costs the two listings only', async () => {
    const state = emptyWorkerState('http://127.0.0.1:3300');
    const first = new ScriptedRedmineApi();
    first.issuePages.push({ value: [] });
    await freshProcess(state, first).runCycle({ nowMs: at(5) });
    expect(lookups(first)).toHaveLength(DIRECTORY_LOOKUPS.length);
    // Round trip through JSON, as the state file does.
    const reread = workerStateSchema.parse(JSON.parse(JSON.stringify(state)));

    const second = new ScriptedRedmineApi();
    second.issuePages.push({ value: [] });
    const report = await freshProcess(reread, second, 'config-and-key-a', at(30)).runCycle({ nowMs: at(30) });

    expect(report.outcome).toBe('ok');
    expect(lookups(second)).toEqual([]);
    // Nothing was listed yet, so still the first sync's one listing; no other request.
    expect(second.calls.map((call) => call.method)).toEqual(['eachIssuePage']);
  });

  it('looks everything up again for another config or key, and after an hour', async () => {
    const state = emptyWorkerState('http://127.0.0.1:3300');
    const first = new ScriptedRedmineApi();
    first.issuePages.push({ value: [] });
    await freshProcess(state, first).runCycle({ nowMs: at(5) });

    const otherKey = new ScriptedRedmineApi();
    otherKey.issuePages.push({ value: [] }, { value: [] });
    await freshProcess(state, otherKey, 'config-and-key-b').runCycle({ nowMs: at(6) });
    expect(lookups(otherKey)).toHaveLength(DIRECTORY_LOOKUPS.length);

    const later = new ScriptedRedmineApi();
    later.issuePages.push({ value: [] });
    await freshProcess(state, later, 'config-and-key-b', at(61)).runCycle({ nowMs: at(61) });
    expect(lookups(later)).toHaveLength(DIRECTORY_LOOKUPS.length);
  });

  it('ends the cycle without writing when a listing contradicts the saved directory, and the next looks it up again', async () => {
    const state = emptyWorkerState('http://127.0.0.1:3300');
    const first = new ScriptedRedmineApi();
    first.issuePages.push({ value: [] });
    await freshProcess(state, first).runCycle({ nowMs: at(5) });
    const cursorBefore = state.projects['alpha-support'];

    // The "SLA state" field was recreated: the listing shows it under another id.
    const recreated = redmineIssue(501, { updated_on: '2026-11-20T07:20:00Z', created_on: '2026-11-20T07:20:00Z' });
    recreated.custom_fields = recreated.custom_fields.map((field) =>
      field.name === 'SLA state' ? { ...field, id: 99 } : field,
    );
    const second = new ScriptedRedmineApi();
    second.issuePages.push({ value: [recreated] });
    const stale = await freshProcess(state, second).runCycle({ nowMs: at(21) });

    expect(stale).toMatchObject({ outcome: 'ok', writes: 0 });
    expect(second.writeCount).toBe(0);
    expect(state.directory).toBeUndefined();
    expect(state.projects['alpha-support']).toEqual(cursorBefore);

    const third = new ScriptedRedmineApi();
    third.issuePages.push({ value: [] });
    await freshProcess(state, third).runCycle({ nowMs: at(22) });
    expect(lookups(third)).toHaveLength(DIRECTORY_LOOKUPS.length);
  });
});
