import { createOpenApiContract } from './openapi-contract';

const contract = createOpenApiContract();

describe('validateRequest over the trimmed Jira description', () => {
  it('accepts a documented search with known, well-typed query parameters', () => {
    expect(
      contract.validateRequest({
        method: 'GET',
        path: '/rest/api/3/search/jql',
        query: { jql: 'project = SUP', maxResults: '50', fields: ['summary', 'status'] },
      }),
    ).toEqual([]);
  });

  it('rejects a method the path does not describe', () => {
    const errors = contract.validateRequest({ method: 'GET', path: '/rest/api/3/changelog/bulkfetch' });
    expect(errors).toEqual([{ path: 'method', message: expect.stringContaining('described: POST') }]);
  });

  it('rejects a path no operation describes, such as the removed /search', () => {
    expect(contract.validateRequest({ method: 'GET', path: '/rest/api/3/search', query: { jql: 'x' } })).toEqual([
      { path: 'path', message: expect.stringContaining('/rest/api/3/search') },
    ]);
  });

  it('rejects an unknown query parameter, whether passed apart or inside the path', () => {
    expect(
      contract.validateRequest({ method: 'GET', path: '/rest/api/3/search/jql', query: { jql: 'x', startAt: '0' } }),
    ).toEqual([{ path: 'query.startAt', message: expect.stringContaining('unknown query parameter') }]);
    expect(contract.validateRequest({ method: 'GET', path: '/rest/api/3/status?foo=1' })).toEqual([
      { path: 'query.foo', message: expect.any(String) },
    ]);
  });

  it('rejects a query parameter whose value does not fit its type', () => {
    const errors = contract.validateRequest({
      method: 'GET',
      path: '/rest/api/3/worklog/updated',
      query: { since: 'yesterday' },
    });
    expect(errors).toEqual([{ path: 'query.since', message: expect.stringContaining('integer') }]);
  });

  it('rejects a body missing a required field', () => {
    const errors = contract.validateRequest({
      method: 'POST',
      path: '/rest/api/3/changelog/bulkfetch',
      body: { fieldIds: ['status'] },
    });
    expect(errors).toEqual([{ path: 'body/issueIdsOrKeys', message: 'required property is missing' }]);
  });

  it('rejects a missing body where one is required, and a body where none is taken', () => {
    expect(contract.validateRequest({ method: 'POST', path: '/rest/api/3/worklog/list' })).toEqual([
      { path: 'body', message: expect.stringContaining('requires a request body') },
    ]);
    expect(contract.validateRequest({ method: 'GET', path: '/rest/api/3/status', body: {} })).toEqual([
      { path: 'body', message: expect.stringContaining('takes no request body') },
    ]);
  });

  it('rejects body properties a closed schema does not allow', () => {
    const errors = contract.validateRequest({
      method: 'POST',
      path: '/rest/api/3/search/jql',
      body: { jql: 'project = SUP', startAt: 50 },
    });
    expect(errors).toEqual([{ path: 'body/startAt', message: 'property not allowed by the schema' }]);
  });

  it('rejects duplicate worklog ids, which the schema declares unique', () => {
    const errors = contract.validateRequest({
      method: 'POST',
      path: '/rest/api/3/worklog/list',
      body: { ids: [1, 1] },
    });
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('body/ids');
  });

  it('matches path templates and decodes their parameters', () => {
    expect(contract.match('PUT', '/rest/api/3/issue/SUP-1/properties/tariff%20sla')).toEqual({
      method: 'PUT',
      template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
      operationId: 'setIssueProperty',
      pathParams: { issueIdOrKey: 'SUP-1', propertyKey: 'tariff sla' },
    });
    expect(
      contract.validateRequest({
        method: 'PUT',
        path: '/rest/api/3/issue/SUP-1/properties/sla',
        body: { any: ['json'] },
      }),
    ).toEqual([]);
  });

  it('knows the per-field app value operation, and not the multi-field one the app does not call', () => {
    expect(contract.match('PUT', '/rest/api/3/app/field/customfield_10100/value')?.operationId).toBe(
      'updateCustomFieldValue',
    );
    expect(contract.match('POST', '/rest/api/3/app/field/value')).toBeUndefined();
    expect(
      contract.validateRequest({
        method: 'POST',
        path: '/rest/api/3/issue/SUP-1/transitions',
        body: { transition: { id: '5' } },
      }),
    ).toEqual([{ path: 'path', message: expect.stringContaining('/rest/api/3/issue/SUP-1/transitions') }]);
  });
});

