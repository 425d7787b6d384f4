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

/** The real process: stdout, stderr, the system clock. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
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
