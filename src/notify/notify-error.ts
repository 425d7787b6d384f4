import type { FailureClass } from '../http/retry-policy';

/** Why a message was not posted, as a closed set. */
export const NOTIFY_ERROR_CODES = [
  /** The channel is no longer in the catalog. */
  'notify_channel_unknown',
  /** The secret reference names nothing (an unset variable, a missing Forge secret). */
  'notify_secret_missing',
  /** 429: the messenger asks to wait (`Retry-After`, Telegram's `parameters.retry_after`). */
  'notify_rate_limited',
  /** 5xx: the messenger failed to post. */
  'notify_server_error',
  /** No answer: refused, unreachable, reset or timed out. */
  'notify_network',
  /** 401/403: the bot token or webhook is refused (revoked, no right to post in the chat). */
  'notify_unauthorized',
  /** 404/410: the chat or webhook does not exist (any more). */
  'notify_not_found',
  /** Another 4xx: the messenger refuses the message as it is. */
  'notify_rejected',
  /** A 2xx that does not say the message was posted (Telegram's `ok: false`). */
  'notify_bad_answer',
] as const;
export type NotifyErrorCode = (typeof NOTIFY_ERROR_CODES)[number];

/** Plain data of a failed send, safe to log: never a token, a webhook URL or a message text. */
export interface NotifyErrorData {
  readonly code: NotifyErrorCode;
  readonly channelId: string;
  readonly kind: string;
  /** HTTP status; 0 when no answer came. */
  readonly status: number;
  readonly message: string;
}

/**
 * A failed send to a messenger. The message is built by the sender from the code, the status and
 * the messenger's short description, and scrubbed of the channel's secrets, so it can be logged.
 */
export class NotifyError extends Error {
  constructor(
    readonly code: NotifyErrorCode,
    readonly channelId: string,
    readonly kind: string,
    readonly status: number,
    message: string,
    readonly failure: FailureClass,
  ) {
    super(message);
    this.name = 'NotifyError';
  }

  toJSON(): NotifyErrorData {
    return { code: this.code, channelId: this.channelId, kind: this.kind, status: this.status, message: this.message };
  }
}
