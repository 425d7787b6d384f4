/**
 * The admin page: the catalog and the Jira mapping edited in a structured editor or as YAML (both
 * views edit the same texts), checked by the server's own validation as the admin types, every
 * problem shown at its field and listed on top, saved only when both texts are valid.
 */
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import * as z from 'zod/mini';
import { formatIssuePath } from '../../../core/errors/validation-issue';
import { callResolver } from '../shared/resolver-client';
import { CatalogEditor } from './catalog-editor';
import { EditingContext, type Choice, type JiraSearch, type SettingsEditing, type SettingsProblem } from './fields';
import { catalogNamesOf, MappingEditor } from './mapping-editor';
import type { PageWords } from './page-words';
import { localizeProblem, type PageLanguage } from './problem-words';
import { renameSettingsEntry } from './rename-entry';
import {
  appendSettingsItem,
  moveSettingsItem,
  readSettingsText,
  removeSettingsItem,
  writeSettingsText,
  type SettingsPath,
} from './settings-document';
import type { YamlEditorHandle } from './yaml-editor';

const issueSchema = z.object({
  code: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export const problemsSchema = z.object({ catalog: z.array(issueSchema), mapping: z.array(issueSchema) });
export const settingsSchema = z.object({
  catalogText: z.string(),
  mappingText: z.string(),
  holidayFiles: z.record(z.string(), z.string()),
  savedAtMs: z.nullable(z.number()),
  problems: problemsSchema,
});
const choicesSchema = z.array(z.object({ value: z.string(), label: z.string() }));
const schemasSchema = z.object({
  catalog: z.record(z.string(), z.unknown()),
  mapping: z.record(z.string(), z.unknown()),
});

export type SettingsView = z.infer<typeof settingsSchema>;
type Problems = z.infer<typeof problemsSchema>;
type Status = { readonly text: string; readonly kind: 'info' | 'ok' | 'error' };

/** Folder the catalog names uploaded files under (`holidayFiles: [holidays/ru-2026.ics]`). */
const UPLOAD_FOLDER = 'holidays/';
/** Checks wait this long after the last keystroke. */
const CHECK_DELAY_MS = 350;
const TAB_CATALOG = 0;
const TAB_PROJECTS = 1;
const TAB_YAML = 2;

const searchJira: JiraSearch = async (kind, query) => {
  const answer = await callResolver('findJiraNames', { kind, query }, choicesSchema);
  return answer.ok ? answer.value : [];
};

type TextChange = (change: (text: string) => string) => void;

/** The editing handle of one text, for its structured editor. */
function useTextEditing(
  text: string,
  setText: TextChange,
  rename: (parent: SettingsPath, from: string, to: string) => void,
  problems: readonly SettingsProblem[],
  language: PageLanguage,
  words: PageWords,
): { editing: SettingsEditing; broken: boolean } {
  return useMemo(() => {
    const data = readSettingsText(text);
    return {
      broken: data === null,
      editing: {
        data: data ?? {},
        problems,
        language,
        words,
        set: (path: SettingsPath, value: unknown) => setText((before) => writeSettingsText(before, path, value)),
        rename,
        append: (path: SettingsPath, item: unknown) => setText((before) => appendSettingsItem(before, path, item)),
        remove: (path: SettingsPath, index: number) => setText((before) => removeSettingsItem(before, path, index)),
        move: (path: SettingsPath, from: number, to: number) =>
          setText((before) => moveSettingsItem(before, path, from, to)),
      },
    };
  }, [text, setText, rename, problems, language, words]);
}

function ProblemSummary(props: {
  readonly problems: Problems;
  readonly language: PageLanguage;
  readonly words: PageWords;
  readonly onShow: (part: 'catalog' | 'mapping', path: ReadonlyArray<string | number>) => void;
}): React.JSX.Element | null {
  const count = props.problems.catalog.length + props.problems.mapping.length;
  if (count === 0) return null;
  const items = (['catalog', 'mapping'] as const).flatMap((part) =>
    props.problems[part].map((problem, index) => ({ part, problem, key: `${part}-${index}` })),
  );
  return (
    <div className="summary" data-testid="problem-summary">
      <SectionMessage appearance="error" title={props.words.problemsTitle(count)}>
        <ul className="summary-list">
          {items.map(({ part, problem, key }) => (
            <li key={key} className={`problem ${part}`} data-code={problem.code}>
              <code>{formatIssuePath(problem.path)}</code>: {localizeProblem(problem, props.language)}{' '}
              <button type="button" className="link" onClick={() => props.onShow(part, problem.path)}>
                {props.words.show}
              </button>
            </li>
          ))}
        </ul>
      </SectionMessage>
    </div>
  );
}

/** The field a problem belongs to: the element of its path, else of its nearest written ancestor. */
function focusField(path: ReadonlyArray<string | number>): void {
  for (let length = path.length; length >= 0; length--) {
    const element = document.querySelector(`[data-path="${CSS.escape(formatIssuePath(path.slice(0, length)))}"]`);
    if (element instanceof HTMLElement) {
      element.scrollIntoView({ block: 'center' });
      element.querySelector<HTMLElement>('input, select, textarea, button')?.focus({ preventScroll: true });
      return;
    }
  }
}

function HolidayFiles(props: {
  readonly files: Record<string, string>;
  readonly words: PageWords;
  readonly onChange: (files: Record<string, string>) => void;
}): React.JSX.Element {
  const upload = async (input: HTMLInputElement) => {
    let files = props.files;
    for (const file of Array.from(input.files ?? []))
      files = { ...files, [`${UPLOAD_FOLDER}${file.name}`]: await file.text() };
    input.value = '';
    props.onChange(files);
  };
  return (
    <section className="files">
      <h2>{props.words.filesLabel}</h2>
      <ul id="holiday-files" className="file-list">
        {Object.keys(props.files)
          .sort()
          .map((name) => (
            <li key={name}>
              {name}
              <Button
                spacing="compact"
                appearance="subtle"
                testId={`remove-file-${name}`}
                onClick={() =>
                  props.onChange(Object.fromEntries(Object.entries(props.files).filter(([key]) => key !== name)))
                }
              >
                {props.words.remove}
              </Button>
            </li>
          ))}
      </ul>
      <label className="upload">
        <span>{props.words.upload}</span>
        <input
          id="holiday-upload"
          type="file"
          accept=".ics,text/calendar"
          multiple
          onChange={(event) => void upload(event.currentTarget)}
        />
      </label>
    </section>
  );
}

type YamlEditors = { catalog: YamlEditorHandle; mapping: YamlEditorHandle };

function YamlTab(props: {
  readonly editors: React.MutableRefObject<YamlEditors | null>;
  readonly catalogText: string;
  readonly mappingText: string;
  readonly problems: Problems;
  readonly language: PageLanguage;
  readonly words: PageWords;
  readonly onCatalog: (text: string) => void;
  readonly onMapping: (text: string) => void;
}): React.JSX.Element {
  const catalogHost = useRef<HTMLDivElement>(null);
  const mappingHost = useRef<HTMLDivElement>(null);
  const editors = props.editors;
  const latest = useRef(props);
  latest.current = props;
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const [{ mountYamlEditor }, schemas] = await Promise.all([
        import('./yaml-editor'),
        callResolver('getSchemas', {}, schemasSchema),
      ]);
      if (cancelled || !catalogHost.current || !mappingHost.current) return;
      const now = latest.current;
      const schema = (part: 'catalog' | 'mapping') => (schemas.ok ? schemas.value[part] : null);
      editors.current = {
        catalog: mountYamlEditor(catalogHost.current, {
          text: now.catalogText,
          label: now.words.catalogYaml,
          schema: schema('catalog'),
          language: now.language,
          onChange: (text) => latest.current.onCatalog(text),
        }),
        mapping: mountYamlEditor(mappingHost.current, {
          text: now.mappingText,
          label: now.words.mappingYaml,
          schema: schema('mapping'),
          language: now.language,
          onChange: (text) => latest.current.onMapping(text),
        }),
      };
      editors.current.catalog.setProblems(now.problems.catalog);
      editors.current.mapping.setProblems(now.problems.mapping);
      setLoaded(true);
      document.body.dataset.yaml = 'ready';
    })();
    return () => {
      cancelled = true;
      editors.current?.catalog.destroy();
      editors.current?.mapping.destroy();
      editors.current = null;
      delete document.body.dataset.yaml;
    };
  }, [editors]);
  useEffect(() => {
    editors.current?.catalog.setText(props.catalogText);
    editors.current?.mapping.setText(props.mappingText);
  }, [props.catalogText, props.mappingText]);
  useEffect(() => {
    editors.current?.catalog.setProblems(props.problems.catalog);
    editors.current?.mapping.setProblems(props.problems.mapping);
  }, [props.problems]);
  return (
    <div className="yaml-tab">
      {!loaded && <p className="muted">{props.words.yamlLoading}</p>}
      <section>
        <h2>{props.words.catalogYaml}</h2>
        <div className="code" data-testid="catalog-yaml" ref={catalogHost} />
      </section>
      <section>
        <h2>{props.words.mappingYaml}</h2>
        <div className="code" data-testid="mapping-yaml" ref={mappingHost} />
      </section>
    </div>
  );
}

