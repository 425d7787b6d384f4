import type { EscalationIdentity } from '../../core/escalation/escalation-intents';
import { escalationKey } from '../../core/escalation/escalation-intents';

/**
 * An escalation's identity as the worker writes it into Redmine: issue lifecycle (`cycle`), clock and
 * level (the core's {@link EscalationIdentity}). Written together with the action, in the same update,
 * both as a token of the flags field and as the last line of the note: whatever the worker's local
 * state says, Redmine itself tells which escalations are done.
 */
export type EscalationKey = EscalationIdentity;

const MARKER = /\besc:(reaction|start|resolution):L(\d+):c(\d+)\b/g;

function isClockName(text: string): text is EscalationIdentity['clock'] {
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

/** The core's identity keys (`<cycle>:<clock>:<level>`) of the markers the worker recorded. */
export function doneIdentityKeys(markers: readonly string[]): Set<string> {
  return new Set(markers.flatMap((marker) => parseEscalationMarkers(marker).map(escalationKey)));
}
