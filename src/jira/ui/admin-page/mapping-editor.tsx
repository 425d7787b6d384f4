/**
 * The Jira mapping's structured editor: each Jira project (picked from Jira) with its contract, the
 * names Jira uses for priorities, issue types and statuses, and the people behind the escalation
 * recipients (Jira's users and groups, picked by name, kept by id); support staff and the language.
 */
import React, { useState } from 'react';
import {
  ChoiceField,
  FieldFrame,
  JiraPickerField,
  SmallButton,
  TextField,
  useEditing,
  type Choice,
  type JiraSearch,
} from './fields';
import { valueAt, type SettingsPath } from './settings-document';

const PROVIDER_RECIPIENTS = ['support_line', 'support_lead', 'account_manager'] as const;

function names(value: unknown): string[] {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function choicesOf(values: readonly string[]): Choice[] {
  return values.map((value) => ({ value, label: value }));
}

/** What the catalog offers the mapping: contracts, priorities, request types, lines. */
export interface CatalogNames {
  readonly contracts: Choice[];
  readonly priorities: Choice[];
  readonly requestTypes: Choice[];
  readonly lines: Choice[];
}

/** The names of a catalog read from its text (whatever parts are there). */
export function catalogNamesOf(catalog: Record<string, unknown> | null): CatalogNames {
  const tariffs = (catalog?.tariffs ?? {}) as Record<string, unknown>;
  const lines = new Set<string>();
  for (const tariff of Object.values(tariffs)) {
    const listed = strings(valueAt(tariff, ['supportLines']));
    for (const line of listed.length > 0 ? listed : ['L1', 'L2', 'L3']) lines.add(line);
  }
  return {
    contracts: choicesOf(names(catalog?.contracts)),
    priorities: choicesOf(strings(catalog?.priorities)),
    requestTypes: choicesOf(names(catalog?.requestTypes)),
    lines: choicesOf([...lines]),
  };
}

/** Jira name → catalog name rows (priorities, issue types, statuses, line statuses). */
function NameMap(props: {
  readonly path: SettingsPath;
  readonly title: string;
  readonly choices?: Choice[];
  readonly testId: string;
}): React.JSX.Element {
  const editing = useEditing();
  const [draft, setDraft] = useState('');
  const keys = names(valueAt(editing.data, props.path));
  const add = () => {
    const name = draft.trim();
    if (name === '' || keys.includes(name)) return;
    editing.set([...props.path, name], props.choices?.[0]?.value ?? name);
    setDraft('');
  };
  return (
    <FieldFrame path={props.path} label={props.title} className="rows">
      {keys.map((key) => (
        <div key={key} className="row" data-row={key}>
          <code className="row-id">{key}</code>
          {props.choices ? (
            <ChoiceField path={[...props.path, key]} label={editing.words.catalogName} choices={props.choices} />
          ) : (
            <TextField path={[...props.path, key]} label={editing.words.catalogName} />
          )}
          <SmallButton appearance="subtle" onClick={() => editing.set([...props.path, key], undefined)}>
            {editing.words.remove}
          </SmallButton>
        </div>
      ))}
      <div className="row">
        <input
          className="native-input"
          aria-label={editing.words.jiraName}
          placeholder={editing.words.jiraName}
          data-testid={`new-${props.testId}`}
          value={draft}
          onChange={(event) => setDraft(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') add();
          }}
        />
        <SmallButton testId={`add-${props.testId}`} onClick={add}>
          {editing.words.add}
        </SmallButton>
      </div>
    </FieldFrame>
  );
}

function ProjectCard(props: {
  readonly projectKey: string;
  readonly catalog: CatalogNames;
  readonly search: JiraSearch;
}): React.JSX.Element {
  const editing = useEditing();
  const { words } = editing;
  const path: SettingsPath = ['projects', props.projectKey];
  return (
    <fieldset className="card" data-entry={`projects.${props.projectKey}`}>
      <div className="card-head">
        <JiraPickerField
          path={path}
          label={words.project}
          kind="projects"
          search={props.search}
          onPick={(key) => editing.rename(['projects'], props.projectKey, key)}
        />
        <SmallButton appearance="subtle" onClick={() => editing.set(path, undefined)}>
          {words.remove}
        </SmallButton>
      </div>
      <div className="grid">
        <ChoiceField path={[...path, 'contract']} label={words.contract} choices={props.catalog.contracts} optional />
        <ChoiceField path={[...path, 'initialLine']} label={words.initialLine} choices={props.catalog.lines} optional />
        <TextField path={[...path, 'internalCommentRole']} label={words.commentRole} placeholder="Administrators" />
        <ChoiceField
          path={[...path, 'showHoursTo']}
          label={words.showHoursTo}
          choices={choicesOf(['project_admins', 'everyone'])}
          optional
        />
      </div>
      <NameMap
        path={[...path, 'priorities']}
        title={words.priorityMap}
        choices={props.catalog.priorities}
        testId="priority"
      />
      <NameMap
        path={[...path, 'issueTypes']}
        title={words.typeMap}
        choices={props.catalog.requestTypes}
        testId="issue-type"
      />
      <NameMap path={[...path, 'statuses']} title={words.statusMap} testId="status" />
      <NameMap
        path={[...path, 'lineStatuses']}
        title={words.lineStatuses}
        choices={props.catalog.lines}
        testId="line-status"
      />
      <FieldFrame path={[...path, 'recipients']} label={words.people}>
        {PROVIDER_RECIPIENTS.map((recipient) => (
          <div key={recipient} className="row recipient" data-row={recipient}>
            <code className="row-id">{recipient}</code>
            <JiraPickerField
              path={[...path, 'recipients', recipient, 'accountIds']}
              label={words.users}
              kind="users"
              search={props.search}
              multi
            />
            <JiraPickerField
              path={[...path, 'recipients', recipient, 'groupIds']}
              label={words.groups}
              kind="groups"
              search={props.search}
              multi
            />
          </div>
        ))}
      </FieldFrame>
    </fieldset>
  );
}

/** The whole mapping: projects, then the settings shared by all of them. */
export function MappingEditor(props: {
  readonly catalog: CatalogNames;
  readonly search: JiraSearch;
}): React.JSX.Element {
  const editing = useEditing();
  const { words } = editing;
  const keys = names(editing.data.projects);
  const addProject = () => {
    let index = 1;
    while (keys.includes(`NEW${index}`)) index++;
    editing.set(['projects', `NEW${index}`], { contract: props.catalog.contracts[0]?.value ?? '' });
  };
  return (
    <div className="structured" data-editor="mapping">
      <section className="entry-section" data-section="projects">
        <h2>{words.projects}</h2>
        <FieldFrame path={['projects']}>{keys.length === 0 && <p className="muted">{words.noEntries}</p>}</FieldFrame>
        {keys.map((key) => (
          <ProjectCard key={key} projectKey={key} catalog={props.catalog} search={props.search} />
        ))}
        <SmallButton testId="add-project" onClick={addProject}>
          {`${words.add}: ${words.project.toLowerCase()}`}
        </SmallButton>
      </section>
      <section className="entry-section" data-section="shared">
        <h2>{words.general}</h2>
        <JiraPickerField
          path={['agents', 'accountIds']}
          label={words.agents}
          kind="users"
          search={props.search}
          multi
        />
        <div className="grid">
          <ChoiceField path={['language']} label={words.language} choices={choicesOf(['ru', 'en'])} optional />
          <TextField path={['escalateSince']} label={words.escalateSince} placeholder="2026-11-01T00:00:00+03:00" />
        </div>
      </section>
    </div>
  );
}
