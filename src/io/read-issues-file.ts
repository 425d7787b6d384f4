import type { ParsedIssues } from '../core/history/issue-history';
import { parseIssuesText } from '../parsing/parse-issues-text';
import { readTextFile } from './read-text-file';

/**
 * Reads a history file (`{"issues": [...]}`); an unreadable file or bad JSON is a problem like any
 * other, named with the file and the position, never an exception.
 *
 * @example
 * const { issues, problems } = readIssuesFile('examples/issues.json');
 */
export function readIssuesFile(path: string): ParsedIssues {
  const read = readTextFile(path, 'issues file');
  if (!read.ok) return { issues: [], problems: [read.issue] };
  return parseIssuesText(read.text, path);
}
