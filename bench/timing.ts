/** Keeps results alive so that the optimiser cannot drop the timed calls. */
let sink = 0;

/** The sum of every timed result so far; printing it proves the work was done. */
export function timingSink(): number {
  return sink;
}

/** Something to time: `operation(caseIndex)` for each of `caseCount` prepared cases. */
export interface TimedOperation {
  operation: (caseIndex: number) => number;
  caseCount: number;
}

const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Runs every case once, `passes` times over. */
function runPasses({ operation, caseCount }: TimedOperation, passes: number): void {
  for (let pass = 0; pass < passes; pass++) {
    for (let index = 0; index < caseCount; index++) sink += operation(index);
  }
}

/**
 * Operations per second of each operation, cycling over its prepared cases. Each gets a warm-up,
 * then `samples` rounds in which every operation runs for about `budgetMs / samples` (at least one
 * pass over its cases, so slow implementations still see every case). The rounds interleave the
 * operations so that they meet the same machine load, and the best sample of each counts because
 * other processes can only slow a sample down, never speed it up.
 *
 * @example
 * const [engine, peer] = compareOpsPerSecond([{ operation: engineAdd, caseCount: 32 }, { operation: peerAdd, caseCount: 32 }], 400);
 */
export function compareOpsPerSecond(operations: readonly TimedOperation[], budgetMs: number, samples = 7): number[] {
  // Warm-up sizes a batch of passes to about a millisecond, so reading the clock does not weigh on
  // fast operations, and gives the JIT a quarter of the budget to settle.
  const passesPerBatch = operations.map((timed) => {
    let passes = 1;
    const warmUntil = nowMs() + budgetMs / 4;
    do {
      const batchStart = nowMs();
      runPasses(timed, passes);
      if (nowMs() - batchStart < 1) passes *= 2;
    } while (nowMs() < warmUntil);
    return passes;
  });

  const best = operations.map(() => 0);
  for (let sample = 0; sample < samples; sample++) {
    operations.forEach((timed, index) => {
      let count = 0;
      let elapsed = 0;
      const started = nowMs();
      do {
        runPasses(timed, passesPerBatch[index]);
        count += passesPerBatch[index] * timed.caseCount;
        elapsed = nowMs() - started;
      } while (elapsed < budgetMs / samples);
      best[index] = Math.max(best[index], (count / elapsed) * 1000);
    });
  }
  return best;
}
