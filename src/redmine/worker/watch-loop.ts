import type { CycleReport } from './redmine-sync-worker';

/** What the loop runs and how it waits; all injected so tests drive it without real time. */
export interface WatchLoopOptions {
  runCycle: () => Promise<CycleReport>;
  intervalMs: number;
  /** Resolves after `ms`, or earlier once `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  signal: AbortSignal;
  /** Stop after this many cycles (tests); unbounded when omitted: a service runs until stopped. */
  maxCycles?: number;
  clock: () => number;
}

/**
 * Runs cycles until the signal aborts: each cycle starts `intervalMs` after the previous one
 * started (or at once when a cycle took longer). An outage does not stop the loop: the next
 * cycle simply tries again. A rejected key, a missing right (`auth`) or a config that does not
 * match Redmine (`config`) does: no retry can fix them. Resolves with the last cycle's report.
 *
 * @example
 * await runWatchLoop({ runCycle: () => worker.runCycle({ nowMs: Date.now(), signal }), intervalMs: 60_000, sleep: abortableSleep, signal, clock: Date.now });
 */
export async function runWatchLoop(options: WatchLoopOptions): Promise<CycleReport | undefined> {
  let last: CycleReport | undefined;
  for (let cycle = 0; options.maxCycles === undefined || cycle < options.maxCycles; cycle++) {
    if (options.signal.aborted) break;
    const startedMs = options.clock();
    last = await options.runCycle();
    if (last.outcome === 'auth' || last.outcome === 'config') break;
    if (options.signal.aborted || (options.maxCycles !== undefined && cycle + 1 >= options.maxCycles)) break;
    await options.sleep(Math.max(0, startedMs + options.intervalMs - options.clock()), options.signal);
  }
  return last;
}
