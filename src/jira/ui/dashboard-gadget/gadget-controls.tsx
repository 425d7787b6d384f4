/**
 * The gadget's edit mode controls (Atlaskit): the contract and the month pickers and the Save button
 * that stores them as the gadget's configuration.
 */
import React from 'react';
import { createRoot, type Root } from 'react-dom/client';
import Button from '@atlaskit/button/new';
import Select from '@atlaskit/select';

export interface GadgetControlsProps {
  readonly words: {
    readonly contract: string;
    readonly month: string;
    readonly currentMonth: string;
    readonly save: string;
  };
  readonly contracts: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly months: readonly string[];
  readonly contract: string | undefined;
  /** The fixed month, or undefined for "the current month". */
  readonly month: string | undefined;
  readonly saving: boolean;
  readonly onContract: (contract: string) => void;
  readonly onMonth: (month: string | undefined) => void;
  readonly onSave: () => void;
}

/** The month picker's value for "follow the current month". */
const CURRENT = '';

function GadgetControls(props: GadgetControlsProps): React.JSX.Element {
  const contractOptions = props.contracts.map((contract) => ({ label: contract.name, value: contract.id }));
  const monthOptions = [
    { label: props.words.currentMonth, value: CURRENT },
    ...props.months.map((month) => ({ label: month, value: month })),
  ];
  return (
    <div className="controls">
      <label className="picker">
        <span id="contract-label">{props.words.contract}</span>
        <Select
          inputId="contract"
          classNamePrefix="contract"
          aria-labelledby="contract-label"
          options={contractOptions}
          value={contractOptions.find((option) => option.value === props.contract) ?? null}
          onChange={(option) => option && props.onContract(option.value)}
          isSearchable={false}
          spacing="compact"
        />
      </label>
      <label className="picker">
        <span id="month-label">{props.words.month}</span>
        <Select
          inputId="month"
          classNamePrefix="month"
          aria-labelledby="month-label"
          options={monthOptions}
          value={monthOptions.find((option) => option.value === (props.month ?? CURRENT)) ?? null}
          onChange={(option) => option && props.onMonth(option.value === CURRENT ? undefined : option.value)}
          isSearchable={false}
          spacing="compact"
        />
      </label>
      <Button appearance="primary" testId="save" isDisabled={props.saving} onClick={props.onSave}>
        {props.words.save}
      </Button>
    </div>
  );
}

let controlsRoot: Root | null = null;

/** Renders (or re-renders) the edit mode controls into their container. */
export function renderGadgetControls(container: HTMLElement, props: GadgetControlsProps): void {
  controlsRoot ??= createRoot(container);
  controlsRoot.render(<GadgetControls {...props} />);
}
