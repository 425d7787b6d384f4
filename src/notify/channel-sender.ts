import type { NotificationChannel, SecretReference } from '../core/catalog/notification-channels-schema';
import { parseRetryAfter } from '../http/retry-after';
import type { FailureClass, RetryPolicy } from '../http/retry-policy';
import { HttpPostFailure, type HttpAnswer, type HttpPost } from './http-post';
import { NotifyError, type NotifyErrorCode } from './notify-error';
import { secretReferenceText, type SecretResolver } from './secret-resolver';

/** One POST to a messenger, for request stats; never the URL (it may hold a token). */
export interface SendAttempt {
  readonly channelId: string;
  readonly kind: 'telegram' | 'slack' | 'teams';
  readonly status: number;
  readonly attempt: number;
  readonly durationMs: number;
}

/** Telegram Bot API's address; tests point it at a local receiver. */
export const TELEGRAM_API_BASE = 'https://api.telegram.org';

/** Everything a sender needs; all of it injected. */
export interface ChannelSenderDeps {
  readonly post: HttpPost;
  readonly secrets: SecretResolver;
  /** The retry policy composed around each send (backoff, `Retry-After`, injected sleep). */
  readonly policy: RetryPolicy;
  /** The caller's clock, for `Retry-After` dates. */
  readonly now: () => number;
  /** Default {@link TELEGRAM_API_BASE}. */
  readonly telegramApiBase?: string;
  /** Called after each attempt, e.g. to count it in request stats (status 0: no answer). */
  readonly onAttempt?: (record: SendAttempt) => void;
}

export type MessengerChannel = Exclude<NotificationChannel, { kind: 'email' }>;

/** The JSON body to post (a channel payload of the core, or the same read back from a record). */
export interface OutgoingPayload {
  readonly body: unknown;
}

/** A target: the channel's id, its definition and the secret behind it, resolved. */
interface ResolvedTarget {
  readonly channelId: string;
  readonly channel: MessengerChannel;
  readonly url: string;
  readonly secret: string;
}

/** Removes every occurrence of the secrets from a text the messenger sent back. */
function scrub(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) if (secret !== '') clean = clean.split(secret).join('[secret]');
  return clean.replace(/\s+/g, ' ').trim().slice(0, 200);
}

function secretOf(channel: MessengerChannel): SecretReference {
  return channel.kind === 'telegram' ? channel.botToken : channel.webhookUrl;
}

async function resolveTarget(
  channelId: string,
  channel: MessengerChannel,
  deps: ChannelSenderDeps,
): Promise<ResolvedTarget> {
  const reference = secretOf(channel);
  const secret = await deps.secrets(reference);
  if (secret === undefined) {
    throw new NotifyError(
      'notify_secret_missing',
      channelId,
      channel.kind,
      0,
      `${channel.kind} channel "${channelId}": the secret ${secretReferenceText(reference)} is not set${
        reference.source === 'secret'
          ? ' (secret: references are Forge storage secrets: only the Jira app reads them)'
          : ''
      }`,
      { kind: 'permanent' },
    );
  }
  const base = (deps.telegramApiBase ?? TELEGRAM_API_BASE).replace(/\/+$/, '');
  const url = channel.kind === 'telegram' ? `${base}/bot${secret}/sendMessage` : secret;
  if (!/^https?:\/\//.test(url)) {
    throw new NotifyError(
      'notify_secret_missing',
      channelId,
      channel.kind,
      0,
      `${channel.kind} channel "${channelId}": the secret ${secretReferenceText(reference)} is not an http(s) webhook URL`,
      { kind: 'permanent' },
    );
  }
  return { channelId, channel, url, secret };
}

/** Telegram's answer: `{ ok, description?, parameters?: { retry_after? } }`, when the body is that. */
function telegramAnswer(text: string): { ok?: unknown; description?: unknown; retryAfterSeconds?: number } {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return {};
    const parameters = 'parameters' in value ? value.parameters : undefined;
    const retryAfter =
      typeof parameters === 'object' && parameters !== null && 'retry_after' in parameters
        ? parameters.retry_after
        : undefined;
    return {
      ok: 'ok' in value ? value.ok : undefined,
      description: 'description' in value ? value.description : undefined,
      ...(typeof retryAfter === 'number' && retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}),
    };
  } catch {
    return {};
  }
}

