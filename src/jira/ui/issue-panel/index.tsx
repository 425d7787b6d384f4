/**
 * The SLA panel in the issue view (UI Kit, rendered natively by Jira). It fetches the issue's SLA view
 * when opened and again every minute while open, so the state, the countdown and the escalations never
 * disagree; the wording follows the user's locale (else the mapping's language) and times are in the
 * user's zone, named.
 */
import React, { useCallback, useEffect, useState } from 'react';
import ForgeReconciler, { SectionMessage, Spinner, Text, useProductContext } from '@forge/react';
import { invoke } from '@forge/bridge';
import type { IssueSlaView } from '../../app/issue-panel-resolver';
import type { ResolverResult } from '../../app/resolver-result';
import { pickLanguage, slaWords } from '../shared/sla-words';
import { PanelView } from './panel-view';

/** How often an open panel asks again. */
const REFRESH_MS = 60_000;

/** The resolver answers data, never throws; anything else is shown as an error. */
function isResult(value: unknown): value is ResolverResult<IssueSlaView> {
  return typeof value === 'object' && value !== null && 'ok' in value;
}

function Panel(): React.JSX.Element {
  const context = useProductContext();
  const [result, setResult] = useState<ResolverResult<IssueSlaView> | null>(null);
  const [nowMs, setNowMs] = useState(Date.now());
  const [expanded, setExpanded] = useState(false);

  const load = useCallback(() => {
    invoke('getIssueSla', {}).then(
      (answer) => {
        setResult(
          isResult(answer)
            ? answer
            : { ok: false, error: { code: 'bad_answer', path: [], message: 'unexpected answer' } },
        );
        setNowMs(Date.now());
      },
      (error: unknown) => setResult({ ok: false, error: { code: 'invoke_failed', path: [], message: String(error) } }),
    );
  }, []);

  useEffect(() => {
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const language = pickLanguage(context?.locale, result?.ok ? result.value.language : undefined);
  if (result === null) return <Spinner label={slaWords(language).loading} />;
  if (!result.ok) {
    return (
      <SectionMessage appearance="warning">
        <Text>{result.error.message}</Text>
      </SectionMessage>
    );
  }
  const locale = { language, timeZone: context?.timezone ?? result.value.zone ?? 'UTC' };
  return (
    <PanelView
      view={result.value}
      nowMs={nowMs}
      locale={locale}
      expanded={expanded}
      onToggle={() => setExpanded((open) => !open)}
    />
  );
}

ForgeReconciler.render(
  <React.StrictMode>
    <Panel />
  </React.StrictMode>,
);
