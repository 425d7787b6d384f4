import { formatInstant } from '../../core/calendar/format-instant';
import { formatLocalDate } from '../../core/calendar/format-local-date';
import type { ClockName, Recipient } from '../../core/catalog/catalog-schema';
import type { CompiledCatalog } from '../../core/catalog/compiled-catalog';
import type { EscalationIntent } from '../../core/escalation/escalation-intents';
import { notificationTargets } from '../../core/escalation/notification-targets';
import type { IssueEvaluation } from '../../core/sla/evaluate-issue';
import type { WorkerConfig } from '../config/worker-config-schema';
import type { RedmineCustomFieldInput, RedmineIssueUpdate } from '../client';
import { escalationMarker, type EscalationKey } from './escalation-marker';
import { FIELD_KEYS, type FieldKey, type RedmineDirectory } from './redmine-directory';
import { emptyCachedFields, type CachedFields, type CachedIssue } from './worker-state-schema';

/** One PUT the worker intends to send for an issue, and what the issue looks like after it. */
export interface PlannedWrite {
  issueId: number;
  update: RedmineIssueUpdate;
  /** The worker's field values once the write is done. */
  fieldsAfter: CachedFields;
  /** Escalation done by this write (its marker is in `update`), if any. */
  escalation?: { key: EscalationKey; marker: string; actions: EscalationActionKind[]; intent: EscalationIntent };
  /** Markers of levels this write records without acting (see the intent's `skipReason`). */
  recorded: string[];
  /** Field keys changed by this write. */
  changed: FieldKey[];
}

/** Flags the worker computes; other tokens in the field (escalation markers, people's own) are kept. */
const COMPUTED_FLAGS = ['over-limit', 'off-hours', 'not-covered'] as const;
const MARKER_TOKEN = /^esc:/;

/** What an escalation write did, for the log. */
type EscalationActionKind = 'comment' | 'assign_line' | 'raise_priority' | 'notify';

/** What the computed flags depend on. */
type FlagInputs = Pick<IssueEvaluation, 'overLimit' | 'offHours' | 'covered'>;

