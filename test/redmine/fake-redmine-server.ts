import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * One canned answer: a status with a body (objects are sent as JSON), a body of `streamBytes`
 * streamed in 64 KiB chunks (every `chunkDelayMs`, default as fast as the socket takes them) until
 * sent or the client hangs up, or a dropped connection.
 */
export type ScriptedResponse =
  | { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  | { status: number; streamBytes: number; chunkDelayMs?: number }
  | { reset: true };

export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  apiKey: string | undefined;
  contentType: string | undefined;
  body: string;
  bodyBytes: Buffer;
}

/** Status sent when a request arrives with nothing left in the script: not retried by the client. */
export const UNSCRIPTED_STATUS = 418;

/** Chooses the answer to a request (see {@link FakeRedmineServer.respondWith}). */
export type Responder = (call: RecordedCall) => ScriptedResponse | undefined | Promise<ScriptedResponse | undefined>;

/**
 * An HTTP server on 127.0.0.1 that answers from a queue of scripted responses, in order,
 * and logs every request it receives so tests can assert exactly what the client sent.
 */
export class FakeRedmineServer {
  readonly calls: RecordedCall[] = [];
  /** Bytes of streamed bodies written so far. */
  bytesStreamed = 0;
  readonly #streams = new Set<Promise<void>>();
  readonly #queue: ScriptedResponse[] = [];
  #responder: Responder | undefined;
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #server: http.Server;
  #port = 0;

  private constructor() {
    this.#server = http.createServer((req, res) => this.#handle(req, res));
  }

  /** Starts listening on 127.0.0.1 (a free port unless `port` is given). */
  static async start(port = 0): Promise<FakeRedmineServer> {
    const fake = new FakeRedmineServer();
    await fake.listen(port);
    return fake;
  }

  /** A port nothing listens on right now (taken, then released). */
  static async freePort(): Promise<number> {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return port;
  }

  /** A server that is not listening yet; call {@link listen} later (refused-connection tests). */
  static idle(): FakeRedmineServer {
    return new FakeRedmineServer();
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    this.#port = (this.#server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  enqueue(...responses: ScriptedResponse[]): this {
    this.#queue.push(...responses);
    return this;
  }

  /**
   * Answers requests from a function of the request instead of the queue (when it returns
   * undefined, the queue answers). It may hold an answer back by returning a promise.
   */
  respondWith(responder: Responder): this {
    this.#responder = responder;
    return this;
  }

  /** Scripted responses not consumed yet. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Resolves when every streamed body has ended, sent in full or cut off. */
  async streamsDone(): Promise<void> {
    await Promise.all([...this.#streams]);
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    if (!this.#server.listening) return;
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const key = req.headers['x-redmine-api-key'];
      const call: RecordedCall = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        apiKey: typeof key === 'string' ? key : undefined,
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
        bodyBytes: Buffer.concat(chunks),
      };
      this.calls.push(call);
      const answer = this.#responder?.(call);
      if (answer instanceof Promise)
        void answer.then((held) => this.#answer(req, res, url, held ?? this.#queue.shift()));
      else this.#answer(req, res, url, answer ?? this.#queue.shift());
    });
  }

  #answer(req: http.IncomingMessage, res: http.ServerResponse, url: URL, next: ScriptedResponse | undefined): void {
    if (next === undefined) {
      res.writeHead(UNSCRIPTED_STATUS, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errors: [`unscripted request ${req.method} ${url.pathname}`] }));
      return;
    }
    if ('reset' in next) {
      req.socket.destroy();
      return;
    }
    if ('streamBytes' in next) {
      const streaming = this.#stream(res, next.status, next.streamBytes, next.chunkDelayMs);
      this.#streams.add(streaming);
      void streaming.finally(() => this.#streams.delete(streaming));
      return;
    }
    const send = (): void => {
      const body = next.body === undefined ? '' : typeof next.body === 'string' ? next.body : JSON.stringify(next.body);
      res.writeHead(next.status, { 'Content-Type': 'application/json; charset=utf-8', ...next.headers });
      res.end(body);
    };
    if (next.delayMs === undefined) {
      send();
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!res.destroyed) send();
    }, next.delayMs);
    this.#timers.add(timer);
  }

  async #stream(
    res: http.ServerResponse,
    status: number,
    totalBytes: number,
    chunkDelayMs: number | undefined,
  ): Promise<void> {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    let sent = 0;
    while (sent < totalBytes && !res.destroyed) {
      const part = chunk.subarray(0, Math.min(chunk.length, totalBytes - sent));
      const flushed = res.write(part);
      sent += part.length;
      this.bytesStreamed += part.length;
      if (chunkDelayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, chunkDelayMs));
      else if (!flushed)
        await new Promise<void>((resolve) => {
          const done = (): void => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
    }
    if (!res.destroyed) res.end();
  }
}
