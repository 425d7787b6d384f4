import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  KEPT_JIRA_OPERATIONS,
  TrimError,
  parseTrimArgs,
  renderTrimmedSpec,
  trimJiraOpenApi,
} from '../../../scripts/trim-jira-openapi';
import { createOpenApiContract } from './openapi-contract';

const repoRoot = resolve(__dirname, '../../..');
const committedPath = join(__dirname, 'jira-openapi.trimmed.json');
const committedText = readFileSync(committedPath, 'utf8');
const sourcePath = resolve(repoRoot, '../shared/contracts/jira-platform-rest-v3.openapi.json');

function refsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => refsIn(item, found));
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refsIn(value, found);
    }
  }
  return found;
}

function pointer(doc: unknown, ref: string): unknown {
  let node: unknown = doc;
  for (const part of ref.replace(/^#\//, '').split('/')) {
    node =
      typeof node === 'object' && node !== null ? Object.entries(node).find(([key]) => key === part)?.[1] : undefined;
  }
  return node;
}

describe('the committed trimmed Jira description', () => {
  const committed: unknown = JSON.parse(committedText);
  const contract = createOpenApiContract(committed);

  it('records the source version and exactly the kept operations', () => {
    const info = contract.info();
    expect(info['x-trimmed-from-version']).toEqual(expect.stringMatching(/^\d+\.\d+\.\d+/));
    expect(info['x-trimmed-operations']).toEqual(KEPT_JIRA_OPERATIONS.map((op) => `${op.method} ${op.path}`));
    expect(contract.operations().sort()).toEqual(KEPT_JIRA_OPERATIONS.map((op) => `${op.method} ${op.path}`).sort());
  });

  it('is closed under $ref: every reference resolves inside the file', () => {
    const refs = refsIn(committed);
    expect(refs.length).toBeGreaterThan(50);
    expect(refs.filter((ref) => pointer(committed, ref) === undefined)).toEqual([]);
  });

  (existsSync(sourcePath) ? it : it.skip)('is what the script produces from the shared source today', () => {
    const regenerated = renderTrimmedSpec(trimJiraOpenApi(JSON.parse(readFileSync(sourcePath, 'utf8'))));
    expect(regenerated === committedText).toBe(true);
  });
});

describe('trimJiraOpenApi', () => {
  const source = {
    openapi: '3.0.1',
    info: { title: 'Jira', version: '9.9.9' },
    tags: [{ name: 'Used' }, { name: 'Unused' }],
    paths: {
      '/rest/api/3/myself': {
        get: {
          tags: ['Used'],
          security: [{ OAuth2: ['read:jira-user'] }],
          responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/User' } } } } },
        },
        put: {
          responses: {
            '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Unrelated' } } } },
          },
        },
      },
    },
    components: {
      schemas: {
        User: { type: 'object', properties: { groups: { $ref: '#/components/schemas/Groups' } } },
        Groups: { type: 'array', items: { $ref: '#/components/schemas/User' } },
        Unrelated: { type: 'string' },
      },
      securitySchemes: {
        OAuth2: {
          type: 'oauth2',
          flows: { authorizationCode: { scopes: { 'read:jira-user': 'read users', 'write:jira-work': 'write' } } },
        },
        basicAuth: { type: 'http', scheme: 'basic' },
      },
    },
  };
  const only = [{ method: 'GET' as const, path: '/rest/api/3/myself', why: 'test' }];

  it('keeps the $ref closure, including cycles, and drops everything else', () => {
    const trimmed = trimJiraOpenApi(source, only);
    expect(Object.keys(pointer(trimmed, '#/components/schemas') ?? {})).toEqual(['Groups', 'User']);
    expect(trimmed.paths).toEqual({ '/rest/api/3/myself': { get: source.paths['/rest/api/3/myself'].get } });
    expect(trimmed.tags).toEqual([{ name: 'Used' }]);
    expect(pointer(trimmed, '#/components/securitySchemes')).toEqual({
      OAuth2: { type: 'oauth2', flows: { authorizationCode: { scopes: { 'read:jira-user': 'read users' } } } },
    });
    expect(trimmed.info).toMatchObject({
      version: '9.9.9',
      'x-trimmed-from-version': '9.9.9',
      'x-trimmed-operations': ['GET /rest/api/3/myself'],
    });
  });

  it('is deterministic whatever the key order of the source', () => {
    const shuffled = {
      components: source.components,
      paths: source.paths,
      info: source.info,
      tags: source.tags,
      openapi: source.openapi,
    };
    expect(renderTrimmedSpec(trimJiraOpenApi(shuffled, only))).toBe(renderTrimmedSpec(trimJiraOpenApi(source, only)));
  });

  it('reports an operation missing from the source with its path', () => {
    const attempt = () => trimJiraOpenApi(source, [{ method: 'DELETE', path: '/rest/api/3/myself', why: 'test' }]);
    expect(attempt).toThrow(TrimError);
    expect(attempt).toThrow(
      expect.objectContaining({ code: 'spec_operation_missing', path: 'paths./rest/api/3/myself.delete' }),
    );
  });

  it('reports a dangling $ref', () => {
    const broken = { ...source, components: { schemas: { User: { $ref: '#/components/schemas/Nowhere' } } } };
    expect(() => trimJiraOpenApi(broken, only)).toThrow(
      expect.objectContaining({ code: 'spec_ref_unresolved', path: '#/components/schemas/Nowhere' }),
    );
  });
});

describe('parseTrimArgs', () => {
  it('defaults to the shared source and the committed output, resolved from the repository root', () => {
    expect(parseTrimArgs([], '/repo/main')).toEqual({
      source: '/repo/shared/contracts/jira-platform-rest-v3.openapi.json',
      out: '/repo/main/test/jira/contract/jira-openapi.trimmed.json',
    });
    expect(parseTrimArgs(['--out', '/tmp/x.json'], '/repo/main').out).toBe('/tmp/x.json');
  });

  it('rejects unknown flags and flags without a value', () => {
    expect(() => parseTrimArgs(['--src', 'a'], '/r')).toThrow(expect.objectContaining({ code: 'cli_usage' }));
    expect(() => parseTrimArgs(['--out'], '/r')).toThrow(expect.objectContaining({ code: 'cli_usage' }));
  });
});
