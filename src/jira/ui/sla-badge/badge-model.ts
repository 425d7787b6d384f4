import {
  badgeStateOf,
  durationText,
  instantText,
  lozengeOf,
  slaWords,
  type Appearance,
  type UiLanguage,
} from '../shared/sla-words';

/** What the SLA field stores (see src/jira/sla/sla-property.ts, `slaFieldValueSchema`). */
export interface BadgeFieldValue {
  readonly state: string;
  readonly label?: string;
  readonly tariff?: string;
  readonly dueAt?: string;
  readonly clock?: string;
  readonly lang?: string;
}

/** What the badge shows. */
export interface BadgeModel {
  readonly text: string;
  readonly appearance: Appearance;
  /** "2 h 10 min working time left", "overdue by 35 min", or null when no clock runs. */
  readonly timeLeft: string | null;
  /** "Resolution due 2026-11-20 17:30", in the viewer's zone. */
  readonly due: string | null;
  readonly zone: string;
}

export interface BadgeInput {
  readonly value: BadgeFieldValue | null;
  /** Working minutes left on the field's clock from the engine (negative: over), when known. */
  readonly workingMinutesLeft?: number | null;
  readonly nowMs: number;
  readonly timeZone: string;
  readonly language: UiLanguage;
}

/**
 * The badge of one issue: the state's lozenge, working time left (or the wall-clock countdown to the
 * stored deadline until the engine's figure arrives), and the deadline in the viewer's zone.
 *
 * @example
 * badgeModel({ value: { state: 'at_risk', dueAt: '2026-11-20T17:30:00+03:00', clock: 'resolution' }, workingMinutesLeft: 130, nowMs, timeZone: 'Europe/Moscow', language: 'en' });
 * // { text: 'At risk', appearance: 'moved', timeLeft: '2 h 10 min working time left', due: 'Resolution due 2026-11-20 17:30', … }
 */
export function badgeModel(input: BadgeInput): BadgeModel {
  const words = slaWords(input.language);
  const state = badgeStateOf(input.value?.state ?? 'not_covered');
  const lozenge = lozengeOf(state, input.language);
  const dueAt = input.value?.dueAt;
  const open = dueAt !== undefined && state !== 'met' && state !== 'not_covered' && state !== 'paused';
  let timeLeft: string | null = null;
  if (open && input.workingMinutesLeft !== undefined && input.workingMinutesLeft !== null) {
    const minutesMs = Math.abs(input.workingMinutesLeft) * 60_000;
    timeLeft =
      input.workingMinutesLeft >= 0
        ? words.workingLeft(durationText(minutesMs, input.language))
        : words.workingOverdue(durationText(minutesMs, input.language));
  } else if (open) {
    const dueMs = Date.parse(dueAt);
    if (!Number.isNaN(dueMs))
      timeLeft =
        dueMs >= input.nowMs
          ? words.left(durationText(dueMs - input.nowMs, input.language))
          : words.overdue(durationText(input.nowMs - dueMs, input.language));
  } else if (state === 'paused') {
    timeLeft = words.movesWhilePaused;
  }
  const clockName = input.value?.clock as keyof typeof words.clock | undefined;
  const clockWord = clockName !== undefined && clockName in words.clock ? words.clock[clockName] : null;
  const due =
    dueAt === undefined
      ? null
      : `${clockWord ? `${clockWord}: ` : ''}${words.due(instantText(dueAt, input.timeZone, input.language))}`;
  return { text: lozenge.text, appearance: lozenge.appearance, timeLeft, due, zone: input.timeZone };
}
