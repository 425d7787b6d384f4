/**
 * Wires a Jira client to a running stand-in with instant, recorded waits and captured
 * logs, so retry tests assert the delays asked for instead of sleeping through them.
 */
import { createJiraClient, type JiraClient, type JiraClientLogEvent, type JiraClientOptions, type RequestJira } from '../../../src/jira/client/jira-client';
import { createJiraRequestCounter } from '../../../src/jira/client/jira-request-counter';
import type { JiraStandIn } from '../stand-in/jira-stand-in';

export interface StandInClient {
  readonly client: JiraClient;
  /** Every delay the client asked to sleep, in order. */
  readonly waits: number[];
  readonly logs: JiraClientLogEvent[];
  readonly counter: ReturnType<typeof createJiraRequestCounter>;
}

/** A transport that fetches from the stand-in, adding `headers` (e.g. Authorization) to each request. */
export function fetchTransport(standIn: JiraStandIn, headers: Readonly<Record<string, string>> = {}): RequestJira {
  return (path, init) => fetch(`${standIn.baseUrl}${path}`, { method: init.method, headers: { ...init.headers, ...headers }, body: init.body });
}

/**
 * @example
 * ```ts
 * const { client, waits } = connectClient(standIn);
 * standIn.failNext(1, { status: 429, retryAfterSeconds: 3 });
 * await client.getMyself();
 * expect(waits).toEqual([3000]);
 * ```
 */
export function connectClient(standIn: JiraStandIn, overrides: Partial<JiraClientOptions> = {}): StandInClient {
  const waits: number[] = [];
  const logs: JiraClientLogEvent[] = [];
  const counter = createJiraRequestCounter();
  const client = createJiraClient({
    requestJira: fetchTransport(standIn),
    sleep: async (ms) => {
      waits.push(ms);
    },
    retryBaseMs: 100,
    random: () => 0.5,
    log: (event) => logs.push(event),
    onRequest: counter.onRequest,
    ...overrides,
  });
  return { client, waits, logs, counter };
}
