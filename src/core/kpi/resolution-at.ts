import type { BusinessCalendar } from '../calendar/business-calendar';
import type { StatusSets } from '../catalog/compiled-catalog';
import type { IssueHistory } from '../history/issue-history';
import { buildClockSpans, countedWorkingMs, type StatusTimeline } from '../sla/clock-spans';

/** An issue resolved at a cutoff: since when, and how much working time it took (pauses excluded). */
export interface Resolution {
  resolvedAtMs: number;
  workingMs: number;
}

/**
 * Since when an issue has been in a done status at `cutoffMs` (the start of its current resolution,
 * after any reopen), or null when it is not done then. Cheap: no working time is counted.
 *
 * @example
 * doneSinceAt(issue, contract.statuses, monthEndMs); // resolved in the month when within it
 */
export function doneSinceAt(issue: IssueHistory, statuses: StatusSets, cutoffMs: number): number | null {
  if (issue.createdAtMs > cutoffMs) return null;
  let current = issue.status;
  let doneSinceMs: number | null = statuses.done.has(current) ? issue.createdAtMs : null;
  for (const event of issue.events) {
    if (event.atMs > cutoffMs) break;
    if (event.kind !== 'status' || event.to === current) continue;
    current = event.to;
    if (statuses.done.has(event.to)) doneSinceMs ??= event.atMs;
    else doneSinceMs = null;
  }
  return doneSinceMs;
}

/**
 * Whether an issue is in a done status at `cutoffMs` and, if so, since when and after how much
 * working time of `calendar` (time in pause statuses and time spent done before a reopen do not
 * count, as for the resolution clock). Works for tariffs without a resolution target too.
 *
 * @example
 * resolutionAt(issue, contract.statuses, calendar, monthEndMs)?.workingMs; // 12_600_000 = 3.5 working hours
 */
export function resolutionAt(
  issue: IssueHistory,
  statuses: StatusSets,
  calendar: BusinessCalendar,
  cutoffMs: number,
): Resolution | null {
  if (issue.createdAtMs > cutoffMs) return null;
  const timeline: StatusTimeline = { startsMs: [issue.createdAtMs], names: [issue.status] };
  let current = issue.status;
  let doneSinceMs: number | null = statuses.done.has(current) ? issue.createdAtMs : null;
  for (const event of issue.events) {
    if (event.atMs > cutoffMs) break;
    if (event.kind !== 'status' || event.to === current) continue;
    current = event.to;
    timeline.startsMs.push(event.atMs);
    timeline.names.push(event.to);
    if (statuses.done.has(event.to)) doneSinceMs ??= event.atMs;
    else doneSinceMs = null;
  }
  if (doneSinceMs === null) return null;
  const spans = buildClockSpans(timeline, statuses, issue.createdAtMs, doneSinceMs, null);
  return { resolvedAtMs: doneSinceMs, workingMs: countedWorkingMs(spans, calendar) };
}
