import { evaluateJiraExpression, JiraExpressionError, workflowConditionAllows } from './jira-expression-subset';

/** The stand-in's Jira expressions behave as Jira's do for the subset the manifest uses. */
describe('Jira expression subset', () => {
  const issue = { key: 'SUP-1', properties: { 'tariff-sla': { escalationAllowed: true } }, customfield_10101: null };

  it('reads static and computed members, optional chaining stops at null', () => {
    expect(evaluateJiraExpression("issue.properties['tariff-sla'].escalationAllowed == true", { issue })).toBe(true);
    expect(
      evaluateJiraExpression('issue?.[config.id]?.escalationAllowed == true', {
        issue,
        config: { id: 'customfield_10101' },
      }),
    ).toBe(false);
    expect(evaluateJiraExpression('issue.missing == null', { issue })).toBe(true);
  });

  it('compares strictly: values of different types are an error, which a condition reads as false', () => {
    expect(() => evaluateJiraExpression('issue.key == 1', { issue })).toThrow(JiraExpressionError);
    expect(workflowConditionAllows('issue.key == 1', { issue })).toBe(false);
    expect(workflowConditionAllows('issue.customfield_10101.escalationAllowed == true', { issue })).toBe(false);
  });

  it('evaluates the conditional operator, &&, || and match() lazily as Jira does', () => {
    const id = (value: string) => ({ config: { id: value } });
    const guard = "config.id.match('^customfield_[0-9]+$') == null ? 'no' : 'yes'";
    expect([evaluateJiraExpression(guard, id('customfield_1')), evaluateJiraExpression(guard, id('key'))]).toEqual([
      'yes',
      'no',
    ]);
    expect(evaluateJiraExpression('config == null || config.id == null', { config: null })).toBe(true);
    expect(workflowConditionAllows('unknown == null', {})).toBe(false);
  });
});
