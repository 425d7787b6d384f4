import { formatInstant } from '../../core/calendar/format-instant';
import type { ClockName, EscalationAction, Recipient } from '../../core/catalog/catalog-schema';
import type { CompiledCatalog } from '../../core/catalog/compiled-catalog';
import type { EscalationStep } from '../../core/escalation/escalation-plan';
import type { IssueEvaluation } from '../../core/sla/evaluate-issue';
import type { WorkerConfig } from '../config/worker-config-schema';
import type { RedmineCustomFieldInput, RedmineIssueUpdate } from '../client';
import { escalationMarker, reopenCycleAt, type EscalationKey } from './escalation-marker';
import { FIELD_KEYS, type FieldKey, type RedmineDirectory } from './redmine-directory';
import type { CachedFields, CachedIssue } from './worker-state-schema';

/** One PUT the worker intends to send for an issue, and what the issue looks like after it. */
export interface PlannedWrite {
  issueId: number;
  update: RedmineIssueUpdate;
  /** The worker's field values once the write is done. */
  fieldsAfter: CachedFields;
  /** Escalation done by this write (its marker is in `update`), if any. */
  escalation?: { key: EscalationKey; marker: string; actions: EscalationAction['kind'][] };
  /** Field keys changed by this write. */
  changed: FieldKey[];
}

/** Flags the worker computes; other tokens in the field (escalation markers, people's own) are kept. */
const COMPUTED_FLAGS = ['over-limit', 'off-hours', 'not-covered'] as const;
const MARKER_TOKEN = /^esc:/;

const RECIPIENT_NAMES: Record<Recipient, string> = {
  support_line: 'support line',
  support_lead: 'support lead',
  account_manager: 'account manager',
  client_contact: "client's contact person",
  client_team: "client's team",
};
const CLIENT_RECIPIENTS: ReadonlySet<Recipient> = new Set<Recipient>(['client_contact', 'client_team']);

function flagsValue(current: string, evaluation: IssueEvaluation, markers: readonly string[]): string {
  const tokens = current.split(/\s+/).filter((token) => token !== '');
  const computed: string[] = [];
  if (evaluation.overLimit) computed.push('over-limit');
  if (evaluation.offHours) computed.push('off-hours');
  if (!evaluation.covered) computed.push('not-covered');
  const known = new Set<string>(COMPUTED_FLAGS);
  const others = tokens.filter((token) => !known.has(token) && !MARKER_TOKEN.test(token));
  const allMarkers = [...new Set([...tokens.filter((token) => MARKER_TOKEN.test(token)), ...markers])].sort();
  return [...computed, ...allMarkers, ...others].join(' ');
}

/** What the worker's fields should hold for this evaluation (the support line is left as it is). */
function desiredFields(evaluation: IssueEvaluation, cached: CachedIssue, catalog: CompiledCatalog): CachedFields {
  const contract = catalog.contract(evaluation.contractId);
  const calendar = contract ? catalog.tariffAt(contract, evaluation.createdAtMs).calendar : undefined;
  const due = (clock: ClockName): string => {
    const dueAtMs = evaluation.clocks[clock]?.dueAtMs ?? null;
    return dueAtMs === null || calendar === undefined ? '' : formatInstant(dueAtMs, calendar);
  };
  return {
    state: evaluation.state,
    reactionDue: due('reaction'),
    startDue: due('start'),
    resolutionDue: due('resolution'),
    tariff: evaluation.tariffId,
    line: cached.fields.line,
    flags: flagsValue(cached.fields.flags, evaluation, cached.escalations),
  };
}

function changedKeys(before: CachedFields, after: CachedFields, missing: readonly FieldKey[]): FieldKey[] {
  return FIELD_KEYS.filter((key) => before[key] !== after[key] && !missing.includes(key));
}

function customFieldInputs(keys: readonly FieldKey[], values: CachedFields, directory: RedmineDirectory): RedmineCustomFieldInput[] {
  return keys.map((key) => ({ id: directory.fieldIds[key], value: values[key] }));
}

/** Everything `planIssueWrites` needs besides the evaluation. */
export interface PlanContext {
  catalog: CompiledCatalog;
  config: WorkerConfig;
  directory: RedmineDirectory;
}

/** Escalation steps due now that Redmine has no marker for, in level order. */
function pendingEscalations(evaluation: IssueEvaluation, cached: CachedIssue, catalog: CompiledCatalog): Array<{ step: EscalationStep; key: EscalationKey }> {
  if (cached.closed) return [];
  const contract = catalog.contract(evaluation.contractId);
  if (!contract) return [];
  const done = new Set(cached.escalations);
  const result: Array<{ step: EscalationStep; key: EscalationKey }> = [];
  for (const step of evaluation.escalations) {
    if (!step.due) continue;
    // A clock that stopped (met, or breached and then answered) gains nothing from a late escalation.
    const clock = evaluation.clocks[step.clock];
    if (!clock || clock.stoppedAtMs !== null) continue;
    const key: EscalationKey = { clock: step.clock, level: step.level, cycle: reopenCycleAt(cached.status, cached.events, contract.statuses, step.dueAtMs) };
    if (done.has(escalationMarker(key))) continue;
    result.push({ step, key });
  }
  return result.sort((a, b) => a.step.level - b.step.level || a.step.dueAtMs - b.step.dueAtMs);
}

