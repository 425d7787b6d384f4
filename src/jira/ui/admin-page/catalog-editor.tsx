/**
 * The catalog's structured editor: general lists, calendars (weekly grid with overnight ranges,
 * holidays, dated overrides, iCalendar import), tariffs (targets per clock, priority and request type,
 * hour package, prices, CSAT target, service credits), escalation policies (levels and actions) and
 * contracts (effective-dated terms, the contract's own statuses).
 */
import React, { useState } from 'react';
import Lozenge from '@atlaskit/lozenge';
import {
  CheckField,
  EditingContext,
  ChoiceField,
  DateField,
  EntryIdField,
  FieldFrame,
  ListField,
  MultiChoiceField,
  NumberField,
  NumberOrWordField,
  pathKey,
  ProblemList,
  problemsUnder,
  SecretReferenceField,
  SmallButton,
  TextField,
  choicesOf,
  useEditing,
  type SettingsEditing,
} from './fields';
import { keysAt, stringsAt, valueAt, type SettingsPath } from './settings-document';

const CLOCKS = ['reaction', 'start', 'resolution'] as const;
const DAYS = ['weekdays', 'everyday', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const RECIPIENT_NAMES = ['support_line', 'support_lead', 'account_manager', 'client_contact', 'client_team'];
const MODES = ['with_client_team', 'minimal_client', 'without_client'];
const ACTION_KINDS = ['notify', 'assign_line', 'raise_priority', 'comment'] as const;
const CHANNEL_KINDS = ['telegram', 'slack', 'teams', 'email'] as const;
const TEAMS_CARDS = ['adaptive', 'messageCard'];
const DEFAULT_LINES = ['L1', 'L2', 'L3'];

function nextId(existing: readonly string[], base: string): string {
  for (let index = 1; ; index++) if (!existing.includes(`${base}-${index}`)) return `${base}-${index}`;
}

/** A list of named entries (calendars, tariffs …) as cards, with add and remove. */
function EntrySection(props: {
  readonly path: SettingsPath;
  readonly title: string;
  readonly idBase: string;
  readonly template: (id: string) => Record<string, unknown>;
  readonly children: (id: string, path: SettingsPath) => React.ReactNode;
}): React.JSX.Element {
  const editing = useEditing();
  const ids = keysAt(valueAt(editing.data, props.path));
  const key = String(props.path[props.path.length - 1]);
  return (
    <section className="entry-section" data-section={key}>
      <h2>{props.title}</h2>
      <FieldFrame path={props.path} depth={0}>
        {ids.length === 0 && <p className="muted">{editing.words.noEntries}</p>}
      </FieldFrame>
      {ids.map((id) => (
        <fieldset key={id} className="card" data-entry={`${key}.${id}`}>
          <div className="card-head">
            <EntryIdField parentPath={props.path} id={id} />
            <SmallButton appearance="subtle" onClick={() => editing.set([...props.path, id], undefined)}>
              {editing.words.remove}
            </SmallButton>
          </div>
          <ProblemList problems={problemsUnder(editing.problems, [...props.path, id], 0)} />
          {props.children(id, [...props.path, id])}
        </fieldset>
      ))}
      <SmallButton
        testId={`add-${key}`}
        onClick={() =>
          editing.set([...props.path, nextId(ids, props.idBase)], props.template(nextId(ids, props.idBase)))
        }
      >
        {`${editing.words.add}: ${props.title.toLowerCase()}`}
      </SmallButton>
    </section>
  );
}

/** Rows of a list (holidays, terms, levels …), each with its remove button; a long list opens folded. */
function ListRows(props: {
  readonly path: SettingsPath;
  readonly title: string;
  readonly item: () => unknown;
  readonly addTestId?: string;
  readonly foldAbove?: number;
  readonly hint?: string;
  readonly className?: string;
  readonly children: (index: number, path: SettingsPath) => React.ReactNode;
}): React.JSX.Element {
  const editing = useEditing();
  const rows = valueAt(editing.data, props.path);
  const count = Array.isArray(rows) ? rows.length : 0;
  const [openAtFirst] = useState(props.foldAbove === undefined || count <= props.foldAbove);
  const list = Array.from({ length: count }, (_, index) => (
    <div key={index} className="row" data-row={index}>
      {props.children(index, [...props.path, index])}
      <SmallButton appearance="subtle" onClick={() => editing.remove(props.path, index)}>
        {editing.words.remove}
      </SmallButton>
    </div>
  ));
  return (
    <FieldFrame
      path={props.path}
      label={props.foldAbove === undefined ? props.title : undefined}
      hint={props.hint}
      className={`rows ${props.className ?? ''}`}
      depth={1}
    >
      {props.foldAbove === undefined ? (
        list
      ) : (
        <details open={openAtFirst}>
          <summary className="field-label">{`${props.title} (${count})`}</summary>
          {list}
        </details>
      )}
      <SmallButton testId={props.addTestId} onClick={() => editing.append(props.path, props.item())}>
        {editing.words.add}
      </SmallButton>
    </FieldFrame>
  );
}

function GeneralSection(): React.JSX.Element {
  const { words, data } = useEditing();
  const priorities = choicesOf(stringsAt(data.priorities));
  const types = choicesOf(keysAt(data.requestTypes));
  return (
    <section className="entry-section" data-section="general">
      <h2>{words.general}</h2>
      <div className="grid">
        <TextField path={['currency']} label={words.currency} placeholder="RUB" />
        <TextField path={['timeZone']} label={words.timeZone} placeholder="Europe/Moscow" />
        <ListField path={['priorities']} label={words.priorities} placeholder="low, normal, high, critical" />
        <ChoiceField path={['defaults', 'priority']} label={words.defaultPriority} choices={priorities} optional />
        <ChoiceField path={['defaults', 'type']} label={words.defaultType} choices={types} optional />
      </div>
      <RequestTypes />
      <h3>{words.statuses}</h3>
      <StatusFields path={['defaults', 'statuses']} />
    </section>
  );
}

function RequestTypes(): React.JSX.Element {
  const editing = useEditing();
  const [draft, setDraft] = useState('');
  const ids = keysAt(editing.data.requestTypes);
  const add = () => {
    const id = draft.trim();
    if (id === '' || ids.includes(id)) return;
    editing.set(['requestTypes', id], {});
    setDraft('');
  };
  return (
    <FieldFrame path={['requestTypes']} label={editing.words.requestTypes} className="rows" depth={1}>
      {ids.map((id) => (
        <div key={id} className="row" data-row={id}>
          <code className="row-id">{id}</code>
          <TextField path={['requestTypes', id, 'name']} label={editing.words.name} />
          <SmallButton appearance="subtle" onClick={() => editing.set(['requestTypes', id], undefined)}>
            {editing.words.remove}
          </SmallButton>
        </div>
      ))}
      <div className="row">
        <input
          className="native-input"
          aria-label={editing.words.id}
          data-testid="new-request-type"
          value={draft}
          placeholder="incident"
          onChange={(event) => setDraft(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') add();
          }}
        />
        <SmallButton testId="add-request-type" onClick={add}>
          {editing.words.add}
        </SmallButton>
      </div>
    </FieldFrame>
  );
}

function StatusFields(props: { readonly path: SettingsPath }): React.JSX.Element {
  const { words } = useEditing();
  return (
    <div className="grid">
      <TextField path={[...props.path, 'initial']} label={words.statusInitial} placeholder="New" />
      <ListField path={[...props.path, 'paused']} label={words.statusPaused} />
      <ListField path={[...props.path, 'working']} label={words.statusWorking} />
      <ListField path={[...props.path, 'done']} label={words.statusDone} />
    </div>
  );
}

function isOvernight(ranges: readonly string[]): boolean {
  return ranges.some((range) => {
    const [start, end] = range.split('-').map((part) => part.trim());
    return start !== undefined && end !== undefined && end !== '24:00' && end <= start;
  });
}

function WeekGrid(props: { readonly path: SettingsPath }): React.JSX.Element {
  const editing = useEditing();
  const week = valueAt(editing.data, [...props.path, 'week']);
  const inherited = (day: (typeof DAYS)[number]): string | undefined => {
    if (day === 'weekdays' || day === 'everyday') return undefined;
    const weekday = !['sat', 'sun'].includes(day);
    const source = weekday && valueAt(week, ['weekdays']) !== undefined ? 'weekdays' : 'everyday';
    const ranges = stringsAt(valueAt(week, [source]));
    return ranges.length > 0
      ? `${editing.words.inherits(editing.words.days[source])}: ${ranges.join(', ')}`
      : undefined;
  };
  return (
    <FieldFrame
      path={[...props.path, 'week']}
      label={editing.words.week}
      hint={editing.words.weekHint}
      className="week"
      depth={0}
    >
      <div className="week-grid">
        {DAYS.map((day) => {
          const ranges = stringsAt(valueAt(week, [day]));
          return (
            <div key={day} className="week-day">
              <ListField
                path={[...props.path, 'week', day]}
                label={editing.words.days[day]}
                placeholder={inherited(day)}
                hint=""
              />
              {isOvernight(ranges) && <Lozenge appearance="new">{editing.words.overnight}</Lozenge>}
            </div>
          );
        })}
      </div>
    </FieldFrame>
  );
}

function IcsImport(props: { readonly path: SettingsPath }): React.JSX.Element {
  const editing = useEditing();
  const [note, setNote] = useState('');
  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    const text = await file.text();
    // The catalog reader's own iCalendar parser, loaded on demand.
    const { parseIcalHolidays } = await import('../../../parsing/ical-holidays');
    const year = Number(new Date().toISOString().slice(0, 4));
    const result = parseIcalHolidays(text, file.name, { fromYear: year - 1, toYear: year + 2 });
    const before = valueAt(editing.data, [...props.path, 'holidays']);
    const known = new Set((Array.isArray(before) ? before : []).map((holiday) => JSON.stringify(holiday)));
    const added = result.holidays.filter((holiday) => !known.has(JSON.stringify(holiday)));
    editing.set([...props.path, 'holidays'], [...(Array.isArray(before) ? before : []), ...added]);
    setNote(editing.words.imported(added.length, result.errors.length));
    input.value = '';
  };
  return (
    <div className="ics-import">
      <label className="upload">
        <span>{editing.words.importIcs}</span>
        <input
          type="file"
          accept=".ics,text/calendar"
          data-testid="import-ics"
          onChange={(event) => void importFile(event.currentTarget)}
        />
      </label>
      {note !== '' && (
        <span className="muted" role="status">
          {note}
        </span>
      )}
    </div>
  );
}

