/** The part of a fetch `Response` the senders read. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** A failure before any answer: whether the request surely never reached the server. */
export class HttpPostFailure extends Error {
  constructor(
    /** `refused`: nothing was sent (connection refused, unknown host); `lost`: sent, answer lost (reset, timeout). */
    readonly stage: 'refused' | 'lost',
    message: string,
  ) {
    super(message);
    this.name = 'HttpPostFailure';
  }
}

/**
 * Posts a JSON body once. The worker passes Node's fetch (see {@link fetchPost}); the Forge app passes
 * `@forge/api`'s fetch, which goes through the egress the manifest declares. Tests pass a fetch to a
 * local receiver.
 */
export type HttpPost = (url: string, body: string, headers: Readonly<Record<string, string>>) => Promise<HttpAnswer>;

/** A fetch-compatible function (Node's global fetch, `@forge/api`'s fetch). */
export type FetchLike = (
  url: string,
  init: { method: string; body: string; headers: Record<string, string>; signal?: AbortSignal },
) => Promise<HttpAnswer>;

const REFUSED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The system error code of a fetch failure (`TypeError('fetch failed', { cause })`). */
function causeCode(error: unknown): string | undefined {
  // Duck-typed: fetch's errors may come from another realm (a VM context), where instanceof fails.
  const cause = typeof error === 'object' && error !== null && 'cause' in error ? error.cause : undefined;
  if (typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string')
    return cause.code;
  return undefined;
}

/**
 * {@link HttpPost} over a fetch function with a deadline. A failure without an answer becomes an
 * {@link HttpPostFailure} whose message names only the system code (never the URL: it may hold a token).
 *
 * @example
 * const post = fetchPost(fetch, 10_000);
 * await post(url, JSON.stringify(body), { 'content-type': 'application/json' });
 */
export function fetchPost(fetchFn: FetchLike, timeoutMs: number): HttpPost {
  return async (url, body, headers) => {
    try {
      return await fetchFn(url, {
        method: 'POST',
        body,
        headers: { ...headers },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const code = causeCode(error);
      if (code !== undefined && REFUSED_CODES.has(code)) return Promise.reject(new HttpPostFailure('refused', code));
      const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : undefined;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      return Promise.reject(new HttpPostFailure('lost', timedOut ? 'timed out' : (code ?? 'no answer')));
    }
  };
}
