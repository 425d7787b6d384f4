import { DateTime } from 'luxon';
import type { ClockName, Tariff } from '../../core/catalog/catalog-schema';
import type { ClockState } from '../../core/sla/clock-evaluation';
import type { IssueEvaluation } from '../../core/sla/evaluate-issue';
import type { SlaFieldValue, SlaProperty, SlaState } from './sla-property';
import { SLA_STATE_WORDS, type SlaLanguage } from './sla-state-words';

const STATE_OF_CLOCK: Record<ClockState, SlaState> = {
  running: 'ok',
  at_risk: 'at_risk',
  breached: 'breached',
  paused: 'paused',
  met: 'met',
  waiting_estimate: 'waiting',
  not_covered: 'not_covered',
};

export type FieldLanguage = SlaLanguage;

/** The part of the property that follows from an evaluation (the rest is history the app recorded). */
export interface SlaSummary {
  readonly slaState: SlaState;
  readonly slaDueAt: string | null;
  readonly clock: ClockName | null;
  readonly slaTariff: string;
  /** Beyond the tariff's daily incident limit. */
  readonly slaOverLimit: boolean;
  readonly contract: string;
  readonly line: string | null;
  readonly escalationAllowed: boolean;
  readonly nextLine: string | null;
  readonly slaReactionState?: SlaState | null;
  readonly slaReactionDueAt?: string | null;
  readonly slaStartState?: SlaState | null;
  readonly slaStartDueAt?: string | null;
  readonly slaResolutionState?: SlaState | null;
  readonly slaResolutionDueAt?: string | null;
  readonly slaEverBreached?: boolean;
}

/** Per-clock state and open due instant (null when the tariff has no such clock or it stopped), and "ever breached". */
export function perClockSummary(
  evaluation: IssueEvaluation,
  timeZone: string,
): Pick<SlaSummary, `sla${'Reaction' | 'Start' | 'Resolution'}${'State' | 'DueAt'}` | 'slaEverBreached'> {
  const of = (name: ClockName) => {
    const evaluated = evaluation.clocks[name];
    if (!evaluated) return { state: null, dueAt: null };
    const open = evaluated.stoppedAtMs === null && evaluated.dueAtMs !== null;
    return {
      state: STATE_OF_CLOCK[evaluated.state],
      dueAt: open
        ? DateTime.fromMillis(evaluated.dueAtMs as number, { zone: timeZone }).toISO({ suppressMilliseconds: true })
        : null,
    };
  };
  const reaction = of('reaction');
  const start = of('start');
  const resolution = of('resolution');
  const everBreached = (['reaction', 'start', 'resolution'] as const).some(
    (name) => (evaluation.clocks[name]?.breachedAtMs ?? null) !== null,
  );
  return {
    slaReactionState: reaction.state,
    slaReactionDueAt: reaction.dueAt,
    slaStartState: start.state,
    slaStartDueAt: start.dueAt,
    slaResolutionState: resolution.state,
    slaResolutionDueAt: resolution.dueAt,
    slaEverBreached: everBreached,
  };
}

/**
 * What the badge shows for an evaluation: the most urgent state, and the deadline of the open clock
 * that falls due first. The deadline is an instant, so the summary stays the same while a clock
 * runs and changes only at a state change (ok → at risk → breached), a pause or a resume.
 *
 * @example
 * summarizeEvaluation(evaluation, tariff, 'Europe/Moscow', 'L1', false);
 * // { slaState: 'at_risk', slaDueAt: '2026-11-20T17:30:00+03:00', clock: 'resolution', … }
 */
export function summarizeEvaluation(
  evaluation: IssueEvaluation,
  tariff: Tariff,
  timeZone: string,
  initialLine: string,
  isDone: boolean,
): SlaSummary {
  let clock: ClockName | null = null;
  let dueAtMs = Infinity;
  for (const name of ['reaction', 'start', 'resolution'] as const) {
    const evaluated = evaluation.clocks[name];
    if (!evaluated || evaluated.stoppedAtMs !== null || evaluated.dueAtMs === null) continue;
    if (evaluated.dueAtMs < dueAtMs) {
      dueAtMs = evaluated.dueAtMs;
      clock = name;
    }
  }
  const line = evaluation.line ?? initialLine;
  const lines = tariff.supportLines;
  const index = lines.indexOf(line);
  const nextLine = index >= 0 && index + 1 < lines.length ? lines[index + 1] : null;
  return {
    slaState: STATE_OF_CLOCK[evaluation.state],
    slaDueAt:
      clock === null ? null : DateTime.fromMillis(dueAtMs, { zone: timeZone }).toISO({ suppressMilliseconds: true }),
    clock,
    slaTariff: evaluation.tariffId,
    slaOverLimit: evaluation.overLimit,
    contract: evaluation.contractId,
    line,
    escalationAllowed: evaluation.covered && nextLine !== null && !isDone,
    nextLine,
    ...perClockSummary(evaluation, timeZone),
  };
}

