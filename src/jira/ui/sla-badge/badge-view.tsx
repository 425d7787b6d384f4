import React from 'react';
import { Inline, Lozenge, Stack, Text } from '@forge/react';
import type { BadgeModel } from './badge-model';

/** The SLA field in the issue view: a coloured lozenge, time left, the deadline in the viewer's zone. */
export function BadgeView({ model }: { readonly model: BadgeModel }): React.JSX.Element {
  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Lozenge appearance={model.appearance} isBold>
          {model.text}
        </Lozenge>
        {model.timeLeft !== null ? <Text>{model.timeLeft}</Text> : null}
      </Inline>
      {model.due !== null ? (
        <Text size="small" color="color.text.subtlest">{`${model.due} (${model.zone})`}</Text>
      ) : null}
    </Stack>
  );
}
