import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Alias,
  type Document,
  type Node,
} from 'yaml';
import type { ValidationIssue, Validated } from '../core/errors/validation-issue';

/** Longest YAML (or JSON) text read, in characters: far beyond any real catalog or config. */
export const MAX_YAML_CHARS = 4 * 1024 * 1024;
/** Most nodes a document may hold once every alias is expanded; a billion-laughs document holds 10^9. */
export const MAX_EXPANDED_NODES = 100_000;
/** yaml's own guard against alias amplification while converting to plain data (a backstop). */
const MAX_ALIAS_COUNT = 10_000;

export interface YamlTextOptions {
  /** Accept merge keys (`<<: *base`). */
  readonly merge?: boolean;
  readonly maxChars?: number;
  readonly maxExpandedNodes?: number;
}

type Path = Array<string | number>;

/**
 * Parses YAML 1.2 (JSON included) into plain data, or returns every problem as a {@link ValidationIssue}:
 * syntax errors with their line and column (`yaml_syntax`), a text beyond `maxChars` (`yaml_too_large`),
 * and aliases that expand beyond `maxExpandedNodes` nodes, named at the path of the alias that
 * amplifies (`yaml_alias_limit`, a billion-laughs document). Duplicate keys are errors: in a config a
 * repeated key is always a mistake. The one place where YAML errors become problems, for the CLI,
 * the Redmine worker's config and the Forge settings alike.
 *
 * @example
 * const result = parseYamlText('tariffs: {basic: {name: B}}');
 * if (result.ok) catalogSchema.safeParse(result.value);
 */
export function parseYamlText(text: string, options: YamlTextOptions = {}): Validated<unknown> {
  const maxChars = options.maxChars ?? MAX_YAML_CHARS;
  if (text.length > maxChars) {
    return problem('yaml_too_large', [], `the text has ${text.length} characters; at most ${maxChars} are read`);
  }
  const document = parseDocument(text, {
    merge: options.merge ?? false,
    prettyErrors: true,
    uniqueKeys: true,
  });
  if (document.errors.length > 0) return { ok: false, issues: document.errors.map(syntaxIssue) };
  const amplified = findAmplifiedAlias(document, options.maxExpandedNodes ?? MAX_EXPANDED_NODES);
  if (amplified) return { ok: false, issues: [amplified] };
  try {
    return {
      ok: true,
      value: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }),
    };
  } catch (error) {
    // yaml refuses some alias patterns the count above lets through; still a problem, never a crash.
    return problem(
      'yaml_alias_limit',
      [],
      `the aliases of this document expand too much: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function problem(code: string, path: Path, message: string): Validated<unknown> {
  return { ok: false, issues: [{ code, path, message }] };
}

function syntaxIssue(error: {
  message: string;
  linePos?: [{ line: number; col: number }, ...unknown[]];
}): ValidationIssue {
  const position = error.linePos?.[0];
  // yaml's first line repeats the position ("… at line 3, column 1:"); it is given once, up front.
  const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return {
    code: 'yaml_syntax',
    path: [],
    message: `${position ? `line ${position.line}, column ${position.col}: ` : ''}${message}`,
  };
}

/**
 * The alias that makes the document expand beyond `limit` nodes, as an issue at its path, or
 * null. Sizes are counted once per node (memoised), so a hostile document costs linear time.
 */
function findAmplifiedAlias(document: Document, limit: number): ValidationIssue | null {
  if (!document.contents) return null;
  const targets = aliasTargets(document);
  const sizes = new Map<unknown, number>();
  const resolving = new Set<unknown>();
  const sizeOf = (node: unknown): number => {
    const known = sizes.get(node);
    if (known !== undefined) return known;
    if (resolving.has(node)) return 1; // a self-referencing anchor; yaml reports it when converting
    resolving.add(node);
    let size = 1;
    if (isAlias(node)) size = sizeOf(targets.get(node));
    else if (isMap(node)) for (const pair of node.items) size += sizeOf(pair.key) + sizeOf(pair.value);
    else if (isSeq(node)) for (const item of node.items) size += sizeOf(item);
    else if (isPair(node)) size += sizeOf(node.key) + sizeOf(node.value);
    resolving.delete(node);
    size = Math.min(size, Number.MAX_SAFE_INTEGER);
    sizes.set(node, size);
    return size;
  };
  if (sizeOf(document.contents) <= limit) return null;
  // Walk down the heaviest branch to the first alias that alone expands beyond a share of the limit.
  const path: Path = [];
  let node: unknown = document.contents;
  for (;;) {
    if (isAlias(node)) {
      return {
        code: 'yaml_alias_limit',
        path,
        message: `aliases expand this document to about ${formatCount(sizeOf(document.contents))} nodes, ${formatCount(sizeOf(node))} of them through alias *${node.source} here; at most ${formatCount(limit)} are read (a "billion laughs" document?)`,
      };
    }
    const children = childrenOf(node);
    if (children.length === 0) break;
    const heaviest = children.reduce((best, child) => (sizeOf(child.node) > sizeOf(best.node) ? child : best));
    path.push(heaviest.segment);
    node = heaviest.node;
  }
  return {
    code: 'yaml_alias_limit',
    path: [],
    message: `the document expands to about ${formatCount(sizeOf(document.contents))} nodes; at most ${formatCount(limit)} are read`,
  };
}

/**
 * The node each alias refers to: the latest anchor of its name before it, found in one pass
 * (yaml's own `Alias.resolve` walks the whole document per alias, quadratic in a hostile one).
 */
function aliasTargets(document: Document): Map<Alias, unknown> {
  const anchors = new Map<string, unknown>();
  const targets = new Map<Alias, unknown>();
  visit(document, {
    Node: (_key, node) => {
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

function childrenOf(node: unknown): Array<{ segment: string | number; node: Node | unknown }> {
  if (isMap(node))
    return node.items.map((pair) => ({
      segment: keyText(pair.key),
      node: pair.value,
    }));
  if (isSeq(node)) return node.items.map((item, index) => ({ segment: index, node: item }));
  return [];
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  if (isAlias(key)) return `*${key.source}`;
  return String(key);
}

function formatCount(count: number): string {
  return count >= 1e6 ? count.toExponential(1).replace('e+', 'e') : String(count);
}
