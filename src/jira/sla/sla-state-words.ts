import type { ClockName } from '../../core/catalog/catalog-schema';
import { STATEMENT_WORDS } from '../../core/statement/statement-words';
import type { SlaState } from './sla-property';

/** The languages the Jira app speaks. */
export type SlaLanguage = 'en' | 'ru';

/** The words of an SLA state as every surface shows it. */
export interface SlaStateWords {
  readonly state: Readonly<Record<SlaState, string>>;
  /** Clock names, the statement's own (one name per clock across statements, field, badge, panel and gadget). */
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
    clock: STATEMENT_WORDS.en.clocks,
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
    clock: STATEMENT_WORDS.ru.clocks,
    due: (when) => `срок ${when}`,
    overLimit: 'Сверх дневного лимита',
  },
};
