import type { ValidationIssue } from './validation-issue';

type Frame = { kind: 'object'; keys: Set<string>; key: string | null } | { kind: 'array'; index: number };

/**
 * Every key repeated within one JSON object, with its path. `JSON.parse` silently keeps the last of
 * two equal keys, so `{"minutes": 30, "minutes": 3000}` would lose data without a word. One linear
 * pass over valid JSON text (call it after `JSON.parse` succeeded); strings are decoded only for keys.
 *
 * @example
 * duplicateJsonKeys('{"issues": [{"key": "A", "key": "B"}]}'); // [{ path: ['issues', 0, 'key'], … }]
 */
export function duplicateJsonKeys(text: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const stack: Frame[] = [];
  const pathOf = (): Array<string | number> =>
    stack.flatMap((frame): Array<string | number> =>
      frame.kind === 'array' ? [frame.index] : frame.key === null ? [] : [frame.key],
    );
  let expectKey = false;
  for (let position = 0; position < text.length; position++) {
    const character = text[position];
    if (character === '"') {
      let end = position + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top?.kind === 'object') {
        const key = JSON.parse(text.slice(position, end + 1)) as string;
        if (top.keys.has(key)) {
          top.key = key;
          issues.push({
            code: 'duplicate_json_key',
            path: pathOf(),
            message: `key "${key}" appears twice in one object: keep one (JSON readers silently keep only the last)`,
          });
        }
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      position = end;
    } else if (character === '{') {
      stack.push({ kind: 'object', keys: new Set(), key: null });
      expectKey = true;
    } else if (character === '[') {
      stack.push({ kind: 'array', index: 0 });
    } else if (character === '}' || character === ']') {
      stack.pop();
    } else if (character === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.index++;
      else expectKey = true;
    }
  }
  return issues;
}
