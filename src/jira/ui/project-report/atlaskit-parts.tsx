/**
 * The report's Atlaskit parts: the controls (month and language pickers, CSV export and refresh
 * buttons) and the statement's tables (Atlaskit dynamic table, issue keys as links into Jira).
 */
import React from 'react';
import { createRoot, type Root } from 'react-dom/client';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import { LabelledSelect } from '../shared/labelled-select';
import { router } from '@forge/bridge';

export interface ControlsProps {
  readonly words: {
    readonly month: string;
    readonly language: string;
    readonly contract: string;
    readonly exportCsv: string;
    readonly refresh: string;
    readonly notCovered: string;
    readonly statement: string;
  };
  /** The project's contracts; the picker shows when there are several. */
  readonly contracts: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly contract: string | undefined;
  /** Which view is open; the not-covered button shows for those who may open it. */
  readonly view: 'statement' | 'not_covered';
  readonly canSeeNotCovered: boolean;
  readonly onContract: (contract: string) => void;
  readonly onView: (view: 'statement' | 'not_covered') => void;
  readonly months: readonly string[];
  readonly month: string | undefined;
  readonly lang: 'ru' | 'en';
  readonly canExport: boolean;
  readonly onMonth: (month: string) => void;
  readonly onLang: (lang: 'ru' | 'en') => void;
  readonly onExport: () => void;
  readonly onRefresh: () => void;
}

const LANGUAGES = [
  { label: 'Русский', value: 'ru' },
  { label: 'English', value: 'en' },
] as const;

function Controls(props: ControlsProps): React.JSX.Element {
  const monthOptions = props.months.map((month) => ({ label: month, value: month }));
  const contractOptions = props.contracts.map((contract) => ({ label: contract.name, value: contract.id }));
  const statementView = props.view === 'statement';
  return (
    <div className="controls">
      {statementView && contractOptions.length > 1 ? (
        <LabelledSelect
          name="contract"
          label={props.words.contract}
          options={contractOptions}
          value={props.contract}
          onChange={props.onContract}
        />
      ) : null}
      <LabelledSelect
        name="month"
        label={props.words.month}
        options={monthOptions}
        value={props.month}
        onChange={props.onMonth}
      />
      <LabelledSelect
        name="lang"
        label={props.words.language}
        options={LANGUAGES}
        value={props.lang}
        onChange={props.onLang}
      />
      {statementView ? (
        <>
          <Button appearance="primary" testId="export-csv" isDisabled={!props.canExport} onClick={props.onExport}>
            {props.words.exportCsv}
          </Button>
          <Button testId="refresh" onClick={props.onRefresh}>
            {props.words.refresh}
          </Button>
        </>
      ) : null}
      {props.canSeeNotCovered ? (
        <Button
          testId="not-covered"
          appearance="subtle"
          isSelected={!statementView}
          onClick={() => props.onView(statementView ? 'not_covered' : 'statement')}
        >
          {statementView ? props.words.notCovered : props.words.statement}
        </Button>
      ) : null}
    </div>
  );
}

let controlsRoot: Root | null = null;

/** Renders (or re-renders) the controls into their container. */
export function renderControlsBar(container: HTMLElement, props: ControlsProps): void {
  controlsRoot ??= createRoot(container);
  controlsRoot.render(<Controls {...props} />);
}

/** Issue keys as Jira writes them (ALFA-107). */
const ISSUE_KEY = /^[A-Z][A-Z0-9_]+-\d+$/;

function Cell({ text }: { readonly text: string }): React.JSX.Element {
  if (!ISSUE_KEY.test(text)) return <>{text}</>;
  return (
    <a
      className="issue-key"
      href={`/browse/${text}`}
      onClick={(event) => {
        event.preventDefault();
        // Custom UI runs in an iframe: the host navigates Jira itself.
        void router.navigate(`/browse/${text}`);
      }}
    >
      {text}
    </a>
  );
}

/** A statement table as an Atlaskit dynamic table, in a frame that scrolls sideways on narrow screens. */
export function renderDataTable(table: {
  readonly head: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
  readonly numeric: readonly boolean[];
}): HTMLElement {
  const frame = document.createElement('div');
  frame.className = 'table-frame';
  const align = (index: number) => (table.numeric[index] ? 'num' : undefined);
  createRoot(frame).render(
    <DynamicTable
      head={{
        cells: table.head.map((cell, index) => ({
          key: `h${index}`,
          content: <span className={align(index)}>{cell}</span>,
        })),
      }}
      rows={table.rows.map((row, rowIndex) => ({
        key: `r${rowIndex}`,
        cells: row.map((cell, index) => ({
          key: `c${index}`,
          content: (
            <span className={align(index)}>
              <Cell text={cell} />
            </span>
          ),
        })),
      }))}
    />,
  );
  return frame;
}
