import type { CliIo } from '../../src/cli/cli-io';
import { runCli } from '../../src/cli/main';

/** What a CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `tariff-sla ARGS…` in-process with captured output and a fixed clock. */
export async function runTariffSla(args: string[], nowIso = '2026-12-01T10:00:00+03:00'): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text.endsWith('\n') ? text : `${text}\n`;
    },
    stderr: (text) => {
      stderr += text.endsWith('\n') ? text : `${text}\n`;
    },
    nowMs: () => Date.parse(nowIso),
    env: {},
    isTty: false,
  };
  const code = await runCli(['node', 'tariff-sla', ...args], io);
  return { code, stdout, stderr };
}

export const EXAMPLE_CATALOG = 'examples/catalog.yml';
export const EXAMPLE_ISSUES = 'examples/issues.json';
