import {
  RetryPolicy,
  backoffFloorMs,
  decideRetry,
  type FailureClass,
  type RetryEvent,
} from '../../src/http/retry-policy';

/** A failure as a scripted transport throws it. */
class ScriptedFailure extends Error {
  constructor(readonly failure: FailureClass) {
    super(`${failure.kind}${failure.retryAfterMs !== undefined ? ` after ${failure.retryAfterMs} ms` : ''}`);
  }
}

type Step = { ok: string } | FailureClass;

/** A transport that answers from a queue and logs each attempt it is asked to send. */
function scriptedTransport(...steps: Step[]) {
  const calls: number[] = [];
  return {
    calls,
    get pending() {
      return steps.length;
    },
    send: async (attempt: number): Promise<string> => {
      calls.push(attempt);
      const step = steps.shift();
      if (step === undefined) throw new Error('unscripted attempt');
      if ('ok' in step) return step.ok;
      throw new ScriptedFailure(step);
    },
  };
}

const classify = (error: unknown): FailureClass =>
  error instanceof ScriptedFailure ? error.failure : { kind: 'permanent' };

function harness(options: ConstructorParameters<typeof RetryPolicy>[0] = {}) {
  const sleeps: number[] = [];
  const retries: RetryEvent[] = [];
  const giveUps: RetryEvent[] = [];
  const policy = new RetryPolicy({
    retries: 3,
    baseDelayMs: 1,
    randomize: false,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  const run = (transport: ReturnType<typeof scriptedTransport>, idempotent: boolean) =>
    policy.run({
      send: transport.send,
      classify,
      idempotent,
      onRetry: (event) => retries.push(event),
      onGiveUp: (event) => giveUps.push(event),
    });
  return { policy, sleeps, retries, giveUps, run };
}

describe('RetryPolicy', () => {
  it('retries transient failures with doubling backoff until an answer comes', async () => {
    const { run, retries, sleeps } = harness();
    const transport = scriptedTransport({ kind: 'maybe_processed' }, { kind: 'not_processed' }, { ok: 'answer' });
    await expect(run(transport, true)).resolves.toBe('answer');
    expect(transport.calls).toEqual([1, 2, 3]);
    expect(retries.map((event) => [event.attempt, event.delayMs])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(sleeps).toEqual([]);
  });

  it('never repeats a non-idempotent request that may have been processed', async () => {
    const { run, giveUps } = harness();
    const transport = scriptedTransport({ kind: 'maybe_processed' }, { ok: 'posted twice' });
    await expect(run(transport, false)).rejects.toThrow('maybe_processed');
    expect(transport.calls).toEqual([1]);
    expect(transport.pending).toBe(1);
    expect(giveUps.map((event) => event.reason)).toEqual(['not_idempotent']);
  });

  it('repeats a non-idempotent request the server surely did not process', async () => {
    const { run } = harness();
    const transport = scriptedTransport({ kind: 'not_processed' }, { ok: 'posted once' });
    await expect(run(transport, false)).resolves.toBe('posted once');
    expect(transport.calls).toEqual([1, 2]);
  });

  it('never retries a permanent failure', async () => {
    const { run, giveUps, retries } = harness();
    const transport = scriptedTransport({ kind: 'permanent' }, { ok: 'unreached' });
    await expect(run(transport, true)).rejects.toThrow('permanent');
    expect(transport.calls).toEqual([1]);
    expect(retries).toEqual([]);
    expect(giveUps.map((event) => event.reason)).toEqual(['permanent']);
  });

  it('waits a Retry-After as a floor: it sleeps the part the backoff step does not cover', async () => {
    const { run, retries, sleeps } = harness({ baseDelayMs: 5 });
    const transport = scriptedTransport(
      { kind: 'not_processed', retryAfterMs: 50 },
      { kind: 'not_processed', retryAfterMs: 3 },
      { ok: 'answer' },
    );
    await expect(run(transport, true)).resolves.toBe('answer');
    expect(retries.map((event) => event.delayMs)).toEqual([50, 10]);
    expect(sleeps).toEqual([45]);
  });

  it('fails at once when the server asks for a longer wait than accepted', async () => {
    const { run, giveUps, sleeps } = harness({ maxRetryAfterMs: 1000 });
    const transport = scriptedTransport({ kind: 'not_processed', retryAfterMs: 3_600_000 }, { ok: 'unreached' });
    await expect(run(transport, true)).rejects.toThrow('after 3600000 ms');
    expect(transport.calls).toEqual([1]);
    expect(sleeps).toEqual([]);
    expect(giveUps.map((event) => event.reason)).toEqual(['retry_after_too_long']);
  });

  it('gives up with the last failure, not the most frequent one, once retries run out', async () => {
    const { run, giveUps } = harness({ retries: 2 });
    const transport = scriptedTransport(
      { kind: 'maybe_processed' },
      { kind: 'maybe_processed' },
      { kind: 'not_processed', retryAfterMs: 0 },
    );
    const error = await run(transport, true).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScriptedFailure);
    expect((error as ScriptedFailure).failure).toEqual({
      kind: 'not_processed',
      retryAfterMs: 0,
    });
    expect(transport.calls).toEqual([1, 2, 3]);
    expect(giveUps.map((event) => [event.attempt, event.reason])).toEqual([[3, 'retries_exhausted']]);
  });

  it('stops waiting when the signal aborts, but lets an attempt in flight finish', async () => {
    const controller = new AbortController();
    const { run, giveUps } = harness({
      baseDelayMs: 60_000,
      maxDelayMs: 60_000,
      signal: controller.signal,
    });
    const transport = scriptedTransport({ kind: 'not_processed' }, { ok: 'unreached' });
    const started = Date.now();
    const pending = run(transport, true);
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toThrow('not_processed');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(transport.calls).toEqual([1]);
    expect(giveUps).toEqual([]);

    const inFlight = new AbortController();
    const slow = harness({ signal: inFlight.signal });
    let release: (value: string) => void = () => undefined;
    const answer = slow.policy.run({
      send: () => new Promise<string>((resolve) => (release = resolve)),
      classify,
      idempotent: false,
    });
    inFlight.abort();
    release('written');
    await expect(answer).resolves.toBe('written');
  });
});

describe('decideRetry', () => {
  const settings = {
    retries: 3,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    maxRetryAfterMs: 120_000,
    randomize: false,
  };

  it('allows what is safe and names why the rest is refused', () => {
    expect(decideRetry({ kind: 'not_processed' }, false, settings)).toEqual({
      retry: true,
    });
    expect(decideRetry({ kind: 'maybe_processed' }, true, settings)).toEqual({
      retry: true,
    });
    expect(decideRetry({ kind: 'maybe_processed' }, false, settings)).toEqual({
      retry: false,
      reason: 'not_idempotent',
    });
    expect(decideRetry({ kind: 'permanent' }, true, settings)).toEqual({
      retry: false,
      reason: 'permanent',
    });
    expect(decideRetry({ kind: 'not_processed', retryAfterMs: 120_001 }, true, settings)).toEqual({
      retry: false,
      reason: 'retry_after_too_long',
    });
  });

  it('doubles the backoff floor per retry up to its cap', () => {
    expect([1, 2, 3, 7, 8].map((retry) => backoffFloorMs(retry, settings))).toEqual([500, 1000, 2000, 30_000, 30_000]);
  });
});
