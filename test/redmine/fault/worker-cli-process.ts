import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'bin/tariff-sla.js');
const BUILT = join(ROOT, 'dist/src/cli/commands/redmine-command.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** `npm run build` when dist is missing or older than the sources (test-all.sh builds first). */
export function ensureBuilt(): Promise<void> {
  if (
    existsSync(BUILT) &&
    statSync(BUILT).mtimeMs >= newestSource(join(ROOT, 'src/redmine')) &&
    statSync(BUILT).mtimeMs >= newestSource(join(ROOT, 'src/cli'))
  ) {
    return Promise.resolve();
  }
  return new Promise((done, fail) => {
    execFile('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, timeout: 240_000 }, (error, stdout) => {
      // Type errors elsewhere in the tree still emit JavaScript; only a missing CLI is fatal.
      if (existsSync(BUILT) && statSync(BUILT).mtimeMs >= newestSource(join(ROOT, 'src/redmine'))) done();
      else fail(new Error(`npm run build failed: ${error?.message ?? ''}\n${stdout.slice(-2000)}`));
    });
  });
}

/** How a worker process ended, with everything it printed. */
export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  stdout: string;
}

/** Starts the built CLI's `redmine sync` with `args`, the key in REDMINE_API_KEY; killed after 90 s. */
export function startWorker(args: string[], apiKey: string): { child: ChildProcess; exited: Promise<WorkerExit> } {
  const child = spawn(process.execPath, [CLI, 'redmine', 'sync', ...args], {
    cwd: ROOT,
    env: { ...process.env, REDMINE_API_KEY: apiKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const exited = new Promise<WorkerExit>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`worker process did not finish in 90 s\n${stderr.slice(-3000)}`));
    }, 90_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stderr, stdout });
    });
  });
  return { child, exited };
}
