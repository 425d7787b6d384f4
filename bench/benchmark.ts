/**
 * A benchmark that `bench/run.ts` finds and runs: any module in bench/ exporting `benchmark`.
 *
 * @example
 * export const benchmark: Benchmark = { name: 'calendar-peers', description: 'BusinessCalendar against peers', run: runCalendarPeers };
 */
export interface Benchmark {
  /** Short name, also the filter accepted by `node dist/bench/run.js <name>`. */
  name: string;
  description: string;
  /** Prints its own report; sets `process.exitCode` when a check fails. */
  run(): void | Promise<void>;
}

/** True when a module export is a benchmark (the runner loads every module of the folder). */
export function isBenchmark(value: unknown): value is Benchmark {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Benchmark>;
  return typeof candidate.name === 'string' && typeof candidate.run === 'function';
}