/** What a status means for a retry, and its code. */
function statusClass(
  status: number,
  retryAfterMs: number | undefined,
): { code: NotifyErrorCode; failure: FailureClass } {
  if (status === 429)
    return {
      code: 'notify_rate_limited',
      failure: { kind: 'not_processed', ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
    };
  // A messenger answering 5xx did not post the message (Telegram answers `ok: false`; the webhooks
  // document 5xx as a failure to post): sending it again cannot make a second message.
  if (status >= 500)
    return {
      code: 'notify_server_error',
      failure: { kind: 'not_processed', ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
    };
  if (status === 401 || status === 403) return { code: 'notify_unauthorized', failure: { kind: 'permanent' } };
  if (status === 404 || status === 410) return { code: 'notify_not_found', failure: { kind: 'permanent' } };
  return { code: 'notify_rejected', failure: { kind: 'permanent' } };
}

/** Reads one answer: success, or a {@link NotifyError} classified for the retry policy. */
async function readAnswer(target: ResolvedTarget, answer: HttpAnswer, nowMs: number): Promise<void> {
  const text = await answer.text().catch(() => '');
  const telegram = target.channel.kind === 'telegram' ? telegramAnswer(text) : {};
  if (answer.status >= 200 && answer.status < 300) {
    if (target.channel.kind !== 'telegram' || telegram.ok === true) return;
    throw new NotifyError(
      'notify_bad_answer',
      target.channelId,
      target.channel.kind,
      answer.status,
      `telegram channel "${target.channelId}": the answer does not say the message was sent`,
      // A 2xx without ok: true may have posted: never sent again.
      { kind: 'maybe_processed' },
    );
  }
  const headerMs = parseRetryAfter(answer.headers.get('retry-after'), nowMs);
  const retryAfterMs =
    headerMs ?? (telegram.retryAfterSeconds !== undefined ? telegram.retryAfterSeconds * 1000 : undefined);
  const { code, failure } = statusClass(answer.status, retryAfterMs);
  const said = typeof telegram.description === 'string' ? telegram.description : text;
  const detail = scrub(said, [target.secret, target.url]);
  throw new NotifyError(
    code,
    target.channelId,
    target.channel.kind,
    answer.status,
    `${target.channel.kind} channel "${target.channelId}": HTTP ${answer.status}${detail !== '' ? ` (${detail})` : ''}`,
    failure,
  );
}

/** One POST; a failure without an answer becomes a classified {@link NotifyError}. */
async function postOnce(
  target: ResolvedTarget,
  payload: OutgoingPayload,
  deps: ChannelSenderDeps,
  attempt: number,
): Promise<void> {
  let answer: HttpAnswer;
  const startedMs = deps.now();
  const report = (status: number): void =>
    deps.onAttempt?.({
      channelId: target.channelId,
      kind: target.channel.kind,
      status,
      attempt,
      durationMs: Math.max(0, deps.now() - startedMs),
    });
  try {
    answer = await deps.post(target.url, JSON.stringify(payload.body), { 'content-type': 'application/json' });
  } catch (error) {
    report(0);
    const refused = error instanceof HttpPostFailure && error.stage === 'refused';
    const reason = error instanceof HttpPostFailure ? error.message : 'no answer';
    throw new NotifyError(
      'notify_network',
      target.channelId,
      target.channel.kind,
      0,
      `${target.channel.kind} channel "${target.channelId}": ${scrub(reason, [target.secret, target.url])}`,
      // Refused: nothing reached the messenger. Lost: it may have posted, so it is never sent again.
      { kind: refused ? 'not_processed' : 'maybe_processed' },
    );
  }
  report(answer.status);
  await readAnswer(target, answer, deps.now());
}

/**
 * Sends one message to one channel — Telegram `POST /bot<token>/sendMessage`, a Slack or Teams
 * webhook — under the retry policy: 429 waits for `Retry-After` (the header, or Telegram's
 * `parameters.retry_after`), 5xx and refused connections are retried with backoff; other 4xx are not
 * retried and end in a named code; an answer lost in transit is not retried either (it may have
 * posted). Rejects with the last {@link NotifyError}; its message never holds the token or the URL.
 *
 * @example
 * await sendChannelMessage('support-telegram', channel, channelPayload(message, channel), deps);
 */
export async function sendChannelMessage(
  channelId: string,
  channel: MessengerChannel,
  payload: OutgoingPayload,
  deps: ChannelSenderDeps,
): Promise<void> {
  const target = await resolveTarget(channelId, channel, deps);
  await deps.policy.run({
    send: (attempt) => postOnce(target, payload, deps, attempt),
    classify: (error) => (error instanceof NotifyError ? error.failure : { kind: 'permanent' }),
    idempotent: false,
  });
}
