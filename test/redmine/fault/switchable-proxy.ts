import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** An answer the proxy gives itself instead of forwarding (the request never reaches Redmine). */
export interface InjectedAnswer {
  /** Never answered: the request hangs until the proxy is switched off (a worker killed mid-request). */
  hang?: boolean;
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

/** A request the proxy saw, and what became of it. */
export interface ProxiedRequest {
  method: string;
  path: string;
  /** Forwarded to Redmine, answered by an injection, or cut off (proxy switched off, upstream failure). */
  outcome: 'forwarded' | 'injected' | 'failed';
  status?: number;
}

/** Decides per request: an injected answer, or undefined to forward it. */
export type Injector = (request: { method: string; path: string; seen: number }) => InjectedAnswer | undefined;

/**
 * An HTTP proxy on 127.0.0.1 in front of the real Redmine, for fault tests: it can be switched
 * off (the port refuses connections, open sockets are cut), answer some requests itself (429,
 * 503, garbage) and counts what it forwarded, so tests assert how many writes reached Redmine.
 */
export class SwitchableProxy {
  readonly requests: ProxiedRequest[] = [];
  inject: Injector | undefined;
  /** Called after each forwarded answer has been sent to the client. */
  onForwarded: ((request: ProxiedRequest) => void) | undefined;
  readonly #target: URL;
  readonly #sockets = new Set<Socket>();
  readonly #agent = new http.Agent({ keepAlive: true });
  #server: http.Server | undefined;
  #port = 0;

  private constructor(target: string) {
    this.#target = new URL(target);
  }

  static async start(target: string): Promise<SwitchableProxy> {
    const proxy = new SwitchableProxy(target);
    await proxy.switchOn();
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  get isOn(): boolean {
    return this.#server !== undefined;
  }

  /** Successful writes (PUT/POST/DELETE answered 2xx) that reached Redmine. */
  get forwardedWrites(): number {
    return this.requests.filter(
      (request) => request.outcome === 'forwarded' && request.method !== 'GET' && (request.status ?? 0) < 300,
    ).length;
  }

  /** Listens again, on the same port after the first time. */
  async switchOn(): Promise<void> {
    if (this.#server) return;
    const server = http.createServer((req, res) => this.#handle(req, res));
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** Stops listening and cuts every open connection: Redmine looks down. */
  async switchOff(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.#sockets) socket.destroy();
    await closed;
  }

  async close(): Promise<void> {
    await this.switchOff();
    this.#agent.destroy();
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const record: ProxiedRequest = { method, path, outcome: 'failed' };
      this.requests.push(record);
      const injected = this.inject?.({ method, path, seen: this.requests.length });
      if (injected) {
        record.outcome = 'injected';
        record.status = injected.status;
        if (injected.hang) return;
        res.writeHead(injected.status, { 'Content-Type': 'application/json; charset=utf-8', ...injected.headers });
        res.end(injected.body ?? '');
        return;
      }
      const headers = { ...req.headers, host: this.#target.host };
      const upstream = http.request(
        {
          host: this.#target.hostname,
          port: this.#target.port,
          method,
          path: req.url,
          headers,
          agent: this.#agent,
          timeout: 30_000,
        },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('end', () => {
            record.outcome = 'forwarded';
            record.status = answer.statusCode;
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(body), () => this.onForwarded?.(record));
          });
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.on('timeout', () => upstream.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  }
}

/**
 * A fresh proxy in front of `target()` for every test of the enclosing describe block (started in
 * `beforeEach`, closed in `afterEach`); the returned function gives the current test's proxy.
 */
export function useProxyPerTest(target: () => string): () => SwitchableProxy {
  let proxy: SwitchableProxy | undefined;
  beforeEach(async () => {
    proxy = await SwitchableProxy.start(target());
  });
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });
  return () => {
    if (!proxy) throw new Error('the proxy is started per test: use it inside a test');
    return proxy;
  };
}
