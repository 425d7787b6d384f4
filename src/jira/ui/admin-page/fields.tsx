/**
 * The structured editor's fields: each edits one value of a settings text by its path and shows,
 * right under it, every problem whose path leads there (in the page's language).
 */
import React, { createContext, useContext, useEffect, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import Select, { AsyncCreatableSelect, AsyncSelect } from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { formatIssuePath } from '../../../core/errors/validation-issue';
import type { PageWords } from './page-words';
import { localizeProblem, type PageLanguage } from './problem-words';
import { valueAt, type SettingsPath } from './settings-document';

export interface SettingsProblem {
  readonly code: string;
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

/** One settings text as the fields see it: its data, how to change it, and its problems. */
export interface SettingsEditing {
  readonly data: Record<string, unknown>;
  readonly problems: readonly SettingsProblem[];
  readonly language: PageLanguage;
  readonly words: PageWords;
  set(path: SettingsPath, value: unknown): void;
  rename(parentPath: SettingsPath, from: string, to: string): void;
  append(path: SettingsPath, item: unknown): void;
  remove(path: SettingsPath, index: number): void;
  /** Moves the entry `from` of the list at `path` to the place `to` (ordered lists). */
  move(path: SettingsPath, from: number, to: number): void;
}

export const EditingContext = createContext<SettingsEditing | null>(null);

export function useEditing(): SettingsEditing {
  const editing = useContext(EditingContext);
  if (editing === null) throw new Error('a settings field outside its editor');
  return editing;
}

/** `tariffs.basic.targets.reaction`: a field's id, and the key problems are matched by. */
export function pathKey(path: SettingsPath): string {
  return formatIssuePath(path);
}

/** The problems at `path` or below it; with `depth`, at most that many steps below it. */
export function problemsUnder(
  problems: readonly SettingsProblem[],
  path: SettingsPath,
  depth = Infinity,
): SettingsProblem[] {
  const key = pathKey(path);
  return problems.filter((problem) => {
    const at = pathKey(problem.path);
    const under = at === key || at.startsWith(`${key}.`) || at.startsWith(`${key}[`);
    return under && problem.path.length - path.length <= depth;
  });
}

/** Problems listed under a field or a card. */
export function ProblemList(props: { readonly problems: readonly SettingsProblem[] }): React.JSX.Element | null {
  const { language } = useEditing();
  if (props.problems.length === 0) return null;
  return (
    <ul className="field-problems" role="alert">
      {props.problems.map((problem, index) => (
        <li key={index} className="field-problem" data-problem-path={pathKey(problem.path)}>
          {localizeProblem(problem, language)}
        </li>
      ))}
    </ul>
  );
}

/**
 * A labelled field with its problems. A frame around other fields (a section, a group, a list) sets
 * `depth`: it shows only the problems that many steps below it (0: at its own path), since the fields
 * inside show theirs.
 */
export function FieldFrame(props: {
  readonly path: SettingsPath;
  readonly label?: string;
  readonly hint?: string;
  readonly className?: string;
  readonly depth?: number;
  readonly children: React.ReactNode;
}): React.JSX.Element {
  const { problems } = useEditing();
  const id = pathKey(props.path);
  const mine = problemsUnder(problems, props.path, props.depth);
  return (
    <div className={`field ${props.className ?? ''} ${mine.length > 0 ? 'invalid' : ''}`} data-path={id}>
      {props.label !== undefined && (
        <label className="field-label" htmlFor={id}>
          {props.label}
        </label>
      )}
      {props.children}
      {props.hint !== undefined && <span className="field-hint">{props.hint}</span>}
      <ProblemList problems={mine} />
    </div>
  );
}

/**
 * The text typed into a field, kept while the admin types even when the settings read it back
 * differently ("1." as 1, "a, " as [a]); replaced only when the value changes elsewhere (the YAML tab).
 */
function useDraft(external: string): [string, (text: string, written: string) => void] {
  const [draft, setDraft] = useState(external);
  const written = useRef(external);
  useEffect(() => {
    if (external !== written.current) {
      written.current = external;
      setDraft(external);
    }
  }, [external]);
  return [
    draft,
    (text, value) => {
      written.current = value;
      setDraft(text);
    },
  ];
}

function scalarText(value: unknown): string {
  return value === undefined || value === null || typeof value === 'object' ? '' : String(value);
}

/** A number as the admin typed it: a number when it reads as one, else the text (the schema then says what it expects). */
function numberOrText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function listOf(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function listText(value: unknown): string {
  return Array.isArray(value) ? value.map((item) => scalarText(item)).join(', ') : scalarText(value);
}

interface InputProps {
  readonly path: SettingsPath;
  readonly label?: string;
  readonly hint?: string;
  readonly placeholder?: string;
  readonly className?: string;
  /** Problems shown: at most this many steps below the path (a field holding an entry's key: 0). */
  readonly depth?: number;
}

function TypedField(
  props: InputProps & {
    readonly read: (value: unknown) => string;
    readonly parse: (text: string) => unknown;
    readonly type?: string;
    readonly inputMode?: 'numeric' | 'decimal' | 'text';
  },
): React.JSX.Element {
  const editing = useEditing();
  const external = props.read(valueAt(editing.data, props.path));
  const [draft, setDraft] = useDraft(external);
  const invalid = problemsUnder(editing.problems, props.path).length > 0;
  return (
    <FieldFrame path={props.path} label={props.label} hint={props.hint} className={props.className}>
      <Textfield
        id={pathKey(props.path)}
        value={draft}
        isCompact
        type={props.type}
        inputMode={props.inputMode}
        placeholder={props.placeholder}
        isInvalid={invalid}
        aria-invalid={invalid}
        onChange={(event) => {
          const text = event.currentTarget.value;
          const value = props.parse(text);
          setDraft(text, props.read(value));
          editing.set(props.path, value);
        }}
      />
    </FieldFrame>
  );
}

/** A text value; empty removes the key. */
export function TextField(props: InputProps): React.JSX.Element {
  return <TypedField {...props} read={scalarText} parse={(text) => (text.trim() === '' ? undefined : text)} />;
}

/** A number (minutes, hours, money, percent). */
export function NumberField(props: InputProps): React.JSX.Element {
  return <TypedField {...props} read={scalarText} parse={numberOrText} inputMode="decimal" />;
}

/** A number, or one of some words (`resolution: estimate`). */
export function NumberOrWordField(props: InputProps & { readonly words: readonly string[] }): React.JSX.Element {
  return (
    <TypedField
      {...props}
      read={scalarText}
      parse={(text) => (props.words.includes(text.trim()) ? text.trim() : numberOrText(text))}
    />
  );
}

/** A list of names typed with commas (`Resolved, Closed`). */
export function ListField(props: InputProps): React.JSX.Element {
  const editing = useEditing();
  return <TypedField {...props} read={listText} parse={listOf} hint={props.hint ?? editing.words.listHint} />;
}

/** A date (`YYYY-MM-DD`), with the browser's date picker (no Atlaskit date picker is installed). */
export function DateField(props: InputProps): React.JSX.Element {
  const editing = useEditing();
  const value = scalarText(valueAt(editing.data, props.path));
  const invalid = problemsUnder(editing.problems, props.path).length > 0;
  return (
    <FieldFrame path={props.path} label={props.label} className={props.className}>
      <input
        id={pathKey(props.path)}
        className="native-input"
        type="date"
        value={value}
        aria-invalid={invalid}
        onChange={(event) => editing.set(props.path, event.currentTarget.value || undefined)}
      />
    </FieldFrame>
  );
}

/** A yes/no value (no Atlaskit checkbox is installed: a native one, styled with tokens). */
export function CheckField(props: InputProps & { readonly whenAbsent?: boolean }): React.JSX.Element {
  const editing = useEditing();
  const value = valueAt(editing.data, props.path);
  return (
    <FieldFrame path={props.path} className={`check ${props.className ?? ''}`}>
      <label className="check-label">
        <input
          id={pathKey(props.path)}
          type="checkbox"
          checked={value === undefined ? props.whenAbsent === true : value === true}
          onChange={(event) => editing.set(props.path, event.currentTarget.checked ? true : undefined)}
        />
        <span>{props.label}</span>
      </label>
    </FieldFrame>
  );
}

export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** Choices whose labels are their values. */
export function choicesOf(values: readonly string[]): Choice[] {
  return values.map((value) => ({ value, label: value }));
}

/** One value out of a list (calendars, tariffs, priorities …); a value not in the list is still shown. */
export function ChoiceField(
  props: InputProps & { readonly choices: readonly Choice[]; readonly optional?: boolean },
): React.JSX.Element {
  const editing = useEditing();
  const current = scalarText(valueAt(editing.data, props.path));
  const options =
    props.choices.some((choice) => choice.value === current) || current === ''
      ? [...props.choices]
      : [...props.choices, { value: current, label: current }];
  return (
    <FieldFrame path={props.path} label={props.label} hint={props.hint} className={props.className}>
      <Select<Choice>
        inputId={pathKey(props.path)}
        classNamePrefix="sel"
        spacing="compact"
        options={options}
        value={options.find((option) => option.value === current) ?? null}
        isClearable={props.optional === true}
        placeholder={editing.words.none}
        isInvalid={problemsUnder(editing.problems, props.path).length > 0}
        menuPortalTarget={document.body}
        onChange={(option) => editing.set(props.path, option?.value)}
      />
    </FieldFrame>
  );
}

/** Several values out of a list (recipients, clocks). */
export function MultiChoiceField(props: InputProps & { readonly choices: readonly Choice[] }): React.JSX.Element {
  const editing = useEditing();
  const raw = valueAt(editing.data, props.path);
  const current = Array.isArray(raw) ? raw.map((item) => scalarText(item)) : [];
  const options = [
    ...props.choices,
    ...current
      .filter((value) => !props.choices.some((choice) => choice.value === value))
      .map((value) => ({ value, label: value })),
  ];
  return (
    <FieldFrame path={props.path} label={props.label} hint={props.hint} className={props.className}>
      <Select<Choice, true>
        inputId={pathKey(props.path)}
        classNamePrefix="sel"
        spacing="compact"
        isMulti
        options={options}
        value={options.filter((option) => current.includes(option.value))}
        placeholder={editing.words.none}
        isInvalid={problemsUnder(editing.problems, props.path).length > 0}
        menuPortalTarget={document.body}
        onChange={(chosen) =>
          editing.set(
            props.path,
            chosen.map((option) => option.value),
          )
        }
      />
    </FieldFrame>
  );
}

/** What the pickers search in Jira. */
export type JiraKind = 'projects' | 'users' | 'groups' | 'fields';

/** Searches Jira (projects, users, groups, custom fields) through the resolver. */
export type JiraSearch = (kind: JiraKind, query: string) => Promise<Choice[]>;

/** A Jira picker: the settings keep the value (key, account id, group id), the admin reads names. */
export function JiraPickerField(
  props: InputProps & {
    readonly kind: JiraKind;
    readonly search: JiraSearch;
    readonly multi?: boolean;
    /** Also takes a value Jira did not list, as typed (a custom field id on a site that hides it). */
    readonly creatable?: boolean;
    /** Writes the picked value itself (a project key renames its entry). */
    readonly onPick?: (value: string) => void;
  },
): React.JSX.Element {
  const editing = useEditing();
  const [known, setKnown] = useState<readonly Choice[]>([]);
  const raw = props.onPick ? props.path[props.path.length - 1] : valueAt(editing.data, props.path);
  const current = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((item) => scalarText(item));
  const labelOf = (value: string) => known.find((choice) => choice.value === value)?.label ?? value;
  const selected = current.filter((value) => value !== '').map((value) => ({ value, label: labelOf(value) }));
  const load = async (query: string) => {
    const found = await props.search(props.kind, query);
    setKnown((before) => [...before, ...found.filter((choice) => !before.some((seen) => seen.value === choice.value))]);
    return found;
  };
  const shared = {
    inputId: pathKey(props.path),
    classNamePrefix: 'sel',
    spacing: 'compact' as const,
    isMulti: props.multi === true,
    cacheOptions: true,
    defaultOptions: true,
    loadOptions: load,
    value: props.multi === true ? selected : (selected[0] ?? null),
    placeholder: props.placeholder ?? editing.words.search,
    isInvalid: problemsUnder(editing.problems, props.path, props.depth).length > 0,
    menuPortalTarget: document.body,
    onChange: (chosen: unknown) => {
      const choices: unknown[] = Array.isArray(chosen) ? chosen : chosen ? [chosen] : [];
      const values = choices.map((choice) => scalarText(valueAt(choice, ['value'])));
      if (props.onPick) {
        if (values[0] !== undefined) props.onPick(values[0]);
      } else editing.set(props.path, props.multi === true ? values : values[0]);
    },
  };
  return (
    <FieldFrame path={props.path} label={props.label} hint={props.hint} className={props.className} depth={props.depth}>
      {props.creatable === true ? (
        <AsyncCreatableSelect<Choice, boolean> {...shared} isClearable formatCreateLabel={(typed) => typed} />
      ) : (
        <AsyncSelect<Choice, boolean> {...shared} />
      )}
    </FieldFrame>
  );
}

/**
 * The id of a named entry (a calendar, a tariff …): renaming it keeps its place and content (and the
 * references to it follow); a name another entry has is refused, and the field says so.
 */
export function EntryIdField(props: { readonly parentPath: SettingsPath; readonly id: string }): React.JSX.Element {
  const editing = useEditing();
  const [draft, setDraft] = useState(props.id);
  const [taken, setTaken] = useState<string | null>(null);
  useEffect(() => setDraft(props.id), [props.id]);
  const commit = () => {
    const next = draft.trim();
    const parent = valueAt(editing.data, props.parentPath);
    const siblings = parent !== null && typeof parent === 'object' ? Object.keys(parent) : [];
    setTaken(next !== props.id && siblings.includes(next) ? next : null);
    if (next !== '' && next !== props.id && !siblings.includes(next)) editing.rename(props.parentPath, props.id, next);
    else setDraft(props.id);
  };
  const id = `${pathKey([...props.parentPath, props.id])}#id`;
  return (
    <div className="field entry-id" data-path={id}>
      <label className="field-label" htmlFor={id}>
        {editing.words.id}
      </label>
      <Textfield
        id={id}
        isCompact
        value={draft}
        isInvalid={taken !== null}
        onChange={(event) => setDraft(event.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
        }}
      />
      {taken !== null && (
        <span className="field-problem" role="alert">
          {editing.words.nameTaken(taken)}
        </span>
      )}
    </div>
  );
}

/** A small secondary button (add, remove). */
export function SmallButton(props: {
  readonly onClick: () => void;
  readonly children: React.ReactNode;
  readonly testId?: string;
  readonly appearance?: 'default' | 'subtle' | 'primary';
  /** What the button does, for a button showing a sign (↑, ↓). */
  readonly label?: string;
}): React.JSX.Element {
  return (
    <Button
      spacing="compact"
      appearance={props.appearance ?? 'default'}
      testId={props.testId}
      aria-label={props.label}
      onClick={props.onClick}
    >
      {props.children}
    </Button>
  );
}

const SECRET_SOURCES = ['env', 'secret'] as const;
/** The name part of a secret reference, as the catalog's schema accepts it. */
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;
/** A reference as written: `env:TELEGRAM_BOT_TOKEN`, `secret:alfa-slack-webhook`. */
const SECRET_REFERENCE = /^(env|secret):([A-Za-z_][A-Za-z0-9_.-]{0,127})$/;

/** What a secret field holds: a reference, nothing, or a value that is not one (never shown). */
export function readSecretReference(
  value: unknown,
): { kind: 'reference'; source: 'env' | 'secret'; name: string } | { kind: 'empty' } | { kind: 'hidden' } {
  if (value === undefined || value === null || value === '') return { kind: 'empty' };
  const match = typeof value === 'string' ? SECRET_REFERENCE.exec(value) : null;
  if (!match) return { kind: 'hidden' };
  return { kind: 'reference', source: match[1] === 'secret' ? 'secret' : 'env', name: match[2] };
}

/**
 * A secret (a bot token, a webhook URL) named by where it lives — an environment or Forge variable
 * (`env:`) or a Forge storage secret (`secret:`) — never the secret itself: the field keeps only the
 * name, refuses text that is not a name (a pasted token or URL is dropped at once, neither written
 * nor shown), and hides a value already in the text that is not a reference.
 */
export function SecretReferenceField(props: InputProps): React.JSX.Element {
  const editing = useEditing();
  const { words } = editing;
  const held = readSecretReference(valueAt(editing.data, props.path));
  const [source, setSource] = useState<'env' | 'secret'>(held.kind === 'reference' ? held.source : 'env');
  const [draft, setDraft] = useDraft(held.kind === 'reference' ? held.name : '');
  const [refused, setRefused] = useState(false);
  const shownSource = held.kind === 'reference' ? held.source : source;
  const invalid = problemsUnder(editing.problems, props.path).length > 0;
  const write = (nextSource: 'env' | 'secret', name: string) => {
    const trimmed = name.trim();
    if (trimmed === '') {
      setRefused(false);
      setDraft('', '');
      editing.set(props.path, undefined);
    } else if (SECRET_NAME.test(trimmed)) {
      setRefused(false);
      setDraft(name, trimmed);
      editing.set(props.path, `${nextSource}:${trimmed}`);
    } else {
      // Not a name: likely the secret itself. Dropped, and the reference written before goes too.
      setRefused(true);
      setDraft('', '');
      editing.set(props.path, undefined);
    }
  };
  return (
    <FieldFrame
      path={props.path}
      label={props.label}
      hint={words.secretHint}
      className={`secret ${props.className ?? ''}`}
    >
      <div className="pair">
        <select
          className="native-input secret-source"
          id={`${pathKey(props.path)}#source`}
          aria-label={words.secretSource}
          value={shownSource}
          onChange={(event) => {
            const next = event.currentTarget.value === 'secret' ? 'secret' : 'env';
            setSource(next);
            if (held.kind === 'reference') write(next, held.name);
          }}
        >
          {SECRET_SOURCES.map((name) => (
            <option key={name} value={name}>
              {name === 'env' ? words.secretEnv : words.secretStored}
            </option>
          ))}
        </select>
        <Textfield
          id={pathKey(props.path)}
          value={draft}
          isCompact
          autoComplete="off"
          spellCheck={false}
          placeholder={props.placeholder}
          isInvalid={invalid || refused || held.kind === 'hidden'}
          aria-invalid={invalid || refused || held.kind === 'hidden'}
          onChange={(event) => write(shownSource, event.currentTarget.value)}
        />
      </div>
      {(refused || held.kind === 'hidden') && (
        <span className="field-problem secret-refused" role="alert">
          {refused ? words.secretRefused : words.secretHidden}
        </span>
      )}
    </FieldFrame>
  );
}
