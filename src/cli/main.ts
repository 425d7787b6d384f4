import { Command, CommanderError } from 'commander';
import { CliFailure, processIo, type CliIo } from './cli-io';
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

/**
 * Runs the CLI and resolves to its exit code: 0 done, 1 bad input (every problem named by path),
 * 2 bad usage. Expected failures print a message, never a stack trace.
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
    io.stderr(`tariff-sla: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 70;
  }
}
