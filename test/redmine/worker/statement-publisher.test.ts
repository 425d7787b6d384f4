import { loadRedmineDirectory, type RedmineDirectory } from '../../../src/redmine/worker/redmine-directory';
import {
  publishStatements,
  type StatementAttachment,
  type StatementRenderer,
  type StatementRequest,
} from '../../../src/redmine/worker/statement-publisher';
import {
  emptyCachedFields,
  emptyWorkerState,
  type CachedIssue,
  type WorkerState,
} from '../../../src/redmine/worker/worker-state-schema';
import type { RedmineTimeEntry } from '../../../src/redmine/schemas';
import { wikiStatementRenderer } from '../../../src/redmine/worker/wiki-statement-renderer';
import type { WorkerLog } from '../../../src/redmine/worker/worker-log';
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
  fields: emptyCachedFields(),
  escalations: [],
  missingFields: [],
};

/** A chart whose content is the minutes worked, and a file that never changes; counts its renderings. */
function scriptedAttachments(month: string, minutes: number, rasterized: string[]): StatementAttachment[] {
  const file = (filename: string, contentType: string, content: string): StatementAttachment => ({
    filename,
    contentType,
    stableSha256: `hash of ${content}`,
    bytes: () => {
      rasterized.push(filename);
      return new TextEncoder().encode(content);
    },
  });
  return [
    file(`burn-down-${month}.png`, 'image/png', `chart of ${minutes} min`),
    file(`statement-${month}.csv`, 'text/csv', 'csv'),
  ];
}

/**
 * Renders the worklog minutes of the request and a volatile "as of" line; with `rasterized`, also
 * attaches a chart (embedded in the text) and a CSV, recording each file made into bytes.
 */
