import { validate } from '@forge/manifest';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { buildStaticPages } from '../../../scripts/build-static';

const ROOT = join(__dirname, '..', '..', '..');
const MANIFEST = join(ROOT, 'manifest.yml');

const manifestSchema = z.object({
  modules: z.record(z.string(), z.array(z.looseObject({ key: z.string() }))),
  resources: z.array(z.object({ key: z.string(), path: z.string() })),
  permissions: z.object({
    scopes: z.array(z.string()),
    external: z.object({ fetch: z.object({ backend: z.array(z.object({ address: z.string() })) }) }).optional(),
  }),
  app: z.looseObject({ runtime: z.object({ name: z.string() }) }),
});
const functionSchema = z.looseObject({ key: z.string(), handler: z.string() });

function readManifest() {
  return manifestSchema.parse(parse(readFileSync(MANIFEST, 'utf8')));
}

async function errorsOf(path: string): Promise<string[]> {
  const result = await validate(false, path);
  return (result.errors ?? [])
    .filter((error) => error.level === 'error')
    .map((error) => `${error.line ?? '?'}: ${error.message}`);
}

describe('manifest.yml', () => {
  beforeAll(async () => {
    // The Custom UI resource directories are build output; the manifest checks need them to exist.
    await buildStaticPages();
  }, 60_000);

  it('declares the messenger egress the escalation messages need, and nothing else', () => {
    expect(readManifest().permissions.external?.fetch.backend.map((entry) => entry.address)).toEqual([
      'api.telegram.org',
      'hooks.slack.com',
      '*.webhook.office.com',
      '*.logic.azure.com',
      '*.environment.api.powerplatform.com',
    ]);
  });

  it('passes @forge/manifest validation without errors', async () => {
    expect(await errorsOf(MANIFEST)).toEqual([]);
  });

  it('is checked for real: a missing handler file and an unknown scope are errors', async () => {
    const broken = join(ROOT, 'manifest.broken-for-test.yml');
    writeFileSync(
      broken,
      readFileSync(MANIFEST, 'utf8')
        .replace('handler: jira/forge/index.sweep\n', 'handler: jira/forge/nowhere.sweep\n')
        .replace('- storage:app', '- storage:everything'),
    );
    try {
      const errors = await errorsOf(broken);
      expect(errors.some((error) => error.includes('nowhere'))).toBe(true);
      expect(errors.some((error) => error.includes('storage:everything'))).toBe(true);
    } finally {
      rmSync(broken, { force: true });
    }
  });

  it('checks the JQL functions: an operator Jira does not offer is an error', async () => {
    const broken = join(ROOT, 'manifest.broken-jql-for-test.yml');
    writeFileSync(
      broken,
      readFileSync(MANIFEST, 'utf8').replace(
        'operators: [in, not in]\n      function: sla-over-limit-jql',
        'operators: [in, contains]\n      function: sla-over-limit-jql',
      ),
    );
    try {
      expect(
        (await errorsOf(broken)).some((error) => error.includes("jira:jqlFunction operators property 1 'contains'")),
      ).toBe(true);
    } finally {
      rmSync(broken, { force: true });
    }
  });

  it('points every function at an exported handler and every resource at an existing entry', async () => {
    const manifest = readManifest();
    const functions = z.array(functionSchema).parse(manifest.modules.function);
    for (const fn of functions) {
      const [file, name] = fn.handler.split('.');
      const source = ['ts', 'tsx']
        .map((ext) => join(ROOT, 'src', `${file}.${ext}`))
        .find((candidate) => existsSync(candidate));
      expect({ handler: fn.handler, source: source !== undefined }).toEqual({ handler: fn.handler, source: true });
      const loaded: unknown = await import(join(ROOT, 'src', file));
      expect({ handler: fn.handler, exported: typeof z.record(z.string(), z.unknown()).parse(loaded)[name] }).toEqual({
        handler: fn.handler,
        exported: 'function',
      });
    }
    for (const resource of manifest.resources) {
      const entry = resource.path.endsWith('.tsx') ? resource.path : join(resource.path, 'index.html');
      expect({ resource: resource.key, exists: existsSync(join(ROOT, entry)) }).toEqual({
        resource: resource.key,
        exists: true,
      });
    }
  });

  it('refers only to declared functions, and runs on the Node 22 runtime', () => {
    const manifest = readManifest();
    const declared = new Set(
      z
        .array(functionSchema)
        .parse(manifest.modules.function)
        .map((fn) => fn.key),
    );
    const referenced: string[] = [];
    for (const [moduleType, modules] of Object.entries(manifest.modules)) {
      if (moduleType === 'function') continue;
      for (const module of modules) {
        const fn = z
          .object({ function: z.string().optional(), resolver: z.object({ function: z.string() }).optional() })
          .parse(module);
        if (fn.function) referenced.push(fn.function);
        if (fn.resolver) referenced.push(fn.resolver.function);
      }
    }
    expect(referenced.filter((key) => !declared.has(key))).toEqual([]);
    expect([...declared].filter((key) => !referenced.includes(key))).toEqual([]);
    expect(manifest.app.runtime.name).toBe('nodejs22.x');
  });

  it('indexes slaState, slaDueAt and slaTariff for JQL and keeps the SLA field read-only with a formatter', () => {
    const manifest = readManifest();
    const property = z
      .array(
        z
          .object({
            propertyKey: z.string(),
            values: z.array(z.object({ path: z.string(), searchAlias: z.string() }).loose()),
          })
          .loose(),
      )
      .parse(manifest.modules['jira:entityProperty']);
    expect(property[0].propertyKey).toBe('tariff-sla');
    expect(property[0].values.map((value) => value.searchAlias)).toEqual(
      expect.arrayContaining([
        'slaState',
        'slaDueAt',
        'slaTariff',
        'slaReactionState',
        'slaReactionDueAt',
        'slaStartState',
        'slaStartDueAt',
        'slaResolutionState',
        'slaResolutionDueAt',
        'slaEverBreached',
      ]),
    );
    const field = z
      .array(
        z
          .object({
            key: z.string(),
            readOnly: z.boolean(),
            type: z.string(),
            view: z.object({
              resource: z.string(),
              render: z.string(),
              formatter: z.object({ expression: z.string(), export: z.boolean() }),
            }),
          })
          .loose(),
      )
      .parse(manifest.modules['jira:customField']);
    expect(field[0]).toMatchObject({
      key: 'sla-state',
      readOnly: true,
      type: 'object',
      view: { resource: 'sla-badge', render: 'native', formatter: { export: true } },
    });
  });

  it('asks only for the scopes docs/jira-app.md justifies', () => {
    const manifest = readManifest();
    const docs = readFileSync(join(ROOT, 'docs', 'jira-app.md'), 'utf8');
    expect([...manifest.permissions.scopes].sort()).toEqual([
      'manage:jira-configuration',
      'read:jira-user',
      'read:jira-work',
      'storage:app',
      'write:app-data:jira',
      'write:jira-work',
    ]);
    for (const scope of manifest.permissions.scopes)
      expect({ scope, documented: docs.includes(`\`${scope}\``) }).toEqual({ scope, documented: true });
  });
});
