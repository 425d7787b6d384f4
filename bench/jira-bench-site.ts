import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import type { AppDeps } from '../src/jira/app/app-deps';
import { createJiraClient } from '../src/jira/client/jira-client';
import { RequestStats } from '../src/http/request-stats';
import { SETTINGS_KEYS } from '../src/jira/config/app-settings';
import { MemoryKeyValueStore } from '../src/jira/store/memory-key-value-store';
import { createOpenApiContract } from '../test/jira/contract/openapi-contract';
import { startJiraStandIn, type JiraStandIn } from '../test/jira/stand-in/jira-stand-in';

/** The repository, from the sources or from the build (`dist/bench`). */
export const ROOT = resolve(__dirname, __dirname.includes(join('dist', 'bench')) ? '../..' : '..');
/** The support agent of the benchmarks' mapping. */
export const AGENT = '5b10ac8d82e05b22cc7d4ef5';
/** SUP on client-a, with its statuses, priorities and issue types mapped, in English. */
export const MAPPING = `projects:
  SUP:
    contract: client-a
    statuses: { Open: New }
    priorities: { Highest: critical, High: high, Medium: normal, Low: low, Lowest: low }
    issueTypes: { Incident: incident, "Service request": consultation, Task: enhancement }
agents:
  accountIds: [${AGENT}]
language: en
`;

/** Moscow wall time ("2026-11-12T09:30") as epoch milliseconds. */
export const msk = (text: string): number => DateTime.fromISO(text, { zone: 'Europe/Moscow' }).toMillis();

/** A Jira stand-in with the app's client and storage in front of it, counting every request. */
export interface JiraBenchSite {
  readonly standIn: JiraStandIn;
  readonly store: MemoryKeyValueStore;
  readonly counter: RequestStats;
  readonly deps: AppDeps;
}

/**
 * Starts the contract-checked Jira stand-in on 127.0.0.1 (no latency yet: seed first, then
 * `standIn.setLatency`), the app's Jira client counting requests, and storage holding the example
 * catalog, its holiday files and the benchmarks' mapping, all on the given clock.
 *
 * @example
 * const site = await startJiraBenchSite(() => now);
 * site.standIn.seedIssue({ project: 'SUP', created: msk('2026-11-12T09:00') });
 */
export async function startJiraBenchSite(clock: () => number): Promise<JiraBenchSite> {
  // Read from the source tree: the build compiles the stand-in but does not copy the contract JSON next to it.
  const contract = createOpenApiContract(
    JSON.parse(readFileSync(join(ROOT, 'test', 'jira', 'contract', 'jira-openapi.trimmed.json'), 'utf8')),
  );
  const standIn = await startJiraStandIn({
    now: clock,
    timeZone: 'Europe/Moscow',
    worklogSettleMs: 0,
    latencyMs: 0,
    contract,
  });
  const counter = new RequestStats();
  const jira = createJiraClient({
    requestJira: (path, init) =>
      fetch(`${standIn.baseUrl}${path}`, { method: init.method, headers: init.headers, body: init.body }),
    stats: counter,
    log: () => undefined,
  });
  const store = new MemoryKeyValueStore(clock);
  const savedAtMs = clock();
  await store.set(SETTINGS_KEYS.catalog, {
    text: readFileSync(join(ROOT, 'examples', 'catalog.yml'), 'utf8'),
    savedAtMs,
  });
  await store.set(SETTINGS_KEYS.mapping, { text: MAPPING, savedAtMs });
  const holidays = join(ROOT, 'examples', 'holidays');
  await store.set(SETTINGS_KEYS.holidayFiles, {
    files: Object.fromEntries(
      readdirSync(holidays).map((name) => [`holidays/${name}`, readFileSync(join(holidays, name), 'utf8')]),
    ),
    savedAtMs,
  });
  return { standIn, store, counter, deps: { jira, store, now: clock, log: () => undefined } };
}
