import { z } from 'zod';
import { loadAppSettings } from '../config/app-settings';
import { escalationRecordKey } from '../escalation/escalation-runner';
import type { AppDeps } from './app-deps';
import { refreshIssue, type RefreshOutcome } from './refresh-issue';
import { markReportsStale } from './report-staleness';

/** The parts of Jira's product events the app reads; anything else in them is ignored. */
const issueEventSchema = z.object({
  eventType: z.enum(['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:commented:issue']),
  issue: z.object({ id: z.string(), key: z.string() }),
});
const deletedEventSchema = z.object({ eventType: z.literal('avi:jira:deleted:issue'), issue: z.object({ id: z.string(), key: z.string().optional() }) });
const worklogEventSchema = z.object({
  eventType: z.enum(['avi:jira:created:worklog', 'avi:jira:updated:worklog', 'avi:jira:deleted:worklog']),
  worklog: z.object({ id: z.union([z.string(), z.number()]), issueId: z.union([z.string(), z.number()]) }),
});

export type JiraEventOutcome =
  | { kind: 'refreshed'; outcome: RefreshOutcome }
  | { kind: 'forgotten'; issueId: string }
  | { kind: 'worklog'; issueId: string }
  | { kind: 'ignored'; reason: 'unknown_event' | 'no_settings' | 'invalid_settings' };

/**
 * Reacts to Jira's product events. A created, updated or commented issue is re-evaluated at once
 * (a status change may pause or stop a clock, a comment may be the first response); a deleted issue's
 * escalation record is dropped; worklogs mark the hour reports stale. The app's own writes never
 * arrive here (`ignoreSelf` in the manifest), so a write cannot trigger another.
 *
 * @example
 * await handleJiraEvent(deps, { eventType: 'avi:jira:updated:issue', issue: { id: '10001', key: 'SUP-1' } }, 'evt-1');
 */
export async function handleJiraEvent(deps: AppDeps, payload: unknown, runId: string): Promise<JiraEventOutcome> {
  const deleted = deletedEventSchema.safeParse(payload);
  if (deleted.success) {
    await deps.store.delete(escalationRecordKey(deleted.data.issue.id));
    await markReportsStale(deps);
    return { kind: 'forgotten', issueId: deleted.data.issue.id };
  }
  const worklog = worklogEventSchema.safeParse(payload);
  if (worklog.success) {
    await markReportsStale(deps);
    return { kind: 'worklog', issueId: String(worklog.data.worklog.issueId) };
  }
  const event = issueEventSchema.safeParse(payload);
  if (!event.success) {
    deps.log({ event: 'jira_event_ignored', runId });
    return { kind: 'ignored', reason: 'unknown_event' };
  }
  await markReportsStale(deps);
  const loaded = await loadAppSettings(deps.store);
  if (loaded === null || !loaded.ok) return { kind: 'ignored', reason: loaded === null ? 'no_settings' : 'invalid_settings' };
  const outcome = await refreshIssue(deps, loaded.settings, event.data.issue.id, { runId });
  return { kind: 'refreshed', outcome };
}
