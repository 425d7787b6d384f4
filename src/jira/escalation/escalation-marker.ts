import type { StatusSets } from '../../core/catalog/compiled-catalog';
import type { EscalationStep } from '../../core/escalation/escalation-plan';
import type { IssueHistory } from '../../core/history/issue-history';

/**
 * The cycle a step belongs to: how many times the issue had been reopened (left a done status)
 * when the step fell due. A level reached before a reopen keeps its cycle, so a reopen does not
 * repeat it; a level first reached after a reopen belongs to the new cycle and fires once there.
 */
export function cycleAt(history: IssueHistory, statuses: StatusSets, atMs: number): number {
  let cycle = 0;
  let done = statuses.done.has(history.status);
  for (const event of history.events) {
    if (event.atMs > atMs) break;
    if (event.kind !== 'status') continue;
    const nowDone = statuses.done.has(event.to);
    if (done && !nowDone) cycle++;
    done = nowDone;
  }
  return cycle;
}

/**
 * Identity of one escalation of one issue: `<cycle>:<clock>:<level>`. A pure function of the
 * history, so every run (and every retry) names the same escalation the same way.
 *
 * @example
 * escalationMarker(history, contract.statuses, step); // '0:resolution:2'
 */
export function escalationMarker(history: IssueHistory, statuses: StatusSets, step: EscalationStep): string {
  return `${cycleAt(history, statuses, step.dueAtMs)}:${step.clock}:${step.level}`;
}

/** Text that marks the app's escalation comment, so a retry can tell it was already posted. */
export function commentReference(issueId: string, marker: string): string {
  return `sla-esc-${issueId}-${marker.replace(/:/g, '-')}`;
}
