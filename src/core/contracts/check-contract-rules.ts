import type { CompiledCatalog } from '../catalog/compiled-catalog';
import type { ValidationIssue } from '../errors/validation-issue';
import type { ContractRules } from './contract-rules-schema';

/**
 * Contract rules checked against the catalog: every rule and the default must name a contract the
 * catalog defines. `path` is where the rules sit in their file (e.g. `['contractRules']`).
 *
 * @example
 * contractRulesProblems(rules, catalog, ['contractRules']);
 * // [{ code: 'unknown_contract', path: ['contractRules', 'rules', 2, 'contract'], message: 'unknown contract "client-z": …' }]
 */
export function contractRulesProblems(
  rules: ContractRules,
  catalog: CompiledCatalog,
  path: Array<string | number>,
): ValidationIssue[] {
  const known = catalog.contractIds();
  const unknown = (id: string, at: Array<string | number>): ValidationIssue => ({
    code: 'unknown_contract',
    path: at,
    message: `unknown contract "${id}": use one of ${known.map((name) => `"${name}"`).join(', ') || '(none defined)'}`,
  });
  const problems: ValidationIssue[] = [];
  rules.rules.forEach((rule, index) => {
    if (!catalog.contract(rule.contract)) problems.push(unknown(rule.contract, [...path, 'rules', index, 'contract']));
  });
  if (rules.default !== undefined && !catalog.contract(rules.default))
    problems.push(unknown(rules.default, [...path, 'default']));
  return problems;
}
