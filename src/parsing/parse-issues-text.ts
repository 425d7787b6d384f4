import { duplicateJsonKeys } from '../core/errors/duplicate-json-keys';
import { parseIssueHistories, type ParsedIssues } from '../core/history/issue-history';

/**
 * Parses the text of a history file (`{"issues": [...]}`): bad JSON is a problem named with
 * `source` and the position, never an exception; the valid issues are kept beside the problems
 * of the others.
 *
 * @example
 * const { issues, problems } = parseIssuesText('{"issues": []}', 'issues.json');
 */
export function parseIssuesText(text: string, source: string): ParsedIssues {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return {
      issues: [],
      problems: [
        {
          code: 'json_syntax',
          path: [],
          message: `${source} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    };
  }
  const parsed = parseIssueHistories(document);
  // JSON.parse keeps the last of two equal keys without a word: each repeat is reported.
  const duplicates = duplicateJsonKeys(text);
  return duplicates.length === 0 ? parsed : { issues: parsed.issues, problems: [...duplicates, ...parsed.problems] };
}
