import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { parseCatalog } from '../core/catalog/parse-catalog';
import type { CompiledCatalog } from '../core/catalog/compiled-catalog';
import type { ValidationIssue, Validated } from '../core/errors/validation-issue';

/**
 * Parses catalog text (YAML 1.2 or JSON). YAML anchors and merge keys (`<<: *base`) are allowed so
 * tariffs can share rules; top-level keys starting with `x-` hold such shared fragments and are
 * dropped before validation.
 */
export function parseCatalogText(text: string): Validated<CompiledCatalog> {
  const document = parseDocument(text, { merge: true, prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      issues: document.errors.map((error): ValidationIssue => {
        const position = error.linePos?.[0];
        return { code: 'yaml_syntax', path: [], message: `${position ? `line ${position.line}, column ${position.col}: ` : ''}${error.message.split('\n')[0]}` };
      }),
    };
  }
  const value: unknown = document.toJS({ maxAliasCount: 10_000 });
  return parseCatalog(withoutExtensionKeys(value));
}

function withoutExtensionKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('x-')));
}

/** Reads and validates a catalog file; a missing file is an issue like any other, not an exception. */
export function readCatalogFile(path: string): Validated<CompiledCatalog> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'file not found' : String(error);
    return { ok: false, issues: [{ code: 'file_unreadable', path: [], message: `cannot read catalog ${path}: ${reason}` }] };
  }
  return parseCatalogText(text);
}
