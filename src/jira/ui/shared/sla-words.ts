import type { SlaState } from '../../sla/sla-property';
import { SLA_STATE_WORDS, type SlaLanguage } from '../../sla/sla-state-words';

/**
 * The words the SLA badge, the issue panel and the gadget show, in the languages the app speaks.
 * State and clock names come from the one list the field's label uses too (`sla-state-words.ts`).
 */
export type UiLanguage = SlaLanguage;

/** State keys of the field and the property, and the engine's clock states. */
export type BadgeState = SlaState;

/** Lozenge appearances of UI Kit and Atlaskit. */
export type Appearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

const WORDS = {
  en: {
    state: SLA_STATE_WORDS.en.state,
    clock: SLA_STATE_WORDS.en.clock,
    left: (time: string) => `${time} left`,
    overdue: (time: string) => `overdue by ${time}`,
    workingLeft: (time: string) => `${time} working time left`,
    workingOverdue: (time: string) => `${time} working time over`,
    due: SLA_STATE_WORDS.en.due,
    stopped: (when: string) => `stopped ${when}`,
    minutes: 'min',
    hours: 'h',
    days: 'd',
    noClock: 'no open clock',
    movesWhilePaused: 'the deadline moves while paused',
    zone: (zone: string) => `times in ${zone}`,
    pausedBy: (status: string) => `paused: ${status}`,
    nextEscalation: (level: number, clock: string, when: string) =>
      `next escalation: level ${level} (${clock}) ${when}`,
    noEscalation: 'no escalation coming',
    details: 'Why these numbers',
    hideDetails: 'Hide the breakdown',
    overLimit: SLA_STATE_WORDS.en.overLimit,
    hours_: 'Hours',
    escalations: 'Escalations',
    line: 'line',
    spent: (used: number, target: number) => `${used} of ${target} working min`,
    spentNoTarget: (used: number) => `${used} working min`,
    loading: 'Loading SLA',
    none: 'None',
    doneAt: (level: number, clock: string, done: string, when: string) => `Level ${level} (${clock}) ${done} ${when}`,
    done: 'done',
    recorded: 'recorded',
    updated: (when: string) => `updated ${when}`,
  },
  ru: {
    state: SLA_STATE_WORDS.ru.state,
    clock: SLA_STATE_WORDS.ru.clock,
    left: (time: string) => `осталось ${time}`,
    overdue: (time: string) => `просрочено на ${time}`,
    workingLeft: (time: string) => `осталось ${time} рабочего времени`,
    workingOverdue: (time: string) => `превышено на ${time} рабочего времени`,
    due: SLA_STATE_WORDS.ru.due,
    stopped: (when: string) => `остановлен ${when}`,
    minutes: 'мин',
    hours: 'ч',
    days: 'д',
    noClock: 'нет идущих часов',
    movesWhilePaused: 'срок сдвигается, пока пауза',
    zone: (zone: string) => `время: ${zone}`,
    pausedBy: (status: string) => `пауза: ${status}`,
    nextEscalation: (level: number, clock: string, when: string) =>
      `следующая эскалация: уровень ${level} (${clock}) ${when}`,
    noEscalation: 'эскалаций не предстоит',
    details: 'Откуда эти цифры',
    hideDetails: 'Скрыть расчёт',
    overLimit: SLA_STATE_WORDS.ru.overLimit,
    hours_: 'Часы',
    escalations: 'Эскалации',
    line: 'линия',
    spent: (used: number, target: number) => `${used} из ${target} раб. мин`,
    spentNoTarget: (used: number) => `${used} раб. мин`,
    loading: 'Загрузка SLA',
    none: 'Нет',
    doneAt: (level: number, clock: string, done: string, when: string) => `Уровень ${level} (${clock}) ${done} ${when}`,
    done: 'выполнена',
    recorded: 'учтена',
    updated: (when: string) => `обновлено ${when}`,
  },
} as const;

export type SlaWords = (typeof WORDS)['en'] | (typeof WORDS)['ru'];

export function slaWords(language: UiLanguage): SlaWords {
  return WORDS[language];
}

const APPEARANCE: Record<BadgeState, Appearance> = {
  ok: 'inprogress',
  at_risk: 'moved',
  breached: 'removed',
  paused: 'default',
  met: 'success',
  waiting: 'new',
  not_covered: 'default',
};

/** The engine's clock states under the field's names. */
const FROM_CLOCK_STATE: Readonly<Record<string, BadgeState>> = { running: 'ok', waiting_estimate: 'waiting' };

/** The badge state of a field state or an engine clock state. */
export function badgeStateOf(state: string): BadgeState {
  const mapped = FROM_CLOCK_STATE[state] ?? state;
  return mapped in APPEARANCE ? (mapped as BadgeState) : 'not_covered';
}

export function lozengeOf(state: string, language: UiLanguage): { text: string; appearance: Appearance } {
  const key = badgeStateOf(state);
  return { text: slaWords(language).state[key], appearance: APPEARANCE[key] };
}

/** "2 h 05 min", "45 min", "3 d 4 h" (or in Russian). */
export function durationText(ms: number, language: UiLanguage): string {
  const words = slaWords(language);
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} ${words.minutes}`;
  if (hours < 48) return `${hours} ${words.hours} ${String(rest).padStart(2, '0')} ${words.minutes}`;
  return `${Math.floor(hours / 24)} ${words.days} ${hours % 24} ${words.hours}`;
}

/**
 * The language to show: the user's locale when the app speaks it, else the mapping's language.
 *
 * @example
 * pickLanguage('ru-RU', 'en'); // 'ru'
 * pickLanguage('de_DE', 'ru'); // 'ru'
 */
export function pickLanguage(locale: string | undefined, mappingLanguage: string | undefined): UiLanguage {
  const fromLocale = (locale ?? '').slice(0, 2).toLowerCase();
  if (fromLocale === 'ru' || fromLocale === 'en') return fromLocale;
  return mappingLanguage === 'ru' ? 'ru' : 'en';
}

/**
 * An instant in the viewer's zone, "20.11.2026 17:30" (ru) or "2026-11-20 17:30" (en); an unknown
 * zone falls back to the instant's own offset as written.
 */
export function instantText(iso: string, timeZone: string, language: UiLanguage): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  try {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(new Date(ms))
        .map((part) => [part.type, part.value]),
    );
    return language === 'ru'
      ? `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}`
      : `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  } catch {
    return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  }
}
