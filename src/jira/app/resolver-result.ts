import type { z } from 'zod';

/** A problem a resolver reports to its page, as data (never a thrown message): what, where, and how to fix it. */
export interface ResolverError {
  readonly code: string;
  readonly path: Array<string | number>;
  readonly message: string;
}

/** What every resolver answers. */
export type ResolverResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ResolverError };

export function ok<T>(value: T): ResolverResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: string, message: string, path: Array<string | number> = []): ResolverResult<T> {
  return { ok: false, error: { code, path, message } };
}

/**
 * Reads a page's request with its schema, once, at the edge: the data, or `code` with the first
 * problem's message and where it is.
 */
export function parseRequest<T>(schema: z.ZodType<T>, payload: unknown, code: string): ResolverResult<T> {
  const parsed = schema.safeParse(payload ?? {});
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const path = (issue?.path ?? []).filter((segment): segment is string | number => typeof segment !== 'symbol');
  return fail(code, issue?.message ?? 'invalid request', path);
}
