/**
 * The `code` of a Node.js system error (`ENOENT`, `EACCES`), read without `instanceof Error`:
 * errors raised by Node's own modules are not instances of the `Error` of every realm (test
 * sandboxes, vm contexts).
 *
 * @example
 * try { readFileSync(path); } catch (error) { if (systemErrorCode(error) === 'ENOENT') … }
 */
export function systemErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
