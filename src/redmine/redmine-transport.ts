import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { parseRetryAfter } from '../http/retry-after';
import type { HttpMethod, RequestStats } from '../http/request-stats';
import { RedmineError, redactSecret, type RedmineErrorData } from './errors';
import { redmineErrorsSchema } from './schemas';

/** Answers larger than this are refused while they stream in. Default 32 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** Request bodies larger than this are not sent. Default 16 MiB. */
export const DEFAULT_MAX_REQUEST_BYTES = 16 * 1024 * 1024;

export interface RedmineTransportOptions {
  baseUrl: string;
  apiKey: string;
  /** Per-attempt deadline for the whole answer, headers and body. */
  timeoutMs: number;
  maxResponseBytes: number;
  maxRequestBytes: number;
  /** Clock for HTTP-date `Retry-After` values and durations. */
  now: () => number;
  stats: RequestStats;
}

/** One request as the transport sends it. */
export interface RedmineRequest {
  method: HttpMethod;
  path: string;
  params?: Record<string, string | number>;
  body?: unknown;
  /** Sent as `Content-Type` (an upload's `application/octet-stream`); JSON when absent. */
  contentType?: string;
  /** Statuses returned to the caller instead of thrown (404 for "absent is fine"). */
  accept?: readonly number[];
}

/** A 2xx (or accepted) answer. */
export interface RedmineAnswer {
  status: number;
  text: string;
  attempts: number;
}

const DEFAULT_NETWORK_CODE = 'ERR_NETWORK';
const BODY_SNIPPET_CHARS = 120;

/**
 * Sends one HTTP attempt to Redmine and nothing more: the API key in a header (never in the
 * instance defaults, so logging the client cannot print it), no redirects (they would carry the
 * key elsewhere), a deadline per attempt, answers capped while they stream in. Every failure is a
 * {@link RedmineError} built from redacted text; retrying is the caller's business (see
 * `RedmineClient`, which composes the retry policy around this transport).
 *
 * @example
 * const transport = new RedmineTransport({ baseUrl, apiKey, timeoutMs: 30_000, maxResponseBytes: 32 << 20, maxRequestBytes: 16 << 20, now: Date.now, stats });
 * const answer = await transport.send({ method: 'GET', path: '/issues/7.json' }, 1);
 */
export class RedmineTransport {
  readonly baseUrl: string;
  readonly #apiKey: string;
  readonly #http: AxiosInstance;
  readonly #httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  readonly #httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8 });
  readonly #timeoutMs: number;
  readonly #maxResponseBytes: number;
  readonly #now: () => number;
  readonly #stats: RequestStats;

