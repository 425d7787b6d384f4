import { join } from 'node:path';
import type { CliIo } from '../../src/cli/cli-io';
import { runCli } from '../../src/cli/main';

/** What one CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export const FIXTURES = join(__dirname, '..', 'fixtures', 'cli');

/** A fixture file under test/fixtures/cli. */
export function fixture(name: string): string {
  return join(FIXTURES, name);
}

/**
 * Runs `tariff-sla ARGS` in-process with captured output and a fixed clock
 * (2026-11-20T15:00:00+03:00 unless told otherwise), as the binary would run it.
 */
export async function runTariffSla(args: string[], nowMs = Date.parse('2026-11-20T15:00:00+03:00')): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = {
    stdout: (text) => stdout.push(text),
    stderr: (text) => stderr.push(text),
    nowMs: () => nowMs,
    env: {},
    isTty: false,
  };
  const code = await runCli(['node', 'tariff-sla', ...args], io);
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

/** The files a command reads: the catalog (`--config`) and the issue histories (`--issues`). */
export interface CliInputs {
  readonly config: string;
  readonly issues: string;
}

/** Runs `tariff-sla COMMAND --config … --issues … OPTIONS…`: the set-up the command tests share. */
export function runOnInputs(command: string, inputs: CliInputs, options: readonly string[] = []): Promise<CliRun> {
  return runTariffSla([command, '--config', inputs.config, '--issues', inputs.issues, ...options]);
}

/** True when text looks like a JavaScript stack trace ("    at fn (file:line:col)"). */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+:\d+:\d+\)?/.test(text);
}
