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
