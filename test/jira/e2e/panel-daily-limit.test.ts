/**
 * The issue panel ranks an issue without an app record under its tariff's daily incident limit by
 * asking only for the earlier issues of its service day, a page of at most the limit: a bounded cost
 * whatever the size of the day, and the same answer as ranking among the whole day.
 */
import fc from 'fast-check';
import { evaluatePortfolio } from '../../../src/core/sla/evaluate-portfolio';
import { getIssueSla } from '../../../src/jira/app/issue-panel-resolver';
import type { CompiledCatalog } from '../../../src/core/catalog/compiled-catalog';
import type { IssueHistory } from '../../../src/core/history/issue-history';
import { holidayFileReader, SETTINGS_KEYS } from '../../../src/jira/config/app-settings';
import { holidayYearsAround, parseCatalogText } from '../../../src/parsing/parse-catalog-text';
import {
  EXAMPLE_CATALOG,
  EXAMPLE_HOLIDAY_FILES,
  msk,
  SHARED_DESK_MAPPING,
  seedIncidents,
  SHARED_DESK_ORGANIZATIONS,
  startAppHarness,
  type AppHarness,
} from './jira-app-harness';

/** The example catalog with `basic` (SUP's tariff until 16 Nov 2026, 5 incidents a day) counting only incidents. */
const INCIDENTS_ONLY_CATALOG = EXAMPLE_CATALOG.replace(
  '    incidentsPerDay: 5\n',
  '    incidentsPerDay: 5\n    incidentTypes: [incident]\n',
);