function summingRenderer(requests: StatementRequest[], rasterized?: string[]): StatementRenderer {
  return {
    render: (request) => {
      requests.push(request);
      const minutes = request.issues
        .flatMap((issue) => issue.worklogs)
        .reduce((sum, worklog) => sum + worklog.minutes, 0);
      const embed = rasterized ? `!burn-down-${request.month}.png!\n\n` : '';
      return {
        text: `h1. Statement ${request.month}\n\n_As of ${new Date(request.portfolio.nowMs).toISOString()}_\n\n${embed}Work: ${minutes} min\n`,
        attachments: rasterized ? scriptedAttachments(request.month, minutes, rasterized) : [],
      };
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

  /** One statement run at `nowMs` over the cached issues (ISSUE unless given), with the renderer and log given. */
  function publishWith(
    api: ScriptedRedmineApi,
    state: WorkerState,
    nowMs: number,
    options: { render: StatementRenderer; log?: WorkerLog; issues?: CachedIssue[] },
  ): Promise<number> {
    return publishStatements({
      api,
      config,
      catalog: testCatalog(),
      directory,
      state,
      nowMs,
      wallMs: nowMs,
      render: options.render,
      log: options.log ?? memoryLog().log,
      histories: () => options.issues ?? [ISSUE],
      cachedIssueFromRedmine: () => {
        throw new Error('no issue is missing from the cache here');
      },
    });
  }

  function publish(
    api: ScriptedRedmineApi,
    state: WorkerState,
    requests: StatementRequest[],
    nowMs: number,
    rasterized?: string[],
  ): Promise<number> {
    return publishWith(api, state, nowMs, { render: summingRenderer(requests, rasterized) });
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
        [],
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

  describe('with attachments', () => {
    const page = (attachments: Array<[number, string]>) => ({
      value: {
        title: 'SLA_Statement_2026-11',
        text: 'h1. Statement 2026-11\n\n_As of yesterday_\n\n!burn-down-2026-11.png!\n\nWork: 120 min\n',
        version: 3,
        created_on: '',
        updated_on: '',
        attachments: attachments.map(([id, filename]) => ({ id, filename })),
      },
    });

    it('uploads each file once, attaches them with the page that embeds them, and deletes older versions of their names', async () => {
      const api = new ScriptedRedmineApi();
      const rasterized: string[] = [];
      api.timeEntries.push({ value: [timeEntry(2, 42, 2)] });
      api.wikiPages.push(
        { value: null },
        page([
          [3, 'burn-down-2026-11.png'],
          [2, 'notes.png'],
          [9, 'burn-down-2026-11.png'],
          [10, 'statement-2026-11.csv'],
        ]),
      );

      expect(await publish(api, emptyWorkerState('http://127.0.0.1:3300'), [], NOW, rasterized)).toBe(1);

      expect(api.callsOf('uploadFile').map((args) => args[1])).toEqual([
        'burn-down-2026-11.png',
        'statement-2026-11.csv',
      ]);
      const [write] = api.callsOf('putWikiPage');
      expect(write[2]).toContain('!burn-down-2026-11.png!');
      expect(write[4]).toEqual([
        { token: 'upload-1', filename: 'burn-down-2026-11.png', content_type: 'image/png' },
        { token: 'upload-2', filename: 'statement-2026-11.csv', content_type: 'text/csv' },
      ]);
      expect(api.callsOf('getWikiPage').map((args) => args[2])).toEqual([
        { includeAttachments: true },
        { includeAttachments: true },
      ]);
      // Only the older version of the page's own name; another file of the page stays.
      expect(api.callsOf('deleteAttachment')).toEqual([[3]]);
    });

    it('neither renders, uploads nor writes anything when the content did not change', async () => {
      const api = new ScriptedRedmineApi();
      const rasterized: string[] = [];
      const state = emptyWorkerState('http://127.0.0.1:3300');
      api.timeEntries.push({ value: [timeEntry(2, 42, 2)] }, { value: [timeEntry(2, 42, 2)] });
      await publish(api, state, [], NOW, rasterized);
      const writes = api.writeCount;

      expect(await publish(api, state, [], NOW + 2 * HOUR, rasterized)).toBe(0);

      expect(api.writeCount).toBe(writes);
      expect(api.callsOf('uploadFile')).toHaveLength(2);
      expect(rasterized).toEqual(['burn-down-2026-11.png', 'statement-2026-11.csv']);
    });

    it('republishes when only an attachment changed', async () => {
      const api = new ScriptedRedmineApi();
      const state = emptyWorkerState('http://127.0.0.1:3300');
      let chart = 'first';
      const render: StatementRenderer = {
        render: () => ({
          text: 'h1. Same text\n',
          attachments: [
            { filename: 'c.png', contentType: 'image/png', stableSha256: chart, bytes: () => new Uint8Array(1) },
          ],
        }),
        stableText: (text) => text,
      };
      const run = (nowMs: number) => publishWith(api, state, nowMs, { render });
      api.timeEntries.push({ value: [] }, { value: [] }, { value: [] });
      expect(await run(NOW)).toBe(1);
      expect(await run(NOW + 2 * HOUR)).toBe(0);
      chart = 'second';
      expect(await run(NOW + 4 * HOUR)).toBe(1);
      expect(api.callsOf('uploadFile')).toHaveLength(2);
    });

    it('after the state was lost, leaves a page alone only when it has the same text and every attachment', async () => {
      const same = new ScriptedRedmineApi();
      same.timeEntries.push({ value: [timeEntry(2, 42, 2)] });
      same.wikiPages.push(
        page([
          [4, 'burn-down-2026-11.png'],
          [5, 'statement-2026-11.csv'],
        ]),
      );
      expect(await publish(same, emptyWorkerState('http://127.0.0.1:3300'), [], NOW, [])).toBe(0);
      expect(same.writeCount).toBe(0);

      const missingCsv = new ScriptedRedmineApi();
      missingCsv.timeEntries.push({ value: [timeEntry(2, 42, 2)] });
      missingCsv.wikiPages.push(page([[4, 'burn-down-2026-11.png']]));
      expect(await publish(missingCsv, emptyWorkerState('http://127.0.0.1:3300'), [], NOW, [])).toBe(1);
      expect(missingCsv.callsOf('uploadFile')).toHaveLength(2);
    });

    it('keeps the page published when deleting an old attachment is refused, and says so', async () => {
      const api = new ScriptedRedmineApi();
      const logged = memoryLog();
      const state = emptyWorkerState('http://127.0.0.1:3300');
      api.timeEntries.push({ value: [timeEntry(2, 42, 2)] });
      api.wikiPages.push(
        { value: null },
        page([
          [3, 'burn-down-2026-11.png'],
          [9, 'burn-down-2026-11.png'],
        ]),
      );
      api.attachmentDeletes.push({
        error: { code: 'redmine_auth', status: 403, endpoint: 'DELETE /attachments/3.json' },
      });
      const written = await publishWith(api, state, NOW, { render: summingRenderer([], []), log: logged.log });
      expect(written).toBe(1);
      expect(state.statements['alpha/2026-11']).toBeDefined();
      expect(logged.lines.join('\n')).toContain('statement_old_attachments_kept');
    });
  });

  describe('with the wiki renderer and an open breach', () => {
    // Created on a Monday and never answered: its reaction and resolution clocks are breached and
    // still running (24/7 calendar), so the breaches table's minutes grow on every refresh.
    const MONDAY_NOON = Date.parse('2026-11-16T12:00:00Z');
    const OPEN: CachedIssue = { ...ISSUE, createdAtMs: Date.parse('2026-11-16T07:00:00Z') };

    it('writes the page at most once a day while only time passes, and a material change at once', async () => {
      const api = new ScriptedRedmineApi();
      const state = emptyWorkerState('http://127.0.0.1:3300');
      const render = wikiStatementRenderer('en');
      const written: string[] = [];
      for (let hour = 0; hour < 48; hour++) {
        const nowMs = MONDAY_NOON + hour * HOUR;
        // Hour 30 (Tuesday 18:00): an engineer logs half an hour, which the statement must show.
        const entries =
          hour < 30
            ? [timeEntry(2, 42, 2, '2026-11-16')]
            : [timeEntry(2, 42, 2, '2026-11-16'), timeEntry(3, 42, 0.5, '2026-11-17')];
        api.timeEntries.push({ value: entries });
        if ((await publishWith(api, state, nowMs, { render, issues: [OPEN] })) > 0)
          written.push(new Date(nowMs).toISOString());
      }

      expect(api.callsOf('listTimeEntries')).toHaveLength(48);
      // The first version; the burn-down's new day at each midnight; the worklog at once.
      expect(written).toEqual([
        '2026-11-16T12:00:00.000Z',
        '2026-11-17T00:00:00.000Z',
        '2026-11-17T18:00:00.000Z',
        '2026-11-18T00:00:00.000Z',
      ]);
      expect(api.callsOf('putWikiPage')).toHaveLength(4);
      // Each page is consistent with its own "as of": Tuesday's midnight page shows the minutes of then.
      const texts = api.callsOf('putWikiPage').map((call) => String(call[2]));
      expect(texts[1]).toContain('Data as of Nov 17, 2026 00:00');
      expect(texts[1]).toMatch(/>\. 1,020\smin \|/);
      expect(texts[2]).toMatch(/Used: 2\.5\sh/);
    });

    it('still rewrites a page that only time moved once a day has passed', async () => {
      const api = new ScriptedRedmineApi();
      const state = emptyWorkerState('http://127.0.0.1:3300');
      const render = wikiStatementRenderer('en');
      const at = (iso: string) => {
        api.timeEntries.push({ value: [timeEntry(2, 42, 2, '2026-11-16')] });
        return publishWith(api, state, Date.parse(iso), { render, issues: [OPEN] });
      };
      expect(await at('2026-11-17T01:00:00Z')).toBe(1);
      expect(await at('2026-11-17T23:00:00Z')).toBe(0);
      // The 18th's first refresh is a new burn-down day anyway; a day after that, time alone is due.
      expect(await at('2026-11-18T01:00:00Z')).toBe(1);
      state.statements['alpha/2026-11'] = {
        ...state.statements['alpha/2026-11'],
        publishedAtMs: Date.parse('2026-11-17T00:30:00Z'),
      };
      expect(await at('2026-11-18T02:00:00Z')).toBe(1);
    });
  });
});
