/**
 * Runs the app's real handlers against the Jira stand-in (real HTTP on 127.0.0.1, every request
 * and answer checked against Jira's OpenAPI contract), with an in-memory store and a clock the test moves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { AppDeps, AppLogEvent } from '../../../src/jira/app/app-deps';
import type { ReportDeps } from '../../../src/jira/app/project-report-resolver';
import { runSweep, type SweepResult } from '../../../src/jira/app/sweep';
import type { JiraClientOptions } from '../../../src/jira/client/jira-client';
import { holidayYearsAround, parseCatalogText } from '../../../src/parsing/parse-catalog-text';
import type { CompiledCatalog } from '../../../src/core/catalog/compiled-catalog';
import { holidayFileReader, SETTINGS_KEYS } from '../../../src/jira/config/app-settings';
import { JiraProjectIssueSource } from '../../../src/jira/report/project-issue-source';
import { MemoryKeyValueStore } from '../../../src/jira/store/memory-key-value-store';
import { connectClient, type StandInClient } from '../client/stand-in-client';
import { startJiraStandIn, type JiraStandIn, type JiraStandInOptions } from '../stand-in/jira-stand-in';
import { DEFAULT_REFERENCE_DATA } from '../stand-in/jira-stand-in-store';

export const ROOT = join(__dirname, '..', '..', '..');
export const EXAMPLE_CATALOG = readFileSync(join(ROOT, 'examples', 'catalog.yml'), 'utf8');
/** The iCalendar files the example catalog names, as the admin would upload them. */
export const EXAMPLE_HOLIDAY_FILES: Readonly<Record<string, string>> = Object.fromEntries(
  readdirSync(join(ROOT, 'examples', 'holidays')).map((name) => [
    `holidays/${name}`,
    readFileSync(join(ROOT, 'examples', 'holidays', name), 'utf8'),
  ]),
);

/** The example catalog, compiled as the app compiles it (holiday files from storage, not from disk). */
export function exampleCatalog(): CompiledCatalog {
  const parsed = parseCatalogText(EXAMPLE_CATALOG, {
    holidayYears: holidayYearsAround(Date.parse('2026-11-20T12:00:00Z')),
    readRelativeFile: holidayFileReader(EXAMPLE_HOLIDAY_FILES),
  });
  if (!parsed.ok)
    throw new Error(`example catalog is invalid: ${parsed.issues.map((issue) => issue.message).join('; ')}`);
  return parsed.value;
}

/** Accounts of the stand-in's default users. */
export const AGENT = '5b10ac8d82e05b22cc7d4ef5';
export const LEAD = '5b10a2844c20165700ede21g';
export const CUSTOMER = '60e5a1b2c3d4e5f6a7b8c9d0';

/**
 * SUP is served under client-a (tariff basic until 16 Nov 2026: Mon–Fri 9–18 Moscow, reaction 4 h,
 * resolution 8 h, escalation at 80/100/150 %); PKG under client-d (25-hour monthly package).
 */
export const MAPPING = `projects:
  SUP:
    contract: client-a
    statuses: { Open: New }
    priorities: { Highest: critical, High: high, Medium: normal, Low: low, Lowest: low }
    issueTypes: { Incident: incident, "Service request": consultation, Task: enhancement }
    lineStatuses: { "Second line": L2 }
  PKG:
    contract: client-d
    statuses: { Open: New }
    priorities: { Highest: critical, High: high, Medium: normal, Low: low, Lowest: low }
    issueTypes: { Incident: incident, "Service request": consultation, Task: enhancement }
agents:
  accountIds: [${AGENT}, ${LEAD}]
lineRequirements:
  L2: { comment: true, fields: [assignee] }
escalateSince: "2026-01-01T00:00:00+03:00"
language: en
`;

/** The custom field holding a request's JSM organizations on the shared desk. */
export const SHARED_DESK_ORGANIZATIONS = 'customfield_10002';

/**
 * A shared JSM desk DESK without a contract of its own: contract rules give each request its client
 * by organization (Alfa LLC: client-a, Beta JSC: client-b; any other: not covered).
 */
export const SHARED_DESK_MAPPING = `projects:
  DESK:
    statuses: { Open: New }
    priorities: { Medium: normal }
    issueTypes: { Incident: incident }
contractRules:
  organizationsField: ${SHARED_DESK_ORGANIZATIONS}
  rules:
    - { organization: "Alfa LLC", contract: client-a }
    - { organization: "Beta JSC", contract: client-b }
escalateSince: "2026-11-01T00:00:00+03:00"
`;

export const msk = (text: string) => DateTime.fromISO(text, { zone: 'Europe/Moscow' }).toMillis();

export interface AppHarness {
  readonly standIn: JiraStandIn;
  readonly connection: StandInClient;
  readonly store: MemoryKeyValueStore;
  readonly deps: AppDeps;
  readonly reportDeps: ReportDeps;
  readonly logs: AppLogEvent[];
  /** Moves the shared clock (stand-in and app). */
  setNow(iso: string): void;
  nowMs(): number;
  close(): Promise<void>;
}

