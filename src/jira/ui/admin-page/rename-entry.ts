/**
 * Renaming a named entry of the settings (a calendar, a policy, a tariff, a contract, a notification
 * channel, a Jira project) together with every reference to it in the catalog and the mapping, in the
 * YAML texts, in place: the referring scalars keep their comments, quoting and flow style, so a rename
 * never leaves a dangling reference behind.
 */
import { renameSettingsKey, type SettingsPath } from './settings-document';
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';

/** The sections whose entries other parts of the settings name. */
export const RENAMEABLE_SECTIONS = [
  'calendars',
  'escalationPolicies',
  'tariffs',
  'contracts',
  'notificationChannels',
  'projects',
] as const;
export type RenameableSection = (typeof RENAMEABLE_SECTIONS)[number];

/** A place that names an entry: `*` is any key or index; a list at the end is a list of names. */
type ReferencePattern = ReadonlyArray<string>;

/** Where each section's entries are named, in the catalog and in the mapping. */
const REFERENCES: Readonly<
  Record<RenameableSection, { readonly catalog: ReferencePattern[]; readonly mapping: ReferencePattern[] }>
> = {
  calendars: {
    catalog: [
      ['tariffs', '*', 'calendar'],
      ['contracts', '*', 'calendar'],
    ],
    mapping: [],
  },
  escalationPolicies: { catalog: [['tariffs', '*', 'escalationPolicy']], mapping: [] },
  tariffs: { catalog: [['contracts', '*', 'terms', '*', 'tariff']], mapping: [] },
  contracts: {
    catalog: [],
    mapping: [
      ['projects', '*', 'contract'],
      ['contractRules', 'rules', '*', 'contract'],
      ['contractRules', 'default'],
    ],
  },
  notificationChannels: { catalog: [['contracts', '*', 'notify', '*', 'channels']], mapping: [] },
  projects: { catalog: [], mapping: [['contractRules', 'rules', '*', 'project']] },
};

/** A Jira project key, as the mapping's schema accepts it. */
const PROJECT_KEY = /^[A-Z][A-Z0-9_]+$/;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Whether `name` (trimmed) may name an entry of `section`: one line of text; for a project, a Jira key. */
export function nameIsValid(section: RenameableSection, name: string): boolean {
  const trimmed = name.trim();
  if (trimmed === '' || CONTROL_CHARACTERS.test(trimmed)) return false;
  return section !== 'projects' || PROJECT_KEY.test(trimmed);
}

/** Which text holds a section's entries. */
export function sectionText(section: RenameableSection): 'catalog' | 'mapping' {
  return section === 'projects' ? 'mapping' : 'catalog';
}

export function isRenameableSection(name: unknown): name is RenameableSection {
  return RENAMEABLE_SECTIONS.some((section) => section === name);
}

function childrenAt(node: unknown, segment: string): unknown[] {
  if (isMap(node)) {
    if (segment === '*') return node.items.map((pair) => pair.value);
    return node.items
      .filter((pair) => isScalar(pair.key) && String(pair.key.value) === segment)
      .map((pair) => pair.value);
  }
  if (isSeq(node) && segment === '*') return [...node.items];
  return [];
}

/** A place naming an entry: the node written there, and how to write another in its stead. */
interface ReferenceSlot {
  readonly node: unknown;
  readonly replace: (node: YamlNode) => void;
}

/** The places at the pattern's end: a name, or each name of a list. */
function slotsAt(document: Document, pattern: ReferencePattern): ReferenceSlot[] {
  let parents: unknown[] = [document.contents];
  for (const segment of pattern.slice(0, -1)) parents = parents.flatMap((node) => childrenAt(node, segment));
  const last = pattern[pattern.length - 1];
  const slots: ReferenceSlot[] = [];
  for (const parent of parents) {
    if (!isMap(parent)) continue;
    for (const pair of parent.items) {
      if (!isScalar(pair.key) || String(pair.key.value) !== last) continue;
      const value = pair.value;
      if (isSeq(value))
        value.items.forEach((item, index) =>
          slots.push({ node: item, replace: (node) => (value.items[index] = node) }),
        );
      else slots.push({ node: value, replace: (node) => (pair.value = node) });
    }
  }
  return slots;
}

/**
 * Renames the references equal to `from` at the patterns' ends; counts them. A plain value is renamed
 * where it is written; an alias follows its anchor when that is renamed as a reference too, and else
 * (the anchor is some other value, a name or a description) becomes the new name itself.
 */
