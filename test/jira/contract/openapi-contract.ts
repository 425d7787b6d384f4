/**
 * Checks HTTP requests and responses against an OpenAPI 3.0 description (by default the
 * trimmed Jira one committed beside this file), so that both the client and the Jira
 * stand-in are held to what Jira documents rather than to what either side assumes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { z } from 'zod';

/** One way a request or response departs from the contract. */
export interface ContractError {
  /** Where: `method`, `path`, `query.maxResults`, `body/updates/0/issueIds`, `status`… */
  readonly path: string;
  readonly message: string;
}

/** A request as it would go on the wire; `path` may carry a `?query` of its own. */
export interface RequestToCheck {
  readonly method: string;
  readonly path: string;
  readonly query?: URLSearchParams | Readonly<Record<string, string | readonly string[]>>;
  /** Parsed JSON body, or undefined when none was sent. */
  readonly body?: unknown;
}

/** A response as received; `body` is the parsed JSON, or undefined when empty. */
export interface ResponseToCheck {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly body?: unknown;
}

/** The operation a concrete path resolves to. */
export interface MatchedOperation {
  readonly method: string;
  readonly template: string;
  readonly operationId: string | undefined;
  readonly pathParams: Readonly<Record<string, string>>;
}

/** Validator over one OpenAPI description. */
export interface OpenApiContract {
  /** The operation for `method path`, or undefined when the description has none. */
  match(method: string, path: string): MatchedOperation | undefined;
  validateRequest(request: RequestToCheck): ContractError[];
  validateResponse(response: ResponseToCheck): ContractError[];
  /** `METHOD /template` of every operation described. */
  operations(): string[];
  /** The `info` object, e.g. to read `x-trimmed-from-version`. */
  info(): Readonly<Record<string, unknown>>;
}

/**
 * Statuses any Jira operation may answer whether or not its description lists them:
 * rate limiting and platform failures happen before the operation runs.
 */
export const PLATFORM_STATUSES: readonly number[] = [401, 429, 500, 502, 503, 504];

const SPEC_ID = 'openapi-contract-spec.json';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
/** Annotations of OpenAPI 3.0 that JSON Schema validators do not know. */
const OPENAPI_ANNOTATIONS = ['example', 'xml', 'externalDocs', 'discriminator'];

