import { DateTime } from 'luxon';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { formatInstant } from '../calendar/format-instant';
import type { ClockName } from '../catalog/catalog-schema';
import type { CompiledCatalog } from '../catalog/compiled-catalog';
import type { ValidationIssue } from '../errors/validation-issue';
import type { EscalationIntent } from '../escalation/escalation-intents';
import type { EscalationAction } from '../catalog/catalog-schema';
import type { ClockEvaluation, ClockState } from '../sla/clock-evaluation';
import type { IssueEvaluation } from '../sla/evaluate-issue';
import type { PortfolioEvaluation } from '../sla/evaluate-portfolio';

/** A clock in the CLI's JSON contract. */
export interface ClockJson {
  state: ClockState;
  targetMinutes: number | null;
  elapsedMinutes: number;
  remainingMinutes: number | null;
  dueAt: string | null;
  stoppedAt: string | null;
  breachedAt: string | null;
  atRiskAt: string | null;
}

/** An escalation step in the CLI's JSON contract. */
export interface EscalationJson {
  level: number;
  clock: ClockName;
  dueAt: string;
  due: boolean;
  actions: Array<EscalationAction['kind']>;
  details: EscalationAction[];
}

/** An escalation intent in the CLI's JSON contract: what a tracker would do now about a due level. */
export interface EscalationIntentJson {
  key: string;
  cycle: number;
  clock: ClockName;
  level: number;
  dueAt: string;
  decision: EscalationIntent['decision'];
  skipReason: EscalationIntent['skipReason'];
  line: string | null;
  priority: string | null;
  visibleToClient: boolean;
  recipients: EscalationIntent['recipients'];
  note: string;
}

/** An issue in the CLI's JSON contract (`tariff-sla evaluate --json`). */
export interface IssueEvaluationJson {
  key: string;
  contract: string;
  tariff: string;
  type: string;
  priority: string;
  status: string;
  line: string | null;
  state: ClockState;
  covered: boolean;
  offHours: boolean;
  overLimit: boolean;
  createdAt: string;
  clockStartAt: string;
  clocks: Partial<Record<ClockName, ClockJson>>;
  escalations: EscalationJson[];
  /** Present when the evaluation computed intents (the CLI always does). */
  intents?: EscalationIntentJson[];
}

/** The whole answer of `tariff-sla evaluate --json`. */
export interface PortfolioJson {
  at: string;
  issues: IssueEvaluationJson[];
  problems: ValidationIssue[];
}

function instantOrNull(instantMs: number | null, calendar: BusinessCalendar): string | null {
  return instantMs === null ? null : formatInstant(instantMs, calendar);
}

/** A clock as JSON, instants with the calendar's offset. */
export function clockToJson(clock: ClockEvaluation, calendar: BusinessCalendar): ClockJson {
  return {
    state: clock.state,
    targetMinutes: clock.targetMinutes,
    elapsedMinutes: clock.elapsedMinutes,
    remainingMinutes: clock.remainingMinutes,
    dueAt: instantOrNull(clock.dueAtMs, calendar),
    stoppedAt: instantOrNull(clock.stoppedAtMs, calendar),
    breachedAt: instantOrNull(clock.breachedAtMs, calendar),
    atRiskAt: instantOrNull(clock.atRiskAtMs, calendar),
  };
}

/** An escalation intent as JSON. */
export function intentToJson(intent: EscalationIntent, calendar: BusinessCalendar): EscalationIntentJson {
  return {
    key: intent.key,
    ...intent.identity,
    dueAt: formatInstant(intent.dueAtMs, calendar),
    decision: intent.decision,
    skipReason: intent.skipReason,
    line: intent.line,
    priority: intent.priority,
    visibleToClient: intent.visibleToClient,
    recipients: intent.recipients,
    note: intent.note,
  };
}

/** An issue evaluation as JSON (with its escalation intents when given). */
export function issueEvaluationToJson(
  evaluation: IssueEvaluation,
  calendar: BusinessCalendar,
  intents?: readonly EscalationIntent[],
): IssueEvaluationJson {
  const clocks: Partial<Record<ClockName, ClockJson>> = {};
  for (const name of ['reaction', 'start', 'resolution'] as const) {
    const clock = evaluation.clocks[name];
    if (clock) clocks[name] = clockToJson(clock, calendar);
  }
  return {
    key: evaluation.key,
    contract: evaluation.contractId,
    tariff: evaluation.tariffId,
    type: evaluation.type,
    priority: evaluation.priority,
    status: evaluation.status,
    line: evaluation.line,
    state: evaluation.state,
    covered: evaluation.covered,
    offHours: evaluation.offHours,
    overLimit: evaluation.overLimit,
    createdAt: formatInstant(evaluation.createdAtMs, calendar),
    clockStartAt: formatInstant(evaluation.clockStartMs, calendar),
    clocks,
    escalations: evaluation.escalations.map((step) => ({
      level: step.level,
      clock: step.clock,
      dueAt: formatInstant(step.dueAtMs, calendar),
      due: step.due,
      actions: step.actions.map((action) => action.kind),
      details: step.actions,
    })),
    ...(intents !== undefined ? { intents: intents.map((intent) => intentToJson(intent, calendar)) } : {}),
  };
}

/**
 * The portfolio as the CLI's JSON contract. Instants carry the offset of the issue's calendar;
 * `at` carries the catalog's zone.
 */
export function portfolioToJson(catalog: CompiledCatalog, portfolio: PortfolioEvaluation): PortfolioJson {
  return {
    at:
      DateTime.fromMillis(portfolio.nowMs, { zone: catalog.catalog.timeZone }).toISO({ suppressMilliseconds: true }) ??
      new Date(portfolio.nowMs).toISOString(),
    issues: portfolio.evaluations.map((evaluation, index) =>
      issueEvaluationToJson(evaluation, catalog.calendar(evaluation.calendarId), portfolio.intents[index]),
    ),
    problems: portfolio.problems,
  };
}
