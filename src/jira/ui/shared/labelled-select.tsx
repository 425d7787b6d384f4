import React from 'react';
import Select from '@atlaskit/select';

/** An option of a labelled select: what it shows and the value it stands for. */
export interface SelectOption<V extends string> {
  readonly label: string;
  readonly value: V;
}

/**
 * A compact Atlaskit select with its visible label, as the pages' pickers are: the input's id and the
 * class prefix are `name` (`.month__control` in browser tests), the label's id is `name-label`.
 */
export function LabelledSelect<V extends string>(props: {
  readonly name: string;
  readonly label: string;
  readonly options: ReadonlyArray<SelectOption<V>>;
  readonly value: V | undefined;
  readonly onChange: (value: V) => void;
}): React.JSX.Element {
  const options = [...props.options];
  return (
    <label className="picker">
      <span id={`${props.name}-label`}>{props.label}</span>
      <Select
        inputId={props.name}
        classNamePrefix={props.name}
        aria-labelledby={`${props.name}-label`}
        options={options}
        value={options.find((option) => option.value === props.value) ?? null}
        onChange={(option) => option && props.onChange(option.value)}
        isSearchable={false}
        spacing="compact"
      />
    </label>
  );
}
