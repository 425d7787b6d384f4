import type { ClockName } from '../catalog/catalog-schema';
import type { Lang } from './statement-locale';

/**
 * The names of the SLA clocks, one list for the statements and the Jira app (field label, badge,
 * panel, gadget). Words only, no code: the browser bundles take it without any of the engine.
 *
 * @example
 * CLOCK_WORDS.ru.start; // 'Начало работ'
 */
export const CLOCK_WORDS: Readonly<Record<Lang, Readonly<Record<ClockName, string>>>> = {
  ru: { reaction: 'Реакция', start: 'Начало работ', resolution: 'Решение' },
  en: { reaction: 'Reaction', start: 'Start of work', resolution: 'Resolution' },
};
