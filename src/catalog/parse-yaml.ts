import { parseDocument } from 'yaml';
import type { ValidationIssue, Validated } from '../core/errors/validation-issue';

/**
 * Parses YAML 1.2 (JSON included) into plain data, or returns every syntax error as an issue with
 * its line and column. Duplicate keys are errors: in a config a repeated key is always a mistake.
 *
 * @example
 * const result = parseYamlText('tariffs: {basic: {name: B}}');
 * if (result.ok) catalogSchema.safeParse(result.value);
 */
export function parseYamlText(text: string, options: { merge?: boolean } = {}): Validated<unknown> {
  const document = parseDocument(text, { merge: options.merge ?? false, prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      issues: document.errors.map((error): ValidationIssue => {
        const position = error.linePos?.[0];
        // yaml's first line repeats the position ("… at line 3, column 1:"); it is given once, up front.
        const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        return { code: 'yaml_syntax', path: [], message: `${position ? `line ${position.line}, column ${position.col}: ` : ''}${message}` };
      }),
    };
  }
  return { ok: true, value: document.toJS({ maxAliasCount: 10_000 }) };
}
