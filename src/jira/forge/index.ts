/**
 * Forge entry points named in manifest.yml. Each builds the handlers' dependencies from the
 * platform (Jira as the app, Forge storage, the wall clock) and hands over at once: the logic lives
 * in src/jira/app and is tested without Forge.
 */
import api, { fetch as forgeFetch, NeedsAuthenticationError } from '@forge/api';
import { Queue } from '@forge/events';
import Resolver from '@forge/resolver';
import { z } from 'zod';
import { jsonLineLog, type AppDeps } from '../app/app-deps';
import { jiraAdminCheck } from '../app/jira-admin-check';
import { jiraDirectoryOf } from '../app/admin-resolver';
import { handleJiraEvent } from '../app/jira-event-handler';
import type { ReportDeps } from '../app/project-report-resolver';
import {
  adminResolvers,
  issuePanelResolvers,
  projectReportResolvers,
  resolverContextOf,
  type ResolverTable,
} from '../app/resolver-tables';
import { runDueSweep } from '../app/due-sweep';
import { runSweep, sweepContinuationSchema, type SweepContinuation } from '../app/sweep';
import { gadgetResolvers } from '../app/gadget-resolver';
import { slaJqlFunction, type JqlFunctionAnswer } from '../app/sla-jql-functions';
import { loadAppSettings } from '../config/app-settings';
import { recordTransition } from '../app/workflow-post-function';
import { validateTransition as validate, type ValidatorResult } from '../app/workflow-validator';
import { createJiraClient } from '../client/jira-client';
import { createForgeRequestJira } from '../client/forge-request';
import { STARTER_CATALOG_TEXT, STARTER_MAPPING_TEXT } from '../config/starter-settings';
import { JiraProjectIssueSource } from '../report/project-issue-source';
import { refreshStoredReports } from '../report/project-report-store';
import { ForgeKeyValueStore } from '../store/forge-key-value-store';
import { forgeSecrets } from '../store/forge-secrets';
import { RetryPolicy } from '../../http/retry-policy';
import { fetchPost } from '../../notify/http-post';

/** Queue key of the sweep's fan-out (manifest: consumer `sla-sweep-consumer`). */
export const SWEEP_QUEUE_KEY = 'sla-sweep';
/** Work time a sweep invocation allows itself; the function's limit is 900 s and one batch may take a while. */
const SWEEP_BUDGET_MS = 600_000;
/** Events per push, below the queue's limit. */
const PUSH_CHUNK = 25;

/** A messenger's wait the app takes within one invocation; a longer `Retry-After` defers the message to the next sweep. */
const MESSENGER_MAX_RETRY_AFTER_MS = 10_000;

function appDeps(): AppDeps {
  return {
    jira: createJiraClient({ requestJira: createForgeRequestJira() }),
    store: new ForgeKeyValueStore(),
    now: Date.now,
    log: jsonLineLog,
    messengers: {
      // Forge's fetch goes out only to the domains manifest.yml declares under permissions.external.fetch.
      sender: {
        post: fetchPost((url, init) => forgeFetch(url, init), 10_000),
        secrets: forgeSecrets(process.env),
        policy: new RetryPolicy({ retries: 2, maxRetryAfterMs: MESSENGER_MAX_RETRY_AFTER_MS }),
        now: Date.now,
      },
      siteUrl: process.env.TARIFF_SLA_SITE_URL ?? null,
    },
  };
}

/** What Jira's answer looks like when the user has not allowed the app to act for them: a 401, which the admin check reports as consent needed. */
const CONSENT_NEEDED = {
  status: 401,
  headers: { get: () => null },
  text: async () => JSON.stringify({ errorMessages: ['The user has not allowed the app to act on their behalf.'] }),
};

/** Jira as the user behind the current resolver call (Forge `asUser()`), not as the app. */
function userJira() {
  return createJiraClient({
    requestJira: createForgeRequestJira(async (url, init) => {
      try {
        return await api.asUser().requestJira(url, init);
      } catch (error) {
        if (error instanceof NeedsAuthenticationError) return CONSENT_NEEDED;
        throw error;
      }
    }),
  });
}

function reportDeps(deps: AppDeps): ReportDeps {
  // What the viewer may see is asked as the viewer: issue security and project roles apply.
  return {
    store: deps.store,
    now: deps.now,
    source: (settings) => new JiraProjectIssueSource(deps, settings),
    viewerJira: () => userJira(),
  };
}

function runId(kind: string): string {
  return `${kind}-${new Date().toISOString()}-${Math.random().toString(36).slice(2, 8)}`;
}

