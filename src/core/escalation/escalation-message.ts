import { DateTime } from 'luxon';
import type { EscalationIntent } from './escalation-intents';
import { ESCALATION_NAMES, type NoteLanguage } from './escalation-words';

const WORDS = {
  en: {
    title: (key: string, level: number) => `SLA escalation, level ${level}: ${key}`,
    over: (clock: string, time: string) => `The ${clock} clock is ${time} of working time over its target.`,
    left: (clock: string, time: string) => `The ${clock} clock has ${time} of working time left.`,
    due: (clock: string) => `The ${clock} clock reached its escalation level.`,
    reached: (at: string) => `Level reached at ${at}.`,
    line: (line: string) => `Handed to support line ${line}.`,
    priority: (from: string, to: string) => `Priority raised from ${from} to ${to}.`,
    attention: (names: string) => `Attention: ${names}.`,
    open: 'Open the request',
    hours: 'h',
    minutes: 'min',
  },
  ru: {
    title: (key: string, level: number) => `Эскалация SLA, уровень ${level}: ${key}`,
    over: (clock: string, time: string) => `Срок «${clock}» просрочен на ${time} рабочего времени.`,
    left: (clock: string, time: string) => `До срока «${clock}» осталось ${time} рабочего времени.`,
    due: (clock: string) => `Срок «${clock}» достиг уровня эскалации.`,
    reached: (at: string) => `Уровень достигнут ${at}.`,
    line: (line: string) => `Обращение передано на линию поддержки ${line}.`,
    priority: (from: string, to: string) => `Приоритет повышен с ${from} до ${to}.`,
    attention: (names: string) => `Внимание: ${names}.`,
    open: 'Открыть обращение',
    hours: 'ч',
    minutes: 'мин',
  },
} as const;

/** What a messenger message says about one escalation level. */
export interface MessageFacts {
  readonly language: NoteLanguage;
  readonly issueKey: string;
  /** Where the request opens in the tracker; null when the adapter has no address for it. */
  readonly issueUrl: string | null;
  readonly intent: Pick<
    EscalationIntent,
    'identity' | 'line' | 'priority' | 'priorityBefore' | 'comments' | 'recipients'
  >;
  /** Working minutes left to the clock's target when the message is composed; negative when over; null without a target. */
  readonly remainingMinutes: number | null;
  /** When the level fell due (the intent's `dueAtMs`). */
  readonly reachedAtMs: number;
  /** The tariff calendar's zone, in which the instant is written. */
  readonly timeZone: string;
}

/** A message in plain text, the same in every channel, and its title. */
export interface EscalationMessage {
  readonly title: string;
  /** Lines of the body, without the title and the link. */
  readonly lines: readonly string[];
  readonly issueKey: string;
  readonly issueUrl: string | null;
  readonly openLabel: string;
  /** Title, body and link as one plain text. */
  readonly text: string;
}

/** `1 h 30 min`, `45 min`, `2 ч` — whole working minutes as hours and minutes. */
export function formatWorkingMinutes(minutes: number, language: NoteLanguage): string {
  const words = WORDS[language];
  const whole = Math.abs(Math.round(minutes));
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (hours === 0) return `${rest} ${words.minutes}`;
  return rest === 0 ? `${hours} ${words.hours}` : `${hours} ${words.hours} ${rest} ${words.minutes}`;
}

/**
 * The localized plain message of an escalation level: title (level, issue key), how far the clock is
 * over its target or how much is left, when the level fell due, the line and priority it changed,
 * the catalog's comments, who must act, and the link. Only the app's own facts and the catalog's
 * texts go in — nothing a customer typed.
 *
 * @example
 * escalationMessage({ language: 'en', issueKey: 'SUP-1', issueUrl: 'https://jira.example.com/browse/SUP-1', intent, remainingMinutes: -90, reachedAtMs, timeZone: 'Europe/Moscow' }).text;
 * // 'SLA escalation, level 2: SUP-1\nThe resolution clock is 1 h 30 min of working time over its target.\n…\nhttps://jira.example.com/browse/SUP-1'
 */
export function escalationMessage(facts: MessageFacts): EscalationMessage {
  const words = WORDS[facts.language];
  const { intent } = facts;
  const clock = ESCALATION_NAMES[facts.language].clock[intent.identity.clock];
  const lines: string[] = [];
  if (facts.remainingMinutes === null) lines.push(words.due(clock));
  else if (facts.remainingMinutes < 0)
    lines.push(words.over(clock, formatWorkingMinutes(facts.remainingMinutes, facts.language)));
  else lines.push(words.left(clock, formatWorkingMinutes(facts.remainingMinutes, facts.language)));
  const reachedAt = DateTime.fromMillis(facts.reachedAtMs, { zone: facts.timeZone }).toFormat(
    "yyyy-MM-dd HH:mm '('ZZ')'",
  );
  lines.push(words.reached(reachedAt));
  if (intent.line !== null) lines.push(words.line(intent.line));
  if (intent.priority !== null) lines.push(words.priority(intent.priorityBefore, intent.priority));
  lines.push(...intent.comments);
  if (intent.recipients.length > 0)
    lines.push(
      words.attention(
        intent.recipients.map((recipient) => ESCALATION_NAMES[facts.language].recipient[recipient]).join(', '),
      ),
    );
  const title = words.title(facts.issueKey, intent.identity.level);
  const text = [title, ...lines, ...(facts.issueUrl !== null ? [facts.issueUrl] : [])].join('\n');
  return { title, lines, issueKey: facts.issueKey, issueUrl: facts.issueUrl, openLabel: words.open, text };
}
