/**
 * Wires a Jira client to a running stand-in with 1 ms backoff steps, recorded Retry-After waits
 * and captured logs, so retry tests assert the delays asked for instead of sleeping through them.
 */
import { RequestStats } from '../../../src/http/request-stats';
import {
  createJiraClient,
  type JiraClient,
  type JiraClientLogEvent,
  type JiraClientOptions,
  type RequestJira,
} from '../../../src/jira/client/jira-client';
import type { JiraStandIn } from '../stand-in/jira-stand-in';

export interface StandInClient {
  readonly client: JiraClient;
  /** Every Retry-After wait beyond the backoff step, in order (the announced delays are in `logs`). */
  readonly waits: number[];
  readonly logs: JiraClientLogEvent[];
  readonly counter: RequestStats;
}

/** A transport that fetches from the stand-in, adding `headers` (e.g. Authorization) to each request. */
export function fetchTransport(standIn: JiraStandIn, headers: Readonly<Record<string, string>> = {}): RequestJira {
  return (path, init) =>
    fetch(`${standIn.baseUrl}${path}`, {
      method: init.method,
      headers: { ...init.headers, ...headers },
      body: init.body,
    });
}

/**
 * @example
 * ```ts
 * const { client, waits } = connectClient(standIn);
 * standIn.failNext(1, { status: 429, retryAfterSeconds: 3 });
 * await client.listFields();
 * expect(waits).toEqual([2999]);
 * ```
 */
export function connectClient(standIn: JiraStandIn, overrides: Partial<JiraClientOptions> = {}): StandInClient {
  const waits: number[] = [];
  const logs: JiraClientLogEvent[] = [];
  const counter = new RequestStats();
  const client = createJiraClient({
    requestJira: fetchTransport(standIn),
    sleep: async (ms) => {
      waits.push(ms);
    },
    baseDelayMs: 1,
    randomize: false,
    log: (event) => logs.push(event),
    stats: counter,
    ...overrides,
  });
  return { client, waits, logs, counter };
}
