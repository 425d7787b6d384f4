import { buildJiraPath } from '../../../src/jira/client/jira-path';
import { JiraError } from '../../../src/jira/client/jira-error';
import { parseJiraTimestamp } from '../../../src/jira/client/jira-timestamp';
import { JiraChangeHistorySchema, JiraChangeItemSchema } from '../../../src/jira/client/jira-schemas';
import { plainTextToAdf } from '../../../src/jira/client/plain-text-adf';

describe('JiraChangeItemSchema', () => {
  // What Jira answers for a reopen: the resolution is cleared, so the item has no `to` and no `toString`.
  const reopenHistory =
    '{"id":"100001","created":"2026-11-02T11:00:00.000+0300","items":[{"field":"status","fieldId":"status","fieldtype":"jira","from":"5","fromString":"Resolved","to":"3","toString":"In Progress"},{"field":"resolution","fieldId":"resolution","fieldtype":"jira","from":"10000","fromString":"Done"}]}';

  it("parses a reopen's resolution item, which has no toString, and reads its absent toString as undefined", () => {
    const parsed = JiraChangeHistorySchema.safeParse(JSON.parse(reopenHistory));
    expect(parsed.success).toBe(true);
    const [status, resolution] = parsed.data?.items ?? [];
    expect(status.toString).toBe('In Progress');
    expect(resolution).toEqual({
      field: 'resolution',
      fieldId: 'resolution',
      fieldtype: 'jira',
      from: '10000',
      fromString: 'Done',
    });
    expect(resolution.toString).toBeUndefined();
    expect(resolution.to).toBeUndefined();
  });

  it("takes Jira's null for no value and keeps fields it does not know, but still refuses a toString that is not text", () => {
    expect(JiraChangeItemSchema.parse({ field: 'assignee', to: null, toString: null, tmpToAccountId: 'x' })).toEqual({
      field: 'assignee',
      to: null,
      toString: null,
      tmpToAccountId: 'x',
    });
    const wrong = JiraChangeItemSchema.safeParse({ field: 'resolution', toString: 10000 });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['toString']);
  });
});

describe('parseJiraTimestamp', () => {
  it('reads the offsets Jira writes, with or without a colon', () => {
    expect(parseJiraTimestamp('2026-11-20T15:00:00.000+0300')).toBe(Date.parse('2026-11-20T12:00:00Z'));
    expect(parseJiraTimestamp('2026-11-20T15:00:00+03:00')).toBe(Date.parse('2026-11-20T12:00:00Z'));
    expect(parseJiraTimestamp('2026-11-20T09:30:00.5-0230')).toBe(Date.parse('2026-11-20T12:00:00.500Z'));
    expect(parseJiraTimestamp('2026-11-20T12:00:00Z')).toBe(Date.parse('2026-11-20T12:00:00Z'));
  });

  it('refuses text that is not a full timestamp with a zone, and impossible dates', () => {
    for (const text of [
      '2026-11-20',
      '2026-11-20T12:00:00',
      '2026-04-31T12:00:00Z',
      '2026-13-01T00:00:00Z',
      'yesterday',
    ]) {
      expect(parseJiraTimestamp(text)).toBeUndefined();
    }
  });
});

describe('plainTextToAdf', () => {
  it('makes paragraphs of blank-line-separated blocks and hard breaks of single newlines', () => {
    expect(plainTextToAdf('One\r\ntwo\n\n\nThree')).toEqual({
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'One' }, { type: 'hardBreak' }, { type: 'text', text: 'two' }],
        },
        { type: 'paragraph', content: [{ type: 'text', text: 'Three' }] },
      ],
    });
  });

  it('keeps markup-looking text as text and never emits empty text nodes', () => {
    expect(plainTextToAdf('[~accountid:123] *bold*').content).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: '[~accountid:123] *bold*' }] },
    ]);
    expect(plainTextToAdf('')).toEqual({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [] }] });
  });
});

describe('buildJiraPath', () => {
  it('percent-encodes parameters so they cannot change the endpoint', () => {
    expect(
      buildJiraPath('/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', {
        issueIdOrKey: 'SUP-1',
        propertyKey: '../../myself?x',
      }),
    ).toBe('/rest/api/3/issue/SUP-1/properties/..%2F..%2Fmyself%3Fx');
  });

  it('refuses a missing or empty parameter', () => {
    expect(() => buildJiraPath('/rest/api/3/issue/{issueIdOrKey}', {})).toThrow(RangeError);
    expect(() => buildJiraPath('/rest/api/3/issue/{issueIdOrKey}', { issueIdOrKey: '' })).toThrow(RangeError);
  });
});

describe('JiraError', () => {
  it('serialises to its data, for structured logs', () => {
    const error = new JiraError({
      code: 'jira_http',
      path: 'GET /rest/api/3/field',
      operation: 'listFields',
      status: 403,
      message: 'Jira answered 403',
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'jira_http',
      path: 'GET /rest/api/3/field',
      operation: 'listFields',
      status: 403,
      message: 'Jira answered 403',
      jiraMessages: [],
      issues: [],
      attempts: 1,
    });
    expect(error).toBeInstanceOf(Error);
  });
});
