import { z } from 'zod';
import { loadAppSettings, projectMapping, type AppSettings } from '../config/app-settings';
import { escalationRecordKey } from '../escalation/escalation-runner';
import { forgetIssueFacts, readIssueFacts } from '../sla/issue-facts';
import type { AppDeps } from './app-deps';
import { refreshIssue, type RefreshOutcome } from './refresh-issue';
import { markReportsStale } from './report-staleness';

/** The issue as product events describe it: the project is in the payload, so no Jira call is needed to place it. */
const eventIssueSchema = z.object({
  id: z.string(),
  key: z.string().optional(),
  fields: z.looseObject({ project: z.looseObject({ key: z.string() }).optional() }).optional(),
});

/** The parts of Jira's product events the app reads; anything else in them is ignored. */
const issueEventSchema = z.object({
  eventType: z.enum(['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:commented:issue']),
  issue: eventIssueSchema,
});
const deletedEventSchema = z.object({ eventType: z.literal('avi:jira:deleted:issue'), issue: eventIssueSchema });
const worklogEventSchema = z.object({
  eventType: z.enum(['avi:jira:created:worklog', 'avi:jira:updated:worklog', 'avi:jira:deleted:worklog']),
  worklog: z.object({ id: z.union([z.string(), z.number()]), issueId: z.union([z.string(), z.number()]) }),
});

export type JiraEventOutcome =
  | { kind: 'refreshed'; outcome: RefreshOutcome }
  | { kind: 'forgotten'; issueId: string }
  | { kind: 'worklog'; issueId: string }
  | {
      kind: 'ignored';
      reason: 'unknown_event' | 'no_settings' | 'invalid_settings' | 'project_not_served' | 'issue_not_served';
    };

/** The project key of an event's issue: from the payload's fields, else from the issue key (`SUP-12` → `SUP`). */
function projectKeyOf(issue: z.infer<typeof eventIssueSchema>): string | undefined {
  return (
    issue.fields?.project?.key ??
    (issue.key === undefined ? undefined : issue.key.slice(0, Math.max(0, issue.key.lastIndexOf('-'))) || undefined)
  );
}

type Served =
  | { ok: true; settings: AppSettings }
  | { ok: false; reason: 'no_settings' | 'invalid_settings' | 'project_not_served' };

/** Whether the project is served, from the saved settings (parsed once per container) — no Jira request, no write. */
async function servedSettings(deps: AppDeps, projectKey: string | undefined): Promise<Served> {
  const loaded = await loadAppSettings(deps.store);
  if (loaded === null) return { ok: false, reason: 'no_settings' };
  if (!loaded.ok) return { ok: false, reason: 'invalid_settings' };
  if (projectKey === undefined || !projectMapping(loaded.settings, projectKey))
    return { ok: false, reason: 'project_not_served' };
  return { ok: true, settings: loaded.settings };
}

/** The contract of an issue the app has a record of (`''`: not covered); undefined: unknown, every report of the project. */
function contractsOf(facts: { readonly record: { readonly contract: string } } | null): string[] | undefined {
  return facts === null ? undefined : [facts.record.contract];
}

/**
 * Reacts to Jira's product events. A created, updated or commented issue is re-evaluated at once
 * (a status change may pause or stop a clock, a comment may be the first response); a deleted issue's
 * records are dropped; worklogs mark the project's hour reports stale. The app's own writes never
 * arrive here (`ignoreSelf` in the manifest), so a write cannot trigger another.
 *
 * An event of a project no contract applies to costs nothing: the project is read from the payload and
 * checked against the saved mapping before any Jira request or storage write. A worklog event names only
 * its issue: it counts when the app keeps facts for that issue (only served issues have them).
 *
 * @example
 * await handleJiraEvent(deps, { eventType: 'avi:jira:updated:issue', issue: { id: '10001', key: 'SUP-1', fields: { project: { key: 'SUP' } } } }, 'evt-1');
 */
export async function handleJiraEvent(deps: AppDeps, payload: unknown, runId: string): Promise<JiraEventOutcome> {
  const deleted = deletedEventSchema.safeParse(payload);
  if (deleted.success) {
    const issueId = deleted.data.issue.id;
    const facts = await readIssueFacts(deps.store, issueId);
    if (facts === null) {
      const served = await servedSettings(deps, projectKeyOf(deleted.data.issue));
      if (!served.ok) return { kind: 'ignored', reason: served.reason };
    }
    await forgetIssueFacts(deps.store, issueId);
    await deps.store.delete(escalationRecordKey(issueId));
    const projectKey = facts?.projectKey ?? projectKeyOf(deleted.data.issue);
    if (projectKey !== undefined) await markReportsStale(deps, projectKey, contractsOf(facts));
    return { kind: 'forgotten', issueId };
  }
  const worklog = worklogEventSchema.safeParse(payload);
  if (worklog.success) {
    const issueId = String(worklog.data.worklog.issueId);
    const facts = await readIssueFacts(deps.store, issueId);
    if (facts === null) return { kind: 'ignored', reason: 'issue_not_served' };
    await markReportsStale(deps, facts.projectKey, contractsOf(facts));
    return { kind: 'worklog', issueId };
  }
  const event = issueEventSchema.safeParse(payload);
  if (!event.success) {
    deps.log({ event: 'jira_event_ignored', runId });
    return { kind: 'ignored', reason: 'unknown_event' };
  }
  const projectKey = projectKeyOf(event.data.issue);
  const served = await servedSettings(deps, projectKey);
  if (!served.ok) return { kind: 'ignored', reason: served.reason };
  // The contract at creation never changes: an issue the app has a record of marks only its contract's reports.
  if (projectKey !== undefined)
    await markReportsStale(deps, projectKey, contractsOf(await readIssueFacts(deps.store, event.data.issue.id)));
  const outcome = await refreshIssue(deps, served.settings, event.data.issue.id, { runId });
  return { kind: 'refreshed', outcome };
}
