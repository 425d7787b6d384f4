import { readFileSync } from 'node:fs';
import { duplicateJsonKeys } from '../core/errors/duplicate-json-keys';
import { parseIssueHistories, type ParsedIssues } from '../core/history/issue-history';

/**
 * Reads a history file (`{"issues": [...]}`); an unreadable file or bad JSON is a problem like any
 * other, named with the file and the position, never an exception.
 */
export function readIssuesFile(path: string): ParsedIssues {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    // Checked by `code` alone: errors from another realm (a test sandbox) fail `instanceof Error`.
    const reason = typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT' ? 'file not found' : String(error);
    return { issues: [], problems: [{ code: 'file_unreadable', path: [], message: `cannot read issues file ${path}: ${reason}` }] };
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { issues: [], problems: [{ code: 'json_syntax', path: [], message: `${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const parsed = parseIssueHistories(document);
  const duplicates = duplicateJsonKeys(text);
  return duplicates.length === 0 ? parsed : { issues: parsed.issues, problems: [...duplicates, ...parsed.problems] };
}
