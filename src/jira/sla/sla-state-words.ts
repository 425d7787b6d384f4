import type { ClockName } from '../../core/catalog/catalog-schema';
import { CLOCK_WORDS } from '../../core/statement/clock-words';
import type { SlaState } from './sla-property';

/** The languages the Jira app speaks. */
export type SlaLanguage = 'en' | 'ru';

/** The words of an SLA state as every surface shows it. */
export interface SlaStateWords {
  readonly state: Readonly<Record<SlaState, string>>;
  /** Clock names, the statements' own (`CLOCK_WORDS`): one name per clock everywhere. */
  readonly clock: Readonly<Record<ClockName, string>>;
  readonly due: (when: string) => string;
  readonly overLimit: string;
}

/**
 * The one list of SLA state words: the field's text label (`sla-summary.ts`) and the badge, panel
 * and gadget (`ui/shared/sla-words.ts`) both take them from here, so they never disagree on what a
 * state or a clock is called.
 *
 * @example
 * SLA_STATE_WORDS.ru.state.breached; // 'Нарушен'
 */
export const SLA_STATE_WORDS: Readonly<Record<SlaLanguage, SlaStateWords>> = {
  en: {
    state: {
      ok: 'On track',
      at_risk: 'At risk',
      breached: 'Breached',
      paused: 'Paused',
      met: 'Met',
      waiting: 'Waiting for estimate',
      not_covered: 'Not covered',
    },
    clock: CLOCK_WORDS.en,
    due: (when) => `due ${when}`,
    overLimit: 'Over the daily limit',
  },
  ru: {
    state: {
      ok: 'В срок',
      at_risk: 'Под угрозой',
      breached: 'Нарушен',
      paused: 'Пауза',
      met: 'Выполнен',
      waiting: 'Ждёт оценки',
      not_covered: 'Не покрыто тарифом',
    },
    clock: CLOCK_WORDS.ru,
    due: (when) => `срок ${when}`,
    overLimit: 'Сверх дневного лимита',
  },
};