async function enqueue(continuations: readonly SweepContinuation[]): Promise<void> {
  const queue = new Queue({ key: SWEEP_QUEUE_KEY });
  for (let start = 0; start < continuations.length; start += PUSH_CHUNK) {
    await queue.push(continuations.slice(start, start + PUSH_CHUNK).map((body) => ({ body })));
  }
}

function resolverOf(table: ResolverTable): ReturnType<Resolver['getDefinitions']> {
  const resolver = new Resolver();
  for (const [name, run] of Object.entries(table))
    resolver.define(name, (request) => run({ payload: request.payload, context: resolverContextOf(request.context) }));
  return resolver.getDefinitions();
}

/** Product events: issue created/updated/commented/deleted, worklogs. */
export async function onJiraEvent(event: unknown): Promise<void> {
  await handleJiraEvent(appDeps(), event, runId('event'));
}

/** Scheduled every five minutes: only the issues whose next transition has come, and those changed lately. */
export async function sweep(): Promise<void> {
  const deps = appDeps();
  const startedMs = Date.now();
  await runDueSweep(deps, { runId: runId('sweep'), budgetMs: SWEEP_BUDGET_MS });
  // Then the project reports whose project changed (or whose catalog version did), with the time left.
  const loaded = await loadAppSettings(deps.store);
  if (loaded === null || !loaded.ok) return;
  const refreshed = await refreshStoredReports(reportDeps(deps), loaded.settings, {
    budgetMs: Math.max(0, SWEEP_BUDGET_MS - (Date.now() - startedMs)),
  });
  if (refreshed.computed.length > 0 || refreshed.left > 0)
    jsonLineLog({ event: 'reports_refreshed', computed: refreshed.computed.length, left: refreshed.left });
}

/** Scheduled daily: the full reconciliation, one queue event per served project. */
export async function reconcile(): Promise<void> {
  const deps = appDeps();
  const loaded = await loadAppSettings(deps.store);
  if (loaded === null || !loaded.ok) return;
  const id = runId('reconcile');
  await enqueue(
    Object.keys(loaded.settings.mapping.projects)
      .sort()
      .map((projectKey) => ({ runId: id, projectKey, hop: 0 })),
  );
}

/** Continues a sweep handed off through the queue. */
export async function sweepConsumer(event: unknown): Promise<void> {
  const body = z.object({ body: sweepContinuationSchema }).safeParse(event);
  if (!body.success) {
    jsonLineLog({ event: 'sweep_continuation_unreadable' });
    return;
  }
  await runSweep(appDeps(), {
    runId: body.data.body.runId,
    budgetMs: SWEEP_BUDGET_MS,
    enqueue,
    continuation: body.data.body,
  });
}

/** Workflow validator: what the next support line needs. */
export async function validateTransition(args: unknown): Promise<ValidatorResult> {
  return validate(appDeps(), args);
}

/** Workflow post function: records the line, stops/starts clocks. */
export async function onTransition(event: unknown): Promise<void> {
  await recordTransition(appDeps(), event, runId('transition'));
}

/** JQL functions: `issue in slaBreached()`, `slaAtRisk()`, `slaDueWithin("2h")`, `slaOverLimit()`. */
export const slaBreachedJql = async (call: unknown): Promise<JqlFunctionAnswer> => slaJqlFunction('slaBreached', call);
export const slaAtRiskJql = async (call: unknown): Promise<JqlFunctionAnswer> => slaJqlFunction('slaAtRisk', call);
export const slaDueWithinJql = async (call: unknown): Promise<JqlFunctionAnswer> =>
  slaJqlFunction('slaDueWithin', call);
export const slaOverLimitJql = async (call: unknown): Promise<JqlFunctionAnswer> =>
  slaJqlFunction('slaOverLimit', call);

const shared = appDeps();

export const issuePanelResolver = resolverOf(issuePanelResolvers(shared, reportDeps(shared)));
export const projectReportResolver = resolverOf(projectReportResolvers(reportDeps(shared)));
export const gadgetResolver = resolverOf(gadgetResolvers(reportDeps(shared)));
export const adminResolver = resolverOf(
  adminResolvers(() => {
    // Asked as the calling user: the app's own permissions say nothing about who is at the keyboard,
    // and the pickers offer what the admin may see.
    const asAdmin = userJira();
    return {
      store: shared.store,
      now: Date.now,
      defaults: { catalogText: STARTER_CATALOG_TEXT, mappingText: STARTER_MAPPING_TEXT },
      isJiraAdmin: jiraAdminCheck(asAdmin),
      directory: jiraDirectoryOf(asAdmin),
    };
  }),
);
