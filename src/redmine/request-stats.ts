/** HTTP methods the Redmine client sends. */
export const REDMINE_HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;
export type RedmineHttpMethod = (typeof REDMINE_HTTP_METHODS)[number];

/**
 * Counts every HTTP attempt a {@link RedmineClient} makes, retries included, by method and by
 * endpoint. Share one instance between clients to total a whole run (benchmarks), or assert
 * that a dry run made no writes.
 *
 * @example
 * ```ts
 * const stats = new RedmineRequestStats();
 * const client = new RedmineClient({ baseUrl, apiKey, stats });
 * await client.listIssues({ projectId: 'support' });
 * stats.writes; // 0
 * stats.byMethod.GET; // number of pages fetched
 * ```
 */
export class RedmineRequestStats {
  readonly byMethod: Record<RedmineHttpMethod, number> = { GET: 0, POST: 0, PUT: 0, DELETE: 0 };
  /** Keyed by `GET /issues.json`. */
  readonly byEndpoint: Record<string, number> = {};
  /** Attempts that were repeats of a failed attempt. */
  retries = 0;

  record(method: RedmineHttpMethod, path: string, isRetry: boolean): void {
    this.byMethod[method] += 1;
    const key = `${method} ${path}`;
    this.byEndpoint[key] = (this.byEndpoint[key] ?? 0) + 1;
    if (isRetry) this.retries += 1;
  }

  get total(): number {
    return this.byMethod.GET + this.byMethod.POST + this.byMethod.PUT + this.byMethod.DELETE;
  }

  /** POST, PUT and DELETE attempts. */
  get writes(): number {
    return this.byMethod.POST + this.byMethod.PUT + this.byMethod.DELETE;
  }

  reset(): void {
    for (const method of REDMINE_HTTP_METHODS) this.byMethod[method] = 0;
    for (const key of Object.keys(this.byEndpoint)) delete this.byEndpoint[key];
    this.retries = 0;
  }
}
