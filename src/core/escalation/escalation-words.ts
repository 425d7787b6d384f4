import type { ClockName, Recipient } from '../catalog/catalog-schema';

/** Languages of escalation notes and messages. */
export const NOTE_LANGUAGES = ['ru', 'en'] as const;
export type NoteLanguage = (typeof NOTE_LANGUAGES)[number];

/** How an escalation names a clock and a recipient inside a sentence, one list for notes and messages. */
export interface EscalationNames {
  readonly clock: Readonly<Record<ClockName, string>>;
  readonly recipient: Readonly<Record<Recipient, string>>;
}

/**
 * Clock and recipient names of the escalation note (tracker comment and e-mail) and of the messenger
 * message, lower case for use inside a sentence.
 *
 * @example
 * ESCALATION_NAMES.ru.recipient.support_lead; // 'руководитель поддержки'
 */
export const ESCALATION_NAMES: Readonly<Record<NoteLanguage, EscalationNames>> = {
  en: {
    clock: { reaction: 'reaction', start: 'start of work', resolution: 'resolution' },
    recipient: {
      support_line: 'support line',
      support_lead: 'support lead',
      account_manager: 'account manager',
      client_contact: "client's contact person",
      client_team: "client's team",
    },
  },
  ru: {
    clock: { reaction: 'реакция', start: 'начало работ', resolution: 'решение' },
    recipient: {
      support_line: 'линия поддержки',
      support_lead: 'руководитель поддержки',
      account_manager: 'менеджер клиента',
      client_contact: 'контактное лицо клиента',
      client_team: 'команда клиента',
    },
  },
};
