import type { ContractRules } from './contract-rules-schema';

/**
 * The contracts the rules can give an issue of one project, in rule order: every organization and
 * field rule's contract (any request of the project may match them), the contract of the first rule
 * that names the project itself (`project`, or `subprojectOf` the project or one of its ancestors) —
 * rules after it are never reached for that project, the default included — and otherwise the
 * default. A project page offers exactly these contracts' statements; an empty list means every
 * request of the project would be not covered.
 *
 * @example
 * contractsOfProject(rules, { project: ['DESK', '10001'] }); // ['client-a', 'client-b']
 */
export function contractsOfProject(
  rules: ContractRules,
  project: { readonly project: readonly string[]; readonly projectAncestors?: ReadonlyArray<readonly string[]> },
): string[] {
  const reached: string[] = [];
  const add = (contractId: string) => {
    if (!reached.includes(contractId)) reached.push(contractId);
  };
  const names = (candidates: readonly string[]) => candidates.some((name) => project.project.includes(name));
  for (const rule of rules.rules) {
    if (rule.kind === 'organization' || rule.kind === 'field') add(rule.contract);
    else if (rule.kind === 'project' && names(rule.projects)) {
      add(rule.contract);
      return reached;
    } else if (
      rule.kind === 'subproject' &&
      (project.project.includes(rule.parent) ||
        (project.projectAncestors ?? []).some((ancestor) => ancestor.includes(rule.parent)))
    ) {
      add(rule.contract);
      return reached;
    }
  }
  if (rules.default !== undefined) add(rules.default);
  return reached;
}
