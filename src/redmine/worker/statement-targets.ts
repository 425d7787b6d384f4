import type { WorkerConfig } from '../config/worker-config-schema';
import { syncedAncestor } from './contract-of-issue';
import type { RedmineDirectory, SyncedProject } from './redmine-directory';
import type { CachedIssue } from './worker-state-schema';

/** One contract's statement: the synced projects its time is logged in, and the project whose wiki gets the page. */
export interface StatementTarget {
  contractId: string;
  /** The projects bound to it, then the synced projects holding its issues (shared desks), in config order. */
  projects: SyncedProject[];
  /** Identifier or id of the project whose wiki receives the page. */
  wikiProject: string | number;
}

/**
 * The contracts that get a statement and where: every contract bound under `contracts`, and every
 * contract the `contractRules` name (or default to) once it has issues. A bound contract's page goes
 * to its `wikiProject` (else its first project); a contract reached only through the rules goes to
 * the wiki of the first synced project, in config order, that holds one of its issues — the shared
 * desk. A contract with no synced project and no issue gets no page.
 *
 * @example
 * statementTargets(config, directory, (id) => cachedIssuesOf(id));
 * // [{ contractId: 'client-d', projects: [omega], wikiProject: 'omega' }, { contractId: 'client-a', projects: [omega], wikiProject: 'omega' }]
 */
export function statementTargets(
  config: WorkerConfig,
  directory: RedmineDirectory,
  issuesOf: (contractId: string) => readonly CachedIssue[],
): StatementTarget[] {
  const ruled = config.contractRules
    ? [...config.contractRules.rules.map((rule) => rule.contract), config.contractRules.default]
    : [];
  const contractIds = [
    ...new Set([...Object.keys(config.contracts), ...ruled.filter((id): id is string => id !== undefined)]),
  ];
  const targets: StatementTarget[] = [];
  for (const contractId of contractIds) {
    const holding = new Set(
      issuesOf(contractId)
        .map((cached) => syncedAncestor(cached.projectId, directory)?.id)
        .filter((id): id is number => id !== undefined),
    );
    const projects = directory.projects.filter(
      (project) => project.contractId === contractId || holding.has(project.id),
    );
    if (projects.length === 0) continue;
    const binding = config.contracts[contractId];
    const wikiProject =
      binding !== undefined
        ? (binding.wikiProject ?? binding.projects[0])
        : (directory.projects.find((project) => holding.has(project.id))?.key ?? projects[0].key);
    targets.push({ contractId, projects, wikiProject });
  }
  return targets;
}
