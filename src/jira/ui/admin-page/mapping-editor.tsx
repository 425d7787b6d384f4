/**
 * The Jira mapping's structured editor: each Jira project (picked from Jira) with its contract, the
 * names Jira uses for priorities, issue types and statuses, and the people behind the escalation
 * recipients (Jira's users and groups, picked by name, kept by id); support staff and the language.
 */
import React, { useState } from 'react';
import {
  CheckField,
  ChoiceField,
  EditingContext,
  FieldFrame,
  JiraPickerField,
  ListField,
  pathKey,
  ProblemList,
  SmallButton,
  TextField,
  choicesOf,
  useEditing,
  type Choice,
  type JiraSearch,
  type SettingsEditing,
} from './fields';
import { keysAt, stringsAt, valueAt, type SettingsPath } from './settings-document';

const PROVIDER_RECIPIENTS = ['support_line', 'support_lead', 'account_manager'] as const;

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
    const listed = stringsAt(valueAt(tariff, ['supportLines']));
    for (const line of listed.length > 0 ? listed : ['L1', 'L2', 'L3']) lines.add(line);
  }
  return {
    contracts: choicesOf(keysAt(catalog?.contracts)),
    priorities: choicesOf(stringsAt(catalog?.priorities)),
    requestTypes: choicesOf(keysAt(catalog?.requestTypes)),
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
  const keys = keysAt(valueAt(editing.data, props.path));
  const add = () => {
    const name = draft.trim();
    if (name === '' || keys.includes(name)) return;
    editing.set([...props.path, name], props.choices?.[0]?.value ?? name);
    setDraft('');
  };
  return (
    <FieldFrame path={props.path} label={props.title} className="rows" depth={1}>
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
          depth={0}
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
      <Satisfaction path={[...path, 'satisfaction']} search={props.search} />
      <FieldFrame path={[...path, 'recipients']} label={words.people} depth={1}>
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

/**
 * Where a project's CSAT ratings are: JSM's request feedback ("Satisfaction") or a number or select
 * custom field, by field id, rated 1–5; optionally the field dating them. Clearing the rating field
 * removes the group (the date alone means nothing).
 */
function Satisfaction(props: { readonly path: SettingsPath; readonly search: JiraSearch }): React.JSX.Element {
  const editing = useEditing();
  const { words } = editing;
  const own: SettingsEditing = {
    ...editing,
    set: (path, value) => {
      const clearsField = pathKey(path) === pathKey([...props.path, 'field']) && (value === undefined || value === '');
      editing.set(clearsField ? props.path : path, clearsField ? undefined : value);
    },
  };
  return (
    <FieldFrame path={props.path} label={words.satisfaction} hint={words.satisfactionHint} depth={0}>
      <EditingContext.Provider value={own}>
        <div className="grid">
          <JiraPickerField
            path={[...props.path, 'field']}
            label={words.satisfactionField}
            kind="fields"
            search={props.search}
            creatable
          />
          {valueAt(editing.data, [...props.path, 'field']) !== undefined && (
            <JiraPickerField
              path={[...props.path, 'dateField']}
              label={words.satisfactionDateField}
              kind="fields"
              search={props.search}
              creatable
            />
          )}
        </div>
      </EditingContext.Provider>
    </FieldFrame>
  );
}

/** What each support line needs before a request is handed to it (the workflow validator checks it). */
function LineRequirements(props: { readonly catalog: CatalogNames }): React.JSX.Element {
  const editing = useEditing();
  const { words } = editing;
  const path: SettingsPath = ['lineRequirements'];
  const lines = keysAt(valueAt(editing.data, path));
  const free = props.catalog.lines.filter((line) => !lines.includes(line.value));
  const [draft, setDraft] = useState('');
  const chosen = free.some((line) => line.value === draft) ? draft : (free[0]?.value ?? '');
  return (
    <section className="entry-section" data-section="lineRequirements">
      <h2>{words.lineRequirements}</h2>
      <FieldFrame path={path} hint={words.lineRequirementsHint} className="rows" depth={1}>
        {lines.length === 0 && <p className="muted">{words.noEntries}</p>}
        {lines.map((line) => (
          <div key={line} className="row" data-row={line}>
            <code className="row-id">{line}</code>
            <CheckField path={[...path, line, 'comment']} label={words.requireComment} />
            <ListField path={[...path, line, 'fields']} label={words.requireFields} placeholder="assignee, priority" />
            <SmallButton appearance="subtle" onClick={() => editing.set([...path, line], undefined)}>
              {words.remove}
            </SmallButton>
          </div>
        ))}
        {free.length > 0 && (
          <div className="row">
            <select
              className="native-input line-choice"
              aria-label={words.line}
              data-testid="new-line-requirement"
              value={chosen}
              onChange={(event) => setDraft(event.currentTarget.value)}
            >
              {free.map((line) => (
                <option key={line.value} value={line.value}>
                  {line.label}
                </option>
              ))}
            </select>
            <SmallButton testId="add-line-requirement" onClick={() => editing.set([...path, chosen], {})}>
              {words.add}
            </SmallButton>
          </div>
        )}
      </FieldFrame>
    </section>
  );
}

const RULE_KINDS = ['project', 'organization', 'field'] as const;
type RuleKind = (typeof RULE_KINDS)[number];

function ruleKindOf(rule: unknown): RuleKind {
  return RULE_KINDS.find((kind) => valueAt(rule, [kind]) !== undefined) ?? 'project';
}

/** One contract rule: what it matches on, and the contract it gives. */
function ContractRule(props: {
  readonly index: number;
  readonly count: number;
  readonly catalog: CatalogNames;
  readonly search: JiraSearch;
}): React.JSX.Element {
  const editing = useEditing();
  const { words } = editing;
  const list: SettingsPath = ['contractRules', 'rules'];
  const path: SettingsPath = [...list, props.index];
  const rule = valueAt(editing.data, path);
  const kind = ruleKindOf(rule);
  const changeKind = (next: string) => {
    const contract = valueAt(rule, ['contract']);
    // A field rule starts with an empty field id; the others with an empty list of names.
    editing.set(path, { [next]: next === 'field' ? '' : [], contract: contract ?? '' });
  };
  return (
    <li className="card rule" data-entry={pathKey(path)} data-path={pathKey(path)}>
      <div className="rule-head">
        <span className="rule-number">{words.ruleNumber(props.index + 1)}</span>
        {props.index > 0 && (
          <SmallButton
            appearance="subtle"
            testId={`rule-up-${props.index}`}
            label={words.moveUp}
            onClick={() => editing.move(list, props.index, props.index - 1)}
          >
            ↑
          </SmallButton>
        )}
        {props.index < props.count - 1 && (
          <SmallButton
            appearance="subtle"
            testId={`rule-down-${props.index}`}
            label={words.moveDown}
            onClick={() => editing.move(list, props.index, props.index + 1)}
          >
            ↓
          </SmallButton>
        )}
        <SmallButton appearance="subtle" onClick={() => editing.remove(list, props.index)}>
          {words.remove}
        </SmallButton>
      </div>
      <div className="grid">
        <div className="field">
          <label className="field-label" htmlFor={`${pathKey(path)}#kind`}>
            {words.ruleKind}
          </label>
          <select
            className="native-input"
            id={`${pathKey(path)}#kind`}
            value={kind}
            onChange={(event) => changeKind(event.currentTarget.value)}
          >
            {RULE_KINDS.map((name) => (
              <option key={name} value={name}>
                {words.ruleKinds[name]}
              </option>
            ))}
          </select>
        </div>
        {kind === 'project' && (
          <JiraPickerField
            path={[...path, 'project']}
            label={words.ruleProjects}
            kind="projects"
            search={props.search}
            multi
          />
        )}
        {kind === 'organization' && (
          <ListField path={[...path, 'organization']} label={words.ruleOrganizations} placeholder="Alfa LLC" />
        )}
        {kind === 'field' && (
          <JiraPickerField
            path={[...path, 'field']}
            label={words.ruleField}
            kind="fields"
            search={props.search}
            creatable
          />
        )}
        {kind === 'field' && <ListField path={[...path, 'value']} label={words.ruleValues} placeholder="Gamma" />}
        <ChoiceField path={[...path, 'contract']} label={words.contract} choices={props.catalog.contracts} />
      </div>
      <ProblemList problems={editing.problems.filter((problem) => pathKey(problem.path) === pathKey(path))} />
    </li>
  );
}

/**
 * The contract rules of a shared service desk, in order: the first that matches a request at its
 * creation gives its contract; then the project's own contract; then the default.
 */
function ContractRules(props: { readonly catalog: CatalogNames; readonly search: JiraSearch }): React.JSX.Element {
  const editing = useEditing();
  const { words } = editing;
  const path: SettingsPath = ['contractRules'];
  const present = valueAt(editing.data, path) !== undefined;
  const rules = valueAt(editing.data, [...path, 'rules']);
  const count = Array.isArray(rules) ? rules.length : 0;
  const addRule = () => {
    const rule = { project: [], contract: props.catalog.contracts[0]?.value ?? '' };
    if (present) editing.append([...path, 'rules'], rule);
    else editing.set(path, { rules: [rule] });
  };
  return (
    <section className="entry-section" data-section="contractRules">
      <h2>{words.contractRules}</h2>
      <FieldFrame path={path} hint={words.contractRulesHint} depth={0}>
        {!present && <p className="muted">{words.noEntries}</p>}
      </FieldFrame>
      {present && (
        <>
          <div className="grid">
            <JiraPickerField
              path={[...path, 'organizationsField']}
              label={words.organizationsField}
              kind="fields"
              search={props.search}
              creatable
            />
          </div>
          <FieldFrame path={[...path, 'rules']} label={words.ruleOrder} depth={0}>
            <ol className="rules">
              {Array.from({ length: count }, (_, index) => (
                <ContractRule key={index} index={index} count={count} catalog={props.catalog} search={props.search} />
              ))}
            </ol>
          </FieldFrame>
        </>
      )}
      <div className="row">
        <SmallButton testId="add-contract-rule" onClick={addRule}>
          {`${words.add}: ${words.rule}`}
        </SmallButton>
        {present && (
          <SmallButton appearance="subtle" testId="remove-contract-rules" onClick={() => editing.set(path, undefined)}>
            {words.removeRules}
          </SmallButton>
        )}
      </div>
      {present && (
        <div className="grid">
          <ChoiceField
            path={[...path, 'default']}
            label={words.defaultContract}
            choices={props.catalog.contracts}
            optional
          />
        </div>
      )}
    </section>
  );
}

/** The whole mapping: projects, then the settings shared by all of them. */
export function MappingEditor(props: {
  readonly catalog: CatalogNames;
  readonly search: JiraSearch;
}): React.JSX.Element {
  const editing = useEditing();
  const { words } = editing;
  const keys = keysAt(editing.data.projects);
  const addProject = () => {
    let index = 1;
    while (keys.includes(`NEW${index}`)) index++;
    editing.set(['projects', `NEW${index}`], { contract: props.catalog.contracts[0]?.value ?? '' });
  };
  return (
    <div className="structured" data-editor="mapping">
      <section className="entry-section" data-section="projects">
        <h2>{words.projects}</h2>
        <FieldFrame path={['projects']} depth={0}>
          {keys.length === 0 && <p className="muted">{words.noEntries}</p>}
        </FieldFrame>
        {keys.map((key) => (
          <ProjectCard key={key} projectKey={key} catalog={props.catalog} search={props.search} />
        ))}
        <SmallButton testId="add-project" onClick={addProject}>
          {`${words.add}: ${words.project.toLowerCase()}`}
        </SmallButton>
      </section>
      <ContractRules catalog={props.catalog} search={props.search} />
      <LineRequirements catalog={props.catalog} />
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
