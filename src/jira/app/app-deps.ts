import type { JiraClient } from '../client/jira-client';
import type { KeyValueStore } from '../store/key-value-store';
import type { ChannelSenderDeps } from '../../notify/channel-sender';

/** How the app reaches Telegram, Slack and Teams (through the egress the manifest declares). */
export interface AppMessengers {
  readonly sender: ChannelSenderDeps;
  /**
   * An override of the Jira site's address for the issue link (`TARIFF_SLA_SITE_URL`, e.g. a custom
   * domain); null: the app reads it from Jira (`siteBaseUrl`: `GET /serverInfo`, kept in storage).
   */
  readonly siteUrl: string | null;
}

/** One structured log line; never holds issue text, comments or tokens. */
export interface AppLogEvent {
  readonly event: string;
  readonly issue?: string;
  readonly [detail: string]: unknown;
}

/**
 * What every handler gets: Jira (as the app), storage and time. Forge entry points build this
 * from the platform; tests build it from the Jira stand-in, an in-memory store and a fixed clock.
 */
export interface AppDeps {
  readonly jira: JiraClient;
  readonly store: KeyValueStore;
  readonly now: () => number;
  readonly log: (event: AppLogEvent) => void;
  /** Messenger channels of escalations; without it, levels routed to messengers send nothing there. */
  readonly messengers?: AppMessengers;
}

/** The default log: one JSON line on stdout, which Forge keeps in the app's logs. */
export const jsonLineLog = (event: AppLogEvent): void => {
  console.log(JSON.stringify(event));
};
