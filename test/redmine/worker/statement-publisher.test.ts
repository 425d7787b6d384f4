import { loadRedmineDirectory, type RedmineDirectory } from '../../../src/redmine/worker/redmine-directory';
import {
  publishStatements,
  type StatementRenderer,
  type StatementRequest,
} from '../../../src/redmine/worker/statement-publisher';
import { emptyWorkerState, type CachedIssue, type WorkerState } from '../../../src/redmine/worker/worker-state-schema';
import type { RedmineTimeEntry } from '../../../src/redmine/schemas';
import { PROJECT, ScriptedRedmineApi, STAFF_USER } from './scripted-redmine-api';
import { memoryLog, testCatalog, testConfig } from './worker-fixtures';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const HOUR = 3_600_000;

function timeEntry(id: number, issueId: number, hours: number, spentOn = '2026-11-19'): RedmineTimeEntry {
  return {
    id,
    project: { id: PROJECT.id, name: PROJECT.name },
    issue: { id: issueId },
    user: { id: STAFF_USER.id, name: 'Sam Support' },
    activity: { id: 9, name: 'Support' },
    hours,
    spent_on: spentOn,
    created_on: `${spentOn}T15:00:00Z`,
    updated_on: `${spentOn}T15:00:00Z`,
  };
}

const ISSUE: CachedIssue = {
  id: 42,
  projectId: PROJECT.id,
  contractId: 'alpha',
  updatedOn: '2026-11-19T07:00:00Z',
  fingerprint: '',
  owesWrite: false,
  closed: false,
  subject: 'Laptop for a new hire',
  assigneeId: null,
  type: 'incident',
  priority: 'normal',
  status: 'New',
  createdAtMs: Date.parse('2026-11-19T07:00:00Z'),
  events: [],
  fields: {
    state: '',
    reactionDue: '',
    startDue: '',
    resolutionDue: '',
    tariff: '',
    line: '',
    flags: '',
    reactionDueDate: '',
    startDueDate: '',
    resolutionDueDate: '',
  },
  escalations: [],
  missingFields: [],
};

/** Renders the worklog minutes of the request and a volatile "as of" line. */
function summingRenderer(requests: StatementRequest[]): StatementRenderer {
  return {
    render: (request) => {
      requests.push(request);
      const minutes = request.issues
        .flatMap((issue) => issue.worklogs)
        .reduce((sum, worklog) => sum + worklog.minutes, 0);
      return `h1. Statement ${request.month}\n\n_As of ${new Date(request.portfolio.nowMs).toISOString()}_\n\nWork: ${minutes} min\n`;
    },
    stableText: (text) =>
      text
        .split('\n')
        .filter((line) => !line.startsWith('_As of'))
        .join('\n'),
  };
}

describe('publishStatements', () => {
  const config = testConfig({ statements: { enabled: true, refreshMinutes: 60 } });
  let directory: RedmineDirectory;
  beforeAll(async () => {
    const loaded = await loadRedmineDirectory(new ScriptedRedmineApi(), config, testCatalog());
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    directory = loaded.value;
  });

  function publish(
    api: ScriptedRedmineApi,
    state: WorkerState,
    requests: StatementRequest[],
    nowMs: number,
  ): Promise<number> {
    return publishStatements({
      api,
      config,
      catalog: testCatalog(),
      directory,
      state,
      nowMs,
      wallMs: nowMs,
      render: summingRenderer(requests),
      log: memoryLog().log,
      histories: () => [ISSUE],
      cachedIssueFromRedmine: () => {
        throw new Error('no issue is missing from the cache here');
      },
    });
  }

  it('reads time entries from the start of the contract once, then only the months being refreshed', async () => {
    const api = new ScriptedRedmineApi();
    const state = emptyWorkerState('http://127.0.0.1:3300');
    const requests: StatementRequest[] = [];
    api.timeEntries.push({ value: [timeEntry(1, 42, 1.5, '2026-10-30'), timeEntry(2, 42, 2)] });

    await publish(api, state, requests, NOW);

    expect(api.callsOf('listTimeEntries')).toEqual([[{ projectId: PROJECT.id, from: '2026-01-01', to: '2026-11-30' }]]);
    expect(requests.map((request) => [request.month, request.format])).toEqual([['2026-11', 'textile']]);
    expect(api.callsOf('putWikiPage')).toEqual([
      [
        'alpha-support',
        'SLA_Statement_2026-11',
        expect.stringContaining('Work: 210 min'),
        'SLA statement 2026-11 (tariff-sla)',
      ],
    ]);

    api.timeEntries.push({ value: [timeEntry(2, 42, 2)] });
    await publish(api, state, requests, NOW + 2 * HOUR);

    expect(api.callsOf('listTimeEntries')[1]).toEqual([
      { projectId: PROJECT.id, from: '2026-11-01', to: '2026-11-30' },
    ]);
    // The October entry stays cached: only November was read again.
    expect(Object.keys(state.timeEntries).sort()).toEqual(['1', '2']);
  });

  it('rewrites the page only when more than its "as of" line changed, and not before the refresh interval', async () => {
    const api = new ScriptedRedmineApi();
    const state = emptyWorkerState('http://127.0.0.1:3300');
    const requests: StatementRequest[] = [];
    api.timeEntries.push({ value: [timeEntry(2, 42, 2)] });
    expect(await publish(api, state, requests, NOW)).toBe(1);

    expect(await publish(api, state, requests, NOW + 10 * 60_000)).toBe(0);
    expect(api.callsOf('listTimeEntries')).toHaveLength(1);

    api.timeEntries.push({ value: [timeEntry(2, 42, 2)] });
    expect(await publish(api, state, requests, NOW + 2 * HOUR)).toBe(0);

    api.timeEntries.push({ value: [timeEntry(2, 42, 2), timeEntry(3, 42, 0.5)] });
    expect(await publish(api, state, requests, NOW + 4 * HOUR)).toBe(1);
    expect(api.callsOf('putWikiPage')[1][2]).toContain('Work: 150 min');
  });

  it('does not rewrite a page that already says the same after the state was lost', async () => {
    const api = new ScriptedRedmineApi();
    const requests: StatementRequest[] = [];
    api.timeEntries.push({ value: [timeEntry(2, 42, 2)] });
    api.wikiPages.push({
      value: {
        title: 'SLA_Statement_2026-11',
        text: 'h1. Statement 2026-11\r\n\r\n_As of yesterday_\r\n\r\nWork: 120 min\r\n',
        version: 3,
        created_on: '',
        updated_on: '',
      },
    });

    expect(await publish(api, emptyWorkerState('http://127.0.0.1:3300'), requests, NOW)).toBe(0);
    expect(api.callsOf('putWikiPage')).toHaveLength(0);
  });

  it('also refreshes the previous month in the first days of a month', async () => {
    const api = new ScriptedRedmineApi();
    const requests: StatementRequest[] = [];
    api.timeEntries.push({ value: [] });

    await publish(api, emptyWorkerState('http://127.0.0.1:3300'), requests, Date.parse('2026-12-02T09:00:00Z'));

    expect(requests.map((request) => request.month)).toEqual(['2026-11', '2026-12']);
  });
});
