import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseYamlText } from '../../parsing/parse-yaml';
import { issuesFromZodError, type Validated } from '../../core/errors/validation-issue';
import { workerConfigSchema, type WorkerConfig } from './worker-config-schema';
import { systemErrorCode } from './error-code';

/**
 * Validates worker config text (YAML or JSON). Paths inside (`catalog`, `stateFile`,
 * `redmine.apiKey.file`) are made absolute against `baseDir`, so the worker does not depend on
 * the directory it was started from.
 *
 * @example
 * const result = parseWorkerConfigText(text, '/etc/tariff-sla');
 * if (!result.ok) console.error(formatIssues(result.issues));
 */
export function parseWorkerConfigText(text: string, baseDir: string): Validated<WorkerConfig> {
  const yaml = parseYamlText(text);
  if (!yaml.ok) return yaml;
  const parsed = workerConfigSchema.safeParse(yaml.value);
  if (!parsed.success) return { ok: false, issues: issuesFromZodError(parsed.error) };
  const config = parsed.data;
  const absolute = (path: string): string => (isAbsolute(path) ? path : resolve(baseDir, path));
  const apiKey =
    'file' in config.redmine.apiKey ? { file: absolute(config.redmine.apiKey.file) } : config.redmine.apiKey;
  return {
    ok: true,
    value: {
      ...config,
      catalog: absolute(config.catalog),
      stateFile: absolute(config.stateFile),
      redmine: { ...config.redmine, apiKey },
    },
  };
}

/** Reads and validates a worker config file; an unreadable file is an issue, not an exception. */
export function readWorkerConfigFile(path: string): Validated<WorkerConfig> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = systemErrorCode(error) === 'ENOENT' ? 'file not found' : String(error);
    return {
      ok: false,
      issues: [{ code: 'file_unreadable', path: [], message: `cannot read worker config ${path}: ${reason}` }],
    };
  }
  return parseWorkerConfigText(text, dirname(resolve(path)));
}