function renameReferences(document: Document, patterns: readonly ReferencePattern[], from: string, to: string): number {
  const slots = patterns.flatMap((pattern) => slotsAt(document, pattern));
  let renamed = 0;
  for (const { node } of slots) {
    if (isAlias(node) || !isScalar(node) || String(node.value) !== from) continue;
    node.value = to;
    renamed++;
  }
  for (const { node, replace } of slots) {
    if (!isAlias(node)) continue;
    const target = node.resolve(document);
    if (!isScalar(target) || String(target.value) !== from) continue;
    const written = document.createNode(to);
    written.comment = node.comment;
    replace(written);
    renamed++;
  }
  return renamed;
}

function documentOf(text: string): Document | null {
  const document = parseDocument(text, { merge: true, uniqueKeys: false });
  return document.errors.length > 0 ? null : document;
}

function keyPair(document: Document, section: RenameableSection, name: string) {
  const parent = document.get(section, true) as YamlNode | undefined;
  if (!isMap(parent)) return { parent: undefined, pair: undefined, count: 0 };
  const pairs = parent.items.filter((item) => isScalar(item.key) && String(item.key.value) === name);
  return { parent, pair: pairs[0], count: pairs.length };
}

/**
 * Renames the entry `from` of `section` in the text that holds it, and every reference to it in that
 * text. Unchanged when the new name is empty, no valid name, taken, or the text is not valid YAML.
 *
 * @example
 * renameEntryInText('tariffs:\n  basic: {}\ncontracts:\n  a: { terms: [{ tariff: basic }] }  # A\n', 'tariffs', 'basic', 'base');
 * // 'tariffs:\n  base: {}\ncontracts:\n  a: { terms: [ { tariff: base } ] } # A\n'
 */
export function renameEntryInText(text: string, section: RenameableSection, from: string, to: string): string {
  const document = documentOf(text);
  const name = to.trim();
  if (document === null || !nameIsValid(section, name) || name === from) return text;
  const { parent, pair, count } = keyPair(document, section, from);
  // Two entries of one name: which one the references mean is not known; the text's problems say so.
  if (!parent || !pair || count > 1 || keyPair(document, section, name).pair) return text;
  if (isScalar(pair.key)) pair.key.value = name;
  else pair.key = document.createNode(name);
  renameReferences(document, REFERENCES[section][sectionText(section)], from, name);
  return document.toString({ lineWidth: 0 });
}

/**
 * Renames the references to an entry of `section` in the other text (the mapping naming a catalog's
 * contract, the catalog naming … nothing of the mapping today); unchanged when none is there.
 */
export function renameReferencesInText(
  text: string,
  part: 'catalog' | 'mapping',
  section: RenameableSection,
  from: string,
  to: string,
): string {
  const patterns = REFERENCES[section][part];
  const name = to.trim();
  if (patterns.length === 0 || name === '' || name === from) return text;
  const document = documentOf(text);
  if (document === null) return text;
  const renamed = renameReferences(document, patterns, from, name);
  return renamed === 0 ? text : document.toString({ lineWidth: 0 });
}

/** Whether an entry may take a name: a valid one ({@link nameIsValid}) not taken by another entry of its section. */
export function nameIsFree(text: string, section: RenameableSection, name: string): boolean {
  const document = documentOf(text);
  return document !== null && nameIsValid(section, name) && !keyPair(document, section, name.trim()).pair;
}

/** The two settings texts. */
export interface SettingsTexts {
  readonly catalog: string;
  readonly mapping: string;
}

/**
 * Renames the key `from` of the map at `parent` in `part`: an entry of a named section (calendar,
 * policy, tariff, contract, channel, project) together with every reference to it in both texts; any
 * other key (a request type, a Jira name) on its own. A taken name leaves both texts as they were.
 *
 * @example
 * renameSettingsEntry('catalog', texts, ['contracts'], 'client-a', 'alfa'); // the mapping's projects follow
 */
export function renameSettingsEntry(
  part: 'catalog' | 'mapping',
  texts: SettingsTexts,
  parent: SettingsPath,
  from: string,
  to: string,
): SettingsTexts {
  const section = parent.length === 1 ? parent[0] : undefined;
  if (!isRenameableSection(section) || sectionText(section) !== part) {
    const renamed = renameSettingsKey(texts[part], parent, from, to);
    return part === 'catalog' ? { ...texts, catalog: renamed } : { ...texts, mapping: renamed };
  }
  const other = part === 'catalog' ? 'mapping' : 'catalog';
  // References the other text may hold but cannot be read for (not valid YAML): no rename, no dangling name.
  if (REFERENCES[section][other].length > 0 && documentOf(texts[other]) === null) return texts;
  const renamed = renameEntryInText(texts[part], section, from, to);
  if (renamed === texts[part]) return texts;
  const followed = renameReferencesInText(texts[other], other, section, from, to);
  return part === 'catalog' ? { catalog: renamed, mapping: followed } : { catalog: followed, mapping: renamed };
}
