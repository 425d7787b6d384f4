import { readFileSync } from 'node:fs';
import type { ValidationIssue } from '../core/errors/validation-issue';

/**
 * Reads a UTF-8 file; a missing or unreadable file is a `file_unreadable` problem naming `what`
 * and the path, never an exception.
 *
 * @example
 * const read = readTextFile('catalog.yml', 'catalog');
 * if (!read.ok) console.error(read.issue.message); // cannot read catalog catalog.yml: file not found
 */
export function readTextFile(
  path: string,
  what: string,
): { ok: true; text: string } | { ok: false; issue: ValidationIssue } {
  try {
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (error) {
    // Checked by `code` alone: errors from another realm (a test sandbox) fail `instanceof Error`.
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'a directory, not a file' : String(error);
    return {
      ok: false,
      issue: {
        code: 'file_unreadable',
        path: [],
        message: `cannot read ${what} ${path}: ${reason}`,
      },
    };
  }
}
