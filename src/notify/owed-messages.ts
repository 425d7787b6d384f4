import { channelPayload } from '../core/escalation/channel-payload';
import type { EscalationIntent } from '../core/escalation/escalation-intents';
import { escalationMessage } from '../core/escalation/escalation-message';
import type { NoteLanguage } from '../core/escalation/escalation-note';
import type { NotificationTargets } from '../core/escalation/notification-targets';
import type { IssueEvaluation } from '../core/sla/evaluate-issue';
import type { DeliveryRecord } from './delivery-record-schema';

/** What the message of a level says besides the intent. */
export interface MessageContext {
  readonly issueKey: string;
  readonly issueUrl: string | null;
  readonly language: NoteLanguage;
  /** The tariff calendar's zone. */
  readonly timeZone: string;
}

/**
 * The messages an acting escalation level owes, one `pending` record per messenger channel the core
 * routed it to, each with its payload fixed now (so every later attempt posts the same text).
 *
 * @example
 * owedMessages(evaluation, intent, notificationTargets(intent, catalog.contract(contractId)), { issueKey: '#42', issueUrl, language: 'ru', timeZone });
 * // [{ channelId: 'support-telegram', state: 'pending', attempts: 0, payload: { kind: 'telegram', body: { chat_id: '-100…', text: 'Эскалация SLA, уровень 2: #42…' } } }]
 */
export function owedMessages(
  evaluation: IssueEvaluation,
  intent: EscalationIntent,
  targets: NotificationTargets,
  context: MessageContext,
): DeliveryRecord[] {
  if (targets.channels.length === 0) return [];
  const message = escalationMessage({
    language: context.language,
    issueKey: context.issueKey,
    issueUrl: context.issueUrl,
    intent,
    remainingMinutes: evaluation.clocks[intent.identity.clock]?.remainingMinutes ?? null,
    reachedAtMs: intent.dueAtMs,
    timeZone: context.timeZone,
  });
  return targets.channels.map(({ channelId, channel }) => ({
    channelId,
    payload: channelPayload(message, channel),
    state: 'pending',
    attempts: 0,
  }));
}