  constructor(options: RedmineTransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#apiKey = options.apiKey;
    this.#timeoutMs = options.timeoutMs;
    this.#maxResponseBytes = options.maxResponseBytes;
    this.#now = options.now;
    this.#stats = options.stats;
    this.#http = axios.create({
      baseURL: this.baseUrl,
      timeout: options.timeoutMs,
      maxRedirects: 0,
      maxContentLength: options.maxResponseBytes,
      maxBodyLength: options.maxRequestBytes,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      headers: { Accept: 'application/json' },
      // Own agents, so that close() can drop idle keep-alive sockets at shutdown.
      httpAgent: this.#httpAgent,
      httpsAgent: this.#httpsAgent,
    });
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.#httpAgent.destroy();
    this.#httpsAgent.destroy();
  }

  /** Sends `request` once; `attempt` (from 1) is recorded in the stats and the error. */
  async send(request: RedmineRequest, attempt: number): Promise<RedmineAnswer> {
    const endpoint = `${request.method} ${request.path}`;
    const startedMs = this.#now();
    let status = 0;
    const deadline = AbortSignal.timeout(this.#timeoutMs);
    try {
      const response = await this.#http.request<unknown>({
        method: request.method,
        url: request.path,
        params: request.params,
        data: request.body,
        headers: {
          'X-Redmine-API-Key': this.#apiKey,
          ...(request.contentType ? { 'Content-Type': request.contentType } : {}),
        },
        // axios's `timeout` is an idle timer; this bounds the whole answer, a slow drip included.
        signal: deadline,
      });
      status = response.status;
      const text = typeof response.data === 'string' ? response.data : '';
      if ((status >= 200 && status < 300) || request.accept?.includes(status))
        return { status, text, attempts: attempt };
      throw this.#httpError(endpoint, response, text, attempt);
    } catch (cause) {
      if (cause instanceof RedmineError) throw cause;
      throw this.#transportError(endpoint, deadline.aborted ? 'ETIMEDOUT' : undefined, cause, attempt);
    } finally {
      this.#stats.record({
        method: request.method,
        endpoint: request.path,
        write: request.method !== 'GET',
        status,
        attempt,
        durationMs: this.#now() - startedMs,
      });
    }
  }

  /** A {@link RedmineError} whose texts never hold the API key. */
  error(data: RedmineErrorData): RedmineError {
    const message = redactSecret(data.message, this.#apiKey);
    const redmineErrors = data.redmineErrors?.map((text) => redactSecret(text, this.#apiKey));
    return new RedmineError({
      ...data,
      message,
      ...(redmineErrors ? { redmineErrors } : {}),
    });
  }

  #transportError(endpoint: string, knownCode: string | undefined, cause: unknown, attempts: number): RedmineError {
    const detail = cause instanceof Error && cause.message !== '' ? cause.message : DEFAULT_NETWORK_CODE;
    if (/^maxContentLength size of \d+ exceeded/.test(detail)) {
      return this.error({
        code: 'redmine_too_large',
        message: `Redmine's answer to ${endpoint} is larger than ${mebibytes(this.#maxResponseBytes)}; stopped reading it (raise redmine.maxResponseMiB if it is genuine)`,
        endpoint,
        path: [],
        attempts,
        retryable: false,
      });
    }
    if (/maxBodyLength/.test(detail)) {
      return this.error({
        code: 'redmine_too_large',
        message: `the request body for ${endpoint} is too large to send`,
        endpoint,
        path: [],
        attempts,
        retryable: false,
      });
    }
    const code = knownCode ?? (axios.isAxiosError(cause) ? (cause.code ?? DEFAULT_NETWORK_CODE) : DEFAULT_NETWORK_CODE);
    return this.error({
      code: 'redmine_unreachable',
      message: `Redmine at ${safeOrigin(this.baseUrl)} is unreachable on ${endpoint} (${code}: ${detail})${attemptsText(attempts)}`,
      endpoint,
      path: [],
      networkCode: code,
      attempts,
      retryable: true,
    });
  }

  #httpError(endpoint: string, response: AxiosResponse<unknown>, text: string, attempts: number): RedmineError {
    const status = response.status;
    const header = response.headers['retry-after'];
    const retryAfterMs = parseRetryAfter(typeof header === 'string' ? header : undefined, this.#now());
    const base = {
      endpoint,
      path: [],
      status,
      attempts,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
    if (status === 401 || status === 403) {
      return this.error({
        ...base,
        code: 'redmine_auth',
        message:
          status === 401
            ? `Redmine rejected the API key on ${endpoint} (401): check the key and that the REST web service is enabled`
            : `Redmine refused ${endpoint} (403): the key's user lacks the permission, or the REST web service is disabled`,
        retryable: false,
      });
    }
    if (status === 422) {
      const redmineErrors = parseRedmineErrors(text);
      return this.error({
        ...base,
        code: 'redmine_http',
        message: `Redmine rejected ${endpoint} (422): ${redmineErrors.length > 0 ? redmineErrors.join('; ') : snippet(text)}`,
        redmineErrors,
        retryable: false,
      });
    }
    if (status >= 300 && status < 400) {
      return this.error({
        ...base,
        code: 'redmine_http',
        message: `Redmine redirected ${endpoint} (${status}); check the base URL ${safeOrigin(this.baseUrl)} (http vs https, sub-path)`,
        retryable: false,
      });
    }
    const asked =
      retryAfterMs !== undefined && retryAfterMs > 0
        ? ` (asked to retry after ${Math.round(retryAfterMs / 1000)} s)`
        : '';
    return this.error({
      ...base,
      code: 'redmine_http',
      message: `Redmine answered ${status} to ${endpoint}${text.trim() === '' ? '' : `: ${snippet(text)}`}${asked}${attemptsText(attempts)}`,
      retryable: status === 429 || (status >= 500 && status !== 501),
    });
  }
}

function parseRedmineErrors(text: string): string[] {
  try {
    const parsed = redmineErrorsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.errors : [];
  } catch {
    return [];
  }
}

/** The start of a body, on one line, for messages. */
export function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > BODY_SNIPPET_CHARS ? `${flat.slice(0, BODY_SNIPPET_CHARS)}…` : flat;
}

function attemptsText(attempts: number): string {
  return attempts > 1 ? ` after ${attempts} attempts` : '';
}

function mebibytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
}

/** Scheme, host and port only: a base URL may carry credentials. */
function safeOrigin(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return '(invalid base URL)';
  }
}