/** The page, from the settings the resolver loaded. */
export function AdminApp(props: {
  readonly initial: SettingsView;
  readonly language: PageLanguage;
  readonly words: PageWords;
}): React.JSX.Element {
  const { language, words } = props;
  const yamlEditors = useRef<YamlEditors | null>(null);
  const [catalogText, setCatalogText] = useState(props.initial.catalogText);
  const [mappingText, setMappingText] = useState(props.initial.mappingText);
  const [holidayFiles, setHolidayFiles] = useState<Record<string, string>>(props.initial.holidayFiles);
  const [problems, setProblems] = useState<Problems>(props.initial.problems);
  const [status, setStatus] = useState<Status>({ text: '', kind: 'info' });
  const [tab, setTab] = useState(TAB_CATALOG);
  const sequence = useRef(0);
  const first = useRef(true);
  const pendingCheck = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const check = useCallback(async () => {
    const mine = ++sequence.current;
    document.body.dataset.checking = 'busy';
    const answer = await callResolver('checkSettings', { catalogText, mappingText, holidayFiles }, problemsSchema);
    if (mine !== sequence.current) return;
    document.body.dataset.checking = 'idle';
    if (!answer.ok) return setStatus({ text: localizeProblem(answer.error, language), kind: 'error' });
    setProblems(answer.value);
    const count = answer.value.catalog.length + answer.value.mapping.length;
    setStatus(count === 0 ? { text: words.valid, kind: 'ok' } : { text: words.problems(count), kind: 'error' });
  }, [catalogText, mappingText, holidayFiles, words, language]);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      document.body.dataset.checking = 'idle';
      return;
    }
    document.body.dataset.checking = 'busy';
    pendingCheck.current = setTimeout(() => void check(), CHECK_DELAY_MS);
    return () => clearTimeout(pendingCheck.current);
  }, [check]);

  const save = async () => {
    // Saving validates too: a check still waiting or on its way would only repeat it, or say less.
    clearTimeout(pendingCheck.current);
    const mine = ++sequence.current;
    setStatus({ text: words.saving, kind: 'info' });
    document.body.dataset.checking = 'busy';
    const answer = await callResolver('saveSettings', { catalogText, mappingText, holidayFiles }, settingsSchema);
    if (mine !== sequence.current) return;
    document.body.dataset.checking = 'idle';
    if (!answer.ok) return setStatus({ text: localizeProblem(answer.error, language), kind: 'error' });
    setProblems(answer.value.problems);
    const count = answer.value.problems.catalog.length + answer.value.problems.mapping.length;
    setStatus(
      count === 0 && answer.value.savedAtMs !== null
        ? { text: words.saved, kind: 'ok' }
        : { text: words.notSaved, kind: 'error' },
    );
  };

  const renameIn = useCallback(
    (part: 'catalog' | 'mapping') => (parent: SettingsPath, from: string, to: string) => {
      const after = renameSettingsEntry(part, { catalog: catalogText, mapping: mappingText }, parent, from, to);
      setCatalogText(after.catalog);
      setMappingText(after.mapping);
    },
    [catalogText, mappingText],
  );
  const renameInCatalog = useMemo(() => renameIn('catalog'), [renameIn]);
  const renameInMapping = useMemo(() => renameIn('mapping'), [renameIn]);
  const catalog = useTextEditing(catalogText, setCatalogText, renameInCatalog, problems.catalog, language, words);
  const mapping = useTextEditing(mappingText, setMappingText, renameInMapping, problems.mapping, language, words);
  const catalogNames = useMemo(() => catalogNamesOf(catalog.editing.data), [catalog.editing.data]);

  const show = (part: 'catalog' | 'mapping', path: ReadonlyArray<string | number>) => {
    if (tab === TAB_YAML) return yamlEditors.current?.[part].reveal(path);
    setTab(part === 'catalog' ? TAB_CATALOG : TAB_PROJECTS);
    setTimeout(() => focusField(path), 0);
  };

  return (
    <>
      <h1 id="title">{words.title}</h1>
      <ProblemSummary problems={problems} language={language} words={words} onShow={show} />
      <Tabs id="settings-tabs" selected={tab} onChange={(index) => setTab(index)}>
        <TabList>
          <Tab testId="tab-catalog">{words.tabCatalog}</Tab>
          <Tab testId="tab-projects">{words.tabProjects}</Tab>
          <Tab testId="tab-yaml">{words.tabYaml}</Tab>
        </TabList>
        <TabPanel>
          <div className="panel">
            {catalog.broken && <SectionMessage appearance="warning">{words.yamlBroken}</SectionMessage>}
            {!catalog.broken && (
              <EditingContext.Provider value={catalog.editing}>
                <CatalogEditor />
              </EditingContext.Provider>
            )}
            <HolidayFiles files={holidayFiles} words={words} onChange={setHolidayFiles} />
          </div>
        </TabPanel>
        <TabPanel>
          <div className="panel">
            {mapping.broken && <SectionMessage appearance="warning">{words.yamlBroken}</SectionMessage>}
            {!mapping.broken && (
              <EditingContext.Provider value={mapping.editing}>
                <MappingEditor catalog={catalogNames} search={searchJira} />
              </EditingContext.Provider>
            )}
          </div>
        </TabPanel>
        <TabPanel>
          <div className="panel">
            <YamlTab
              editors={yamlEditors}
              catalogText={catalogText}
              mappingText={mappingText}
              problems={problems}
              language={language}
              words={words}
              onCatalog={setCatalogText}
              onMapping={setMappingText}
            />
          </div>
        </TabPanel>
      </Tabs>
      <div className="actions">
        <Button testId="check" onClick={() => void check()}>
          {words.check}
        </Button>
        <Button testId="save" appearance="primary" onClick={() => void save()}>
          {words.save}
        </Button>
        <span id="status" className={`status ${status.kind}`} role="status">
          {status.text}
        </span>
      </div>
    </>
  );
}

export type { Choice };
