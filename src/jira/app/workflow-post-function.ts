import { z } from 'zod';
import { loadAppSettings, projectMapping } from '../config/app-settings';
import type { AppDeps } from './app-deps';
import { readIssueFacts } from '../sla/issue-facts';
import { fetchIssueWithCopy, refreshIssue, type RefreshOutcome } from './refresh-issue';
import { statusName } from './status-names';

/** What Jira passes to a Forge workflow post function (the fields the app reads). */
export const postFunctionPayloadSchema = z.object({
  issue: z.object({ id: z.string(), key: z.string().optional() }),
  transition: z.object({
    name: z.string().optional(),
    from: z.object({ id: z.string() }).optional(),
    to: z.object({ id: z.string(), name: z.string().optional() }),
  }),
  atlassianId: z.string().optional(),
});

export type PostFunctionOutcome =
  { kind: 'ignored'; reason: string } | { kind: 'recorded'; line: string | null; refresh: RefreshOutcome };

/** Transition names that mean "hand to the next support line" when the target status names no line. */
const ESCALATE_NAME = /escalat|эскал/i;

/**
 * The workflow post function: records the support line the transition moved the issue to (the
 * line of the target status, or the next line for an "Escalate" transition) and re-evaluates the
 * issue at once, so the status change stops or starts its clocks and the badge follows.
 *
 * @example
 * await recordTransition(deps, { issue: { id: '10001' }, transition: { name: 'Escalate', to: { id: '3' } }, atlassianId: '5b10…' }, 'pf-1');
 */
export async function recordTransition(deps: AppDeps, payload: unknown, runId: string): Promise<PostFunctionOutcome> {
  const parsed = postFunctionPayloadSchema.safeParse(payload);
  if (!parsed.success) return { kind: 'ignored', reason: 'unreadable_payload' };
  const loaded = await loadAppSettings(deps.store);
  if (loaded === null || !loaded.ok) return { kind: 'ignored', reason: 'no_settings' };
  const { settings } = loaded;
  const found = await fetchIssueWithCopy(deps, parsed.data.issue.id);
  if (!found) return { kind: 'ignored', reason: 'not_found' };
  const project = projectMapping(settings, found.issue.fields.project?.key ?? found.issue.key.split('-')[0]);
  if (!project) return { kind: 'ignored', reason: 'project_not_served' };
  // The line and the next line come from the app's record in storage, never from the issue property.
  const recorded = (await readIssueFacts(deps.store, found.issue.id))?.record ?? null;

  const toName = parsed.data.transition.to.name ?? (await statusName(deps, parsed.data.transition.to.id));
  const current = recorded?.line ?? project.initialLine;
  let line: string | null = toName === undefined ? null : (project.lineStatuses[toName] ?? null);
  if (line === null && parsed.data.transition.name !== undefined && ESCALATE_NAME.test(parsed.data.transition.name))
    line = recorded?.nextLine ?? null;
  const record =
    line !== null && line !== current
      ? {
          lineChange: {
            atMs: deps.now(),
            to: line,
            ...(parsed.data.atlassianId ? { by: parsed.data.atlassianId } : {}),
          },
        }
      : undefined;
  const refresh = await refreshIssue(deps, settings, found.issue.id, { runId, record });
  return { kind: 'recorded', line: record ? line : null, refresh };
}
