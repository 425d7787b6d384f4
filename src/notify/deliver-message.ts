import { sendChannelMessage, type ChannelSenderDeps, type MessengerChannel } from './channel-sender';
import type { DeliveryRecord } from './delivery-record-schema';
import { NotifyError, type NotifyErrorData } from './notify-error';

/** Reads and durably writes one message's record (the worker's state file, the app's Forge storage). */
export interface DeliverySlot {
  read(): Promise<DeliveryRecord | undefined>;
  /** Resolves once the record is durable: a crash after it finds the record as written. */
  write(record: DeliveryRecord): Promise<void>;
}

/** What became of one message in this sweep. */
export interface DeliveryOutcome {
  readonly state: DeliveryRecord['state'] | 'absent';
  /** True when this call posted it. */
  readonly sentNow: boolean;
  readonly error?: NotifyErrorData;
}

export interface DeliverOptions {
  /** Channels by id, as the catalog has them now (secrets resolved at send time). */
  readonly channelOf: (channelId: string) => MessengerChannel | undefined;
  readonly sender: ChannelSenderDeps;
  readonly now: () => number;
  /** Sweeps a message is tried before it is given up (`failed`). Default 10. */
  readonly maxAttempts?: number;
}

function errorData(error: unknown, record: DeliveryRecord): NotifyError {
  if (error instanceof NotifyError) return error;
  return new NotifyError('notify_network', record.channelId, record.payload.kind, 0, 'send failed', {
    kind: 'maybe_processed',
  });
}

/**
 * Delivers one owed message at most once, and exactly once unless the answer is lost:
 *
 * 1. only a `pending` record is sent; any other state is left as it is (`sending` found here means a
 *    process stopped mid-send: it becomes `unconfirmed`, never resent);
 * 2. the record is claimed (`sending`) and written durably before the first POST — the write that
 *    decides to send; Telegram and the webhooks have no idempotency key, so this claim is what keeps a
 *    restart or a duplicate sweep from posting twice;
 * 3. the POST runs under the retry policy (429 with `Retry-After`, 5xx, refused connections);
 * 4. the outcome is written: `sent`; `failed` for a refusal (4xx) or after `maxAttempts` sweeps;
 *    `pending` again when the messenger surely did not post (429/5xx/refused after the retries), so the
 *    next sweep tries again; `unconfirmed` when it may have posted (an answer lost in transit).
 *
 * The caller holds the lock that makes it the only sender of this record (the worker's instance
 * lock, the app's issue lock), so read-then-claim cannot race.
 *
 * @example
 * const outcome = await deliverMessage(slot, { channelOf, sender, now: Date.now });
 * if (outcome.error) log.warn('notification_failed', outcome.error);
 */
export async function deliverMessage(slot: DeliverySlot, options: DeliverOptions): Promise<DeliveryOutcome> {
  const record = await slot.read();
  if (record === undefined) return { state: 'absent', sentNow: false };
  if (record.state === 'sending') {
    await slot.write({ ...record, state: 'unconfirmed' });
    return { state: 'unconfirmed', sentNow: false };
  }
  if (record.state !== 'pending') return { state: record.state, sentNow: false };
  const channel = options.channelOf(record.channelId);
  if (channel === undefined) {
    const error = new NotifyError(
      'notify_channel_unknown',
      record.channelId,
      record.payload.kind,
      0,
      `channel "${record.channelId}" is not in the catalog's notificationChannels any more`,
      { kind: 'permanent' },
    );
    await slot.write({ ...record, state: 'failed', code: error.code });
    return { state: 'failed', sentNow: false, error: error.toJSON() };
  }
  const claimed: DeliveryRecord = {
    ...record,
    state: 'sending',
    attempts: record.attempts + 1,
    claimedAtMs: options.now(),
  };
  await slot.write(claimed);
  try {
    await sendChannelMessage(record.channelId, channel, record.payload, options.sender);
  } catch (thrown) {
    const error = errorData(thrown, record);
    const { code } = error;
    const kind = error.failure.kind;
    const state: DeliveryRecord['state'] =
      kind === 'permanent'
        ? 'failed'
        : kind === 'maybe_processed'
          ? 'unconfirmed'
          : claimed.attempts >= (options.maxAttempts ?? 10)
            ? 'failed'
            : 'pending';
    await slot.write({ ...claimed, state, code });
    return { state, sentNow: false, error: error.toJSON() };
  }
  const { code: _previous, ...sent } = claimed;
  await slot.write({ ...sent, state: 'sent', sentAtMs: options.now() });
  return { state: 'sent', sentNow: true };
}
