/** HTTP methods the clients send. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** What a client reports after each HTTP attempt, retries included. */
export interface RequestRecord {
  readonly method: HttpMethod;
  /** The path template or path without the query, e.g. `/rest/api/3/issue/{issueIdOrKey}` or `/issues.json`. */
  readonly endpoint: string;
  /** Counts against the server's write budget; some reads are POSTs (Jira's search). */
  readonly write: boolean;
  /** HTTP status; 0 when no answer came (refused, reset, timed out, too large). */
  readonly status: number;
  /** 1 for the first try, 2 for the first retry… */
  readonly attempt: number;
  readonly durationMs: number;
}

/** Plain-data totals, safe to print or compare in tests. */
export interface RequestStatsSnapshot {
  readonly total: number;
  readonly reads: number;
  readonly writes: number;
  /** Attempts after the first of a call. */
  readonly retries: number;
  /** Attempts answered 429. */
  readonly rateLimited: number;
  readonly byMethod: Readonly<Record<HttpMethod, number>>;
  /** Attempts by `METHOD endpoint`. */
  readonly byEndpoint: Readonly<Record<string, number>>;
  readonly totalDurationMs: number;
}

/**
 * Counts every HTTP attempt of a Redmine or Jira client, retries included: one shape for both,
 * so benchmarks and budget checks read them alike. Share one instance between clients to total
 * a whole run, or assert that a dry run made no writes.
 *
 * @example
 * ```ts
 * const stats = new RequestStats();
 * const client = new RedmineClient({ baseUrl, apiKey, stats });
 * await client.listIssues({ projectId: 'support' });
 * stats.writes; // 0
 * stats.snapshot().byEndpoint; // { 'GET /issues.json': 3 }
 * ```
 */
export class RequestStats {
  readonly byMethod: Record<HttpMethod, number> = {
    GET: 0,
    POST: 0,
    PUT: 0,
    DELETE: 0,
  };
  readonly byEndpoint: Record<string, number> = {};
  reads = 0;
  writes = 0;
  retries = 0;
  rateLimited = 0;
  totalDurationMs = 0;

  /** Suitable as an `onRequest` callback: `stats.record`. */
  readonly record = (record: RequestRecord): void => {
    this.byMethod[record.method] += 1;
    const key = `${record.method} ${record.endpoint}`;
    this.byEndpoint[key] = (this.byEndpoint[key] ?? 0) + 1;
    if (record.write) this.writes += 1;
    else this.reads += 1;
    if (record.attempt > 1) this.retries += 1;
    if (record.status === 429) this.rateLimited += 1;
    this.totalDurationMs += record.durationMs;
  };

  get total(): number {
    return this.reads + this.writes;
  }

  snapshot(): RequestStatsSnapshot {
    return {
      total: this.total,
      reads: this.reads,
      writes: this.writes,
      retries: this.retries,
      rateLimited: this.rateLimited,
      byMethod: { ...this.byMethod },
      byEndpoint: { ...this.byEndpoint },
      totalDurationMs: this.totalDurationMs,
    };
  }

  reset(): void {
    for (const method of HTTP_METHODS) this.byMethod[method] = 0;
    for (const key of Object.keys(this.byEndpoint)) delete this.byEndpoint[key];
    this.reads = 0;
    this.writes = 0;
    this.retries = 0;
    this.rateLimited = 0;
    this.totalDurationMs = 0;
  }
}
