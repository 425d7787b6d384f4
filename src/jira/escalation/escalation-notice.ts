import { DateTime } from 'luxon';
import { z } from 'zod';
import type { ClockName, Recipient } from '../../core/catalog/catalog-schema';
import type { ProjectMapping, RecipientTarget } from '../config/jira-mapping-schema';
import type { FieldLanguage } from '../sla/sla-summary';

/** Who a level's notification goes to, in the form Jira's notify takes; stored with the plan. */
export const notificationRecipientsSchema = z.object({
  users: z.array(z.object({ accountId: z.string() })).default([]),
  groups: z.array(z.union([z.object({ groupId: z.string() }), z.object({ name: z.string() })])).default([]),
  /** The issue's reporter: the client's contact person. */
  reporter: z.boolean().default(false),
  /** The issue's watchers: the client's team. */
  watchers: z.boolean().default(false),
});
export type PlannedRecipients = z.infer<typeof notificationRecipientsSchema>;

/** What the issue itself says about the client's recipients. */
export interface IssueParties {
  readonly hasReporter: boolean;
}

/** The recipients of a level's notify actions, and those with nobody behind them. */
export interface ResolvedRecipients {
  readonly to: PlannedRecipients;
  /** Recipients the level names but nobody stands for: nothing configured in the settings, or no reporter. */
  readonly unresolved: Recipient[];
}

const NO_TARGET: RecipientTarget = { accountIds: [], groupIds: [], groups: [] };

function targetOf(project: ProjectMapping, recipient: Recipient): RecipientTarget {
  return Object.prototype.hasOwnProperty.call(project.recipients, recipient) ? project.recipients[recipient] : NO_TARGET;
}

/**
 * Maps the catalog's recipients onto Jira: the provider's people (`support_line`, `support_lead`,
 * `account_manager`) are the accounts and groups the settings name for them; `client_contact` is the
 * issue's reporter and `client_team` its watchers. The escalation mode has already dropped the client
 * recipients a tariff keeps out. Accounts and groups named by several recipients are sent to once.
 *
 * @example
 * resolveRecipients(project, ['support_lead', 'client_contact'], { hasReporter: true });
 * // { to: { users: [{ accountId: '5b10…' }], groups: [], reporter: true, watchers: false }, unresolved: [] }
 */
export function resolveRecipients(project: ProjectMapping, recipients: readonly Recipient[], issue: IssueParties): ResolvedRecipients {
  const accountIds = new Set<string>();
  const groupIds = new Set<string>();
  const groupNames = new Set<string>();
  let reporter = false;
  let watchers = false;
  const unresolved: Recipient[] = [];
  for (const recipient of new Set(recipients)) {
    switch (recipient) {
      case 'client_contact':
        // Jira refuses a notification to the reporter of an issue that has none.
        if (issue.hasReporter) reporter = true;
        else unresolved.push(recipient);
        break;
      case 'client_team':
        watchers = true;
        break;
      case 'support_line':
      case 'support_lead':
      case 'account_manager': {
        const target = targetOf(project, recipient);
        if (target.accountIds.length + target.groupIds.length + target.groups.length === 0) unresolved.push(recipient);
        target.accountIds.forEach((id) => accountIds.add(id));
        target.groupIds.forEach((id) => groupIds.add(id));
        target.groups.forEach((name) => groupNames.add(name));
        break;
      }
    }
  }
  return {
    to: {
      users: [...accountIds].map((accountId) => ({ accountId })),
      groups: [...[...groupIds].map((groupId) => ({ groupId })), ...[...groupNames].map((name) => ({ name }))],
      reporter,
      watchers,
    },
    unresolved,
  };
}

/** True when the planned recipients name nobody, so there is nothing to send. */
export function isNobody(to: PlannedRecipients): boolean {
  return to.users.length === 0 && to.groups.length === 0 && !to.reporter && !to.watchers;
}

const WORDS = {
  en: {
    clock: { reaction: 'reaction', start: 'start of work', resolution: 'resolution' },
    subject: (key: string, clock: string, level: number) => `[Tariff SLA] ${key}: ${clock} escalation, level ${level}`,
    reached: (key: string, clock: string, level: number, at: string) => `${key} reached escalation level ${level} of its ${clock} SLA clock at ${at}.`,
    line: (line: string) => `The request is handed to ${line}.`,
    priority: (priority: string) => `Its priority is raised to ${priority}.`,
  },
  ru: {
    clock: { reaction: 'реакция', start: 'начало работ', resolution: 'решение' },
    subject: (key: string, clock: string, level: number) => `[Tariff SLA] ${key}: эскалация по SLA (${clock}), уровень ${level}`,
    reached: (key: string, clock: string, level: number, at: string) => `${key}: достигнут уровень эскалации ${level} по сроку «${clock}» в ${at}.`,
    line: (line: string) => `Обращение передано на линию ${line}.`,
    priority: (priority: string) => `Приоритет повышен до ${priority}.`,
  },
} as const;

/** What a level's notice says. */
export interface NoticeFacts {
  readonly issueKey: string;
  readonly clock: ClockName;
  readonly level: number;
  readonly dueAtMs: number;
  /** Zone of the tariff's calendar, for the time the level fell due. */
  readonly timeZone: string;
  /** The line the level hands the request to, if it does. */
  readonly line?: string;
  /** The Jira priority the level sets, if it does. */
  readonly priority?: string;
  /** The escalation's reference, as in its comment, so a notice and its comment can be matched. */
  readonly ref: string;
  readonly language: FieldLanguage;
}

/**
 * Subject and plain-text body of a level's notification. Only the issue key and the app's own facts go
 * in; no issue text, so nothing a customer typed is mailed around.
 *
 * @example
 * noticeText({ issueKey: 'SUP-1', clock: 'resolution', level: 2, dueAtMs, timeZone: 'Europe/Moscow', line: 'L2', ref, language: 'en' }).subject;
 * // '[Tariff SLA] SUP-1: resolution escalation, level 2'
 */
export function noticeText(facts: NoticeFacts): { subject: string; textBody: string } {
  const words = WORDS[facts.language];
  const clock = words.clock[facts.clock];
  // The offset, not a zone abbreviation: abbreviations depend on the runtime's ICU data.
  const at = DateTime.fromMillis(facts.dueAtMs, { zone: facts.timeZone }).toFormat("yyyy-MM-dd HH:mm '('ZZ')'");
  const lines = [
    words.reached(facts.issueKey, clock, facts.level, at),
    ...(facts.line !== undefined ? [words.line(facts.line)] : []),
    ...(facts.priority !== undefined ? [words.priority(facts.priority)] : []),
    '',
    `[Tariff SLA · ${facts.clock} · level ${facts.level} · ${facts.ref}]`,
  ];
  return { subject: words.subject(facts.issueKey, clock, facts.level), textBody: lines.join('\n') };
}
