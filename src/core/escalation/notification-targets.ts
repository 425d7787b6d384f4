import type { CompiledContract } from '../catalog/compiled-catalog';
import type { NotificationChannel, NotificationRoute } from '../catalog/notification-channels-schema';
import { entryOf } from '../errors/safe-record';
import type { EscalationIntent } from './escalation-intents';

/** A messenger channel a level goes to, by its catalog id. */
export interface ChannelTarget {
  readonly channelId: string;
  readonly channel: Exclude<NotificationChannel, { kind: 'email' }>;
}

/** Where one escalation level's notification goes. */
export interface NotificationTargets {
  /** Whether the tracker's own e-mail of the level is sent (Jira's notify, Redmine's @mentions). */
  readonly trackerEmail: boolean;
  /** Messenger channels, each once, in the order the routes name them. */
  readonly channels: readonly ChannelTarget[];
}

const NOWHERE: NotificationTargets = { trackerEmail: false, channels: [] };

function routeMatches(route: NotificationRoute, intent: EscalationIntent): boolean {
  const line = intent.line ?? intent.lineBefore;
  const recipientMatches =
    route.recipients === undefined || intent.recipients.some((recipient) => route.recipients?.includes(recipient));
  const lineMatches = route.lines === undefined || (line !== null && route.lines.includes(line));
  return recipientMatches && lineMatches;
}

/**
 * Where the notification of an escalation intent goes, by the contract's `notify` routes.
 *
 * Rules: only an acting level that notifies someone (the escalation mode has already removed the
 * client's recipients where it must) is sent anywhere. A contract without routes keeps the tracker's
 * e-mail alone (as before channels existed). With routes, a route matches when one of the level's
 * recipients is among its `recipients` and the line — the line the level moves it to, else the
 * line it is on — among its `lines` (an omitted filter matches everything); the level goes to every
 * channel of every matching route, each once, and to the tracker's e-mail only when a matching route
 * names an `email` channel.
 *
 * @example
 * notificationTargets(intent, catalog.contract('client-a'));
 * // { trackerEmail: true, channels: [{ channelId: 'support-telegram', channel: { kind: 'telegram', … } }] }
 */
export function notificationTargets(
  intent: EscalationIntent,
  contract: Pick<CompiledContract, 'contract' | 'notificationChannels'> | undefined,
): NotificationTargets {
  if (intent.decision !== 'act' || intent.recipients.length === 0) return NOWHERE;
  const routes = contract?.contract.notify;
  if (routes === undefined) return { trackerEmail: true, channels: [] };
  let trackerEmail = false;
  const channels: ChannelTarget[] = [];
  for (const route of routes) {
    if (!routeMatches(route, intent)) continue;
    for (const channelId of route.channels) {
      const channel = entryOf(contract?.notificationChannels, channelId);
      if (channel === undefined) continue;
      if (channel.kind === 'email') trackerEmail = true;
      else if (!channels.some((target) => target.channelId === channelId)) channels.push({ channelId, channel });
    }
  }
  return { trackerEmail, channels };
}
