import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { RedmineClient } from '../../../src/redmine/client';
import { runWorkerCycle } from './run-worker-cycle';
import { skipRedmine } from './redmine-world';
import { testCatalogDocument } from './worker-fixtures';

/*
 * The worker's suites run against Redmine on PostgreSQL (REDMINE_URL); this one cycle checks the
 * SQLite set-up too (REDMINE_SQLITE_URL and REDMINE_SQLITE_API_KEY, which scripts/test-all.sh
 * exports for a second instance started with REDMINE_PORT=3301 REDMINE_DB=sqlite). Everything
 * goes through the REST API: a project, an issue, one cycle, then an idle one.
 */
const url = process.env.REDMINE_SQLITE_URL;
const apiKey = process.env.REDMINE_SQLITE_API_KEY;
const describeSqlite = skipRedmine ? describe.skip : describe;

describeSqlite('the worker on Redmine with SQLite (smoke)', () => {
  jest.setTimeout(120_000);

  it("writes a new issue's SLA fields once and nothing on the next cycle", async () => {
    if (!url || !apiKey) {
      throw new Error(
        'REDMINE_SQLITE_URL and REDMINE_SQLITE_API_KEY are not set: run `REDMINE_PORT=3301 REDMINE_DB=sqlite bash scripts/redmine-local.sh start` and export its `env` under these names (scripts/test-all.sh does), or set TARIFF_SLA_SKIP_REDMINE=1',
      );
    }
    const admin = new RedmineClient({ baseUrl: url, apiKey, retries: 2, baseDelayMs: 200 });
    const dir = mkdtempSync(join(tmpdir(), 'tsla-sqlite-'));
    const saved = process.env.REDMINE_API_KEY;
    try {
      const identifier = `smoke-${Date.now().toString(36)}`;
      const project = await admin.createProject({
        name: identifier,
        identifier,
        enabled_module_names: ['issue_tracking', 'time_tracking', 'wiki'],
      });
      const support = (await admin.listTrackers()).find((tracker) => tracker.name === 'Support');
      const issue = await admin.createIssue({
        project_id: project.id,
        subject: 'Smoke test on SQLite',
        ...(support ? { tracker_id: support.id } : {}),
      });
      const me = await admin.getCurrentUser();
      writeFileSync(
        join(dir, 'catalog.yml'),
        stringify(testCatalogDocument({ smoke: `${issue.created_on.slice(0, 7)}-01` })),
      );
      writeFileSync(
        join(dir, 'worker.yml'),
        stringify({
          redmine: { url, apiKey: { env: 'REDMINE_API_KEY' }, retries: 2 },
          catalog: 'catalog.yml',
          stateFile: 'state.json',
          contracts: { smoke: { projects: [identifier] } },
          mapping: {
            trackers: { Bug: 'bug', Feature: 'enhancement', Support: 'incident' },
            priorities: { Low: 'low', Normal: 'normal', High: 'high', Urgent: 'urgent', Immediate: 'critical' },
          },
          staff: { users: [me.id] },
          statements: { enabled: false },
        }),
      );
      process.env.REDMINE_API_KEY = apiKey;
      const createdMs = Date.parse(issue.created_on);

      const first = await runWorkerCycle(join(dir, 'worker.yml'), createdMs + 5 * 60_000);
      const second = await runWorkerCycle(join(dir, 'worker.yml'), createdMs + 6 * 60_000);

      expect(first.report).toMatchObject({ outcome: 'ok', writes: 1 });
      const synced = await admin.getIssue(issue.id);
      expect(synced.custom_fields.find((field) => field.name === 'SLA state')?.value).toBe('running');
      expect(second.report).toMatchObject({ outcome: 'ok', writes: 0 });
      expect(second.stats.writes).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.REDMINE_API_KEY;
      else process.env.REDMINE_API_KEY = saved;
      rmSync(dir, { recursive: true, force: true });
      admin.close();
    }
  });
});
