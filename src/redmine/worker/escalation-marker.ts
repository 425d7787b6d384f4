import type { ClockName } from '../../core/catalog/catalog-schema';
import type { StatusSets } from '../../core/catalog/compiled-catalog';
import type { HistoryEvent } from '../../core/history/issue-history';

/**
 * An escalation's identity: issue lifecycle (`cycle`, the number of reopenings before the level fell
 * due), clock and level. Written into Redmine together with the action, in the same update, both as
 * a token of the flags field and as the last line of the note: whatever the worker's local state
 * says, Redmine itself tells which escalations are done.
 */
export interface EscalationKey {
  clock: ClockName;
  level: number;
  cycle: number;
}

const MARKER = /\besc:(reaction|start|resolution):L(\d+):c(\d+)\b/g;

function isClockName(text: string): text is ClockName {
  return text === 'reaction' || text === 'start' || text === 'resolution';
}

/**
 * The marker text of an escalation, e.g. `esc:resolution:L2:c0`.
 *
 * @example
 * escalationMarker({ clock: 'resolution', level: 2, cycle: 0 }); // 'esc:resolution:L2:c0'
 */
export function escalationMarker(key: EscalationKey): string {
  return `esc:${key.clock}:L${key.level}:c${key.cycle}`;
}

/** Every escalation marker in a text (a flags value, a note). */
export function parseEscalationMarkers(text: string): EscalationKey[] {
  const keys: EscalationKey[] = [];
  for (const match of text.matchAll(MARKER)) {
    if (isClockName(match[1])) keys.push({ clock: match[1], level: Number(match[2]), cycle: Number(match[3]) });
  }
  return keys;
}

/**
 * How many times the issue was reopened (left a done status for a status that is not done) at or
 * before `atMs`: the lifecycle an escalation falling due at `atMs` belongs to.
 */
export function reopenCycleAt(status: string, events: readonly HistoryEvent[], statuses: StatusSets, atMs: number): number {
  let current = status;
  let cycle = 0;
  for (const event of events) {
    if (event.atMs > atMs) break;
    if (event.kind !== 'status' || event.to === current) continue;
    if (statuses.done.has(current) && !statuses.done.has(event.to)) cycle += 1;
    current = event.to;
  }
  return cycle;
}
