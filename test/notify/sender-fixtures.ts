import { RetryPolicy } from '../../src/http/retry-policy';
import type { ChannelSenderDeps, SendAttempt } from '../../src/notify/channel-sender';
import { fetchPost } from '../../src/notify/http-post';
import { environmentSecrets } from '../../src/notify/secret-resolver';
import type { MessengerReceiver } from './messenger-receiver';

/** Webhook paths of the receiver, as secrets would hold them. */
export const SLACK_PATH = 'slack/T0001/B0001/s3cr3tSlackPart';
export const TEAMS_PATH = 'teams/workflows/s3cr3tTeamsPart';

/** The environment a worker would run with: the bot token and the webhook URLs pointing at the receiver. */
export function receiverEnv(receiver: MessengerReceiver): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: receiver.telegramToken,
    ALFA_SLACK_WEBHOOK: `${receiver.url}/${SLACK_PATH}`,
    ALFA_TEAMS_WEBHOOK: `${receiver.url}/${TEAMS_PATH}`,
  };
}

/**
 * Sender dependencies aimed at the receiver, with the retry waits recorded instead of slept
 * (backoff steps of 1 ms; the `Retry-After` part goes to `sleeps`).
 */
export function receiverSender(
  receiver: MessengerReceiver,
  options: { retries?: number; maxRetryAfterMs?: number; env?: Record<string, string> } = {},
): {
  sender: ChannelSenderDeps;
  sleeps: number[];
  attempts: SendAttempt[];
} {
  const sleeps: number[] = [];
  const attempts: SendAttempt[] = [];
  const sender: ChannelSenderDeps = {
    post: fetchPost(fetch, 5_000),
    secrets: environmentSecrets(options.env ?? receiverEnv(receiver)),
    policy: new RetryPolicy({
      retries: options.retries ?? 4,
      baseDelayMs: 1,
      randomize: false,
      ...(options.maxRetryAfterMs !== undefined ? { maxRetryAfterMs: options.maxRetryAfterMs } : {}),
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    }),
    now: () => Date.parse('2026-11-20T12:00:00Z'),
    telegramApiBase: receiver.url,
    onAttempt: (record) => attempts.push(record),
  };
  return { sender, sleeps, attempts };
}
