import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { formatIssues, issuesFromZodError } from '../../core/errors/validation-issue';
import { emptyWorkerState, workerStateSchema, type WorkerState } from './worker-state-schema';
import { systemErrorCode } from '../config/error-code';

/** The state read at start-up, and why it was not usable when it was not. */
export interface LoadedWorkerState {
  state: WorkerState;
  /** Set when a file existed but was dropped (corrupt, other version, other Redmine): a full resync follows. */
  warning?: string;
  /** False when no file existed (first run). */
  found: boolean;
}

/**
 * Reads the worker's state file. A missing file is a first run; a corrupt, foreign or outdated
 * one is reported in `warning` and replaced by an empty state. That costs a full resync but
 * never a duplicate escalation: escalations done are recorded in Redmine itself.
 *
 * @example
 * const { state, warning } = readWorkerState('/var/lib/tariff-sla/state.json', 'https://redmine.example.com');
 * if (warning) log.warn('state_dropped', { reason: warning });
 */
export function readWorkerState(path: string, redmineUrl: string): LoadedWorkerState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (systemErrorCode(error) === 'ENOENT') return { state: emptyWorkerState(redmineUrl), found: false };
    return {
      state: emptyWorkerState(redmineUrl),
      found: true,
      warning: `cannot read state file ${path} (${String(error)}); starting a full resync`,
    };
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return {
      state: emptyWorkerState(redmineUrl),
      found: true,
      warning: `state file ${path} is not valid JSON (${error instanceof Error ? error.message : String(error)}); starting a full resync`,
    };
  }
  const parsed = workerStateSchema.safeParse(document);
  if (!parsed.success) {
    const problems = formatIssues(issuesFromZodError(parsed.error).slice(0, 3));
    return {
      state: emptyWorkerState(redmineUrl),
      found: true,
      warning: `state file ${path} does not match this worker's format (${problems.replace(/\n/g, '; ')}); starting a full resync`,
    };
  }
  if (parsed.data.redmineUrl !== redmineUrl) {
    return {
      state: emptyWorkerState(redmineUrl),
      found: true,
      warning: `state file ${path} belongs to ${parsed.data.redmineUrl}, not ${redmineUrl}; starting a full resync`,
    };
  }
  return { state: parsed.data, found: true };
}

/**
 * Writes the state atomically and durably: a temporary file in the same folder with a name of its
 * own (pid and a random part: two containers both running as pid 1 on a shared volume do not
 * collide), flushed to disk, renamed over the state file, and the folder flushed too. A crash or a
 * power cut leaves the old file or the new one, never half of one.
 */
export function writeWorkerState(path: string, state: WorkerState): void {
  const folder = dirname(path);
  mkdirSync(folder, { recursive: true });
  const temporary = join(folder, `.${basename(path)}.${process.pid}.${randomUUID()}.tmp`);
  try {
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(fd, JSON.stringify(state));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncFolder(folder);
}

/** Makes the rename itself durable; folders cannot be flushed everywhere (some file systems refuse), which is not an error. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported here: the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