const SpecSchema = z.looseObject({
  openapi: z.string().regex(/^3\.0\./, 'only OpenAPI 3.0.x descriptions are supported'),
  info: z.record(z.string(), z.unknown()),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

const ParameterSchema = z.looseObject({
  name: z.string(),
  in: z.enum(['path', 'query', 'header', 'cookie']),
  required: z.boolean().optional(),
  schema: z.unknown().optional(),
  style: z.string().optional(),
  explode: z.boolean().optional(),
});
type Parameter = z.infer<typeof ParameterSchema>;

const MediaTypesSchema = z.record(z.string(), z.looseObject({ schema: z.unknown().optional() }));
const RequestBodySchema = z.looseObject({ required: z.boolean().optional(), content: MediaTypesSchema.optional() });
const ResponseSchema = z.looseObject({ content: MediaTypesSchema.optional() });
const OperationSchema = z.looseObject({
  operationId: z.string().optional(),
  parameters: z.array(z.unknown()).optional(),
  requestBody: z.unknown().optional(),
  responses: z.record(z.string(), z.unknown()),
});

interface PreparedOperation {
  readonly method: string;
  readonly template: string;
  readonly segments: readonly string[];
  readonly operationId: string | undefined;
  readonly parameters: readonly Parameter[];
  readonly requestBody: z.infer<typeof RequestBodySchema> | undefined;
  readonly responses: Readonly<Record<string, z.infer<typeof ResponseSchema>>>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function collectFormatsAndKeywords(node: unknown, formats: Set<string>, extensions: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectFormatsAndKeywords(item, formats, extensions);
    return;
  }
  if (!isRecord(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'format' && typeof value === 'string') formats.add(value);
    if (key.startsWith('x-')) extensions.add(key);
    if (key === 'properties' && isRecord(value)) {
      // Property names are data, not keywords: only descend into their schemas.
      for (const child of Object.values(value)) collectFormatsAndKeywords(child, formats, extensions);
    } else {
      collectFormatsAndKeywords(value, formats, extensions);
    }
  }
}

/** Points document-local `$ref`s at the spec registered in ajv, so fragments compile alone. */
function rebaseRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebaseRefs);
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${SPEC_ID}${value}` : rebaseRefs(value);
  }
  return out;
}

function describeAjvError(prefix: string, error: ErrorObject): ContractError {
  const where = `${prefix}${error.instancePath}`;
  if (
    error.keyword === 'additionalProperties' &&
    isRecord(error.params) &&
    typeof error.params.additionalProperty === 'string'
  ) {
    return { path: `${where}/${error.params.additionalProperty}`, message: 'property not allowed by the schema' };
  }
  if (error.keyword === 'required' && isRecord(error.params) && typeof error.params.missingProperty === 'string') {
    return { path: `${where}/${error.params.missingProperty}`, message: 'required property is missing' };
  }
  return { path: where, message: `${error.message ?? error.keyword} (${error.schemaPath})` };
}

function splitPathAndQuery(path: string): { pathname: string; search: URLSearchParams } {
  const mark = path.indexOf('?');
  return mark < 0
    ? { pathname: path, search: new URLSearchParams() }
    : { pathname: path.slice(0, mark), search: new URLSearchParams(path.slice(mark + 1)) };
}

function queryToMultiMap(request: RequestToCheck, fromPath: URLSearchParams): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const add = (name: string, value: string) => map.set(name, [...(map.get(name) ?? []), value]);
  fromPath.forEach((value, name) => add(name, value));
  const query = request.query;
  if (query instanceof URLSearchParams) query.forEach((value, name) => add(name, value));
  else if (query) {
    for (const [name, value] of Object.entries(query)) {
      if (typeof value === 'string') add(name, value);
      else for (const item of value) add(name, item);
    }
  }
  return map;
}

/**
 * Builds a validator over an OpenAPI 3.0 description.
 *
 * @example
 * ```ts
 * const contract = createOpenApiContract();
 * contract.validateRequest({ method: 'GET', path: '/rest/api/3/search/jql', query: { jql: 'project = SUP', maxResults: '50' } });
 * // []
 * contract.validateResponse({ method: 'GET', path: '/rest/api/3/myself', status: 200, body: { accountId: 42 } });
 * // [{ path: 'body/accountId', message: 'must be string (…)' }]
 * ```
 */
export function createOpenApiContract(source: unknown = loadTrimmedJiraSpec()): OpenApiContract {
  const spec = SpecSchema.parse(source);
  const components = spec.components ?? {};

  const formats = new Set<string>();
  const extensions = new Set<string>();
  collectFormatsAndKeywords(spec, formats, extensions);

  // ownProperties: a JSON body has only own keys, and a key Jira may leave out can share its name with
  // an inherited method (a change item's `toString`); without it ajv reads the method and rejects it.
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    validateSchema: false,
    ownProperties: true,
  });
  addFormats(ajv);
  for (const format of formats) {
    // A format ajv does not know (Jira invents a few) is documentation: accept any value.
    if (!(format in ajv.formats)) ajv.addFormat(format, true);
  }
  for (const keyword of [...OPENAPI_ANNOTATIONS, ...extensions]) {
    if (!ajv.getKeyword(keyword)) ajv.addKeyword({ keyword });
  }
  // The registered document is only a container for `$ref` targets; its root is never a schema.
  ajv.addKeyword({ keyword: 'components' });
  ajv.addSchema({ $id: SPEC_ID, components }, SPEC_ID);

  const resolve = (node: unknown, depth = 0): unknown => {
    if (!isRecord(node) || typeof node.$ref !== 'string' || depth > 20) return node;
    const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(node.$ref);
    const section = match ? components[match[1]] : undefined;
    return resolve(match && section ? section[match[2]] : undefined, depth + 1);
  };

  const prepared: PreparedOperation[] = [];
  for (const [template, pathItem] of Object.entries(spec.paths)) {
    const shared = z.array(z.unknown()).optional().parse(pathItem.parameters) ?? [];
    for (const [method, rawOperation] of Object.entries(pathItem)) {
      if (!HTTP_METHODS.includes(method)) continue;
      const operation = OperationSchema.parse(rawOperation);
      const byKey = new Map<string, Parameter>();
      for (const raw of [...shared, ...(operation.parameters ?? [])]) {
        const parameter = ParameterSchema.parse(resolve(raw));
        byKey.set(`${parameter.in}:${parameter.name}`, parameter);
      }
      const responses: Record<string, z.infer<typeof ResponseSchema>> = {};
      for (const [status, response] of Object.entries(operation.responses))
        responses[status] = ResponseSchema.parse(resolve(response));
      prepared.push({
        method: method.toUpperCase(),
        template,
        segments: template.split('/'),
        operationId: operation.operationId,
        parameters: [...byKey.values()],
        requestBody:
          operation.requestBody === undefined ? undefined : RequestBodySchema.parse(resolve(operation.requestBody)),
        responses,
      });
    }
  }

  const compiled = new Map<string, ValidateFunction>();
  const validatorFor = (key: string, schema: unknown): ValidateFunction => {
    let validate = compiled.get(key);
    if (!validate) {
      const rebased = rebaseRefs(schema);
      validate = ajv.compile(isRecord(rebased) ? rebased : {});
      compiled.set(key, validate);
    }
    return validate;
  };
  const check = (key: string, schema: unknown, value: unknown, prefix: string): ContractError[] => {
    const validate = validatorFor(key, schema);
    return validate(value) ? [] : (validate.errors ?? []).map((error) => describeAjvError(prefix, error));
  };

  /** Templates whose segments match; literal segments beat `{param}` ones. */
  const candidatesFor = (
    pathname: string,
  ): { operation: PreparedOperation; params: Record<string, string>; literals: number }[] => {
    const segments = pathname.split('/');
    const found = [];
    for (const operation of prepared) {
      if (operation.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let literals = 0;
      let ok = true;
      for (let i = 0; i < segments.length && ok; i++) {
        const expected = operation.segments[i];
        const actual = segments[i];
        const name = /^\{(.+)\}$/.exec(expected)?.[1];
        if (name !== undefined) {
          if (actual === '') ok = false;
          else {
            try {
              params[name] = decodeURIComponent(actual);
            } catch {
              ok = false;
            }
          }
        } else if (expected === actual) literals++;
        else ok = false;
      }
      if (ok) found.push({ operation, params, literals });
    }
    const best = Math.max(-1, ...found.map((candidate) => candidate.literals));
    return found.filter((candidate) => candidate.literals === best);
  };

  const match = (method: string, path: string): MatchedOperation | undefined => {
    const hit = candidatesFor(splitPathAndQuery(path).pathname).find(
      (candidate) => candidate.operation.method === method.toUpperCase(),
    );
    return (
      hit && {
        method: hit.operation.method,
        template: hit.operation.template,
        operationId: hit.operation.operationId,
        pathParams: hit.params,
      }
    );
  };

  const coerceScalar = (raw: string, schema: unknown): unknown => {
    const resolved = resolve(schema);
    const type = isRecord(resolved) ? resolved.type : undefined;
    if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
    if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
    return raw;
  };

  const validateRequest = (request: RequestToCheck): ContractError[] => {
    const { pathname, search } = splitPathAndQuery(request.path);
    const candidates = candidatesFor(pathname);
    if (candidates.length === 0) return [{ path: 'path', message: `no operation is described for ${pathname}` }];
    const hit = candidates.find((candidate) => candidate.operation.method === request.method.toUpperCase());
    if (!hit) {
      const allowed = candidates.map((candidate) => candidate.operation.method).join(', ');
      return [
        {
          path: 'method',
          message: `${request.method.toUpperCase()} is not described for ${candidates[0].operation.template} (described: ${allowed})`,
        },
      ];
    }
    const { operation, params } = hit;
    const key = `${operation.method} ${operation.template}`;
    const errors: ContractError[] = [];

    for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
      const value = params[parameter.name];
      if (value === undefined) errors.push({ path: `path.${parameter.name}`, message: 'path parameter is missing' });
      else
        errors.push(...check(`${key} path:${parameter.name}`, parameter.schema ?? {}, value, `path.${parameter.name}`));
    }

    const query = queryToMultiMap(request, search);
    const known = new Map(operation.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
    for (const name of query.keys()) {
      if (!known.has(name)) errors.push({ path: `query.${name}`, message: `unknown query parameter for ${key}` });
    }
    for (const parameter of known.values()) {
      const raw = query.get(parameter.name);
      if (raw === undefined) {
        if (parameter.required)
          errors.push({ path: `query.${parameter.name}`, message: 'required query parameter is missing' });
        continue;
      }
      const schema = resolve(parameter.schema ?? {});
      let value: unknown;
      if (isRecord(schema) && schema.type === 'array') {
        // OpenAPI's default for query arrays is style=form, explode=true (repeated names);
        // explode=false means one comma-separated value.
        const items = parameter.explode === false ? raw.flatMap((entry) => entry.split(',')) : raw;
        value = items.map((item) => coerceScalar(item, schema.items));
      } else if (raw.length > 1) {
        errors.push({ path: `query.${parameter.name}`, message: 'query parameter is repeated but takes one value' });
        continue;
      } else {
        value = coerceScalar(raw[0], schema);
      }
      errors.push(...check(`${key} query:${parameter.name}`, schema, value, `query.${parameter.name}`));
    }

    const requestBody = operation.requestBody;
    if (request.body === undefined) {
      if (requestBody?.required) errors.push({ path: 'body', message: `${key} requires a request body` });
    } else if (!requestBody) {
      errors.push({ path: 'body', message: `${key} takes no request body` });
    } else {
      const media = requestBody.content?.['application/json'];
      if (!media) errors.push({ path: 'body', message: `${key} does not take application/json` });
      else errors.push(...check(`${key} body`, media.schema ?? {}, request.body, 'body'));
    }
    return errors;
  };

  const validateResponse = (response: ResponseToCheck): ContractError[] => {
    const matched = match(response.method, response.path);
    if (!matched)
      return [
        {
          path: 'path',
          message: `no operation is described for ${response.method.toUpperCase()} ${splitPathAndQuery(response.path).pathname}`,
        },
      ];
    const operation = prepared.find((op) => op.method === matched.method && op.template === matched.template);
    if (!operation) return [{ path: 'path', message: 'operation vanished' }];
    const key = `${operation.method} ${operation.template}`;
    const status = String(response.status);
    const described =
      operation.responses[status] ?? operation.responses[`${status[0]}XX`] ?? operation.responses.default;
    if (!described) {
      if (PLATFORM_STATUSES.includes(response.status)) return [];
      return [
        {
          path: 'status',
          message: `${key} does not describe status ${status} (described: ${Object.keys(operation.responses).join(', ')})`,
        },
      ];
    }
    const media = described.content?.['application/json'];
    const schema = media?.schema;
    if (schema === undefined || (isRecord(schema) && Object.keys(schema).length === 0)) {
      // No schema: success answers must then be empty; error answers carry Jira's free-form error bodies.
      if (!media && response.status < 300 && response.body !== undefined)
        return [{ path: 'body', message: `${key} ${status} describes no body` }];
      return [];
    }
    if (response.body === undefined) return [{ path: 'body', message: `${key} ${status} must have a JSON body` }];
    return check(`${key} ${status}`, schema, response.body, 'body');
  };

  return {
    match,
    validateRequest,
    validateResponse,
    operations: () => prepared.map((op) => `${op.method} ${op.template}`),
    info: () => spec.info,
  };
}

/** The trimmed Jira description committed beside this file (see scripts/trim-jira-openapi.ts). */
export function loadTrimmedJiraSpec(): unknown {
  return JSON.parse(readFileSync(join(__dirname, 'jira-openapi.trimmed.json'), 'utf8'));
}
