import type { BusinessCalendar } from '../calendar/business-calendar';
import { formatInstant } from '../calendar/format-instant';
import { MS_PER_MINUTE } from '../calendar/wall-clock';
import type { ClockName, Tariff } from '../catalog/catalog-schema';
import type { TargetSource } from '../sla/clock-target';
import type { ExplainedClock, ExplainedSegment, SegmentReason } from '../sla/explain-issue';
import type { IssueEvaluation } from '../sla/evaluate-issue';

const CLOCK_TITLES: Record<ClockName, string> = {
  reaction: 'Reaction',
  start: 'Start of work',
  resolution: 'Resolution',
};

/** `2026-11-20 17:30 (+03:00)`: readable, and still unambiguous. */
function when(instantMs: number, calendar: BusinessCalendar): string {
  const iso = formatInstant(instantMs, calendar);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} (${iso.slice(-6)})`;
}

function minutesText(minutes: number): string {
  const rounded = Math.round(minutes * 10) / 10;
  if (rounded < 60) return `${rounded} min`;
  const hours = Math.floor(rounded / 60);
  const rest = Math.round((rounded - hours * 60) * 10) / 10;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

function reasonText(reason: SegmentReason): string {
  switch (reason.kind) {
    case 'working':
      return `working time under the schedule, status "${reason.status}"`;
    case 'outside_schedule':
      return 'outside the service schedule';
    case 'weekend':
      return 'day off (weekend)';
    case 'holiday':
      return `public holiday${reason.name ? `: ${reason.name}` : ''}`;
    case 'day_off':
      return `day off by the calendar${reason.name ? `: ${reason.name}` : ''}`;
    case 'paused':
      return `paused: status "${reason.status}" waits for the client`;
    case 'done':
      return `resolved (status "${reason.status}"); time while resolved does not count`;
    case 'waiting_estimate':
      return "waiting for the specialist's estimate; the deadline is set from the estimate";
  }
}

function targetText(source: TargetSource | null, tariff: Tariff, calendar: BusinessCalendar): string {
  if (!source) return 'no target';
  switch (source.kind) {
    case 'tariff':
      return `the target of tariff "${tariff.name}"`;
    case 'priority':
      return `the target for priority "${source.priority}" in tariff "${tariff.name}"`;
    case 'request_type':
      return `the target for request type "${source.type}" in tariff "${tariff.name}"`;
    case 'estimate':
      return `the specialist's estimate of ${minutesText(source.estimateMinutes)}, given ${when(source.estimatedAtMs, calendar)}`;
    case 'same_day':
      return `the same-day rule: a ${source.type} submitted on a working day before ${source.cutoff} is resolved by the end of that working day, ${when(source.endOfDayMs, calendar)} (shorter than the ${minutesText(source.ruleMinutes)} target)`;
  }
}

function segmentLine(segment: ExplainedSegment, calendar: BusinessCalendar): string {
  const range = `${when(segment.fromMs, calendar)} → ${when(segment.toMs, calendar)}`;
  const minutes = segment.counted
    ? `counted ${minutesText(segment.workingMinutes)}`
    : segment.workingMinutes > 0
      ? `not counted (${minutesText(segment.workingMinutes)} of working time)`
      : 'not counted';
  return `    ${range}  ${minutes.padEnd(34)} ${reasonText(segment.reason)}`;
}

function clockSummary(explained: ExplainedClock, tariff: Tariff, calendar: BusinessCalendar): string[] {
  const clock = explained.evaluation;
  const lines: string[] = [];
  const title = CLOCK_TITLES[explained.clock];
  if (clock.state === 'not_covered') {
    lines.push(
      `  ${title}: not covered — tariff "${tariff.name}" does not cover request type "${clock.type}"; the work is billable.`,
    );
    return lines;
  }
  if (clock.targetMinutes === null) {
    lines.push(
      `  ${title}: ${clock.state.replace('_', ' ')} — ${minutesText(clock.elapsedMinutes)} elapsed, no deadline yet.`,
    );
  } else {
    lines.push(
      `  ${title}: ${clock.state.replace('_', ' ')} — ${minutesText(clock.elapsedMs / MS_PER_MINUTE)} of ${minutesText(clock.targetMinutes)} working time used; target from ${targetText(clock.targetSource, tariff, calendar)}.`,
    );
    if (clock.dueAtMs !== null) lines.push(`    Deadline: ${when(clock.dueAtMs, calendar)}.`);
    else if (clock.state === 'paused')
      lines.push(
        `    Deadline: moves while paused; ${minutesText(clock.remainingMinutes ?? 0)} of working time remain.`,
      );
    if (clock.breachedAtMs !== null) lines.push(`    Breached at ${when(clock.breachedAtMs, calendar)}.`);
  }
  const cause = explained.stopCause;
  if (cause?.kind === 'response')
    lines.push(
      `    Stopped ${when(cause.atMs, calendar)} by the first response${cause.by ? ` from ${cause.by}` : ''}.`,
    );
  else if (cause?.kind === 'status')
    lines.push(
      `    Stopped ${when(cause.atMs, calendar)} when the status became "${cause.status}"${cause.by ? ` (by ${cause.by})` : ''}.`,
    );
  return lines;
}

/**
 * The segment breakdown of one issue as plain text, in words a client can check against their own
 * records: what counted, what did not and why, which target applied and where it came from.
 */
export function explainText(
  evaluation: IssueEvaluation,
  explained: readonly ExplainedClock[],
  tariff: Tariff,
  calendar: BusinessCalendar,
): string {
  const lines: string[] = [];
  lines.push(
    `${evaluation.key} · contract ${evaluation.contractId} · tariff "${tariff.name}" (${evaluation.tariffId}) · calendar ${evaluation.calendarId} (${calendar.zone})`,
  );
  lines.push(
    `Created ${when(evaluation.createdAtMs, calendar)} as ${evaluation.type}, priority ${evaluation.priority}; now ${evaluation.status}.`,
  );
  if (evaluation.offHours)
    lines.push(`Created outside the service schedule: the clocks start at ${when(evaluation.clockStartMs, calendar)}.`);
  if (evaluation.overLimit)
    lines.push(
      `Over the daily incident limit of the tariff (${tariff.incidentsPerDay ?? '—'} a day): billed as an extra incident.`,
    );
  for (const explainedClock of explained) {
    lines.push('');
    lines.push(...clockSummary(explainedClock, tariff, calendar));
    for (const segment of explainedClock.segments) lines.push(segmentLine(segment, calendar));
  }
  const dueSteps = evaluation.escalations.filter((step) => step.due);
  if (dueSteps.length > 0) {
    lines.push('');
    lines.push('Escalations due:');
    for (const step of dueSteps)
      lines.push(
        `  level ${step.level} (${step.clock}) at ${when(step.dueAtMs, calendar)}: ${step.actions.map((action) => action.kind).join(', ')}`,
      );
  }
  return lines.join('\n');
}
