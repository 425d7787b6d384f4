import type { JiraClient } from '../client/jira-client';
import type { KeyValueStore } from '../store/key-value-store';

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
}

/** The default log: one JSON line on stdout, which Forge keeps in the app's logs. */
export const jsonLineLog = (event: AppLogEvent): void => {
  console.log(JSON.stringify(event));
};
