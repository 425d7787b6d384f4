import type { CompiledCatalog } from '../../core/catalog/compiled-catalog';
import { entryOf } from '../../core/errors/safe-record';
import { notificationTargets } from '../../core/escalation/notification-targets';
import type { IssueEvaluation } from '../../core/sla/evaluate-issue';
import type { ChannelSenderDeps, MessengerChannel } from '../../notify/channel-sender';
import { deliverMessage, type DeliveryOutcome } from '../../notify/deliver-message';
import { owedMessages } from '../../notify/owed-messages';
import type { WorkerConfig } from '../config/worker-config-schema';
import { doneIdentityKeys } from './escalation-marker';
import type { PlannedWrite } from './plan-issue-writes';
import type { WorkerLog } from './worker-log';
import type { CachedIssue, WorkerState } from './worker-state-schema';

/** How the worker reaches messengers: the sender (HTTP, secrets from the environment, retry policy). */
export interface WorkerNotifierOptions {
  readonly sender: ChannelSenderDeps;
  /** Cycles a message is tried before it is given up. Default 10. */
  readonly maxAttempts?: number;
}

/** What the delivery step did in one cycle. */
export interface NotificationTally {
  sent: number;
  failed: number;
  pending: number;
  unconfirmed: number;
}

/** Key of one message in the state: `<issue id>/<cycle>:<clock>:<level>/<channel>`. */
export function notificationKey(issueId: number, identityKey: string, channelId: string): string {
  return `${issueId}/${identityKey}/${channelId}`;
}

function parseNotificationKey(key: string): { issueId: number; identityKey: string } | null {
  const match = /^(\d+)\/(\d+:[a-z]+:\d+)\/.+$/.exec(key);
  return match ? { issueId: Number(match[1]), identityKey: match[2] } : null;
}

/**
 * The worker's messenger notifications, kept exactly once with the escalation markers:
 *
 * - before the PUT that performs an escalation (and writes its marker into Redmine), each message the
 *   level owes is recorded `pending` in the state file and the state saved;
 * - a pending message is sent only once Redmine holds its level's marker (the escalation really
 *   happened), and is claimed (`sending`, saved) before the first POST (see `deliverMessage`);
 * - a pending message of a level that is not done and is no longer acting (the issue closed before the
 *   PUT went through) is dropped before the issue's writes.
 *
 * A crash before the PUT leaves pending messages of a level that is re-planned; after the PUT, the next
 * cycle sends them; during a send, the claim stops a second one. A lost state file loses the owed
 * messages, never duplicates one (Redmine's markers keep the escalations themselves once).
 */
export class WorkerNotifications {
  constructor(
    private readonly options: WorkerNotifierOptions,
    private readonly catalog: CompiledCatalog,
    private readonly config: WorkerConfig,
  ) {}

  /**
   * Records the messages the issue's escalation writes owe, and drops pending ones of levels that are
   * neither done nor acting now. Returns true when the state changed (the caller saves it before writing).
   */
  owe(state: WorkerState, cached: CachedIssue, evaluation: IssueEvaluation, writes: readonly PlannedWrite[]): boolean {
    const done = doneIdentityKeys(cached.escalations);
    const acting = new Set<string>();
    let changed = false;
    for (const write of writes) {
      if (!write.escalation) continue;
      const { intent } = write.escalation;
      acting.add(intent.key);
      const contract = this.catalog.contract(cached.contractId);
      const targets = notificationTargets(intent, contract);
      const timeZone = contract ? this.catalog.tariffAt(contract, cached.createdAtMs).calendar.zone : 'UTC';
      const records = owedMessages(evaluation, intent, targets, {
        issueKey: `#${cached.id}`,
        issueUrl: `${this.config.redmine.url.replace(/\/+$/, '')}/issues/${cached.id}`,
        language: this.config.escalation.language,
        timeZone,
      });
      for (const record of records) {
        const key = notificationKey(cached.id, intent.key, record.channelId);
        if (state.notifications[key] !== undefined) continue;
        state.notifications[key] = record;
        changed = true;
      }
    }
    for (const [key, record] of Object.entries(state.notifications)) {
      const parsed = parseNotificationKey(key);
      if (parsed === null || parsed.issueId !== cached.id || record.state !== 'pending') continue;
      if (!done.has(parsed.identityKey) && !acting.has(parsed.identityKey)) {
        delete state.notifications[key];
        changed = true;
      }
    }
    return changed;
  }

  /** Sends every owed message whose level Redmine records as done; saves the state around each send. */
  async deliver(state: WorkerState, save: () => void, log: WorkerLog): Promise<NotificationTally> {
    const tally: NotificationTally = { sent: 0, failed: 0, pending: 0, unconfirmed: 0 };
    for (const [key, record] of Object.entries(state.notifications)) {
      if (record.state !== 'pending' && record.state !== 'sending') continue;
      const parsed = parseNotificationKey(key);
      const cached = parsed ? state.issues[String(parsed.issueId)] : undefined;
      if (!parsed || !cached || !doneIdentityKeys(cached.escalations).has(parsed.identityKey)) continue;
      const outcome = await deliverMessage(
        {
          read: async () => state.notifications[key],
          write: async (next) => {
            state.notifications[key] = next;
            save();
          },
        },
        {
          channelOf: (channelId) => this.#channel(channelId),
          sender: this.options.sender,
          now: this.options.sender.now,
          ...(this.options.maxAttempts !== undefined ? { maxAttempts: this.options.maxAttempts } : {}),
        },
      );
      this.#report(outcome, key, parsed.issueId, log, tally);
    }
    return tally;
  }

  /** Forgets settled messages of issues the state no longer keeps. */
  prune(state: WorkerState): void {
    for (const [key, record] of Object.entries(state.notifications)) {
      const parsed = parseNotificationKey(key);
      if (record.state === 'pending' || record.state === 'sending') continue;
      if (parsed === null || state.issues[String(parsed.issueId)] === undefined) delete state.notifications[key];
    }
  }

  #channel(channelId: string): MessengerChannel | undefined {
    const channel = entryOf(this.catalog.catalog.notificationChannels, channelId);
    return channel === undefined || channel.kind === 'email' ? undefined : channel;
  }

  #report(outcome: DeliveryOutcome, key: string, issueId: number, log: WorkerLog, tally: NotificationTally): void {
    const where = { issue: issueId, notification: key };
    if (outcome.state === 'sent') {
      tally.sent += 1;
      log.info('notification_sent', where);
    } else if (outcome.state === 'unconfirmed') {
      tally.unconfirmed += 1;
      log.warn('notification_unconfirmed', {
        ...where,
        ...(outcome.error ? { code: outcome.error.code, message: outcome.error.message } : {}),
        hint: 'the messenger may or may not have posted it; it is not sent again, so nothing is duplicated',
      });
    } else if (outcome.state === 'failed') {
      tally.failed += 1;
      log.error('notification_failed', { ...where, ...outcome.error });
    } else if (outcome.state === 'pending') {
      tally.pending += 1;
      log.warn('notification_deferred', { ...where, ...outcome.error, hint: 'tried again next cycle' });
    }
  }
}
