import { createHash } from 'node:crypto';
import type { ContractRules } from '../../core/contracts/contract-rules-schema';
import { resolveContract } from '../../core/contracts/resolve-contract';
import type { WorkerConfig } from '../config/worker-config-schema';
import { redmineContractAttributes } from '../mapping/contract-attributes';
import type { RedmineIssue } from '../schemas';
import type { RedmineDirectory, SyncedProject } from './redmine-directory';

/** The contract id a cached issue no contract covers carries: it is marked "not covered", never evaluated. */
export const NOT_COVERED = '';

/** The contract of a synced issue; `reason` says why none covers it (then `contractId` is {@link NOT_COVERED}). */
export interface IssueContract {
  contractId: string;
  reason?: string;
}

/**
 * The contract a Redmine issue falls under, or undefined when its project is not synced (moved
 * away). Without contract rules, the contract its project is bound to (a subproject's: the listed
 * project's, with `sync.includeSubprojects`); with them, the first rule matching the issue as it was
 * at creation (read from `issue.journals`; an issue never changed since creation needs none), then
 * the bound projects, then the default — else not covered, with the reason.
 *
 * @example
 * contractOfIssue(issue, project, directory, config, redmineContractRules(config));
 * // { contractId: 'client-a' } or { contractId: '', reason: 'not covered: no contract rule matched …' }
 */
export function contractOfIssue(
  issue: RedmineIssue,
  listedIn: SyncedProject,
  directory: RedmineDirectory,
  config: WorkerConfig,
  rules: ContractRules | null,
): IssueContract | undefined {
  const bound = directory.projectsById.get(issue.project.id) ?? (config.sync.includeSubprojects ? listedIn : undefined);
  if (bound === undefined) return undefined;
  if (rules === null) return { contractId: bound.contractId };
  const resolution = resolveContract(rules, redmineContractAttributes(issue, directory.lineage));
  return resolution.covered
    ? { contractId: resolution.contractId }
    : { contractId: NOT_COVERED, reason: resolution.reason };
}

/**
 * The synced project whose listing covers an issue of `projectId`: the project itself, else (with
 * `sync.includeSubprojects`) its nearest synced ancestor in the project tree.
 */
export function syncedAncestor(projectId: number, directory: RedmineDirectory): SyncedProject | undefined {
  const own = directory.projectsById.get(projectId);
  if (own) return own;
  for (const names of directory.lineage.get(projectId)?.ancestors ?? []) {
    const found = directory.projects.find((project) => names.includes(String(project.id)));
    if (found) return found;
  }
  return undefined;
}

/**
 * What the cached issues' contracts depend on: the rules as the worker applies them (with the bound
 * projects and `sync.includeSubprojects`). Undefined without rules. When it changes, every cached issue
 * is read again and its contract decided by the new rules.
 */
export function contractRulesKey(rules: ContractRules | null): string | undefined {
  return rules === null ? undefined : createHash('sha256').update(JSON.stringify(rules)).digest('hex');
}