function flagsValue(current: string, evaluation: FlagInputs, markers: readonly string[]): string {
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
function desiredFields(
  evaluation: IssueEvaluation,
  cached: CachedIssue,
  catalog: CompiledCatalog,
  markers: readonly string[],
): CachedFields {
  const contract = catalog.contract(evaluation.contractId);
  const calendar = contract ? catalog.tariffAt(contract, evaluation.createdAtMs).calendar : undefined;
  const due = (clock: ClockName, format: typeof formatInstant): string => {
    const dueAtMs = evaluation.clocks[clock]?.dueAtMs ?? null;
    return dueAtMs === null || calendar === undefined ? '' : format(dueAtMs, calendar);
  };
  return {
    state: evaluation.state,
    reactionDue: due('reaction', formatInstant),
    startDue: due('start', formatInstant),
    resolutionDue: due('resolution', formatInstant),
    tariff: evaluation.tariffId,
    line: cached.fields.line,
    flags: flagsValue(cached.fields.flags, evaluation, markers),
    // The same instants as days in the contract's zone, for Redmine's date filters and sorting.
    reactionDueDate: due('reaction', formatLocalDate),
    startDueDate: due('start', formatLocalDate),
    resolutionDueDate: due('resolution', formatLocalDate),
  };
}

function changedKeys(before: CachedFields, after: CachedFields, missing: readonly FieldKey[]): FieldKey[] {
  return FIELD_KEYS.filter((key) => before[key] !== after[key] && !missing.includes(key));
}

function customFieldInputs(
  keys: readonly FieldKey[],
  values: CachedFields,
  directory: RedmineDirectory,
): RedmineCustomFieldInput[] {
  return keys.map((key) => ({ id: directory.fieldIds[key], value: values[key] }));
}

/** Everything `planIssueWrites` needs besides the evaluation. */
export interface PlanContext {
  catalog: CompiledCatalog;
  config: WorkerConfig;
  directory: RedmineDirectory;
}

/** The note of an escalation: the core's note, the Redmine logins to @mention, and the marker as its last line. */
function escalationNote(intent: EscalationIntent, context: PlanContext, contractId: string, marker: string): string {
  const { config, catalog } = context;
  // @mentions are how Redmine e-mails people: the contract's notification routes may leave e-mail out.
  const mailed = notificationTargets(intent, catalog.contract(contractId)).trackerEmail;
  const mentions = [
    ...new Set(
      mailed ? intent.recipients.flatMap((recipient: Recipient) => config.escalation.mentions[recipient] ?? []) : [],
    ),
  ].map((login) => `@${login}`);
  return [intent.note, ...(mentions.length > 0 ? [mentions.join(' ')] : []), `[${marker}]`].join('\n');
}

function actionKinds(intent: EscalationIntent): EscalationActionKind[] {
  const kinds: EscalationActionKind[] = [];
  if (intent.comments.length > 0) kinds.push('comment');
  if (intent.line !== null) kinds.push('assign_line');
  if (intent.priority !== null) kinds.push('raise_priority');
  if (intent.recipients.length > 0) kinds.push('notify');
  return kinds;
}

/**
 * The writes that bring an issue in Redmine up to date with its evaluation and the core's escalation
 * intents: nothing when every value already matches; one PUT with the changed fields (carrying the
 * markers of levels recorded without acting); and one PUT per acting level, each carrying its marker
 * (flags field and note) in the same update as its actions, so Redmine records the action and the
 * fact that it was done atomically. The intents decide everything; this only maps them to Redmine.
 *
 * @example
 * for (const write of planIssueWrites(evaluation, intents, cached, { catalog, config, directory })) {
 *   await client.updateIssue(write.issueId, write.update);
 * }
 */
export function planIssueWrites(
  evaluation: IssueEvaluation,
  intents: readonly EscalationIntent[],
  cached: CachedIssue,
  context: PlanContext,
): PlannedWrite[] {
  const { catalog, directory } = context;
  const writes: PlannedWrite[] = [];
  const recorded = intents
    .filter((intent) => intent.decision === 'skip')
    .map((intent) => escalationMarker(intent.identity));
  let markers = [...cached.escalations, ...recorded];
  let fields = cached.fields;
  const target = desiredFields(evaluation, cached, catalog, markers);
  const pendingFieldChanges = changedKeys(fields, target, cached.missingFields);
  let assigneeId = cached.assigneeId;

  for (const intent of intents) {
    if (intent.decision !== 'act') continue;
    const marker = escalationMarker(intent.identity);
    markers = [...markers, marker];
    const update: RedmineIssueUpdate = {};
    const after: CachedFields = {
      ...target,
      line: intent.line ?? fields.line,
      flags: flagsValue(fields.flags, evaluation, markers),
    };
    if (intent.line !== null) {
      const assignee = directory.lineAssignees.get(intent.line);
      if (assignee && assignee.id !== assigneeId) {
        update.assigned_to_id = assignee.id;
        assigneeId = assignee.id;
      }
    }
    const redminePriorityId = intent.priority === null ? undefined : directory.priorityIdByCatalog.get(intent.priority);
    if (redminePriorityId !== undefined) update.priority_id = redminePriorityId;
    update.notes = escalationNote(intent, context, evaluation.contractId, marker);
    update.private_notes = !intent.visibleToClient;
    const changed = changedKeys(fields, after, cached.missingFields);
    update.custom_fields = customFieldInputs(changed, after, directory);
    writes.push({
      issueId: cached.id,
      update,
      fieldsAfter: after,
      escalation: { key: intent.identity, marker, actions: actionKinds(intent), intent },
      recorded: writes.length === 0 ? recorded : [],
      changed,
    });
    fields = after;
  }

  if (writes.length === 0 && pendingFieldChanges.length > 0) {
    const after: CachedFields = { ...fields, ...target };
    writes.push({
      issueId: cached.id,
      update: { custom_fields: customFieldInputs(pendingFieldChanges, after, directory) },
      fieldsAfter: after,
      recorded,
      changed: pendingFieldChanges,
    });
  }
  return writes;
}

/**
 * The write that marks an issue no contract covers (see the contract rules): state `not_covered`,
 * no due dates, no tariff, the `not-covered` flag; the support line and escalation markers are kept.
 * Nothing when the fields already say so. Such an issue is never evaluated nor escalated.
 *
 * @example
 * planNotCoveredWrite(cached, directory); // [{ issueId: 7, update: { custom_fields: [{ id: 1, value: 'not_covered' }, …] }, … }]
 */
export function planNotCoveredWrite(cached: CachedIssue, directory: RedmineDirectory): PlannedWrite[] {
  const after: CachedFields = {
    ...emptyCachedFields(),
    state: 'not_covered',
    line: cached.fields.line,
    flags: flagsValue(cached.fields.flags, { overLimit: false, offHours: false, covered: false }, cached.escalations),
  };
  const changed = changedKeys(cached.fields, after, cached.missingFields);
  if (changed.length === 0) return [];
  return [
    {
      issueId: cached.id,
      update: { custom_fields: customFieldInputs(changed, after, directory) },
      fieldsAfter: after,
      recorded: [],
      changed,
    },
  ];
}
