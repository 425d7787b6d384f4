import { createHash, randomUUID } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeSync,
  fsyncSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { systemErrorCode } from '../config/error-code';

/** Who holds a lock, as written in the lock file. */
export const lockOwnerSchema = z
  .object({
    pid: z.number().int(),
    host: z.string(),
    /** Unique per process start, so a recycled pid on the same host is not taken for the owner. */
    token: z.string(),
    startedAtMs: z.number().int(),
  })
  .strict();
export type LockOwner = z.infer<typeof lockOwnerSchema>;

/** Where and how long: every parameter with an effect outside memory is injected. */
export interface InstanceLockOptions {
  /** Folder of the lock files (the state file's folder, shared by every worker of this deployment). */
  dir: string;
  redmineUrl: string;
  /** Synced project keys; one lock file per project, so overlapping project sets also exclude each other. */
  projects: readonly string[];
  /** A lock not refreshed for this long is stale (its holder hung or its host died). */
  staleMs: number;
  clock: () => number;
  host?: string;
  pid?: number;
  /** Whether a pid on this host is alive; `process.kill(pid, 0)` by default. */
  isAlive?: (pid: number) => boolean;
}

/** A held lock: refresh it while working (a timer does), release it when done. */
export interface HeldLock {
  paths: string[];
  refresh: () => void;
  release: () => void;
}

export type LockAttempt =
  { ok: true; lock: HeldLock } | { ok: false; path: string; holder: LockOwner | undefined; message: string };

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return systemErrorCode(error) === 'EPERM';
  }
}

/** The lock file of one project of one Redmine, in `dir`. */
export function lockPath(dir: string, redmineUrl: string, project: string): string {
  const digest = createHash('sha256')
    .update(`${redmineUrl.replace(/\/+$/, '')}\n${project}`)
    .digest('hex')
    .slice(0, 16);
  return join(dir, `.tariff-sla-redmine-${digest}.lock`);
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const parsed = lockOwnerSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function describe(holder: LockOwner | undefined, path: string): string {
  if (!holder) return `another worker holds ${path}`;
  return `another worker (pid ${holder.pid} on ${holder.host}, since ${new Date(holder.startedAtMs).toISOString()}) syncs the same Redmine project and holds ${path}`;
}

/**
 * A single-instance lock for the worker: one lock file per synced project of a Redmine, in the
 * state file's folder, holding its owner (pid, host, a per-start token). A second worker for the
 * same Redmine and any of the same projects finds the lock held and is told by whom. A lock whose
 * owner is a dead process on this host, or that was not refreshed for `staleMs` (a host gone,
 * a hung process), is taken over. Files are created with O_EXCL, so two starters cannot both win.
 *
 * @example
 * const attempt = acquireInstanceLock({ dir: dirname(config.stateFile), redmineUrl, projects, staleMs: 600_000, clock: Date.now });
 * if (!attempt.ok) { console.error(attempt.message); process.exit(5); }
 */
export function acquireInstanceLock(options: InstanceLockOptions): LockAttempt {
  mkdirSync(options.dir, { recursive: true });
  const owner: LockOwner = {
    pid: options.pid ?? process.pid,
    host: options.host ?? hostname(),
    token: randomUUID(),
    startedAtMs: options.clock(),
  };
  const isAlive = options.isAlive ?? processAlive;
  const paths = [
    ...new Set(options.projects.map((project) => lockPath(options.dir, options.redmineUrl, project))),
  ].sort();
  const held: string[] = [];
  const release = (): void => {
    for (const path of held.splice(0)) {
      if (readOwner(path)?.token === owner.token) rmSync(path, { force: true });
    }
  };
  for (const path of paths) {
    const taken = takeOne(path, owner, options, isAlive);
    if (taken !== true) {
      release();
      return { ok: false, path, holder: taken, message: describe(taken, path) };
    }
    held.push(path);
  }
  const refresh = (): void => {
    const nowSeconds = options.clock() / 1000;
    for (const path of held) {
      try {
        utimesSync(path, nowSeconds, nowSeconds);
      } catch {
        // Gone (removed by hand): the next start takes it again.
      }
    }
  };
  return { ok: true, lock: { paths: [...held], refresh, release } };
}

/** true when taken; otherwise the live holder. */
function takeOne(
  path: string,
  owner: LockOwner,
  options: InstanceLockOptions,
  isAlive: (pid: number) => boolean,
): true | LockOwner | undefined {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(owner));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return true;
    } catch (error) {
      if (systemErrorCode(error) !== 'EEXIST') throw error;
    }
    const holder = readOwner(path);
    let ageMs: number;
    try {
      ageMs = options.clock() - statSync(path).mtimeMs;
    } catch {
      continue; // released meanwhile: try again
    }
    const deadHere = holder !== undefined && holder.host === owner.host && !isAlive(holder.pid);
    if (!deadHere && ageMs < options.staleMs) return holder;
    // Stale: take it over. Another starter doing the same at once loses on O_EXCL above.
    rmSync(path, { force: true });
  }
  return readOwner(path);
}

/** The folder of the state file: where the lock files live. */
export function lockDirOf(stateFile: string): string {
  return dirname(stateFile);
}
