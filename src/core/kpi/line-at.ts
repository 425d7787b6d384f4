import type { IssueHistory } from '../history/issue-history';

/** The issue's support line at an instant: its initial line, moved by `line` events up to then; null when none is known. */
export function lineAt(history: IssueHistory, atMs: number): string | null {
  let line = history.line ?? null;
  for (const event of history.events) {
    if (event.atMs > atMs) break;
    if (event.kind === 'line') line = event.to;
  }
  return line;
}
