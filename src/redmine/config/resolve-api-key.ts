import { readFileSync } from 'node:fs';
import type { Validated } from '../../core/errors/validation-issue';
import type { ApiKeySource } from './worker-config-schema';
import { systemErrorCode } from './error-code';

/** How the key is looked up; injected so tests need neither a real environment nor files. */
export interface ApiKeyLookup {
  env: Record<string, string | undefined>;
  readFile?: (path: string) => string;
}

/**
 * The API key named by the config: an environment variable or the first line of a file. The
 * key never appears in the problems reported, only where it was looked for.
 *
 * @example
 * const key = resolveApiKey({ env: 'REDMINE_API_KEY' }, { env: process.env });
 * if (!key.ok) console.error(formatIssues(key.issues));
 */
export function resolveApiKey(source: ApiKeySource, lookup: ApiKeyLookup): Validated<string> {
  if ('env' in source) {
    const value = lookup.env[source.env]?.trim() ?? '';
    if (value === '') {
      return {
        ok: false,
        issues: [
          {
            code: 'api_key_missing',
            path: ['redmine', 'apiKey', 'env'],
            message: `environment variable ${source.env} is not set or empty: export the Redmine API key in it (My account → API access key)`,
          },
        ],
      };
    }
    return { ok: true, value };
  }
  const readFile = lookup.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  let text: string;
  try {
    text = readFile(source.file);
  } catch (error) {
    const reason = systemErrorCode(error) === 'ENOENT' ? 'file not found' : 'file unreadable';
    return {
      ok: false,
      issues: [
        {
          code: 'api_key_missing',
          path: ['redmine', 'apiKey', 'file'],
          message: `cannot read the API key file ${source.file}: ${reason}`,
        },
      ],
    };
  }
  const value = text.split(/\r?\n/)[0].trim();
  if (value === '') {
    return {
      ok: false,
      issues: [
        {
          code: 'api_key_missing',
          path: ['redmine', 'apiKey', 'file'],
          message: `the API key file ${source.file} is empty`,
        },
      ],
    };
  }
  return { ok: true, value };
}
