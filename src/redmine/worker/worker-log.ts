import { redactSecret } from '../errors';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'logfmt';
export type LogFields = Record<string, unknown>;

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Structured log of the worker: one line per event, machine-readable, secrets redacted. */
export interface WorkerLog {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** Where and how the log is written. */
export interface WorkerLogOptions {
  write: (line: string) => void;
  format: LogFormat;
  /** Lowest level written. */
  level: LogLevel;
  /** Values never written, whatever field they end up in (the API key). */
  secrets: readonly string[];
  now: () => number;
}

function logfmtValue(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'null');
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text);
}

/**
 * A {@link WorkerLog} writing JSON lines (`{"ts":…,"level":"info","event":"cycle_end",…}`) or
 * logfmt (`ts=… level=info event=cycle_end writes=3`). Every line passes through redaction
 * after it is serialised, so a secret is removed wherever it hides (messages, nested errors).
 *
 * @example
 * const log = createWorkerLog({ write: (line) => process.stderr.write(`${line}\n`), format: 'json', level: 'info', secrets: [apiKey], now: Date.now });
 * log.info('cycle_end', { writes: 3, durationMs: 812 });
 */
export function createWorkerLog(options: WorkerLogOptions): WorkerLog {
  const emit = (level: LogLevel, event: string, fields: LogFields = {}): void => {
    if (RANK[level] < RANK[options.level]) return;
    const record: LogFields = { ts: new Date(options.now()).toISOString(), level, event, ...fields };
    let line =
      options.format === 'json'
        ? JSON.stringify(record)
        : Object.entries(record)
            .filter(([, value]) => value !== undefined)
            .map(([key, value]) => `${key}=${logfmtValue(value)}`)
            .join(' ');
    for (const secret of options.secrets) line = redactSecret(line, secret);
    options.write(line);
  };
  return {
    debug: (event, fields) => emit('debug', event, fields),
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
  };
}
