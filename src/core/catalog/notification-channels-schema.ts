import { z } from 'zod';
import { namedRecord } from '../errors/safe-record';
import { RECIPIENT_NAMES } from './recipient-names';

/** Where a secret is looked up: an environment variable, or a Forge storage secret (the Jira app only). */
export const SECRET_SOURCES = ['env', 'secret'] as const;
export type SecretSource = (typeof SECRET_SOURCES)[number];

const SECRET_REFERENCE = /^(env|secret):([A-Za-z_][A-Za-z0-9_.-]{0,127})$/;
const SECRET_HINT =
  'expected a secret reference such as "env:TELEGRAM_BOT_TOKEN" (an environment variable: the worker, or a Forge variable of the app) or "secret:alfa-slack-webhook" (a Forge storage secret of the app); tokens and webhook URLs never go into the catalog';

/** A secret named by where it lives, never the secret itself: `{ source: 'env', name: 'TELEGRAM_BOT_TOKEN' }`. */
export interface SecretReference {
  readonly source: SecretSource;
  readonly name: string;
}

/**
 * A secret reference written as `env:NAME` or `secret:NAME`. Anything else — a token, a URL — is refused
 * with a hint, and the refused text is never repeated in the message (it may be the secret itself).
 *
 * @example
 * secretReferenceSchema.parse('env:TELEGRAM_BOT_TOKEN'); // { source: 'env', name: 'TELEGRAM_BOT_TOKEN' }
 */
export const secretReferenceSchema = z
  .string({ error: SECRET_HINT })
  .regex(SECRET_REFERENCE, { error: SECRET_HINT })
  .transform((text): SecretReference => {
    const match = SECRET_REFERENCE.exec(text);
    return { source: match?.[1] === 'secret' ? 'secret' : 'env', name: match?.[2] ?? '' };
  });

/** The Teams card flavour: `adaptive` (Teams workflows, the Power Automate webhook) or `messageCard` (legacy connectors). */
export const TEAMS_CARDS = ['adaptive', 'messageCard'] as const;

/** Kinds of notification channel. `email` is the tracker's own e-mail of a level (Jira's notify, Redmine's @mentions). */
export const CHANNEL_KINDS = ['telegram', 'slack', 'teams', 'email'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** A chat id: a number (a group's is negative) or a public channel's `@username`. */
const CHAT_ID_HINT = 'expected a Telegram chat id such as -1001234567890 or "@channel_name"';
const chatIdSchema = z
  .union(
    [
      z.number({ error: CHAT_ID_HINT }).int({ error: CHAT_ID_HINT }),
      z.string().regex(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,63})$/, { error: CHAT_ID_HINT }),
    ],
    {
      error: CHAT_ID_HINT,
    },
  )
  .transform((value) => String(value));

/**
 * One notification channel of the catalog. Secrets are references (`env:NAME`, `secret:NAME`):
 * a Telegram bot token, a Slack or Teams webhook URL (the URL is the credential).
 *
 * @example
 * notificationChannelSchema.parse({ kind: 'telegram', botToken: 'env:TELEGRAM_BOT_TOKEN', chatId: -1001234567890 });
 */
export const notificationChannelSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('telegram'),
        name: z.string().min(1).optional(),
        botToken: secretReferenceSchema,
        chatId: chatIdSchema,
        /** A forum topic of the chat (`message_thread_id`). */
        threadId: z.number().int().positive().optional(),
      })
      .strict(),
    z
      .object({ kind: z.literal('slack'), name: z.string().min(1).optional(), webhookUrl: secretReferenceSchema })
      .strict(),
    z
      .object({
        kind: z.literal('teams'),
        name: z.string().min(1).optional(),
        webhookUrl: secretReferenceSchema,
        card: z.enum(TEAMS_CARDS).default('adaptive'),
      })
      .strict(),
    z.object({ kind: z.literal('email'), name: z.string().min(1).optional() }).strict(),
  ],
  { error: 'expected a channel with "kind" one of telegram, slack, teams, email' },
);

/**
 * Which channels a contract's escalations reach: a level that notifies someone goes to the route's
 * channels when one of its recipients is among `recipients` and the support line (the line the
 * level moves it to, else the line it is on) among `lines`; either filter matches everything when omitted.
 */
export const notificationRouteSchema = z
  .object({
    channels: z.array(z.string().min(1)).min(1, { error: 'name at least one channel of "notificationChannels"' }),
    recipients: z.array(z.enum(RECIPIENT_NAMES)).min(1).optional(),
    lines: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

/** The catalog's named channels (`notificationChannels`). */
export const notificationChannelsSchema = namedRecord(notificationChannelSchema);

export type NotificationChannel = z.infer<typeof notificationChannelSchema>;
export type NotificationRoute = z.infer<typeof notificationRouteSchema>;
export type TelegramChannel = Extract<NotificationChannel, { kind: 'telegram' }>;
export type SlackChannel = Extract<NotificationChannel, { kind: 'slack' }>;
export type TeamsChannel = Extract<NotificationChannel, { kind: 'teams' }>;
