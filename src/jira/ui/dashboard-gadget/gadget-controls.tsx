/**
 * The gadget's edit mode controls (Atlaskit): the contract and the month pickers and the Save button
 * that stores them as the gadget's configuration.
 */
import React from 'react';
import { createRoot, type Root } from 'react-dom/client';
import Button from '@atlaskit/button/new';
import { LabelledSelect } from '../shared/labelled-select';

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
      <LabelledSelect
        name="contract"
        label={props.words.contract}
        options={contractOptions}
        value={props.contract}
        onChange={props.onContract}
      />
      <LabelledSelect
        name="month"
        label={props.words.month}
        options={monthOptions}
        value={props.month ?? CURRENT}
        onChange={(month) => props.onMonth(month === CURRENT ? undefined : month)}
      />
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