/**
 * @example
 * const app = await startAppHarness('2026-11-02T09:00');
 * app.standIn.seedIssue({ project: 'SUP', created: '2026-11-02T09:00:00+03:00' });
 */
export async function startAppHarness(
  startIso: string,
  options: { standIn?: JiraStandInOptions; client?: Partial<JiraClientOptions>; mapping?: string } = {},
): Promise<AppHarness> {
  let now = msk(startIso);
  const clock = () => now;
  const standIn = await startJiraStandIn({
    now: clock,
    timeZone: 'Europe/Moscow',
    worklogSettleMs: 0,
    reference: {
      statuses: [...DEFAULT_REFERENCE_DATA.statuses, { id: '10010', name: 'Second line', category: 'indeterminate' }],
    },
    ...options.standIn,
  });
  const connection = connectClient(standIn, options.client);
  const store = new MemoryKeyValueStore(clock);
  await store.set(SETTINGS_KEYS.catalog, { text: EXAMPLE_CATALOG, savedAtMs: now });
  await store.set(SETTINGS_KEYS.mapping, { text: options.mapping ?? MAPPING, savedAtMs: now });
  await store.set(SETTINGS_KEYS.holidayFiles, { files: EXAMPLE_HOLIDAY_FILES, savedAtMs: now });
  const logs: AppLogEvent[] = [];
  const deps: AppDeps = { jira: connection.client, store, now: clock, log: (event) => logs.push(event) };
  const reportDeps: ReportDeps = {
    store,
    now: clock,
    source: (settings) => new JiraProjectIssueSource(deps, settings),
  };
  const harness: AppHarness = {
    standIn,
    connection,
    store,
    deps,
    reportDeps,
    logs,
    setNow: (iso) => {
      now = msk(iso);
    },
    nowMs: clock,
    close: async () => {
      // Once: a test may close its harness and start another; `useAppHarness` closes what is left.
      if (!OPEN_HARNESSES.delete(harness)) return;
      await standIn.close();
    },
  };
  OPEN_HARNESSES.add(harness);
  return harness;
}

/** Harnesses started and not closed yet. */
const OPEN_HARNESSES = new Set<AppHarness>();

/** Comments the app posted on an issue (ADF bodies as text). */
export function appComments(app: AppHarness, issueKey: string): string[] {
  return app.standIn.issueState(issueKey).comments.map((body) => JSON.stringify(body));
}

/**
 * A fresh harness for every test of the enclosing describe block, started at `startIso` (Moscow
 * time); after each test every harness still open (the test may have replaced the first) must have
 * seen no contract violation, and is closed.
 *
 * @example
 * let app: AppHarness;
 * useAppHarness('2026-11-09T10:00', (started) => (app = started));
 */
export function useAppHarness(startIso: string, onStart: (app: AppHarness) => void): void {
  beforeEach(async () => {
    onStart(await startAppHarness(startIso));
  });
  afterEach(async () => {
    const open = [...OPEN_HARNESSES];
    const violations = open.flatMap((app) => app.standIn.violations());
    await Promise.all(open.map((app) => app.close()));
    expect(violations).toEqual([]);
  });
}

/**
 * `count` Open, Medium SUP incidents created `stepMs` apart from `firstIso` (Moscow time), oldest
 * first; `seed(index)` adds to or overrides the values of each. Returns their keys.
 */
export function seedIncidents(
  app: AppHarness,
  count: number,
  firstIso: string,
  stepMs: number,
  seed: (index: number) => Partial<Parameters<JiraStandIn['seedIssue']>[0]> = () => ({}),
): string[] {
  const firstMs = msk(firstIso);
  return Array.from(
    { length: count },
    (_, index) =>
      app.standIn.seedIssue({
        project: 'SUP',
        created: firstMs + index * stepMs,
        priority: 'Medium',
        issueType: 'Incident',
        status: 'Open',
        ...seed(index),
      }).key,
  );
}

/** An Open, Medium issue of `project` created at `createdIso` (Moscow time). */
export function seedOpenIssue(app: AppHarness, project: string, createdIso: string): { id: string; key: string } {
  return app.standIn.seedIssue({ project, created: msk(createdIso), priority: 'Medium', status: 'Open' });
}

/**
 * An Open, Medium issue created at `created`, answered (moved to In Progress by the agent) at
 * `answered`, with the clock then moved to `now`: the set-up of every "this issue is breached" test.
 */
export function answeredIssue(
  app: AppHarness,
  times: { readonly project: string; readonly created: string; readonly answered: string; readonly now: string },
): { id: string; key: string } {
  const issue = seedOpenIssue(app, times.project, times.created);
  app.standIn.changeIssue(issue.key, { at: msk(times.answered), status: 'In Progress', author: AGENT });
  app.setNow(times.now);
  return issue;
}

/** One sweep now, with a minute of budget and nothing re-queued. */
export function sweepNow(app: AppHarness, runId: string): Promise<SweepResult> {
  return runSweep(app.deps, { runId, budgetMs: 60_000, enqueue: async () => undefined });
}