describe('issue panel under a daily incident limit', () => {
  let app: AppHarness;

  afterEach(async () => {
    expect(app.standIn.violations()).toEqual([]);
    await app.close();
  });

  async function overLimitOnPanel(key: string): Promise<boolean> {
    const answer = await getIssueSla(app.deps, app.reportDeps, { issueKey: key });
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value.overLimit;
  }

  const peerSearches = () =>
    app.standIn
      .requests()
      .filter((entry) => entry.path.endsWith('/search/jql') && /created >=/.test(entry.query.jql?.[0] ?? ''));

  it('costs at most 3 requests on a cold cache on a day of 5 000 incidents, with no app record of the issue', async () => {
    app = await startAppHarness('2026-11-09T18:00');
    // Sunday evening's incidents belong to another service day (Moscow), however close.
    for (let index = 0; index < 4; index++)
      app.standIn.seedIssue({ project: 'SUP', created: msk('2026-11-08T23:50') + index * 60_000, status: 'Open' });
    const day = seedIncidents(app, 5_000, '2026-11-09T09:00', 5_000);
    app.standIn.clearLog();

    expect(await overLimitOnPanel(day[2_499])).toBe(true);
    expect(app.standIn.stats()).toMatchObject({ total: 3, writes: 0 });
    const [search] = peerSearches();
    // Bounded by unquoted epoch milliseconds (Jira's documented zone-free form): Monday 00:00 Moscow to the issue's creation.
    expect(search.query.jql?.[0]).toContain(
      `created >= ${msk('2026-11-09T00:00')} AND created <= ${msk('2026-11-09T09:00') + 2_499 * 5_000} `,
    );
    expect(search.query.maxResults).toEqual(['5']);
    expect(search.query.fields?.[0].split(',').sort()).toEqual([
      'created',
      'issuetype',
      'priority',
      'project',
      'status',
    ]);

    app.standIn.clearLog();
    // The fifth of the day is within the limit: Sunday's four do not count.
    expect(await overLimitOnPanel(day[4])).toBe(false);
    expect(await overLimitOnPanel(day[5])).toBe(true);
    expect(app.standIn.stats().total).toBeLessThanOrEqual(6);
  });

  it('reads the rest of the day, in full pages, only when the first page of the limit does not settle it', async () => {
    app = await startAppHarness('2026-11-09T18:00');
    await app.store.set(SETTINGS_KEYS.catalog, { text: INCIDENTS_ONLY_CATALOG, savedAtMs: app.nowMs() });
    // 12 service requests first (not incidents under this tariff), then 6 incidents.
    const keys = seedIncidents(app, 18, '2026-11-09T09:00', 60_000, (index) =>
      index < 12 ? { issueType: 'Service request' } : {},
    );
    app.standIn.clearLog();
    expect(await overLimitOnPanel(keys[17])).toBe(true);
    // The first 5 are service requests: not settled, so the day's 17 earlier issues follow in one page of 100.
    expect(peerSearches().map((entry) => entry.query.maxResults?.[0])).toEqual(['5', '100']);
    app.standIn.clearLog();
    expect(await overLimitOnPanel(keys[16])).toBe(false);
    expect(peerSearches()).toHaveLength(2);
  });

  it('on a shared desk ranks the issue among the earlier requests of the contract the rules choose, in any project', async () => {
    app = await startAppHarness('2026-11-09T18:00', { mapping: SHARED_DESK_MAPPING });
    app.standIn.addProject({ key: 'DESK', id: '10001', typeKey: 'service_desk' });
    // Alfa (client-a, 5 incidents a day) and Beta (client-b) requests alternate; the 6th Alfa one is over.
    const beta = (index: number) => index % 2 === 0;
    const desk = seedIncidents(app, 12, '2026-11-09T09:00', 60_000, (index) => ({
      project: 'DESK',
      customFields: {
        [SHARED_DESK_ORGANIZATIONS]: [beta(index) ? { id: '2', name: 'Beta JSC' } : { id: '1', name: 'Alfa LLC' }],
      },
    }));
    const alfa = desk.filter((_, index) => !beta(index));
    app.standIn.clearLog();
    expect(await overLimitOnPanel(alfa[5])).toBe(true);
    expect(await overLimitOnPanel(alfa[4])).toBe(false);
  });

  it('answers as ranking among the whole day does, for any mix of incidents, other requests and creation instants', async () => {
    const catalog = incidentsOnlyCatalog();
    await fc.assert(
      fc.asyncProperty(
        // Minutes from Monday 2026-11-02 09:00 Moscow, few enough to tie often: Sunday 22:59 and 23:59,
        // Monday from 00:00 to 23:59, and Tuesday 00:00.
        fc.array(
          fc.record({
            minute: fc.constantFrom(-601, -541, -540, 0, 60, 61, 899, 900),
            incident: fc.constantFrom(true, true, true, false),
          }),
          {
            minLength: 4,
            maxLength: 12,
          },
        ),
        async (specs) => {
          app = await startAppHarness('2026-11-09T18:00');
          try {
            await app.store.set(SETTINGS_KEYS.catalog, { text: INCIDENTS_ONLY_CATALOG, savedAtMs: app.nowMs() });
            const histories: IssueHistory[] = specs.map((spec) => {
              const createdAtMs = msk('2026-11-02T09:00') + spec.minute * 60_000;
              const { key } = app.standIn.seedIssue({
                project: 'SUP',
                created: createdAtMs,
                priority: 'Medium',
                issueType: spec.incident ? 'Incident' : 'Service request',
                status: 'Open',
              });
              const type = spec.incident ? 'incident' : 'consultation';
              return {
                key,
                contractId: 'client-a',
                type,
                priority: 'normal',
                status: 'New',
                createdAtMs,
                events: [],
                worklogs: [],
              };
            });
            const wholeDay = evaluatePortfolio(catalog, histories, app.nowMs()).evaluations;
            const panel = [];
            for (const { key } of histories) panel.push(await overLimitOnPanel(key));
            expect(panel).toEqual(wholeDay.map((evaluation) => evaluation.overLimit));
            expect(app.standIn.violations()).toEqual([]);
          } finally {
            await app.close();
          }
        },
      ),
      { seed: 20261207, numRuns: 20 },
    );
    // afterEach closes the last one again and checks it: start a fresh, empty one for it.
    app = await startAppHarness('2026-11-09T18:00');
  }, 120_000);
});

function incidentsOnlyCatalog(): CompiledCatalog {
  const parsed = parseCatalogText(INCIDENTS_ONLY_CATALOG, {
    holidayYears: holidayYearsAround(msk('2026-11-09T12:00')),
    readRelativeFile: holidayFileReader(EXAMPLE_HOLIDAY_FILES),
  });
  if (!parsed.ok) throw new Error(parsed.issues.map((issue) => issue.message).join('; '));
  return parsed.value;
}
