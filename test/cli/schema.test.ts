import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { fixture, runTariffSla } from '../helpers/cli';
import { SEED_CATALOG_PATH } from '../helpers/seed-catalog';

/** `tariff-sla schema`: JSON Schemas for editors, checked with an independent validator (ajv, draft 2020-12). */

function withoutExtensionKeys(document: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(document).filter(([key]) => !key.startsWith('x-')));
}

async function compiledSchema(...args: string[]) {
  const run = await runTariffSla(['schema', ...args]);
  expect(run.code).toBe(0);
  const schema = JSON.parse(run.stdout);
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  expect(ajv.validateSchema(schema)).toBe(true);
  return ajv.compile(schema);
}

const seedDocument = (): Record<string, unknown> =>
  withoutExtensionKeys(parse(readFileSync(SEED_CATALOG_PATH, 'utf8'), { merge: true }));

test('The catalog schema is a valid JSON Schema that accepts examples/catalog.yml', async () => {
  const validate = await compiledSchema();
  expect(validate(seedDocument())).toBe(true);
  expect(validate.errors ?? null).toBeNull();
});

test('The catalog schema rejects an unknown key and a target that is not a number', async () => {
  const validate = await compiledSchema();
  const document = seedDocument();
  const tariffs = document.tariffs as Record<string, Record<string, unknown>>;
  expect(validate({ ...document, tariffs: { ...tariffs, basic: { ...tariffs.basic, reactionTime: 5 } } })).toBe(false);
  expect(
    validate({ ...document, tariffs: { ...tariffs, basic: { ...tariffs.basic, targets: { reaction: 'soon' } } } }),
  ).toBe(false);
});

test('The issues schema accepts a history file the engine accepts', async () => {
  const validate = await compiledSchema('--issues');
  expect(validate(JSON.parse(readFileSync(fixture('seed-issues.json'), 'utf8')))).toBe(true);
  expect(validate({ issues: [{ key: 'X' }] })).toBe(false);
});
