import type { ClockName, Recipient } from '../catalog/catalog-schema';

import { ESCALATION_NAMES, type NoteLanguage } from './escalation-words';

export { NOTE_LANGUAGES, type NoteLanguage } from './escalation-words';

const WORDS = {
  en: {
    subject: (key: string, clock: string, level: number) => `[Tariff SLA] ${key}: ${clock} escalation, level ${level}`,
    reached: (key: string, clock: string, level: number, at: string) =>
      `${key} reached escalation level ${level} of its ${clock} SLA clock at ${at}.`,
    line: (line: string) => `The request is handed to support line ${line}.`,
    priority: (from: string, to: string) => `Its priority is raised from ${from} to ${to}.`,
    attention: (names: string) => `Attention: ${names}.`,
  },
  ru: {
    subject: (key: string, clock: string, level: number) =>
      `[Tariff SLA] ${key}: эскалация по SLA (${clock}), уровень ${level}`,
    reached: (key: string, clock: string, level: number, at: string) =>
      `${key}: достигнут уровень эскалации ${level} по сроку «${clock}» в ${at}.`,
    line: (line: string) => `Обращение передано на линию поддержки ${line}.`,
    priority: (from: string, to: string) => `Приоритет повышен с ${from} до ${to}.`,
    attention: (names: string) => `Внимание: ${names}.`,
  },
} as const;

/** What a level's note says. */
export interface NoteFacts {
  readonly language: NoteLanguage;
  readonly issueKey: string;
  readonly identity: { readonly clock: ClockName; readonly level: number };
  /** When the level fell due, already formatted in the tariff calendar's zone. */
  readonly reachedAt: string;
  /** The catalog's comment texts of the level. */
  readonly comments: readonly string[];
  readonly line: string | null;
  readonly priority: string | null;
  readonly priorityBefore: string;
  readonly recipients: readonly Recipient[];
}

/**
 * Subject and text of a level's note, in Russian or English. Only the issue key, the catalog's
 * comment texts and the app's own facts go in: nothing a customer typed is mailed around.
 *
 * @example
 * escalationNote({ language: 'en', issueKey: 'SUP-1', identity: { clock: 'resolution', level: 2 }, reachedAt: '2026-11-20 12:00 (+03:00)', comments: [], line: 'L2', priority: null, priorityBefore: 'normal', recipients: [] }).note;
 * // 'SUP-1 reached escalation level 2 of its resolution SLA clock at 2026-11-20 12:00 (+03:00).\nThe request is handed to support line L2.'
 */
export function escalationNote(facts: NoteFacts): { subject: string; note: string } {
  const words = WORDS[facts.language];
  const clock = ESCALATION_NAMES[facts.language].clock[facts.identity.clock];
  const lines = [words.reached(facts.issueKey, clock, facts.identity.level, facts.reachedAt), ...facts.comments];
  if (facts.line !== null) lines.push(words.line(facts.line));
  if (facts.priority !== null) lines.push(words.priority(facts.priorityBefore, facts.priority));
  if (facts.recipients.length > 0)
    lines.push(
      words.attention(
        facts.recipients.map((recipient) => ESCALATION_NAMES[facts.language].recipient[recipient]).join(', '),
      ),
    );
  return { subject: words.subject(facts.issueKey, clock, facts.identity.level), note: lines.join('\n') };
}
