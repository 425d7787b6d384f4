import type { ProjectIssueSource, ProjectIssues } from './project-issue-source';

/**
 * The issues of every project where a contract's requests can live, as one list (an issue read twice is
 * kept once) with their Jira ids and the project each was read from: the contract's statement is built by the core over all of them, never
 * by adding up per-project figures. One load per project.
 *
 * @example
 * await loadContractIssues(source, ['ALFA', 'DESK'], fromMs, toMs);
 */
export async function loadContractIssues(
  source: ProjectIssueSource,
  projectKeys: readonly string[],
  fromMs: number,
  toMs: number,
): Promise<ProjectIssues> {
  const issues: ProjectIssues['issues'] = [];
  const projectOfKey: Record<string, string> = {};
  const seen = new Set<string>();
  let idsByKey: Record<string, string> | undefined;
  for (const projectKey of projectKeys) {
    const loaded = await source.load(projectKey, fromMs, toMs);
    for (const issue of loaded.issues) {
      if (seen.has(issue.key)) continue;
      seen.add(issue.key);
      issues.push(issue);
      projectOfKey[issue.key] = projectKey;
    }
    if (loaded.idsByKey !== undefined) idsByKey = { ...idsByKey, ...loaded.idsByKey };
  }
  return idsByKey === undefined ? { issues, projectOfKey } : { issues, idsByKey, projectOfKey };
}
