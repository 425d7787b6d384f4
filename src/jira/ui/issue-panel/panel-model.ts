import type { IssueSlaView, PanelClock } from '../../app/issue-panel-resolver';
import {
  durationText as localizedDuration,
  instantText,
  lozengeOf,
  slaWords,
  type Appearance,
  type UiLanguage,
} from '../shared/sla-words';

export type { Appearance } from '../shared/sla-words';

/** How the panel speaks: language and the viewer's zone (times are converted to it and labelled). */
export interface PanelLocale {
  readonly language: UiLanguage;
  readonly timeZone: string;
}

const EN_MOSCOW: PanelLocale = { language: 'en', timeZone: 'Europe/Moscow' };

export function stateLozenge(state: string, language: UiLanguage = 'en'): { text: string; appearance: Appearance } {
  return lozengeOf(state, language);
}

/** "2 h 05 min", "45 min", "3 d 2 h". */
export function durationText(ms: number, language: UiLanguage = 'en'): string {
  return localizedDuration(ms, language);
}

/**
 * The wall-clock countdown to a stored deadline, computed in the browser: the app writes a deadline
 * once, never a value that ticks.
 *
 * @example
 * countdownText('2026-11-20T17:30:00+03:00', Date.parse('2026-11-20T15:00:00+03:00')); // '2 h 30 min left'
 */
export function countdownText(dueAt: string | null, nowMs: number, language: UiLanguage = 'en'): string | null {
  if (dueAt === null) return null;
  const dueMs = Date.parse(dueAt);
  if (Number.isNaN(dueMs)) return null;
  const words = slaWords(language);
  return dueMs >= nowMs
    ? words.left(durationText(dueMs - nowMs, language))
    : words.overdue(durationText(nowMs - dueMs, language));
}

/** One row of the clocks table. */
export interface ClockRow {
  readonly clock: string;
  readonly state: { text: string; appearance: Appearance };
  readonly progress: number;
  readonly spent: string;
  readonly deadline: string;
}

/** An instant in the viewer's zone ("2026-11-20 17:30", "20.11.2026 17:30"); "—" for none. */
export function localText(iso: string | null, locale: PanelLocale = EN_MOSCOW): string {
  return iso === null ? '—' : instantText(iso, locale.timeZone, locale.language);
}

function clockWord(clock: string, language: UiLanguage): string {
  const words = slaWords(language).clock;
  return clock in words ? words[clock as keyof typeof words] : clock;
}

export function clockRow(clock: PanelClock, nowMs: number, locale: PanelLocale = EN_MOSCOW): ClockRow {
  const words = slaWords(locale.language);
  const target = clock.targetMinutes;
  const progress = target === null || target === 0 ? 0 : Math.min(1, clock.elapsedMinutes / target);
  const stopped = clock.stoppedAt !== null;
  const countdown = stopped ? null : countdownText(clock.dueAt, nowMs, locale.language);
  return {
    clock: clockWord(clock.clock, locale.language),
    state: stateLozenge(clock.state, locale.language),
    progress,
    spent: target === null ? words.spentNoTarget(clock.elapsedMinutes) : words.spent(clock.elapsedMinutes, target),
    deadline: stopped
      ? words.stopped(localText(clock.stoppedAt, locale))
      : clock.dueAt === null
        ? words.movesWhilePaused
        : `${localText(clock.dueAt, locale)}${countdown ? ` · ${countdown}` : ''}`,
  };
}

/** What the panel says at a glance, above the details. */
export interface PanelGlance {
  readonly lozenge: { text: string; appearance: Appearance };
  /** "Resolution: 2 h 10 min working time left" of the clock that falls due first, or null. */
  readonly timeLeft: string | null;
  /** "Resolution: due 2026-11-20 17:30", in the viewer's zone. */
  readonly due: string | null;
  readonly pause: string | null;
  readonly nextEscalation: string;
  readonly zone: string;
}

/** The open clock that falls due first (a running clock with a deadline), else null. */
function urgentClock(view: IssueSlaView): PanelClock | null {
  const open = view.clocks.filter((clock) => clock.stoppedAt === null && clock.dueAt !== null);
  open.sort((a, b) => Date.parse(a.dueAt as string) - Date.parse(b.dueAt as string));
  return open[0] ?? null;
}

/**
 * The panel's headline: state, working time left on the most urgent clock, its deadline, the pause
 * reason and the next escalation, in the viewer's language and zone.
 *
 * @example
 * panelGlance(view, Date.now(), { language: 'ru', timeZone: 'Europe/Moscow' }).timeLeft; // 'Решение: осталось 2 ч 10 мин рабочего времени'
 */
export function panelGlance(view: IssueSlaView, nowMs: number, locale: PanelLocale): PanelGlance {
  const words = slaWords(locale.language);
  const urgent = urgentClock(view);
  let timeLeft: string | null = null;
  if (urgent !== null && urgent.targetMinutes !== null) {
    const left = urgent.targetMinutes - urgent.elapsedMinutes;
    const amount = durationText(Math.abs(left) * 60_000, locale.language);
    timeLeft = `${clockWord(urgent.clock, locale.language)}: ${left >= 0 ? words.workingLeft(amount) : words.workingOverdue(amount)}`;
  }
  const paused = view.clocks.find((clock) => clock.state === 'paused' && clock.stoppedAt === null);
  const pausedBy = paused?.pausedBy ?? null;
  const next = [...view.escalations.next].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
  return {
    lozenge: stateLozenge(view.state, locale.language),
    timeLeft,
    due:
      urgent === null
        ? null
        : `${clockWord(urgent.clock, locale.language)}: ${words.due(localText(urgent.dueAt, locale))}${countdownText(urgent.dueAt, nowMs, locale.language) ? ` (${countdownText(urgent.dueAt, nowMs, locale.language)})` : ''}`,
    pause: paused === undefined ? null : pausedBy !== null ? words.pausedBy(pausedBy) : words.movesWhilePaused,
    nextEscalation:
      next === undefined
        ? words.noEscalation
        : words.nextEscalation(next.level, clockWord(next.clock, locale.language), localText(next.dueAt, locale)),
    zone: words.zone(locale.timeZone),
  };
}

/** "1.5 h logged on this issue; package 2026-11: 12.5 of 25 h used, 12.5 h left". */
export function hoursText(view: Pick<IssueSlaView, 'hours'>, language: UiLanguage = 'en'): string {
  const { hours } = view;
  if (language === 'ru') {
    const own = `${hours.issueHours} ч списано на эту задачу`;
    if (hours.used === null) return own;
    if (hours.included === null) return `${own}; ${hours.used} ч за месяц (${hours.month ?? ''}, без лимита часов)`;
    const left = hours.remaining ?? hours.included - hours.used;
    return `${own}; пакет ${hours.month ?? ''}: ${hours.used} из ${hours.included} ч, ${left >= 0 ? `осталось ${left} ч` : `сверх пакета ${-left} ч`}`;
  }
  const own = `${hours.issueHours} h logged on this issue`;
  if (hours.used === null) return own;
  if (hours.included === null) return `${own}; ${hours.used} h used this month (${hours.month ?? ''}, no hour limit)`;
  const left = hours.remaining ?? hours.included - hours.used;
  return `${own}; package ${hours.month ?? ''}: ${hours.used} of ${hours.included} h used, ${left >= 0 ? `${left} h left` : `${-left} h over`}`;
}
