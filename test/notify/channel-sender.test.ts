import { channelPayload } from '../../src/core/escalation/channel-payload';
import { escalationMessage } from '../../src/core/escalation/escalation-message';
import type { MessengerChannel } from '../../src/notify/channel-sender';
import { sendChannelMessage } from '../../src/notify/channel-sender';
import { NotifyError } from '../../src/notify/notify-error';
import { startMessengerReceiver, type MessengerReceiver } from './messenger-receiver';
import { receiverEnv, receiverSender, SLACK_PATH, TEAMS_PATH } from './sender-fixtures';

const TELEGRAM: MessengerChannel = {
  kind: 'telegram',
  botToken: { source: 'env', name: 'TELEGRAM_BOT_TOKEN' },
  chatId: '-1001234567890',
};
const SLACK: MessengerChannel = { kind: 'slack', webhookUrl: { source: 'env', name: 'ALFA_SLACK_WEBHOOK' } };
const TEAMS: MessengerChannel = {
  kind: 'teams',
  webhookUrl: { source: 'env', name: 'ALFA_TEAMS_WEBHOOK' },
  card: 'adaptive',
};

const MESSAGE = escalationMessage({
  language: 'en',
  issueKey: 'SUP-7',
  issueUrl: 'https://example.atlassian.net/browse/SUP-7',
  intent: {
    identity: { cycle: 0, clock: 'resolution', level: 2 },
    line: 'L2',
    priority: null,
    priorityBefore: 'normal',
    comments: [],
    recipients: ['support_lead'],
  },
  remainingMinutes: -90,
  reachedAtMs: Date.parse('2026-11-20T09:00:00Z'),
  timeZone: 'Europe/Moscow',
});

async function failureOf(promise: Promise<unknown>): Promise<NotifyError> {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof NotifyError)) throw new Error(`expected a NotifyError, got ${String(error)}`);
  return error;
}

describe('sendChannelMessage', () => {
  let receiver: MessengerReceiver;
  beforeEach(async () => {
    receiver = await startMessengerReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('posts to Telegram once after a 429 with Retry-After and a 502, waiting what the header asks', async () => {
    const { sender, sleeps, attempts } = receiverSender(receiver);
    receiver.script('telegram', { status: 429, retryAfterSeconds: 3 }, { status: 502, body: 'Bad Gateway' });

    await sendChannelMessage('ops', TELEGRAM, channelPayload(MESSAGE, TELEGRAM), sender);

    expect(receiver.posted).toHaveLength(1);
    expect(receiver.posted[0].body).toMatchObject({ chat_id: '-1001234567890', text: MESSAGE.text });
    expect(attempts.map((attempt) => attempt.status)).toEqual([429, 502, 200]);
    // The first retry's backoff step is 1 ms; the rest of the 3 s comes from Retry-After.
    expect(sleeps).toEqual([2_999]);
  });

  it("honours Telegram's parameters.retry_after when the answer carries no header", async () => {
    const { sender, sleeps } = receiverSender(receiver);
    receiver.script('telegram', { status: 429, retryAfterSeconds: 7, via: 'telegram' });

    await sendChannelMessage('ops', TELEGRAM, channelPayload(MESSAGE, TELEGRAM), sender);

    expect(receiver.posted).toHaveLength(1);
    expect(sleeps).toEqual([6_999]);
  });

  it('posts Slack and Teams webhook payloads after 5xx answers', async () => {
    const { sender } = receiverSender(receiver);
    receiver.script(SLACK_PATH, { status: 500, body: 'rollup_error' });
    receiver.script(TEAMS_PATH, { status: 503 }, { status: 429, retryAfterSeconds: 1 });

    await sendChannelMessage('alfa-slack', SLACK, channelPayload(MESSAGE, SLACK), sender);
    await sendChannelMessage('alfa-teams', TEAMS, channelPayload(MESSAGE, TEAMS), sender);

    expect(receiver.posted.map((message) => message.route)).toEqual(['slack', 'teams']);
    expect(receiver.posted[0].body).toMatchObject({ text: expect.stringContaining('SLA escalation, level 2: SUP-7') });
    expect(receiver.posted[1].body).toMatchObject({
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }],
    });
  });

  it('does not retry a 400 and names it, without the token in the message', async () => {
    const { sender, attempts } = receiverSender(receiver);
    receiver.script('telegram', { status: 400, body: 'Bad Request: chat not found' });

    const error = await failureOf(sendChannelMessage('ops', TELEGRAM, channelPayload(MESSAGE, TELEGRAM), sender));

    expect(error.code).toBe('notify_rejected');
    expect(error.status).toBe(400);
    expect(error.message).toContain('chat not found');
    expect(error.message).not.toContain(receiver.telegramToken);
    expect(JSON.stringify(error.toJSON())).not.toContain(receiver.telegramToken);
    expect(attempts).toHaveLength(1);
    expect(receiver.posted).toHaveLength(0);
  });

  it('reports a refused webhook as notify_not_found without the webhook URL', async () => {
    const { sender } = receiverSender(receiver);
    receiver.script(SLACK_PATH, { status: 404, body: `no_service ${receiverEnv(receiver).ALFA_SLACK_WEBHOOK}` });

    const error = await failureOf(sendChannelMessage('alfa-slack', SLACK, channelPayload(MESSAGE, SLACK), sender));

    expect(error.code).toBe('notify_not_found');
    expect(error.message).not.toContain('s3cr3tSlackPart');
    expect(error.message).not.toContain(receiver.url);
  });

  it('gives up with notify_server_error when the retries run out, having posted nothing', async () => {
    const { sender, attempts } = receiverSender(receiver, { retries: 2 });
    receiver.script('telegram', { status: 500 }, { status: 500 }, { status: 500 });

    const error = await failureOf(sendChannelMessage('ops', TELEGRAM, channelPayload(MESSAGE, TELEGRAM), sender));

    expect(error.code).toBe('notify_server_error');
    expect(error.failure.kind).toBe('not_processed');
    expect(attempts).toHaveLength(3);
  });

  it('does not retry an answer lost in transit: it may have posted', async () => {
    const { sender, attempts } = receiverSender(receiver);
    receiver.script('telegram', { drop: true, afterPosting: true });

    const error = await failureOf(sendChannelMessage('ops', TELEGRAM, channelPayload(MESSAGE, TELEGRAM), sender));

    expect(error.code).toBe('notify_network');
    expect(error.failure.kind).toBe('maybe_processed');
    expect(attempts).toHaveLength(1);
    expect(receiver.posted).toHaveLength(1);
  });

  it('names the missing secret reference, not its value', async () => {
    const { sender } = receiverSender(receiver, { env: {} });

    const error = await failureOf(sendChannelMessage('ops', TELEGRAM, channelPayload(MESSAGE, TELEGRAM), sender));

    expect(error.code).toBe('notify_secret_missing');
    expect(error.message).toContain('env:TELEGRAM_BOT_TOKEN');
    expect(receiver.requests).toHaveLength(0);
  });
});
