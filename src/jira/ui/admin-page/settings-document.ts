/**
 * The admin's settings texts as YAML documents, edited in place: the structured editor reads values
 * from the text and writes each change back into it with `yaml`'s document model, so comments,
 * anchors and the order of keys the admin wrote survive, and the YAML tab always shows the same
 * settings. The text stays the one source of truth; the server validates it as it is saved.
 */
import { Document, isCollection, isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';

export type SettingsPath = ReadonlyArray<string | number>;

/** Bounds the expansion of aliases while reading, as the server's reader does. */
const MAX_ALIAS_COUNT = 1000;

function documentOf(text: string): Document {
  return parseDocument(text, { merge: true, uniqueKeys: false });
}

/** The text as data (aliases and merge keys resolved), or null when it is not valid YAML. */
export function readSettingsText(text: string): Record<string, unknown> | null {
  const document = documentOf(text);
  if (document.errors.length > 0) return null;
  const value: unknown = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The value at `path` in already-read data. */
export function valueAt(data: unknown, path: SettingsPath): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Object.hasOwn(node, segment) ? (node as Record<string | number, unknown>)[segment] : undefined;
  }
  return node;
}

/** The keys of a map in already-read data (none when it is not a map). */
export function keysAt(value: unknown): string[] {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
}

/** The strings of a list in already-read data (none when it is not a list). */
export function stringsAt(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * Writes `value` at `path` (creating the maps on the way), or removes the key when the value is
 * empty. A path through an alias cannot be edited in place: the document is then rebuilt from its data.
 */
export function writeSettingsText(text: string, path: SettingsPath, value: unknown): string {
  const document = documentOf(text);
  if (document.errors.length > 0) return text;
  if (document.contents === null) document.contents = document.createNode({});
  try {
    return written(document, path, value);
  } catch {
    // The data with every alias expanded: each copy can be edited on its own.
    const data = readSettingsText(text) ?? {};
    return written(new Document(data, { aliasDuplicateObjects: false }), path, value);
  }
}

function written(document: Document, path: SettingsPath, value: unknown): string {
  if (isEmpty(value)) document.deleteIn(path);
  else document.setIn(path, document.createNode(value, { flow: isFlowValue(value) }));
  blockAlong(document, path);
  return document.toString({ lineWidth: 0 });
}

/**
 * A flow collection (`projects: {}`, `- { level: 2, … }`) that now holds maps or lists is written as a
 * block again, so entries added in the structured editor read as the admin would write them.
 */
function blockAlong(document: Document, path: SettingsPath): void {
  for (let length = 0; length < path.length; length++) {
    const node = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
    if (!isCollection(node) || !node.flow) continue;
    const nested = node.items.some((item) => isCollection(isPair(item) ? item.value : item));
    if (nested) node.flow = false;
  }
}

/** Short lists of scalars read best on one line (`[Resolved, Closed]`), as the seed catalog writes them. */
function isFlowValue(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object');
}

/** Renames a key of the map at `parentPath`, keeping its place and value. */
export function renameSettingsKey(text: string, parentPath: SettingsPath, from: string, to: string): string {
  if (from === to || to === '') return text;
  const document = documentOf(text);
  const parent = parentPath.length === 0 ? document.contents : document.getIn(parentPath, true);
  if (!isMap(parent)) return text;
  const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === from);
  if (!pair) return text;
  pair.key = document.createNode(to);
  return document.toString({ lineWidth: 0 });
}

/** Adds an entry at the end of the list at `path` (creating the list). */
export function appendSettingsItem(text: string, path: SettingsPath, item: unknown): string {
  const data = readSettingsText(text) ?? {};
  const list = valueAt(data, path);
  const document = documentOf(text);
  const node = document.getIn(path, true);
  if (isSeq(node)) {
    node.add(document.createNode(item, { flow: item !== null && typeof item === 'object' && !Array.isArray(item) }));
    blockAlong(document, [...path, node.items.length - 1]);
    return document.toString({ lineWidth: 0 });
  }
  return writeSettingsText(text, path, [...(Array.isArray(list) ? list : []), item]);
}

/** Removes the entry `index` of the list at `path`. */
export function removeSettingsItem(text: string, path: SettingsPath, index: number): string {
  const document = documentOf(text);
  try {
    document.deleteIn([...path, index]);
    return document.toString({ lineWidth: 0 });
  } catch {
    const list = valueAt(readSettingsText(text), path);
    return Array.isArray(list)
      ? writeSettingsText(
          text,
          path,
          list.filter((_, at) => at !== index),
        )
      : text;
  }
}

/**
 * The line (1-based) a problem at `path` belongs to: the value's own line, else the nearest
 * ancestor written in the text (a missing key is reported on its parent).
 */
export function lineOfPath(text: string, path: SettingsPath): { from: number; to: number } {
  const document = documentOf(text);
  for (let length = path.length; length > 0; length--) {
    const prefix = path.slice(0, length);
    const parent = length === 1 ? document.contents : document.getIn(prefix.slice(0, -1), true);
    const last = prefix[length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(last));
      const range = (pair?.key as YamlNode | undefined)?.range;
      if (range) return { from: range[0], to: Math.max(range[1], range[0] + 1) };
    }
    if (isSeq(parent) && typeof last === 'number') {
      const range = (parent.items[last] as YamlNode | undefined)?.range;
      if (range) return { from: range[0], to: Math.max(range[1], range[0] + 1) };
    }
  }
  return { from: 0, to: Math.min(1, text.length) };
}

/**
 * Moves the entry `from` of the list at `path` to the place `to` (an ordered list: contract rules),
 * the entry's comments going with it. Unchanged when either place is outside the list.
 */
export function moveSettingsItem(text: string, path: SettingsPath, from: number, to: number): string {
  const document = documentOf(text);
  if (document.errors.length > 0) return text;
  const node = path.length === 0 ? document.contents : document.getIn(path, true);
  if (!isSeq(node) || from === to) return text;
  if (from < 0 || to < 0 || from >= node.items.length || to >= node.items.length) return text;
  const [moved] = node.items.splice(from, 1);
  node.items.splice(to, 0, moved);
  return document.toString({ lineWidth: 0 });
}