/**
 * What the badge shows for an issue no contract covers (see the contract rules): the state
 * `not_covered`, no deadline, no tariff, no escalation; the support line it had is kept.
 *
 * @example
 * notCoveredSummary('L1'); // { slaState: 'not_covered', slaDueAt: null, slaTariff: '', contract: '', line: 'L1', … }
 */
export function notCoveredSummary(line: string | null): SlaSummary {
  return {
    slaState: 'not_covered',
    slaDueAt: null,
    clock: null,
    slaTariff: '',
    slaOverLimit: false,
    contract: '',
    line,
    escalationAllowed: false,
    nextLine: null,
    slaReactionState: null,
    slaReactionDueAt: null,
    slaStartState: null,
    slaStartDueAt: null,
    slaResolutionState: null,
    slaResolutionDueAt: null,
    slaEverBreached: false,
  };
}

/** The field value for a summary: a label without a countdown, so it changes only with the summary. */
export function fieldValueOf(summary: SlaSummary, timeZone: string, language: FieldLanguage): SlaFieldValue {
  const words = SLA_STATE_WORDS[language];
  // Inside the label the clock and the limit are lower case: "Breached · reaction due …".
  const lower = (text: string) => text.toLocaleLowerCase(language);
  let label: string = words.state[summary.slaState];
  if (summary.slaDueAt !== null && summary.clock !== null) {
    // The offset, not a zone abbreviation: abbreviations depend on the ICU data of the runtime.
    const local = DateTime.fromISO(summary.slaDueAt, { zone: timeZone }).toFormat("yyyy-MM-dd HH:mm '('ZZ')'");
    label += ` · ${lower(words.clock[summary.clock])} ${words.due(local)}`;
  }
  if (summary.slaOverLimit) label += ` · ${lower(words.overLimit)}`;
  return {
    state: summary.slaState,
    label,
    tariff: summary.slaTariff,
    ...(summary.slaDueAt !== null ? { dueAt: summary.slaDueAt } : {}),
    ...(summary.clock !== null ? { clock: summary.clock } : {}),
    ...(summary.slaOverLimit ? { overLimit: true } : {}),
    ...(summary.escalationAllowed ? { escalationAllowed: true } : {}),
    lang: language,
  };
}

/** The property after an evaluation, keeping what the app recorded before (response, lines, markers). */
export function nextProperty(
  previous: SlaProperty | null,
  summary: SlaSummary,
  extra: Partial<Pick<SlaProperty, 'response' | 'lineHistory' | 'escalations'>> = {},
): SlaProperty {
  return {
    v: 1,
    ...summary,
    lineHistory: extra.lineHistory ?? previous?.lineHistory ?? [],
    response: extra.response !== undefined ? extra.response : (previous?.response ?? null),
    escalations: extra.escalations ?? previous?.escalations ?? [],
  };
}

const COMPARED: ReadonlyArray<keyof SlaProperty> = [
  'slaState',
  'slaDueAt',
  'slaTariff',
  'contract',
  'clock',
  'line',
  'escalationAllowed',
  'nextLine',
  'slaReactionState',
  'slaReactionDueAt',
  'slaStartState',
  'slaStartDueAt',
  'slaResolutionState',
  'slaResolutionDueAt',
  'slaEverBreached',
  'slaOverLimit',
];

/** True when the stored property differs from the new one in anything the app or Jira users read. */
export function propertyChanged(stored: SlaProperty | null, next: SlaProperty): boolean {
  if (stored === null) return true;
  for (const key of COMPARED) if (stored[key] !== next[key]) return true;
  if (JSON.stringify(stored.response) !== JSON.stringify(next.response)) return true;
  if (JSON.stringify(stored.lineHistory) !== JSON.stringify(next.lineHistory)) return true;
  return [...next.escalations].sort().join(',') !== [...stored.escalations].sort().join(',');
}
