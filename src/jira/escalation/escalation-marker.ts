/**
 * Text that marks the app's escalation comment, so a retry can tell it was already posted. The
 * marker itself is the core's identity key (`<cycle>:<clock>:<level>`, see `escalationKey`).
 *
 * @example
 * commentReference('10001', '1:resolution:2'); // 'sla-esc-10001-1-resolution-2'
 */
export function commentReference(issueId: string, marker: string): string {
  return `sla-esc-${issueId}-${marker.replace(/:/g, '-')}`;
}

/** The line that closes an escalation comment or notification: what it is and its reference. */
export function referenceLine(clock: string, level: number, ref: string): string {
  return `[Tariff SLA · ${clock} · level ${level} · ${ref}]`;
}
