import { SingleBar } from 'cli-progress';
import type { SyncProgress } from './redmine-sync-worker';

/** Below this many issues a cycle is quick and a bar would only flicker. */
const MIN_TOTAL = 200;

const LABEL: Record<SyncProgress['phase'], string> = {
  list: 'listing changes',
  read: 'reading journals',
  write: 'writing issues',
};

/**
 * A progress bar for long cycles (the first backfill over thousands of issues) on a terminal.
 * Returns the progress callback for the worker and a `stop` for the end of the cycle.
 *
 * @example
 * const progress = terminalProgress(process.stdout);
 * new RedmineSyncWorker({ …, onProgress: progress.update });
 */
export function terminalProgress(stream: NodeJS.WritableStream): {
  update: (progress: SyncProgress) => void;
  stop: () => void;
} {
  let bar: SingleBar | undefined;
  let phase: SyncProgress['phase'] | undefined;
  const stop = (): void => {
    bar?.stop();
    bar = undefined;
    phase = undefined;
  };
  return {
    update: (progress) => {
      if (progress.total < MIN_TOTAL) return;
      if (phase !== progress.phase || bar === undefined) {
        stop();
        phase = progress.phase;
        bar = new SingleBar(
          {
            stream,
            format: `${LABEL[progress.phase]} [{bar}] {value}/{total} {percentage}% eta {eta}s`,
            hideCursor: true,
            clearOnComplete: false,
          },
          undefined,
        );
        bar.start(progress.total, 0);
      }
      bar.setTotal(progress.total);
      bar.update(progress.done);
      if (progress.done >= progress.total) stop();
    },
    stop,
  };
}
