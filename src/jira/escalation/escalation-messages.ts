import type { CompiledContract } from '../../core/catalog/compiled-catalog';
import type { EscalationIntent } from '../../core/escalation/escalation-intents';
import type { NoteLanguage } from '../../core/escalation/escalation-note';
import { notificationTargets } from '../../core/escalation/notification-targets';
import type { IssueEvaluation } from '../../core/sla/evaluate-issue';
import { entryOf } from '../../core/errors/safe-record';
import type { MessengerChannel } from '../../notify/channel-sender';
import { deliverMessage } from '../../notify/deliver-message';
import type { DeliveryRecord } from '../../notify/delivery-record-schema';
import { owedMessages } from '../../notify/owed-messages';
import type { AppDeps } from '../app/app-deps';

/** What the messages of a level need to know about the issue. */
export interface MessageInput {
  readonly issueKey: string;
  readonly evaluation: IssueEvaluation;
  readonly contract: CompiledContract;
  readonly language?: NoteLanguage;
}

/** The part of a stored plan the delivery reads and updates. */
interface PlanWithMessages {
  readonly marker: string;
  readonly messages?: DeliveryRecord[];
}

/** Where a stored plan lives: the escalation record's `attempts`, written back with `persist`. */
interface PlanStore<P extends PlanWithMessages> {
  readonly attempts: Record<string, P>;
}

/**
 * The messenger messages an acting level owes, fixed when its plan is first stored: one `pending`
 * record per channel the contract's routes give the level. None when the app has no messengers.
 *
 * @example
 * plan.messages = owedAppMessages(deps, input, intent);
 */
export function owedAppMessages(
  deps: Pick<AppDeps, 'messengers'>,
  input: MessageInput,
  intent: EscalationIntent,
): DeliveryRecord[] {
  if (deps.messengers === undefined) return [];
  const term = input.contract.tariffs.find((candidate) => candidate.tariffId === input.evaluation.tariffId);
  const siteUrl = deps.messengers.siteUrl?.replace(/\/+$/, '') ?? null;
  return owedMessages(input.evaluation, intent, notificationTargets(intent, input.contract), {
    issueKey: input.issueKey,
    issueUrl: siteUrl === null ? null : `${siteUrl}/browse/${encodeURIComponent(input.issueKey)}`,
    language: input.language ?? 'en',
    timeZone: term?.calendar.zone ?? input.contract.timeZone,
  });
}

/**
 * Sends a level's messenger messages, each at most once: the stored plan is the delivery record —
 * each message is claimed (`sending`) in Forge storage before its POST and settled after it (see
 * `deliverMessage`), under the issue lock the runner holds. A message refused for good joins the
 * level's `refused` actions and the level goes on; one the messenger did not take (429, 5xx after the
 * retries) stays `pending` and holds the level back, so the next sweep repeats the stored plan:
 * comment and e-mail are not repeated (their reference and `sentAtMs`), and only that message is
 * sent. Returns the plan as stored now.
 *
 * @example
 * plan = await deliverMessages(deps, input, record, plan, refused, () => store.set(key, record));
 */
export async function deliverMessages<P extends PlanWithMessages>(
  deps: AppDeps,
  input: Pick<MessageInput, 'issueKey' | 'contract'>,
  record: PlanStore<P>,
  plan: P,
  refused: string[],
  persist: () => Promise<void>,
): Promise<P> {
  const { issueKey } = input;
  const messages = plan.messages ?? [];
  if (messages.length === 0) return plan;
  const messengers = deps.messengers;
  if (messengers === undefined) {
    deps.log({ event: 'notification_unavailable', issue: issueKey, marker: plan.marker });
    return plan;
  }
  let deferred = 0;
  for (let index = 0; index < messages.length; index++) {
    const outcome = await deliverMessage(
      {
        read: async () => record.attempts[plan.marker]?.messages?.[index],
        write: async (next) => {
          const current = record.attempts[plan.marker] ?? plan;
          const updated = [...(current.messages ?? messages)];
          updated[index] = next;
          record.attempts[plan.marker] = { ...current, messages: updated };
          await persist();
        },
      },
      {
        channelOf: (channelId) => messengerChannel(input.contract, channelId),
        sender: messengers.sender,
        now: deps.now,
      },
    );
    const where = { issue: issueKey, marker: plan.marker, channel: messages[index].channelId };
    if (outcome.state === 'sent') deps.log({ event: 'notification_sent', ...where });
    else if (outcome.state === 'failed') {
      refused.push(`notify_${messages[index].payload.kind}: ${outcome.error?.code ?? 'failed'}`);
      deps.log({ event: 'notification_failed', ...where, ...outcome.error });
    } else if (outcome.state === 'unconfirmed') deps.log({ event: 'notification_unconfirmed', ...where });
    else if (outcome.state === 'pending') {
      deferred++;
      deps.log({ event: 'notification_deferred', ...where, ...outcome.error });
    }
  }
  const stored = record.attempts[plan.marker] ?? plan;
  if (deferred > 0) throw new MessagesDeferred(deferred, plan.marker);
  return stored;
}

/** The catalog channel of a stored message, from the contract's channels as the catalog has them now. */
function messengerChannel(contract: CompiledContract, channelId: string): MessengerChannel | undefined {
  const channel = entryOf(contract.notificationChannels, channelId);
  return channel === undefined || channel.kind === 'email' ? undefined : channel;
}

/** Thrown when a message stays owed: the level is not marked done, and the next sweep tries again. */
export class MessagesDeferred extends Error {
  readonly code = 'notify_deferred';
  constructor(
    readonly count: number,
    readonly marker: string,
  ) {
    super(`${count} messenger message(s) of escalation ${marker} not taken yet; the next sweep sends them`);
    this.name = 'MessagesDeferred';
  }
}
