import type { NotificationChannel } from '../catalog/notification-channels-schema';
import type { EscalationMessage } from './escalation-message';

/** Telegram's limit on a message's text, in characters. */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** Slack's limit on a section block's text. */
const SLACK_SECTION_LIMIT = 3000;

/** Cuts a text to `limit` characters, ending in `…` when cut. */
function clip(text: string, limit: number): string {
  const chars = [...text];
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join('')}…`;
}

/** Slack's mrkdwn needs `&`, `<` and `>` escaped; everything else is literal. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Telegram Bot API `sendMessage` body (plain text: no parse mode, so nothing needs escaping). */
export interface TelegramSendMessage {
  chat_id: string;
  text: string;
  message_thread_id?: number;
  link_preview_options: { is_disabled: true };
}

/** Slack incoming-webhook body: `text` is the fallback for notifications, `blocks` the layout. */
export interface SlackWebhookMessage {
  text: string;
  blocks: Array<Record<string, unknown>>;
}

/** Teams incoming-webhook body: an Adaptive Card in a message, or a legacy MessageCard. */
export type TeamsWebhookMessage = Record<string, unknown>;

/** A message shaped for one channel kind. */
export type ChannelPayload =
  | { readonly kind: 'telegram'; readonly body: TelegramSendMessage }
  | { readonly kind: 'slack'; readonly body: SlackWebhookMessage }
  | { readonly kind: 'teams'; readonly body: TeamsWebhookMessage };

function telegramPayload(message: EscalationMessage, chatId: string, threadId?: number): TelegramSendMessage {
  return {
    chat_id: chatId,
    text: clip(message.text, TELEGRAM_TEXT_LIMIT),
    ...(threadId !== undefined ? { message_thread_id: threadId } : {}),
    link_preview_options: { is_disabled: true },
  };
}

function slackPayload(message: EscalationMessage): SlackWebhookMessage {
  const link =
    message.issueUrl !== null
      ? `<${slackEscape(message.issueUrl)}|${slackEscape(message.issueKey)}>`
      : slackEscape(message.issueKey);
  return {
    text: clip(`${message.title}${message.issueUrl !== null ? ` ${message.issueUrl}` : ''}`, SLACK_SECTION_LIMIT),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: clip(message.title, 150), emoji: false } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: clip(slackEscape(message.lines.join('\n')), SLACK_SECTION_LIMIT) },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${slackEscape(message.openLabel)}: ${link}` }] },
    ],
  };
}

function adaptiveCardPayload(message: EscalationMessage): TeamsWebhookMessage {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: message.title, weight: 'Bolder', size: 'Medium', wrap: true },
            ...message.lines.map((line) => ({ type: 'TextBlock', text: line, wrap: true, spacing: 'Small' })),
          ],
          ...(message.issueUrl !== null
            ? { actions: [{ type: 'Action.OpenUrl', title: message.openLabel, url: message.issueUrl }] }
            : {}),
        },
      },
    ],
  };
}

function messageCardPayload(message: EscalationMessage): TeamsWebhookMessage {
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: message.title,
    themeColor: 'D04437',
    title: message.title,
    text: message.lines.join('\n\n'),
    ...(message.issueUrl !== null
      ? {
          potentialAction: [
            { '@type': 'OpenUri', name: message.openLabel, targets: [{ os: 'default', uri: message.issueUrl }] },
          ],
        }
      : {}),
  };
}

/**
 * The message shaped for a channel: Telegram `sendMessage` JSON (plain text, the chat from the
 * catalog), a Slack webhook's `{text, blocks}`, or a Teams webhook's Adaptive Card or MessageCard.
 *
 * @example
 * channelPayload(escalationMessage(facts), { kind: 'slack', webhookUrl: { source: 'env', name: 'SLACK_URL' } });
 * // { kind: 'slack', body: { text: 'SLA escalation, level 2: SUP-1 https://…', blocks: [...] } }
 */
export function channelPayload(
  message: EscalationMessage,
  channel: Exclude<NotificationChannel, { kind: 'email' }>,
): ChannelPayload {
  switch (channel.kind) {
    case 'telegram':
      return { kind: 'telegram', body: telegramPayload(message, channel.chatId, channel.threadId) };
    case 'slack':
      return { kind: 'slack', body: slackPayload(message) };
    case 'teams':
      return {
        kind: 'teams',
        body: channel.card === 'messageCard' ? messageCardPayload(message) : adaptiveCardPayload(message),
      };
  }
}
