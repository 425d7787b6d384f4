import { writeFileSync } from 'node:fs';
import { terminalSafe } from '../core/report/terminal-text';

/** Where the CLI writes and what time it thinks it is; injected so tests run without a real terminal or clock. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  nowMs: () => number;
  /** Environment variables (secrets such as API keys come from here, never from config files). */
  env: Record<string, string | undefined>;
  /** True when stdout is a terminal (progress bars, colours). */
  isTty: boolean;
}

/** Writes a line; to a terminal without escape sequences from the data (a key could otherwise clear the screen). */
function writeLine(stream: NodeJS.WriteStream, text: string): void {
  const line = text.endsWith('\n') ? text : `${text}\n`;
  stream.write(stream.isTTY ? terminalSafe(line) : line);
}

let quietOnClosedPipe = false;

/**
 * A reader that stops early (`tariff-sla evaluate --json | head`) closes the pipe: the rest of the
 * output is not wanted, so the process ends quietly instead of dying of EPIPE with a stack trace.
 */
function exitQuietlyOnClosedPipe(): void {
  if (quietOnClosedPipe) return;
  quietOnClosedPipe = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : 1);
    });
  }
}

/** The real process: stdout, stderr, the system clock. */
export function processIo(): CliIo {
  exitQuietlyOnClosedPipe();
  return {
    stdout: (text) => writeLine(process.stdout, text),
    stderr: (text) => writeLine(process.stderr, text),
    nowMs: () => Date.now(),
    env: process.env,
    isTty: Boolean(process.stdout.isTTY),
  };
}

/** Raised by a command for an expected failure: the message is shown as is, with no stack trace. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Why a file could not be written, in words, from Node's error code. */
function writeFailureReason(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'EISDIR') return 'it is a directory: name a file';
  if (code === 'ENOENT') return 'its folder does not exist: create it first';
  if (code === 'ENOTDIR') return 'a part of the path is a file, not a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'no space left on the device';
  if (code === 'EROFS') return 'the file system is read-only';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Writes `--out`; a path that cannot be written (a directory, a missing folder, no permission) is
 * bad usage with a message, never a stack trace.
 */
export function writeOutputFile(option: string, path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new CliFailure(`${option}: cannot write "${path}": ${writeFailureReason(error)}`, 2);
  }
}

/** True for an error Node raised for a system call (a file, a socket), as opposed to a bug. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && 'syscall' in error;
}