function CalendarCard(props: { readonly path: SettingsPath }): React.JSX.Element {
  const editing = useEditing();
  const { words } = editing;
  const alwaysOpen = valueAt(editing.data, [...props.path, 'alwaysOpen']) === true;
  return (
    <>
      <div className="grid">
        <TextField path={[...props.path, 'name']} label={words.name} />
        <TextField path={[...props.path, 'zone']} label={words.zone} placeholder="Europe/Moscow" />
        <CheckField path={[...props.path, 'alwaysOpen']} label={words.alwaysOpen} />
      </div>
      {!alwaysOpen && <WeekGrid path={props.path} />}
      <ListRows
        path={[...props.path, 'holidays']}
        title={words.holidays}
        item={() => ({ date: '', name: '' })}
        addTestId="add-holiday"
        foldAbove={6}
      >
        {(_, path) => (
          <>
            <DateField path={[...path, 'date']} label={words.date} />
            <TextField path={[...path, 'name']} label={words.name} />
          </>
        )}
      </ListRows>
      <IcsImport path={props.path} />
      <ListField path={[...props.path, 'holidayFiles']} label={words.holidayFiles} placeholder="holidays/ru-2026.ics" />
      <ListRows
        path={[...props.path, 'overrides']}
        title={words.overrides}
        item={() => ({ date: '', ranges: [] })}
        addTestId="add-override"
        foldAbove={6}
      >
        {(_, path) => (
          <>
            <DateField path={[...path, 'date']} label={words.date} />
            <ListField path={[...path, 'ranges']} label={words.ranges} placeholder="09:00-17:00" hint="" />
            <TextField path={[...path, 'name']} label={words.name} />
          </>
        )}
      </ListRows>
    </>
  );
}

