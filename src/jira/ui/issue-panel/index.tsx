/**
 * The SLA panel in the issue view (UI Kit, rendered natively by Jira): clocks with deadlines and a
 * countdown computed here from the stored deadline, the explain breakdown, escalations, and the hours
 * logged against the contract's package.
 */
import React, { useEffect, useState } from 'react';
import ForgeReconciler, { CodeBlock, DynamicTable, Heading, Inline, Lozenge, ProgressBar, SectionMessage, Spinner, Stack, Text } from '@forge/react';
import { invoke } from '@forge/bridge';
import type { IssueSlaView } from '../../app/issue-panel-resolver';
import type { ResolverResult } from '../../app/resolver-result';
import { clockRow, hoursText, localText, stateLozenge } from './panel-model';

/** The resolver answers data, never throws; anything else is shown as an error. */
function isResult(value: unknown): value is ResolverResult<IssueSlaView> {
  return typeof value === 'object' && value !== null && 'ok' in value;
}

function Panel(): React.JSX.Element {
  const [result, setResult] = useState<ResolverResult<IssueSlaView> | null>(null);
  const [nowMs, setNowMs] = useState(Date.now());

  useEffect(() => {
    invoke('getIssueSla', {}).then(
      (answer) => setResult(isResult(answer) ? answer : { ok: false, error: { code: 'bad_answer', path: [], message: 'unexpected answer' } }),
      (error: unknown) => setResult({ ok: false, error: { code: 'invoke_failed', path: [], message: String(error) } }),
    );
    // The countdown moves once a minute; the data does not need to be fetched again for that.
    const timer = setInterval(() => setNowMs(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  if (result === null) return <Spinner label="Loading SLA" />;
  if (!result.ok) return <SectionMessage appearance="warning"><Text>{result.error.message}</Text></SectionMessage>;
  const view = result.value;
  const badge = stateLozenge(view.state);
  const rows = view.clocks.map((clock) => clockRow(clock, nowMs));
  return (
    <Stack space="space.150">
      <Inline space="space.100" alignBlock="center">
        <Lozenge appearance={badge.appearance}>{badge.text}</Lozenge>
        {view.overLimit ? <Lozenge appearance="moved">Over the daily limit</Lozenge> : null}
        <Text>{`${view.contract.name} · ${view.tariff.name} · line ${view.line ?? '—'}`}</Text>
      </Inline>
      <DynamicTable
        head={{ cells: [{ key: 'clock', content: 'Clock' }, { key: 'state', content: 'State' }, { key: 'spent', content: 'Spent' }, { key: 'deadline', content: 'Deadline' }] }}
        rows={rows.map((row) => ({
          key: row.clock,
          cells: [
            { key: 'clock', content: row.clock },
            { key: 'state', content: <Lozenge appearance={row.state.appearance}>{row.state.text}</Lozenge> },
            { key: 'spent', content: <Stack space="space.050"><ProgressBar value={row.progress} /><Text>{row.spent}</Text></Stack> },
            { key: 'deadline', content: row.deadline },
          ],
        }))}
      />
      <Heading size="small">Hours</Heading>
      <Text>{hoursText(view)}</Text>
      <Heading size="small">Escalations</Heading>
      {view.escalations.done.length === 0 && view.escalations.next.length === 0 ? <Text>None</Text> : null}
      {view.escalations.done.map((entry) => (
        <Text key={`done-${entry.clock}-${entry.level}-${entry.at}`}>{`Level ${entry.level} (${entry.clock}) ${entry.skipped ? 'recorded' : 'done'} ${localText(entry.at)}`}</Text>
      ))}
      {view.escalations.next.map((entry) => (
        <Text key={`next-${entry.clock}-${entry.level}`}>{`Level ${entry.level} (${entry.clock}) due ${localText(entry.dueAt)}`}</Text>
      ))}
      <Heading size="small">Why these numbers</Heading>
      <CodeBlock text={view.explain} language="text" showLineNumbers={false} shouldWrapLongLines />
    </Stack>
  );
}

ForgeReconciler.render(
  <React.StrictMode>
    <Panel />
  </React.StrictMode>,
);
