import { contractsOfProject } from '../../core/contracts/project-contracts';
import type { AppSettings } from '../config/app-settings';
import { jiraContractRules } from '../mapping/contract-attributes';

/** A contract a project's page offers. */
export interface ProjectContract {
  readonly id: string;
  readonly name: string;
}

/**
 * The contracts whose statements a project's page offers: its own contract when the mapping has no
 * contract rules; otherwise every contract the rules can give one of its requests (organization and
 * field rules, a project rule naming it by key or by id, the default — `contractsOfProject`), in rule
 * order, those the catalog knows. A shared desk without a contract of its own lists its clients; an
 * empty list means no request of the project can be covered.
 *
 * @example
 * projectContracts(settings, 'DESK', '10001'); // [{ id: 'client-a', name: 'Alfa' }, { id: 'client-b', name: 'Beta' }]
 */
export function projectContracts(settings: AppSettings, projectKey: string, projectId?: string): ProjectContract[] {
  const project = settings.mapping.projects[projectKey];
  if (project === undefined) return [];
  const rules = jiraContractRules(settings.mapping);
  const names = projectId === undefined || projectId === '' ? [projectKey] : [projectKey, projectId];
  const ids = rules === null ? [project.contract] : contractsOfProject(rules, { project: names });
  return ids.flatMap((id) => {
    const contract = settings.catalog.contract(id);
    return contract ? [{ id, name: contract.contract.name }] : [];
  });
}

/**
 * The served projects where a contract's requests can live, in the mapping's order: those whose page
 * offers the contract (its own project, every project mapped to it, and the shared desks whose rules
 * reach it). A contract's statement is built over all of them.
 *
 * @example
 * contractProjects(settings, 'client-a', { DESK: '10001' }); // ['ALFA', 'DESK']
 */
export function contractProjects(
  settings: AppSettings,
  contractId: string,
  projectIds: Readonly<Record<string, string>> = {},
): string[] {
  return Object.keys(settings.mapping.projects).filter((projectKey) =>
    projectContracts(settings, projectKey, projectIds[projectKey]).some((contract) => contract.id === contractId),
  );
}