describe('validateResponse over the trimmed Jira description', () => {
  it('accepts a documented answer', () => {
    const body = { issues: [{ id: '10001', key: 'SUP-1', fields: { summary: 'Printer on fire' } }], isLast: true };
    expect(contract.validateResponse({ method: 'POST', path: '/rest/api/3/search/jql', status: 200, body })).toEqual(
      [],
    );
  });

  it('rejects an answer of the wrong shape', () => {
    const errors = contract.validateResponse({
      method: 'GET',
      path: '/rest/api/3/field',
      status: 200,
      body: [{ id: 42, name: 'SLA state' }],
    });
    expect(errors).toEqual([{ path: 'body/0/id', message: expect.stringContaining('must be string') }]);
    const nested = contract.validateResponse({
      method: 'POST',
      path: '/rest/api/3/changelog/bulkfetch',
      status: 200,
      body: { issueChangeLogs: [{ issueId: '1', changeHistories: [{ id: '5', created: 'last tuesday', items: [] }] }] },
    });
    expect(nested).toEqual([
      { path: 'body/issueChangeLogs/0/changeHistories/0/created', message: expect.stringContaining('date-time') },
    ]);
  });

  it('judges a body by its own keys: a change item without toString passes, a toString of the wrong type does not', () => {
    const bulkfetch = (item: unknown) => ({
      method: 'POST',
      path: '/rest/api/3/changelog/bulkfetch',
      status: 200,
      body: {
        issueChangeLogs: [
          { issueId: '1', changeHistories: [{ id: '5', created: '2026-11-02T11:00:00.000+0300', items: [item] }] },
        ],
      },
    });
    // A reopen clears the resolution: Jira's item has no `to` and no `toString`.
    const reopen: unknown = JSON.parse(
      '{"field":"resolution","fieldId":"resolution","fieldtype":"jira","from":"10000","fromString":"Done"}',
    );
    expect(contract.validateResponse(bulkfetch(reopen))).toEqual([]);
    expect(contract.validateResponse(bulkfetch({ field: 'resolution', toString: 10000 }))).toEqual([
      {
        path: 'body/issueChangeLogs/0/changeHistories/0/items/0/toString',
        message: expect.stringContaining('must be string'),
      },
    ]);
  });

  it('rejects a status the operation does not describe, but allows platform statuses', () => {
    expect(contract.validateResponse({ method: 'GET', path: '/rest/api/3/status', status: 404, body: {} })).toEqual([
      { path: 'status', message: expect.stringContaining('404') },
    ]);
    expect(
      contract.validateResponse({
        method: 'GET',
        path: '/rest/api/3/status',
        status: 429,
        body: { errorMessages: ['slow down'] },
      }),
    ).toEqual([]);
  });

  it('rejects a body on a success that describes none, and a missing body where one is described', () => {
    const noBody = createOpenApiContract({
      openapi: '3.0.1',
      info: { title: 'gone', version: '1' },
      paths: { '/gone': { delete: { responses: { '204': { description: 'gone' } } } } },
    });
    expect(noBody.validateResponse({ method: 'DELETE', path: '/gone', status: 204, body: { gone: true } })).toEqual([
      { path: 'body', message: expect.stringContaining('describes no body') },
    ]);
    expect(contract.validateResponse({ method: 'GET', path: '/rest/api/3/issue/SUP-1', status: 200 })).toEqual([
      { path: 'body', message: expect.stringContaining('must have a JSON body') },
    ]);
  });
});

describe('OpenAPI 3.0 features the validator understands', () => {
  const spec = {
    openapi: '3.0.1',
    info: { title: 'features', version: '1' },
    paths: {
      '/things/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9]+$' } }],
        post: {
          parameters: [
            { name: 'tags', in: 'query', schema: { type: 'array', items: { type: 'integer' } }, explode: false },
            { name: 'dry', in: 'query', required: true, schema: { type: 'boolean' } },
          ],
          requestBody: { $ref: '#/components/requestBodies/ThingBody' },
          responses: { '2XX': { $ref: '#/components/responses/Thing' } },
        },
      },
    },
    components: {
      requestBodies: {
        ThingBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
        },
      },
      responses: {
        Thing: {
          description: 'a thing',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
        },
      },
      schemas: {
        Thing: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          'x-vendor-note': 'extensions are ignored',
          properties: {
            name: { type: 'string', nullable: true, example: 'n' },
            stamp: { type: 'string', format: 'vendor-timestamp' },
            shape: {
              oneOf: [{ $ref: '#/components/schemas/Circle' }, { $ref: '#/components/schemas/Square' }],
              discriminator: { propertyName: 'kind' },
            },
            size: { anyOf: [{ type: 'integer' }, { type: 'string', enum: ['S', 'M', 'L'] }] },
          },
        },
        Circle: {
          type: 'object',
          required: ['kind', 'r'],
          properties: { kind: { type: 'string', enum: ['circle'] }, r: { type: 'number' } },
        },
        Square: {
          type: 'object',
          required: ['kind', 'side'],
          properties: { kind: { type: 'string', enum: ['square'] }, side: { type: 'number' } },
        },
      },
    },
  };
  const features = createOpenApiContract(spec);
  const post = (body: unknown, query: Record<string, string> = { dry: 'true' }, path = '/things/7') =>
    features.validateRequest({ method: 'POST', path, query, body });

  it('honours nullable, unknown formats, oneOf and anyOf through $ref', () => {
    expect(post({ name: null, stamp: 'whenever', shape: { kind: 'circle', r: 1 }, size: 'M' })).toEqual([]);
    expect(post({ name: 'x', shape: { kind: 'square' } }).map((e) => e.path)).toContain('body/shape');
    expect(post({ name: 'x', size: 'XL' }).map((e) => e.path)).toContain('body/size');
  });

  it('enforces additionalProperties false, required query parameters, path parameter schemas and exploded arrays', () => {
    expect(post({ name: 'x', colour: 'red' })).toEqual([
      { path: 'body/colour', message: 'property not allowed by the schema' },
    ]);
    expect(post({ name: 'x' }, {})).toEqual([{ path: 'query.dry', message: 'required query parameter is missing' }]);
    expect(post({ name: 'x' }, { dry: 'true' }, '/things/abc').map((e) => e.path)).toEqual(['path.id']);
    expect(post({ name: 'x' }, { dry: 'true', tags: '1,2,3' })).toEqual([]);
    expect(post({ name: 'x' }, { dry: 'true', tags: '1,two' }).map((e) => e.path)).toEqual(['query.tags/1']);
  });

  it('resolves response $refs and status ranges', () => {
    expect(features.validateResponse({ method: 'POST', path: '/things/7', status: 201, body: { name: 'x' } })).toEqual(
      [],
    );
    expect(
      features
        .validateResponse({ method: 'POST', path: '/things/7', status: 200, body: { name: 3 } })
        .map((e) => e.path),
    ).toEqual(['body/name']);
  });
});
