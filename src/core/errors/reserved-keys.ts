import { RESERVED_KEYS } from './input-bounds';
import type { ValidationIssue } from './validation-issue';

/**
 * Every own key `__proto__` in a parsed document, with its path. JSON.parse and YAML keep such a key
 * as data, but a record built from it would set its prototype instead, so the name would silently
 * vanish (or worse): it is reported instead. Walks iteratively, so depth cannot overflow the stack.
 *
 * @example
 * reservedKeyIssues(JSON.parse('{"tariffs": {"__proto__": {}}}')); // [{ path: ['tariffs', '__proto__'], … }]
 */
export function reservedKeyIssues(document: unknown, pathPrefix: Array<string | number> = []): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value: document, path: pathPrefix }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
      continue;
    }
    for (const key of Object.keys(value)) {
      if (RESERVED_KEYS.has(key)) {
        issues.push({
          code: 'reserved_name',
          path: [...path, key],
          message: `"${key}" cannot be used as a name: rename it`,
        });
        continue;
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return issues;
}
