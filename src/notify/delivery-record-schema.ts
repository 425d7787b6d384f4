import { z } from 'zod';
import { NOTIFY_ERROR_CODES } from './notify-error';

/**
 * Where one message (one escalation level, one channel) stands:
 * - `pending`: decided and owed; nothing was posted yet;
 * - `sending`: claimed — written before the first POST; found again after a crash it is never resent;
 * - `sent`: the messenger confirmed it;
 * - `failed`: refused for good (a 4xx, a missing secret), or given up after `maxAttempts` sweeps;
 * - `unconfirmed`: the answer was lost, or the process stopped while sending: it may have posted,
 *   so it is never sent again.
 */
export const DELIVERY_STATES = ['pending', 'sending', 'sent', 'failed', 'unconfirmed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** One message's delivery record; the same shape in the worker's state file and the Jira app's storage. */
export const deliveryRecordSchema = z
  .object({
    channelId: z.string().min(1),
    /** The body to post, fixed when the level was decided, so every attempt posts the same message. */
    payload: z.object({ kind: z.enum(['telegram', 'slack', 'teams']), body: z.unknown() }).strict(),
    state: z.enum(DELIVERY_STATES),
    /** Sweeps that tried it (each with the retry policy's attempts). */
    attempts: z.number().int().nonnegative(),
    claimedAtMs: z.number().optional(),
    sentAtMs: z.number().optional(),
    /** The last failure's code. */
    code: z.enum(NOTIFY_ERROR_CODES).optional(),
  })
  .strict();
export type DeliveryRecord = z.infer<typeof deliveryRecordSchema>;