function nextPriority(catalog: CompiledCatalog, current: string, to: string | undefined): string | null {
  const order = catalog.catalog.priorities;
  const currentRank = order.indexOf(current);
  if (to !== undefined) return order.indexOf(to) > currentRank ? to : null;
  return currentRank >= 0 && currentRank < order.length - 1 ? order[currentRank + 1] : null;
}

/**
 * The writes that bring an issue in Redmine up to date with its evaluation: nothing when every
 * value already matches; one PUT with the changed fields; and one PUT per escalation level due and
 * not yet done, each carrying its marker (flags field and note) in the same update as its actions,
 * so Redmine records the action and the fact that it was done atomically.
 *
 * @example
 * for (const write of planIssueWrites(evaluation, cached, { catalog, config, directory })) {
 *   await client.updateIssue(write.issueId, write.update);
 * }
 */
export function planIssueWrites(evaluation: IssueEvaluation, cached: CachedIssue, context: PlanContext): PlannedWrite[] {
  const { catalog, config, directory } = context;
  const writes: PlannedWrite[] = [];
  let fields = cached.fields;
  const target = desiredFields(evaluation, cached, catalog);
  let pendingFieldChanges = changedKeys(fields, target, cached.missingFields);
  let priority = evaluation.priority;
  let assigneeId = cached.assigneeId;
  const contract = catalog.contract(evaluation.contractId);
  const calendar = contract ? catalog.tariffAt(contract, evaluation.createdAtMs).calendar : undefined;

  for (const { step, key } of pendingEscalations(evaluation, cached, catalog)) {
    const marker = escalationMarker(key);
    const update: RedmineIssueUpdate = {};
    const after: CachedFields = { ...target, line: fields.line, flags: flagsValue(fields.flags, evaluation, [...cached.escalations, marker]) };
    const lines: string[] = [
      `SLA escalation, level ${step.level}: ${step.clock} clock${calendar ? ` (level reached ${formatInstant(step.dueAtMs, calendar)})` : ''}.`,
    ];
    let clientVisible = false;
    for (const action of step.actions) {
      switch (action.kind) {
        case 'comment':
          lines.push(action.text);
          if (action.visibleToClient) clientVisible = true;
          break;
        case 'assign_line': {
          after.line = action.line;
          const assignee = directory.lineAssignees.get(action.line);
          if (assignee && assignee.id !== assigneeId) {
            update.assigned_to_id = assignee.id;
            assigneeId = assignee.id;
          }
          lines.push(`Moved to support line ${action.line}${assignee ? ` and assigned to ${assignee.name}` : ''}.`);
          break;
        }
        case 'raise_priority': {
          const raised = nextPriority(catalog, priority, action.to);
          const redmineId = raised === null ? undefined : directory.priorityIdByCatalog.get(raised);
          if (raised !== null && redmineId !== undefined) {
            update.priority_id = redmineId;
            lines.push(`Priority raised from ${priority} to ${raised}.`);
            priority = raised;
          }
          break;
        }
        case 'notify': {
          const names = action.recipients.map((recipient) => RECIPIENT_NAMES[recipient]);
          const mentions = action.recipients.flatMap((recipient) => config.escalation.mentions[recipient] ?? []).map((login) => `@${login}`);
          lines.push(`Attention: ${names.join(', ')}${mentions.length > 0 ? ` (${[...new Set(mentions)].join(' ')})` : ''}.`);
          if (action.recipients.some((recipient) => CLIENT_RECIPIENTS.has(recipient))) clientVisible = true;
          break;
        }
      }
    }
    lines.push(`[${marker}]`);
    update.notes = lines.join('\n');
    update.private_notes = !clientVisible;
    const changed = changedKeys(fields, after, cached.missingFields);
    update.custom_fields = customFieldInputs(changed, after, directory);
    writes.push({ issueId: cached.id, update, fieldsAfter: after, escalation: { key, marker, actions: step.actions.map((action) => action.kind) }, changed });
    fields = after;
    pendingFieldChanges = [];
  }

  if (writes.length === 0 && pendingFieldChanges.length > 0) {
    const after: CachedFields = { ...fields, ...target };
    writes.push({ issueId: cached.id, update: { custom_fields: customFieldInputs(pendingFieldChanges, after, directory) }, fieldsAfter: after, changed: pendingFieldChanges });
  }
  return writes;
}