function TargetsTable(props: { readonly path: SettingsPath }): React.JSX.Element {
  const editing = useEditing();
  const { words } = editing;
  const priorities = stringsAt(editing.data.priorities);
  const rows: Array<{ label: string; path: SettingsPath }> = [
    { label: words.allPriorities, path: [...props.path, 'targets'] },
    ...priorities.map((priority) => ({ label: priority, path: [...props.path, 'priorities', priority] })),
  ];
  return (
    <FieldFrame path={[...props.path, 'targets']} label={words.targets} className="table-field">
      <table className="targets">
        <thead>
          <tr>
            <th scope="col">{words.target}</th>
            {CLOCKS.map((clock) => (
              <th key={clock} scope="col">
                {words.clocks[clock]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {CLOCKS.map((clock) => (
                <td key={clock}>
                  <NumberField path={[...row.path, clock]} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </FieldFrame>
  );
}

function RequestTypeRules(props: { readonly path: SettingsPath }): React.JSX.Element {
  const editing = useEditing();
  const { words } = editing;
  const types = keysAt(editing.data.requestTypes);
  return (
    <FieldFrame
      path={[...props.path, 'requestTypes']}
      label={words.perType}
      hint={words.estimateHint}
      className="table-field"
    >
      <table className="targets">
        <thead>
          <tr>
            <th scope="col">{words.target}</th>
            {CLOCKS.map((clock) => (
              <th key={clock} scope="col">
                {words.clocks[clock]}
              </th>
            ))}
            <th scope="col">{words.cutoff}</th>
          </tr>
        </thead>
        <tbody>
          {types.map((type) => {
            const path = [...props.path, 'requestTypes', type];
            return (
              <tr key={type}>
                <th scope="row">{type}</th>
                <td>
                  <NumberField path={[...path, 'reaction']} />
                </td>
                <td>
                  <NumberField path={[...path, 'start']} />
                </td>
                <td>
                  <NumberOrWordField path={[...path, 'resolution']} words={['estimate']} />
                </td>
                <td>
                  <TextField path={[...path, 'sameDayCutoff']} placeholder="16:00" />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </FieldFrame>
  );
}

function HourPackage(props: { readonly path: SettingsPath }): React.JSX.Element {
  const editing = useEditing();
  const { words } = editing;
  const path = [...props.path, 'hours'];
  const kind = valueAt(editing.data, [...path, 'kind']);
  return (
    <FieldFrame path={path} label={words.hours} depth={0}>
      <div className="grid">
        <FieldFrame path={[...path, 'kind']} label={words.hoursKind}>
          <select
            className="native-input"
            id={pathKey([...path, 'kind'])}
            value={typeof kind === 'string' ? kind : ''}
            onChange={(event) => {
              const next = event.currentTarget.value;
              editing.set(path, next === '' ? undefined : { kind: next });
            }}
          >
            <option value="">{words.noPackage}</option>
            <option value="monthly">monthly</option>
            <option value="unlimited">unlimited</option>
            <option value="bank">bank</option>
          </select>
        </FieldFrame>
        {kind === 'monthly' && <NumberField path={[...path, 'includedHours']} label={words.included} />}
        {kind === 'bank' && <NumberField path={[...path, 'bankHours']} label={words.bankHours} />}
        {kind === 'bank' && <NumberField path={[...path, 'bankPrice']} label={words.bankPrice} />}
        {(kind === 'monthly' || kind === 'unlimited') && (
          <NumberField path={[...path, 'minimumTermMonths']} label={words.minimumTerm} />
        )}
      </div>
    </FieldFrame>
  );
}

/**
 * Fields of an optional group (`csatTarget`): clearing its last field removes the whole group, so an
 * emptied group does not stay behind as `{}` that the schema would reject.
 */
function OptionalGroup(props: { readonly path: SettingsPath; readonly children: React.ReactNode }): React.JSX.Element {
  const editing = useEditing();
  const group = props.path;
  const value: SettingsEditing = {
    ...editing,
    set: (path, next) => {
      const own = valueAt(editing.data, group);
      const others =
        own !== null && typeof own === 'object'
          ? Object.keys(own).filter((key) => key !== String(path[group.length]))
          : [];
      const clearsLast =
        path.length === group.length + 1 &&
        (next === undefined || next === '' || (Array.isArray(next) && next.length === 0)) &&
        others.length === 0;
      editing.set(clearsLast ? group : path, clearsLast ? undefined : next);
    },
  };
  return <EditingContext.Provider value={value}>{props.children}</EditingContext.Provider>;
}

function CsatTarget(props: { readonly path: SettingsPath }): React.JSX.Element {
  const { words } = useEditing();
  const path = [...props.path, 'csatTarget'];
  return (
    <FieldFrame path={path} label={words.csat} depth={0}>
      <OptionalGroup path={path}>
        <div className="grid">
          <NumberField path={[...path, 'satisfiedPercent']} label={words.satisfiedPercent} placeholder="85" />
          <NumberField path={[...path, 'averageScore']} label={words.averageScore} placeholder="4.5" />
          <NumberField path={[...path, 'minimumResponses']} label={words.minimumResponses} placeholder="1" />
        </div>
      </OptionalGroup>
    </FieldFrame>
  );
}

const CREDIT_KINDS = ['amount', 'percentOfFee'] as const;

/**
 * A credit or a cap: a fixed `amount` or a `percentOfFee`, exactly one of them, chosen in a list so the
 * other is never written; `optional` adds "none", which removes the whole object (`monthlyCap`).
 */
function AmountOrPercent(props: {
  readonly path: SettingsPath;
  readonly label: string;
  readonly optional?: boolean;
}): React.JSX.Element {
  const editing = useEditing();
  const { words } = editing;
  const [wanted, setWanted] = useState<string>('amount');
  const own = valueAt(editing.data, props.path);
  const present = own !== null && typeof own === 'object';
  const written = CREDIT_KINDS.find((name) => valueAt(own, [name]) !== undefined);
  const kind = written ?? (present ? wanted : '');
  const choose = (next: string) => {
    if (next !== '') setWanted(next);
    if (next === '') editing.set(props.path, undefined);
    else if (!present) editing.set(props.path, {});
    else if (written !== undefined && next !== written) {
      const value = valueAt(own, [written]);
      editing.set([...props.path, written], undefined);
      editing.set([...props.path, next], value);
    }
  };
  return (
    <FieldFrame path={props.path} label={props.label} className="credit" depth={0}>
      <div className="pair">
        <select
          className="native-input"
          id={`${pathKey(props.path)}#kind`}
          aria-label={words.creditKind}
          value={kind}
          onChange={(event) => choose(event.currentTarget.value)}
        >
          {props.optional === true && <option value="">{words.noCap}</option>}
          {CREDIT_KINDS.map((name) => (
            <option key={name} value={name}>
              {name === 'amount' ? words.creditAmount : words.creditPercent}
            </option>
          ))}
        </select>
        {kind !== '' && <NumberField path={[...props.path, kind]} />}
      </div>
    </FieldFrame>
  );
}

function ServiceCredits(props: { readonly path: SettingsPath }): React.JSX.Element {
  const editing = useEditing();
  const { words, data } = editing;
  const path = [...props.path, 'serviceCredits'];
  return (
    <FieldFrame path={path} label={words.credits} className="credits" depth={0}>
      <ListRows path={[...path, 'rules']} title={words.creditRules} item={() => ({})} addTestId="add-credit-rule">
        {(_, rule) => (
          <>
            <MultiChoiceField path={[...rule, 'clocks']} label={words.creditClocks} choices={choicesOf([...CLOCKS])} />
            <MultiChoiceField
              path={[...rule, 'priorities']}
              label={words.creditPriorities}
              choices={choicesOf(stringsAt(data.priorities))}
            />
            <MultiChoiceField
              path={[...rule, 'requestTypes']}
              label={words.creditTypes}
              choices={choicesOf(keysAt(data.requestTypes))}
            />
            <AmountOrPercent path={rule} label={words.creditKind} />
          </>
        )}
      </ListRows>
      {valueAt(data, path) !== undefined && (
        <div className="grid">
          <NumberField path={[...path, 'graceBreaches']} label={words.graceBreaches} placeholder="0" />
          <AmountOrPercent path={[...path, 'monthlyCap']} label={words.monthlyCap} optional />
          <SmallButton appearance="subtle" testId="remove-credits" onClick={() => editing.set(path, undefined)}>
            {words.remove}
          </SmallButton>
        </div>
      )}
    </FieldFrame>
  );
}

function TariffCard(props: { readonly path: SettingsPath }): React.JSX.Element {
  const editing = useEditing();
  const { words, data } = editing;
  const path = props.path;
  return (
    <>
      <div className="grid">
        <TextField path={[...path, 'name']} label={words.name} />
        <ChoiceField path={[...path, 'calendar']} label={words.calendar} choices={choicesOf(keysAt(data.calendars))} />
        <ChoiceField
          path={[...path, 'escalationPolicy']}
          label={words.policy}
          choices={choicesOf(keysAt(data.escalationPolicies))}
          optional
        />
        <ChoiceField path={[...path, 'escalationMode']} label={words.mode} choices={choicesOf(MODES)} optional />
        <NumberField path={[...path, 'atRiskPercent']} label={words.atRisk} placeholder="80" />
        <NumberField path={[...path, 'incidentsPerDay']} label={words.perDay} />
        <ListField path={[...path, 'supportLines']} label={words.lines} placeholder="L1, L2, L3" />
        <ListField path={[...path, 'coveredTypes']} label={words.covered} />
      </div>
      <TargetsTable path={path} />
      <RequestTypeRules path={path} />
      <HourPackage path={path} />
      <FieldFrame path={[...path, 'prices']} label={words.prices} depth={0}>
        <div className="grid">
          <NumberField path={[...path, 'prices', 'monthly']} label={words.monthly} />
          <NumberField path={[...path, 'prices', 'hourly']} label={words.hourly} />
          <NumberField path={[...path, 'prices', 'overLimitIncident']} label={words.overLimit} />
          <NumberField path={[...path, 'prices', 'offHoursSurchargePercent']} label={words.offHours} />
        </div>
      </FieldFrame>
      <CsatTarget path={path} />
      <ServiceCredits path={path} />
    </>
  );
}

function actionTemplate(kind: string): Record<string, unknown> {
  if (kind === 'notify') return { kind, recipients: [] };
  if (kind === 'assign_line') return { kind, line: '' };
  if (kind === 'comment') return { kind, text: '' };
  return { kind };
}

function ActionRow(props: { readonly path: SettingsPath }): React.JSX.Element {
  const editing = useEditing();
  const { words } = editing;
  const kind = valueAt(editing.data, [...props.path, 'kind']);
  const action = valueAt(editing.data, props.path);
  return (
    <>
      <FieldFrame path={[...props.path, 'kind']} label={words.kind}>
        <select
          className="native-input"
          id={pathKey([...props.path, 'kind'])}
          value={typeof kind === 'string' ? kind : ''}
          onChange={(event) => {
            const next = event.currentTarget.value;
            const list = props.path.slice(0, -1);
            const index = Number(props.path[props.path.length - 1]);
            const actions = valueAt(editing.data, list);
            if (Array.isArray(actions))
              editing.set(
                list,
                actions.map((item, at) => (at === index ? actionTemplate(next) : item)),
              );
            void action;
          }}
        >
          {ACTION_KINDS.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </FieldFrame>
      {kind === 'notify' && (
        <MultiChoiceField
          path={[...props.path, 'recipients']}
          label={words.recipients}
          choices={choicesOf(RECIPIENT_NAMES)}
        />
      )}
      {kind === 'assign_line' && <TextField path={[...props.path, 'line']} label={words.line} placeholder="L2" />}
      {kind === 'raise_priority' && (
        <ChoiceField
          path={[...props.path, 'to']}
          label={words.raiseTo}
          choices={choicesOf(stringsAt(editing.data.priorities))}
          optional
        />
      )}
      {kind === 'comment' && <TextField path={[...props.path, 'text']} label={words.text} />}
      {kind === 'comment' && (
        <CheckField path={[...props.path, 'visibleToClient']} label={words.visibleToClient} whenAbsent />
      )}
    </>
  );
}

function PolicyCard(props: { readonly path: SettingsPath }): React.JSX.Element {
  const { words } = useEditing();
  return (
    <>
      <TextField path={[...props.path, 'name']} label={words.name} />
      <ListRows
        path={[...props.path, 'levels']}
        title={words.levels}
        item={() => ({ level: 1, percentOfTarget: 100, actions: [] })}
        addTestId="add-level"
      >
        {(_, path) => (
          <div className="level">
            <div className="grid">
              <NumberField path={[...path, 'level']} label={words.level} />
              <NumberField path={[...path, 'percentOfTarget']} label={words.percentOfTarget} />
              <NumberField path={[...path, 'minutesBeforeDue']} label={words.minutesBeforeDue} />
              <MultiChoiceField path={[...path, 'clocks']} label={words.levelClocks} choices={choicesOf([...CLOCKS])} />
            </div>
            <ListRows
              path={[...path, 'actions']}
              title={words.actions}
              item={() => actionTemplate('notify')}
              addTestId="add-action"
            >
              {(__, actionPath) => <ActionRow path={actionPath} />}
            </ListRows>
          </div>
        )}
      </ListRows>
    </>
  );
}

function ContractCard(props: { readonly path: SettingsPath }): React.JSX.Element {
  const editing = useEditing();
  const { words, data } = editing;
  return (
    <>
      <div className="grid">
        <TextField path={[...props.path, 'name']} label={words.name} />
        <TextField path={[...props.path, 'timeZone']} label={words.timeZone} placeholder="Europe/Moscow" />
        <ChoiceField
          path={[...props.path, 'calendar']}
          label={words.calendar}
          choices={choicesOf(keysAt(data.calendars))}
          optional
        />
        <ChoiceField
          path={[...props.path, 'defaultPriority']}
          label={words.defaultPriority}
          choices={choicesOf(stringsAt(data.priorities))}
          optional
        />
      </div>
      <ListRows
        path={[...props.path, 'terms']}
        title={words.terms}
        item={() => ({ tariff: '', from: '' })}
        addTestId="add-term"
      >
        {(_, path) => (
          <>
            <ChoiceField path={[...path, 'tariff']} label={words.tariffs} choices={choicesOf(keysAt(data.tariffs))} />
            <DateField path={[...path, 'from']} label={words.from} />
            <NumberField path={[...path, 'prepaidMonths']} label={words.prepaid} />
          </>
        )}
      </ListRows>
      <FieldFrame path={[...props.path, 'statuses']} label={words.statuses} hint={words.contractStatusesHint} depth={0}>
        <OptionalGroup path={[...props.path, 'statuses']}>
          <StatusFields path={[...props.path, 'statuses']} />
        </OptionalGroup>
      </FieldFrame>
      <NotifyRoutes path={props.path} />
    </>
  );
}

/** Support lines of the tariffs a contract's terms name (each tariff's own, else L1–L3). */
function contractLines(data: Record<string, unknown>, contractPath: SettingsPath): string[] {
  const terms = valueAt(data, [...contractPath, 'terms']);
  const lines = new Set<string>();
  for (const term of Array.isArray(terms) ? terms : []) {
    const tariff = valueAt(term, ['tariff']);
    if (typeof tariff !== 'string') continue;
    const listed = stringsAt(valueAt(data, ['tariffs', tariff, 'supportLines']));
    for (const line of listed.length > 0 ? listed : DEFAULT_LINES) lines.add(line);
  }
  return lines.size > 0 ? [...lines] : DEFAULT_LINES;
}

/** Where a contract's escalations are posted: routes to channels, per recipient and support line. */
function NotifyRoutes(props: { readonly path: SettingsPath }): React.JSX.Element {
  const editing = useEditing();
  const { words, data } = editing;
  return (
    <ListRows
      path={[...props.path, 'notify']}
      title={words.notifyRoutes}
      item={() => ({ channels: [] })}
      addTestId="add-route"
      hint={words.notifyHint}
      className="notify"
    >
      {(_, route) => (
        <>
          <MultiChoiceField
            path={[...route, 'channels']}
            label={words.routeChannels}
            choices={choicesOf(keysAt(data.notificationChannels))}
          />
          <MultiChoiceField
            path={[...route, 'recipients']}
            label={words.routeRecipients}
            choices={choicesOf(RECIPIENT_NAMES)}
          />
          <MultiChoiceField
            path={[...route, 'lines']}
            label={words.routeLines}
            choices={choicesOf(contractLines(data, props.path))}
          />
        </>
      )}
    </ListRows>
  );
}

function channelTemplate(kind: string, name: unknown): Record<string, unknown> {
  const named = typeof name === 'string' && name !== '' ? { name } : {};
  return { kind, ...named };
}

/** One notification channel: its kind, and where its secret lives (a reference, never the secret). */
function ChannelCard(props: { readonly path: SettingsPath }): React.JSX.Element {
  const editing = useEditing();
  const { words } = editing;
  const kind = valueAt(editing.data, [...props.path, 'kind']);
  return (
    <>
      <div className="grid">
        <FieldFrame path={[...props.path, 'kind']} label={words.channelKind}>
          <select
            className="native-input"
            id={pathKey([...props.path, 'kind'])}
            value={typeof kind === 'string' ? kind : ''}
            onChange={(event) =>
              editing.set(
                props.path,
                channelTemplate(event.currentTarget.value, valueAt(editing.data, [...props.path, 'name'])),
              )
            }
          >
            {CHANNEL_KINDS.map((name) => (
              <option key={name} value={name}>
                {words.channelKinds[name]}
              </option>
            ))}
          </select>
        </FieldFrame>
        <TextField path={[...props.path, 'name']} label={words.name} />
        {kind === 'telegram' && (
          <NumberOrWordField
            path={[...props.path, 'chatId']}
            label={words.chatId}
            placeholder="-1001234567890"
            words={[]}
          />
        )}
        {kind === 'telegram' && <NumberField path={[...props.path, 'threadId']} label={words.threadId} />}
        {kind === 'teams' && (
          <ChoiceField
            path={[...props.path, 'card']}
            label={words.teamsCard}
            choices={choicesOf(TEAMS_CARDS)}
            optional
          />
        )}
      </div>
      {kind === 'telegram' && (
        <SecretReferenceField
          path={[...props.path, 'botToken']}
          label={words.botToken}
          placeholder="TELEGRAM_BOT_TOKEN"
        />
      )}
      {(kind === 'slack' || kind === 'teams') && (
        <SecretReferenceField
          path={[...props.path, 'webhookUrl']}
          label={words.webhookUrl}
          placeholder="ALFA_SLACK_WEBHOOK"
        />
      )}
      {kind === 'email' && <p className="muted">{words.emailChannel}</p>}
    </>
  );
}

const SECTIONS = [
  'general',
  'calendars',
  'escalationPolicies',
  'tariffs',
  'notificationChannels',
  'contracts',
] as const;

/** Buttons that bring a section into view: the catalog is long. */
function SectionNav(): React.JSX.Element {
  const { words } = useEditing();
  const titles = {
    general: words.general,
    calendars: words.calendars,
    escalationPolicies: words.policies,
    tariffs: words.tariffs,
    notificationChannels: words.channels,
    contracts: words.contracts,
  };
  return (
    <nav className="section-nav">
      {SECTIONS.map((section) => (
        <button
          key={section}
          type="button"
          className="link"
          onClick={() => document.querySelector(`[data-section="${section}"]`)?.scrollIntoView({ block: 'start' })}
        >
          {titles[section]}
        </button>
      ))}
    </nav>
  );
}

/** The whole catalog, section by section. */
export function CatalogEditor(): React.JSX.Element {
  const { words } = useEditing();
  return (
    <div className="structured" data-editor="catalog">
      <SectionNav />
      <GeneralSection />
      <EntrySection
        path={['calendars']}
        title={words.calendars}
        idBase="calendar"
        template={() => ({ zone: 'Europe/Moscow', week: { weekdays: ['09:00-18:00'] } })}
      >
        {(_, path) => <CalendarCard path={path} />}
      </EntrySection>
      <EntrySection
        path={['escalationPolicies']}
        title={words.policies}
        idBase="policy"
        template={() => ({
          levels: [{ level: 1, percentOfTarget: 100, actions: [{ kind: 'notify', recipients: ['support_lead'] }] }],
        })}
      >
        {(_, path) => <PolicyCard path={path} />}
      </EntrySection>
      <EntrySection
        path={['tariffs']}
        title={words.tariffs}
        idBase="tariff"
        template={(id) => ({ name: id, targets: {} })}
      >
        {(_, path) => <TariffCard path={path} />}
      </EntrySection>
      <EntrySection
        path={['notificationChannels']}
        title={words.channels}
        idBase="channel"
        template={() => ({ kind: 'email' })}
      >
        {(_, path) => <ChannelCard path={path} />}
      </EntrySection>
      <EntrySection
        path={['contracts']}
        title={words.contracts}
        idBase="contract"
        template={(id) => ({ name: id, terms: [] })}
      >
        {(_, path) => <ContractCard path={path} />}
      </EntrySection>
    </div>
  );
}
