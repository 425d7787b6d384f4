/**
 * The SLA field's view in the issue view (UI Kit, `jira:customField` → `view`): renders the stored
 * field value at once, then refines the countdown with the engine's working time left from the
 * panel's resolver, and moves on every minute.
 */
import React, { useEffect, useState } from 'react';
import ForgeReconciler, { useProductContext } from '@forge/react';
import { invoke } from '@forge/bridge';
import { pickLanguage } from '../shared/sla-words';
import { badgeModel, type BadgeFieldValue } from './badge-model';
import { BadgeView } from './badge-view';

interface PanelAnswer {
  readonly ok: boolean;
  readonly value?: {
    readonly clocks?: ReadonlyArray<{ clock: string; targetMinutes: number | null; elapsedMinutes: number }>;
  };
}

function isFieldValue(value: unknown): value is BadgeFieldValue {
  return typeof value === 'object' && value !== null && typeof (value as { state?: unknown }).state === 'string';
}

function workingLeftOf(answer: unknown, clock: string | undefined): number | null {
  const result = answer as PanelAnswer;
  const found = result?.ok ? result.value?.clocks?.find((entry) => entry.clock === clock) : undefined;
  return found && found.targetMinutes !== null ? found.targetMinutes - found.elapsedMinutes : null;
}

function Badge(): React.JSX.Element {
  const context = useProductContext();
  const [nowMs, setNowMs] = useState(Date.now());
  const [workingLeft, setWorkingLeft] = useState<number | null>(null);
  const value: unknown = context?.extension?.fieldValue;
  const field = isFieldValue(value) ? value : null;

  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (field?.clock === undefined) return;
    invoke('getIssueSla', {}).then(
      (answer) => setWorkingLeft(workingLeftOf(answer, field.clock)),
      () => setWorkingLeft(null),
    );
  }, [field?.clock, field?.state]);

  const model = badgeModel({
    value: field,
    workingMinutesLeft: workingLeft,
    nowMs,
    timeZone: context?.timezone ?? 'UTC',
    language: pickLanguage(context?.locale, field?.lang),
  });
  return <BadgeView model={model} />;
}

ForgeReconciler.render(
  <React.StrictMode>
    <Badge />
  </React.StrictMode>,
);
