import { Command, CommanderError } from 'commander';
import { CliFailure, isSystemError, processIo, type CliIo } from './cli-io';
import { registerCheckConfigCommand } from './commands/check-config-command';
import { registerEvaluateCommand } from './commands/evaluate-command';
import { registerExplainCommand } from './commands/explain-command';
import { registerSchemaCommand } from './commands/schema-command';
import { registerReportCommand } from './commands/report-command';
import { registerAdviseCommand } from './commands/advise-command';
import { registerRedmineCommand } from './commands/redmine-command';

/** Builds the `tariff-sla` program; each command registers itself from its own file. */
export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('tariff-sla')
    .description('Tariff-aware SLA clocks, escalations and hour statements for IT-support contracts')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) });
  registerEvaluateCommand(program, io, setExitCode);
  registerExplainCommand(program, io);
  registerCheckConfigCommand(program, io, setExitCode);
  registerSchemaCommand(program, io);
  registerReportCommand(program, io, setExitCode);
  registerAdviseCommand(program, io, setExitCode);
  registerRedmineCommand(program, io, setExitCode);
  return program;
}

/** Exit codes: done, bad input (every problem named by path), bad usage, and a bug of tariff-sla itself. */
export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_BAD_USAGE = 2;
export const EXIT_BUG = 70;

/**
 * Runs the CLI and resolves to its exit code: 0 done, 1 bad input (every problem named by path),
 * 2 bad usage, 70 a bug of tariff-sla (with a request to report it). This is the CLI's one error
 * boundary: every failure ends here as a message and a code, never as a stack trace.
 */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = Math.max(exitCode, code);
  });
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CliFailure) {
      io.stderr(`tariff-sla: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (isSystemError(error)) {
      io.stderr(`tariff-sla: ${error.message}`);
      return 1;
    }
    // Anything else is a bug of tariff-sla, not of the input: say so once, without a stack trace
    // (set TARIFF_SLA_DEBUG=1 to see it).
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.stderr(
      `tariff-sla: internal error (${detail})\nThis is a bug in tariff-sla, not in your input. Please report it with the command you ran and, if you can, the input files.` +
        (io.env.TARIFF_SLA_DEBUG && error instanceof Error && error.stack ? `\n${error.stack}` : ''),
    );
    return EXIT_BUG;
  }
}
