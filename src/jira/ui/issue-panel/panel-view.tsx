import React from 'react';
import { Button, CodeBlock, DynamicTable, Heading, Inline, Lozenge, ProgressBar, Stack, Text } from '@forge/react';
import type { IssueSlaView } from '../../app/issue-panel-resolver';
import { slaWords } from '../shared/sla-words';
import { clockRow, hoursText, localText, panelGlance, type PanelLocale } from './panel-model';

export interface PanelViewProps {
  readonly view: IssueSlaView;
  readonly nowMs: number;
  readonly locale: PanelLocale;
  /** Whether the breakdown below the headline is unfolded. */
  readonly expanded: boolean;
  readonly onToggle: () => void;
}

const HEAD = {
  en: ['Clock', 'State', 'Spent', 'Deadline'],
  ru: ['Часы', 'Состояние', 'Затрачено', 'Срок'],
} as const;

/**
 * The SLA panel: at a glance the state, working time left, deadline (in the viewer's zone, named),
 * pause reason and next escalation; the clocks, hours, escalations and the explanation below, folded.
 */
export function PanelView({ view, nowMs, locale, expanded, onToggle }: PanelViewProps): React.JSX.Element {
  const words = slaWords(locale.language);
  const glance = panelGlance(view, nowMs, locale);
  const rows = view.clocks.map((clock) => clockRow(clock, nowMs, locale));
  const head = HEAD[locale.language];
  return (
    <Stack space="space.150">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Lozenge appearance={glance.lozenge.appearance} isBold>
          {glance.lozenge.text}
        </Lozenge>
        {view.overLimit ? <Lozenge appearance="moved">{words.overLimit}</Lozenge> : null}
        {glance.timeLeft !== null ? <Text weight="medium">{glance.timeLeft}</Text> : null}
      </Inline>
      {glance.due !== null ? <Text>{glance.due}</Text> : null}
      {glance.pause !== null ? <Text>{glance.pause}</Text> : null}
      <Text>{glance.nextEscalation}</Text>
      <Text
        size="small"
        color="color.text.subtlest"
      >{`${view.contract.name} · ${view.tariff.name} · ${words.line} ${view.line ?? '—'} · ${glance.zone}`}</Text>
      <Button appearance="subtle" onClick={onToggle}>
        {expanded ? words.hideDetails : words.details}
      </Button>
      {expanded ? (
        <Stack space="space.150">
          <DynamicTable
            head={{ cells: head.map((content, index) => ({ key: `h${index}`, content })) }}
            rows={rows.map((row) => ({
              key: row.clock,
              cells: [
                { key: 'clock', content: row.clock },
                { key: 'state', content: <Lozenge appearance={row.state.appearance}>{row.state.text}</Lozenge> },
                {
                  key: 'spent',
                  content: (
                    <Stack space="space.050">
                      <ProgressBar value={row.progress} />
                      <Text>{row.spent}</Text>
                    </Stack>
                  ),
                },
                { key: 'deadline', content: row.deadline },
              ],
            }))}
          />
          <Heading size="small">{words.hours_}</Heading>
          <Text>{hoursText(view, locale.language)}</Text>
          <Heading size="small">{words.escalations}</Heading>
          {view.escalations.done.length === 0 && view.escalations.next.length === 0 ? <Text>{words.none}</Text> : null}
          {view.escalations.done.map((entry) => (
            <Text key={`done-${entry.clock}-${entry.level}-${entry.at}`}>
              {words.doneAt(
                entry.level,
                entry.clock,
                entry.skipped ? words.recorded : words.done,
                localText(entry.at, locale),
              )}
            </Text>
          ))}
          <CodeBlock text={view.explain} language="text" showLineNumbers={false} shouldWrapLongLines />
        </Stack>
      ) : null}
      <Text size="small" color="color.text.subtlest">
        {words.updated(localText(new Date(nowMs).toISOString(), locale))}
      </Text>
    </Stack>
  );
}
