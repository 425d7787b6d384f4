/**
 * A local stand-in for the messengers, on 127.0.0.1: the Telegram Bot API (`POST /bot<token>/sendMessage`),
 * Slack incoming webhooks (`POST /slack/<path>`, answering `ok`) and Teams incoming webhooks
 * (`POST /teams/<path>`, answering 202). Each route answers from a scripted queue (429 with
 * `Retry-After` or Telegram's `parameters.retry_after`, 5xx, 4xx, a dropped connection), then 200;
 * only a message answered with success is recorded as posted.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';

/** One scripted answer of a route. */
export type ScriptedAnswer =
  | { status: 429; retryAfterSeconds: number; via?: 'header' | 'telegram' }
  | { status: number; body?: string }
  | { drop: true; afterPosting?: boolean };

/** A message the receiver accepted. */
export interface PostedMessage {
  readonly route: 'telegram' | 'slack' | 'teams';
  readonly path: string;
  readonly body: Record<string, unknown>;
}

/** Every request that reached the receiver, answered or not. */
export interface ReceivedRequest {
  readonly route: string;
  readonly path: string;
  readonly status: number;
}

export interface MessengerReceiver {
  readonly url: string;
  /** The Telegram bot token the receiver accepts. */
  readonly telegramToken: string;
  /** Queues answers for a route key: `telegram`, `slack/<path>`, `teams/<path>`. */
  script(routeKey: string, ...answers: ScriptedAnswer[]): void;
  readonly posted: PostedMessage[];
  readonly requests: ReceivedRequest[];
  close(): Promise<void>;
}

function routeOf(path: string, token: string): { route: PostedMessage['route']; key: string } | { error: number } {
  const telegram = /^\/bot([^/]+)\/sendMessage$/.exec(path);
  if (telegram) return telegram[1] === token ? { route: 'telegram', key: 'telegram' } : { error: 401 };
  const webhook = /^\/(slack|teams)\/([A-Za-z0-9/_-]+)$/.exec(path);
  if (webhook) return { route: webhook[1] === 'slack' ? 'slack' : 'teams', key: `${webhook[1]}/${webhook[2]}` };
  return { error: 404 };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : null;
  } catch {
    return null;
  }
}

function success(response: ServerResponse, route: PostedMessage['route'], count: number): void {
  if (route === 'telegram') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ ok: true, result: { message_id: count, date: 0 } }));
  } else if (route === 'slack') {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('ok');
  } else {
    response.writeHead(202);
    response.end();
  }
}

function failure(response: ServerResponse, route: PostedMessage['route'], answer: ScriptedAnswer): void {
  if ('drop' in answer) return;
  if ('retryAfterSeconds' in answer) {
    if (route === 'telegram' && answer.via === 'telegram') {
      response.writeHead(429, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          ok: false,
          error_code: 429,
          description: `Too Many Requests: retry after ${answer.retryAfterSeconds}`,
          parameters: { retry_after: answer.retryAfterSeconds },
        }),
      );
      return;
    }
    response.writeHead(429, { 'retry-after': String(answer.retryAfterSeconds), 'content-type': 'text/plain' });
    response.end('rate_limited');
    return;
  }
  if (route === 'telegram') {
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ ok: false, error_code: answer.status, description: answer.body ?? 'Error' }));
    return;
  }
  response.writeHead(answer.status, { 'content-type': 'text/plain' });
  response.end(answer.body ?? 'error');
}

/**
 * @example
 * const receiver = await startMessengerReceiver();
 * receiver.script('telegram', { status: 429, retryAfterSeconds: 2 }, { status: 502 });
 * // … send; then receiver.posted has the one message that got through
 */
export async function startMessengerReceiver(
  telegramToken = '123456:TEST-token_abcdefghijklmnopqrstuvwxyz',
): Promise<MessengerReceiver> {
  const queues = new Map<string, ScriptedAnswer[]>();
  const posted: PostedMessage[] = [];
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      const text = await readBody(request);
      const route = routeOf(path, telegramToken);
      if ('error' in route || request.method !== 'POST') {
        const status = 'error' in route ? route.error : 405;
        requests.push({ route: 'unknown', path, status });
        response.writeHead(status);
        response.end();
        return;
      }
      const body = parseJson(text);
      if (body === null) {
        requests.push({ route: route.route, path, status: 400 });
        response.writeHead(400);
        response.end('invalid_payload');
        return;
      }
      const answer = queues.get(route.key)?.shift();
      if (answer !== undefined && 'drop' in answer) {
        requests.push({ route: route.route, path, status: 0 });
        if (answer.afterPosting) posted.push({ route: route.route, path, body });
        request.socket.destroy();
        return;
      }
      if (answer !== undefined && !('status' in answer && answer.status >= 200 && answer.status < 300)) {
        requests.push({ route: route.route, path, status: 'status' in answer ? answer.status : 429 });
        failure(response, route.route, answer);
        return;
      }
      posted.push({ route: route.route, path, body });
      requests.push({ route: route.route, path, status: 200 });
      success(response, route.route, posted.length);
    })();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    telegramToken,
    script: (routeKey, ...answers) => queues.set(routeKey, [...(queues.get(routeKey) ?? []), ...answers]),
    posted,
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
