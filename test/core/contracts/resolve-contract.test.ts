import { contractRulesSchema, type ContractRulesInput } from '../../../src/core/contracts/contract-rules-schema';
import { resolveContract, type ContractAttributes } from '../../../src/core/contracts/resolve-contract';
import { issuesFromZodError } from '../../../src/core/errors/validation-issue';

/** A shared service desk SUP with two clients, a Redmine tree and a field-based client. */
const RULES: ContractRulesInput = {
  rules: [
    { organization: ['Alfa LLC', '12'], contract: 'client-a' },
    { field: 'customfield_10050', value: ['Beta', '10101'], contract: 'client-b' },
    { subprojectOf: 'gamma', contract: 'client-c' },
    { project: ['DELTA', '10004'], contract: 'client-d' },
  ],
};
const rules = contractRulesSchema.parse(RULES);

function problemsOf(input: unknown): string[] {
  const parsed = contractRulesSchema.safeParse(input);
  if (parsed.success) return [];
  return issuesFromZodError(parsed.error).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('contract rule schema', () => {
  test('a single name becomes a list of one, and each rule knows its kind', () => {
    expect(contractRulesSchema.parse({ rules: [{ project: 'SUP', contract: 'client-a' }] }).rules).toEqual([
      { kind: 'project', contract: 'client-a', projects: ['SUP'] },
    ]);
    expect(rules.rules.map((rule) => rule.kind)).toEqual(['organization', 'field', 'subproject', 'project']);
  });

  test('a rule with no matcher, or with two, is refused with the fix', () => {
    expect(problemsOf({ rules: [{ contract: 'client-a' }] })).toEqual([
      'rules.0: a rule needs one matcher: project, organization, field (with value) or subprojectOf',
    ]);
    expect(problemsOf({ rules: [{ contract: 'client-a', project: 'SUP', organization: 'Alfa' }] })).toEqual([
      'rules.0.organization: a rule matches on one thing only, here project and organization: write one rule for each (the first that matches wins)',
    ]);
  });

  test('a field rule needs its values, and values need a field', () => {
    expect(problemsOf({ rules: [{ contract: 'client-b', field: 'customfield_1' }] })).toEqual([
      'rules.0.value: a field rule needs "value": the value (or list of values) of the field that selects this contract',
    ]);
    expect(problemsOf({ rules: [{ contract: 'client-b', value: 'Beta' }] })).toContain(
      'rules.0.field: "value" belongs to a field rule: add "field"',
    );
  });

  test('unknown keys and empty names are named by path', () => {
    expect(problemsOf({ rules: [{ contract: 'client-a', projects: 'SUP' }] })[0]).toMatch(
      /^rules\.0: unknown key "projects"/,
    );
    expect(problemsOf({ rules: [{ contract: 'client-a', project: ['  '] }] })).toEqual([
      'rules.0.project.0: expected a non-empty name or id',
    ]);
  });
});

describe('resolving the contract of one issue', () => {
  const attributes = (extra: Partial<ContractAttributes>): ContractAttributes => ({
    project: ['SUP', '10001'],
    ...extra,
  });

  test('a JSM organization, by name or by id, gives its client', () => {
    expect(resolveContract(rules, attributes({ organizations: ['Alfa LLC'] }))).toEqual({
      covered: true,
      contractId: 'client-a',
      rule: 0,
      reason: 'contract rule 1 (organization "Alfa LLC") gives contract "client-a"',
    });
    expect(resolveContract(rules, attributes({ organizations: ['12'] }))).toMatchObject({ contractId: 'client-a' });
  });

  test("a custom field's option, by name or id, gives its client", () => {
    expect(resolveContract(rules, attributes({ fields: { customfield_10050: ['10101'] } }))).toMatchObject({
      covered: true,
      contractId: 'client-b',
      rule: 1,
    });
    // Another field holding the same value does not count.
    expect(resolveContract(rules, attributes({ fields: { customfield_99: ['Beta'] } })).covered).toBe(false);
  });

  test('a subproject rule matches the parent itself and every project under it, however deep', () => {
    expect(resolveContract(rules, { project: ['gamma', '7'] })).toMatchObject({ contractId: 'client-c' });
    expect(
      resolveContract(rules, {
        project: ['gamma-kiosk', '9'],
        projectAncestors: [
          ['gamma-retail', '8'],
          ['gamma', '7'],
        ],
      }),
    ).toMatchObject({
      contractId: 'client-c',
      reason: 'contract rule 3 (project under "gamma") gives contract "client-c"',
    });
    // A sibling tree is not inherited.
    expect(resolveContract(rules, { project: ['omega'], projectAncestors: [['root']] }).covered).toBe(false);
  });

  test('the first matching rule wins over a later one that also matches', () => {
    const both = attributes({ project: ['DELTA'], organizations: ['Alfa LLC'] });
    expect(resolveContract(rules, both)).toMatchObject({ contractId: 'client-a', rule: 0 });
  });

  test('the default takes an issue no rule matches', () => {
    const withDefault = contractRulesSchema.parse({ ...RULES, default: 'client-x' });
    expect(resolveContract(withDefault, attributes({ organizations: ['Zeta'] }))).toEqual({
      covered: true,
      contractId: 'client-x',
      rule: 'default',
      reason:
        'no contract rule matched (project "SUP", "10001", organizations "Zeta"): the default contract "client-x"',
    });
  });

  test('without a default, an issue no rule matches is not covered, and the reason says what was seen', () => {
    expect(resolveContract(rules, attributes({ organizations: ['Zeta'], fields: { customfield_10050: [] } }))).toEqual({
      covered: false,
      reason:
        'not covered: no contract rule matched project "SUP", "10001", organizations "Zeta", customfield_10050 empty, and the rules name no default contract',
    });
  });

  test('names are matched exactly: another case or an inherited object key is no match', () => {
    expect(resolveContract(rules, attributes({ organizations: ['alfa llc'] })).covered).toBe(false);
    const prototypeNames = contractRulesSchema.parse({
      rules: [{ field: 'toString', value: 'x', contract: 'client-a' }],
    });
    expect(resolveContract(prototypeNames, attributes({})).covered).toBe(false);
  });
});
