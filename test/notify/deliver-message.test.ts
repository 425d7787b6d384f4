import type { MessengerChannel } from '../../src/notify/channel-sender';
import { deliverMessage, type DeliverySlot } from '../../src/notify/deliver-message';
import type { DeliveryRecord } from '../../src/notify/delivery-record-schema';
import { startMessengerReceiver, type MessengerReceiver } from './messenger-receiver';
import { receiverSender } from './sender-fixtures';

const TELEGRAM: MessengerChannel = {
  kind: 'telegram',
  botToken: { source: 'env', name: 'TELEGRAM_BOT_TOKEN' },
  chatId: '42',
};

const PENDING: DeliveryRecord = {
  channelId: 'ops',
  payload: { kind: 'telegram', body: { chat_id: '42', text: 'SLA escalation, level 1: SUP-1' } },
  state: 'pending',
  attempts: 0,
};

/** A slot that keeps every write, as a durable store would. */
function slot(initial: DeliveryRecord | undefined): DeliverySlot & { writes: DeliveryRecord[] } {
  let current = initial;
  const writes: DeliveryRecord[] = [];
  return {
    writes,
    read: async () => current,
    write: async (record) => {
      writes.push(record);
      current = record;
    },
  };
}

describe('deliverMessage', () => {
  let receiver: MessengerReceiver;
  beforeEach(async () => {
    receiver = await startMessengerReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  const options = (maxAttempts?: number) => ({
    channelOf: (id: string) => (id === 'ops' ? TELEGRAM : undefined),
    sender: receiverSender(receiver, { retries: 1 }).sender,
    now: () => 1_000,
    ...(maxAttempts !== undefined ? { maxAttempts } : {}),
  });

  it('claims the record before posting, then marks it sent', async () => {
    const stored = slot(PENDING);
    const outcome = await deliverMessage(stored, options());
    expect(outcome).toEqual({ state: 'sent', sentNow: true });
    expect(stored.writes.map((record) => record.state)).toEqual(['sending', 'sent']);
    expect(receiver.posted).toHaveLength(1);
  });

  it('sends nothing for a record that is sent, failed, unconfirmed or absent', async () => {
    for (const state of ['sent', 'failed', 'unconfirmed'] as const) {
      expect(await deliverMessage(slot({ ...PENDING, state }), options())).toEqual({ state, sentNow: false });
    }
    expect(await deliverMessage(slot(undefined), options())).toEqual({ state: 'absent', sentNow: false });
    expect(receiver.requests).toHaveLength(0);
  });

  it('turns a claim found after a crash into unconfirmed without posting', async () => {
    const stored = slot({ ...PENDING, state: 'sending', attempts: 1 });
    expect(await deliverMessage(stored, options())).toEqual({ state: 'unconfirmed', sentNow: false });
    expect(receiver.requests).toHaveLength(0);
  });

  it('puts a message the messenger did not take back to pending, and gives it up after maxAttempts', async () => {
    receiver.script('telegram', { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const stored = slot(PENDING);
    const first = await deliverMessage(stored, options(2));
    expect(first).toMatchObject({ state: 'pending', error: { code: 'notify_server_error' } });
    const second = await deliverMessage(stored, options(2));
    expect(second).toMatchObject({ state: 'failed', error: { code: 'notify_server_error' } });
    expect(receiver.posted).toHaveLength(0);
  });

  it('fails a message whose channel left the catalog', async () => {
    const outcome = await deliverMessage(slot({ ...PENDING, channelId: 'gone' }), options());
    expect(outcome).toMatchObject({ state: 'failed', error: { code: 'notify_channel_unknown' } });
  });
});
