import fc from 'fast-check';
import type { ContractRule, ContractRules } from '../../../src/core/contracts/contract-rules-schema';
import { resolveContract, type ContractAttributes } from '../../../src/core/contracts/resolve-contract';

/** Few names, so rules and attributes often meet. */
const NAMES = ['A', 'B', 'C', 'D', 'E'];
const CONTRACTS = ['c1', 'c2', 'c3'];
const FIELDS = ['f1', 'f2'];
const name = fc.constantFrom(...NAMES);
const names = fc.uniqueArray(name, { minLength: 1, maxLength: 3 });
const contract = fc.constantFrom(...CONTRACTS);

const ruleArb: fc.Arbitrary<ContractRule> = fc.oneof(
  fc.record({ kind: fc.constant('project' as const), contract, projects: names }),
  fc.record({ kind: fc.constant('organization' as const), contract, organizations: names }),
  fc.record({ kind: fc.constant('field' as const), contract, field: fc.constantFrom(...FIELDS), values: names }),
  fc.record({ kind: fc.constant('subproject' as const), contract, parent: name }),
);
const rulesArb: fc.Arbitrary<ContractRules> = fc.record(
  { rules: fc.array(ruleArb, { maxLength: 8 }), default: contract },
  { requiredKeys: ['rules'] },
);
const attributesArb: fc.Arbitrary<ContractAttributes> = fc.record({
  project: names,
  projectAncestors: fc.array(names, { maxLength: 3 }),
  organizations: fc.uniqueArray(name, { maxLength: 3 }),
  fields: fc.record({ f1: fc.uniqueArray(name, { maxLength: 2 }), f2: fc.uniqueArray(name, { maxLength: 2 }) }),
});

/** The slow oracle: does this one rule match, written from the rule's definition alone? */
function oracleMatches(rule: ContractRule, attributes: ContractAttributes): boolean {
  const overlaps = (a: readonly string[], b: readonly string[]) => a.some((x) => b.some((y) => x === y));
  if (rule.kind === 'project') return overlaps(rule.projects, attributes.project);
  if (rule.kind === 'organization') return overlaps(rule.organizations, attributes.organizations ?? []);
  if (rule.kind === 'field') return overlaps(rule.values, attributes.fields?.[rule.field] ?? []);
  const lineage = [attributes.project, ...(attributes.projectAncestors ?? [])];
  return lineage.some((projectNames) => projectNames.includes(rule.parent));
}

const RUNS = { seed: 13, numRuns: 400 };

test('the contract is the first rule that matches, else the default, else none (against a rule-by-rule oracle)', () => {
  fc.assert(
    fc.property(rulesArb, attributesArb, (rules, attributes) => {
      const first = rules.rules.findIndex((rule) => oracleMatches(rule, attributes));
      const resolution = resolveContract(rules, attributes);
      if (first >= 0)
        expect(resolution).toMatchObject({ covered: true, rule: first, contractId: rules.rules[first].contract });
      else if (rules.default !== undefined)
        expect(resolution).toMatchObject({ covered: true, rule: 'default', contractId: rules.default });
      else expect(resolution.covered).toBe(false);
    }),
    RUNS,
  );
});

test('resolution is deterministic: the same rules and attributes (as fresh copies) give the same answer', () => {
  fc.assert(
    fc.property(rulesArb, attributesArb, (rules, attributes) => {
      const again = resolveContract(structuredClone(rules), structuredClone(attributes));
      expect(again).toEqual(resolveContract(rules, attributes));
    }),
    RUNS,
  );
});

test('order decides: a matching rule moved to the front wins, and rules after the winner never change the answer', () => {
  fc.assert(
    fc.property(
      rulesArb,
      attributesArb,
      ruleArb,
      fc.array(ruleArb, { maxLength: 4 }),
      (rules, attributes, extra, tail) => {
        const resolution = resolveContract(rules, attributes);
        if (resolution.covered && resolution.rule !== 'default') {
          const cut = { ...rules, rules: [...rules.rules.slice(0, resolution.rule + 1), ...tail] };
          expect(resolveContract(cut, attributes)).toEqual(resolution);
        }
        const front = resolveContract({ ...rules, rules: [extra, ...rules.rules] }, attributes);
        if (oracleMatches(extra, attributes)) expect(front).toMatchObject({ rule: 0, contractId: extra.contract });
        else if (resolution.covered && resolution.rule !== 'default')
          expect(front).toMatchObject({ rule: resolution.rule + 1, contractId: resolution.contractId });
      },
    ),
    RUNS,
  );
});
