import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readIssuesFile } from '../../src/io/read-issues-file';
import { issueDocument } from '../helpers/issue-builder';
import { msk } from '../helpers/instants';

const good = issueDocument({ key: 'GOOD-1', created: '2026-11-16 10:00' });

describe('reading history files', () => {
  const directory = mkdtempSync(join(tmpdir(), 'tariff-sla-'));

  test('A file that is not JSON is one problem naming the file and the parser error', () => {
    const path = join(directory, 'broken.json');
    writeFileSync(path, '{"issues": [');
    const parsed = readIssuesFile(path);
    expect(parsed.issues).toEqual([]);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0].code).toBe('json_syntax');
    expect(parsed.problems[0].message.startsWith(`${path} is not valid JSON: `)).toBe(true);
  });

  test('A directory given as the history file is a problem, not an exception', () => {
    const parsed = readIssuesFile(directory);
    expect(parsed.problems.map((problem) => problem.code)).toEqual(['file_unreadable']);
  });

  test('A missing history file is a problem, not an exception', () => {
    const parsed = readIssuesFile(join(directory, 'absent.json'));
    expect(parsed.problems.map((problem) => problem.code)).toEqual(['file_unreadable']);
    expect(parsed.problems[0].message).toContain('cannot read issues file');
  });

  test('A history file is read into issues with epoch instants', () => {
    const path = join(directory, 'issues.json');
    writeFileSync(path, JSON.stringify({ issues: [good] }));
    const parsed = readIssuesFile(path);
    expect(parsed.problems).toEqual([]);
    expect(parsed.issues.map((issue) => [issue.key, issue.createdAtMs, issue.sourceIndex])).toEqual([
      ['GOOD-1', msk('2026-11-16 10:00'), 0],
    ]);
  });
});
