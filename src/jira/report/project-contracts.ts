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
 * field rules, a project rule naming it, the default — `contractsOfProject`), in rule order, those the
 * catalog knows. A shared desk without a contract of its own lists its clients; an empty list means no
 * request of the project can be covered.
 *
 * @example
 * projectContracts(settings, 'DESK'); // [{ id: 'client-a', name: 'Alfa' }, { id: 'client-b', name: 'Beta' }]
 */
export function projectContracts(settings: AppSettings, projectKey: string): ProjectContract[] {
  const project = settings.mapping.projects[projectKey];
  if (project === undefined) return [];
  const rules = jiraContractRules(settings.mapping);
  const ids = rules === null ? [project.contract] : contractsOfProject(rules, { project: [projectKey] });
  return ids.flatMap((id) => {
    const contract = settings.catalog.contract(id);
    return contract ? [{ id, name: contract.contract.name }] : [];
  });
}
