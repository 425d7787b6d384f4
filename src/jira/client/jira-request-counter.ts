/** What the client reports after each HTTP attempt (retries included). */
export interface JiraRequestRecord {
  readonly operation: string;
  readonly method: string;
  readonly template: string;
  readonly write: boolean;
  /** 0 when Jira could not be reached. */
  readonly status: number;
  /** 1 for the first try, 2 for the first retry… */
  readonly attempt: number;
  readonly durationMs: number;
}

/** Totals over the records seen so far. */
export interface JiraRequestStats {
  readonly total: number;
  readonly reads: number;
  readonly writes: number;
  /** Attempts after the first of a call. */
  readonly retries: number;
  /** Attempts answered 429. */
  readonly rateLimited: number;
  /** Attempts by `METHOD /template`. */
  readonly byOperation: Readonly<Record<string, number>>;
  readonly totalDurationMs: number;
}

/**
 * Collects {@link JiraRequestRecord}s for benchmarks and budget checks: pass `onRequest`
 * to `createJiraClient`, read `snapshot()` afterwards.
 *
 * @example
 * ```ts
 * const counter = createJiraRequestCounter();
 * const client = createJiraClient({ requestJira, onRequest: counter.onRequest });
 * await client.getMyself();
 * counter.snapshot().byOperation; // { 'GET /rest/api/3/myself': 1 }
 * ```
 */
export function createJiraRequestCounter(): { onRequest: (record: JiraRequestRecord) => void; snapshot: () => JiraRequestStats; reset: () => void } {
  let records: JiraRequestRecord[] = [];
  return {
    onRequest: (record) => {
      records.push(record);
    },
    snapshot: () => {
      const byOperation: Record<string, number> = {};
      for (const record of records) {
        const key = `${record.method} ${record.template}`;
        byOperation[key] = (byOperation[key] ?? 0) + 1;
      }
      return {
        total: records.length,
        reads: records.filter((record) => !record.write).length,
        writes: records.filter((record) => record.write).length,
        retries: records.filter((record) => record.attempt > 1).length,
        rateLimited: records.filter((record) => record.status === 429).length,
        byOperation,
        totalDurationMs: records.reduce((sum, record) => sum + record.durationMs, 0),
      };
    },
    reset: () => {
      records = [];
    },
  };
}
