import type { z } from 'zod';

/** A problem found in input data, as data: what is wrong (`code`), where (`path`) and how to fix it (`message`). */
export interface ValidationIssue {
  code: string;
  path: Array<string | number>;
  message: string;
  /** The offending value the message quotes, so a renderer can say the same in another language. */
  value?: string;
}

/** The outcome of validating input: the value, or every issue found. */
export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/** `tariffs.basic.targets.reaction`, `issues[0].events[2].at`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text === '' ? '(root)' : text;
}

/** One line per issue, `path: message`, for humans. */
export function formatIssues(issues: readonly ValidationIssue[], prefix = ''): string {
  return issues.map((issue) => `${prefix}${formatIssuePath(issue.path)}: ${issue.message}`).join('\n');
}

/** Turns zod's issues into ours, keeping zod's code and path. */
export function issuesFromZodError(error: z.ZodError, pathPrefix: Array<string | number> = []): ValidationIssue[] {
  return error.issues.map((issue) => ({
    code: issue.code,
    path: [...pathPrefix, ...issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol')],
    message: describeZodIssue(issue),
  }));
}

/** A key worth repeating in a message: a field name as someone would misspell it, not pasted text (a token, a URL). */
const FIELD_NAME_LIKE = /^[A-Za-z_$][A-Za-z0-9_$.-]{0,63}$/;

function describeUnknownKeys(keys: readonly string[]): string {
  const shown = keys.filter((key) => FIELD_NAME_LIKE.test(key));
  const hidden = keys.length - shown.length;
  const named = shown.map((key) => `"${key}"`);
  // Text that is no field name may be a secret pasted in the wrong place: never repeated.
  if (hidden > 0) named.push(`${hidden === 1 ? 'one' : hidden} not shown (no field name: it may be a secret)`);
  return `unknown key${keys.length > 1 ? 's' : ''} ${named.join(', ')}: remove ${keys.length > 1 ? 'them' : 'it'} or check the spelling`;
}

function describeZodIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return describeUnknownKeys(issue.keys);
  if (issue.code === 'invalid_key' && issue.issues.length > 0 && issue.issues[0].message !== undefined) {
    // A record's key (a project key, a tariff id) is judged by its own schema: say what it expected, not "Invalid key".
    return issue.issues[0].message;
  }
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) {
    return `missing: expected ${issue.expected}`;
  }
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator) {
    return `${issue.message} (field "${String(issue.discriminator)}")`;
  }
  return issue.message;
}
