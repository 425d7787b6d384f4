import { contractRulesSchema } from '../../../src/core/contracts/contract-rules-schema';
import { contractsOfProject } from '../../../src/core/contracts/project-contracts';

const rules = contractRulesSchema.parse({
  rules: [
    { organization: 'Alfa LLC', contract: 'client-a' },
    { field: 'customfield_10050', value: 'Beta', contract: 'client-b' },
    { project: 'ALFA', contract: 'client-a' },
    { project: 'GAMMA', contract: 'client-c' },
    { organization: 'Delta', contract: 'client-d' },
    { subprojectOf: 'epsilon', contract: 'client-e' },
  ],
  default: 'client-x',
});

test("a shared desk reaches every organization and field rule's contract and the default", () => {
  expect(contractsOfProject(rules, { project: ['DESK', '10001'] })).toEqual([
    'client-a',
    'client-b',
    'client-d',
    'client-x',
  ]);
});

test('a project named by a rule stops there: later rules and the default are never reached for it', () => {
  expect(contractsOfProject(rules, { project: ['GAMMA'] })).toEqual(['client-a', 'client-b', 'client-c']);
  expect(contractsOfProject(rules, { project: ['ALFA'] })).toEqual(['client-a', 'client-b']);
});

test('a subproject rule reaches the parent and every project under it', () => {
  expect(contractsOfProject(rules, { project: ['eps-2'], projectAncestors: [['eps-1'], ['epsilon']] })).toEqual([
    'client-a',
    'client-b',
    'client-d',
    'client-e',
  ]);
});

test('without matchers for the project and without a default, only the rules any request may match remain', () => {
  const project = contractRulesSchema.parse({ rules: [{ project: 'ALFA', contract: 'client-a' }] });
  expect(contractsOfProject(project, { project: ['DESK'] })).toEqual([]);
});
