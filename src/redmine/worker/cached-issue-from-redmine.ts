import type { ValidationIssue } from '../../core/errors/validation-issue';
import type { WorkerConfig } from '../config/worker-config-schema';
import type { RedmineIssue, RedmineJournal } from '../schemas';
import { escalationMarker, parseEscalationMarkers } from './escalation-marker';
import { isOwnJournal } from './own-journal';
import { ratingOfIssue } from './rating-of-issue';
import { FIELD_KEYS, type FieldKey, type RedmineDirectory } from './redmine-directory';
import { emptyCachedFields, type CachedEvent, type CachedFields, type CachedIssue } from './worker-state-schema';

/** Why an issue could not be turned into a history; it is skipped and read again next cycle. */
export type IssueProblem = ValidationIssue & { issueId: number };

type Outcome = { ok: true; value: CachedIssue } | { ok: false; problem: IssueProblem };

/**
 * The current values of the worker's custom fields on an issue ('' when unset), and those Redmine
 * does not show at all: a field not enabled for the issue's project or tracker is ignored when
 * written, so the worker must not keep writing it.
 */
function fieldsOfIssue(
  issue: RedmineIssue,
  directory: RedmineDirectory,
): { fields: CachedFields; missing: FieldKey[] } {
  const values = emptyCachedFields();
  const present = new Set<FieldKey>();
  for (const field of issue.custom_fields) {
    const key = directory.fieldKeyById.get(field.id);
    if (key === undefined) continue;
    present.add(key);
    values[key] = Array.isArray(field.value) ? field.value.join(' ') : (field.value ?? '');
  }
  return { fields: values, missing: FIELD_KEYS.filter((key) => !present.has(key)) };
}

/**
 * What a listing shows of an issue that matters to the worker. Redmine's `updated_on` has whole
 * seconds, so two changes in one second look alike; comparing these values as well catches most.
 */
export function listingFingerprint(issue: RedmineIssue, directory: RedmineDirectory): string {
  const { fields } = fieldsOfIssue(issue, directory);
  return JSON.stringify([
    issue.status.id,
    issue.tracker.id,
    issue.priority.id,
    issue.assigned_to?.id ?? null,
    issue.project.id,
    issue.estimated_hours ?? null,
    fields,
  ]);
}

function toMs(text: string): number {
  return Date.parse(text);
}

/**
 * Turns a Redmine issue (with its journals when it has any) into the history the engine
 * evaluates, plus what the worker must remember about it.
 *
 * - The values at creation come from the first journal that changed each attribute (its old value).
 * - Status, priority, tracker, estimate and support line changes become events with `from`.
 * - The first public note of a support-staff member is the response; the worker's own journals
 *   (recognised by what they change, see {@link isOwnJournal}) never are.
 * - The client's rating is the configured satisfaction field's value (1–5), dated at its last change.
 * - Escalations done are the markers of the flags field and of the worker's own notes.
 *
 * Issues listed without journals (`updated_on` equal to `created_on`: never changed) are read
 * from their current values alone.
 *
 * @example
 * const outcome = cachedIssueFromRedmine(await client.getIssue(42, { include: ['journals'] }), directory, config, 'client-a');
 * if (!outcome.ok) log.warn('issue_skipped', outcome.problem);
 */
export function cachedIssueFromRedmine(
  issue: RedmineIssue,
  directory: RedmineDirectory,
  config: WorkerConfig,
  contractId: string,
): Outcome {
  const fail = (code: string, path: Array<string | number>, message: string): Outcome => ({
    ok: false,
    problem: { issueId: issue.id, code, path: ['issues', issue.id, ...path], message },
  });
  const createdAtMs = toMs(issue.created_on);
  if (Number.isNaN(createdAtMs))
    return fail('bad_timestamp', ['created_on'], `created_on "${issue.created_on}" is not a date-time`);

  const statusName = (id: string | number): string | undefined => {
    const status = directory.statuses.get(Number(id));
    return status === undefined ? undefined : (config.mapping.statuses[status.name] ?? status.name);
  };
  const typeName = (id: string | number): string | undefined => {
    const tracker = directory.trackers.get(Number(id));
    return tracker === undefined ? undefined : (config.mapping.trackers[tracker] ?? tracker);
  };
  const priorityName = (id: string | number): string | undefined => {
    const priority = directory.priorities.get(Number(id));
    return priority === undefined ? undefined : (config.mapping.priorities[priority] ?? priority);
  };
  const lineFieldName = String(directory.fieldIds.line);
  const { fields, missing } = fieldsOfIssue(issue, directory);
  const journals: RedmineJournal[] = [...(issue.journals ?? [])].sort(
    (a, b) => toMs(a.created_on) - toMs(b.created_on) || a.id - b.id,
  );

  // Creation values: the old value of the first change of each attribute, else the current value.
  let initialStatus: string = String(issue.status.id);
  let initialTracker: string = String(issue.tracker.id);
  let initialPriority: string = String(issue.priority.id);
  let initialLine: string | null = fields.line === '' ? null : fields.line;
  let initialEstimate: string | null =
    issue.estimated_hours === null || issue.estimated_hours === undefined ? null : String(issue.estimated_hours);
  const seen = new Set<string>();
  for (const journal of journals) {
    for (const detail of journal.details) {
      const key = `${detail.property}:${detail.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const old = detail.old_value ?? null;
      if (detail.property === 'attr' && detail.name === 'status_id' && old !== null) initialStatus = old;
      else if (detail.property === 'attr' && detail.name === 'tracker_id' && old !== null) initialTracker = old;
      else if (detail.property === 'attr' && detail.name === 'priority_id' && old !== null) initialPriority = old;
      else if (detail.property === 'attr' && detail.name === 'estimated_hours') initialEstimate = old;
      else if (detail.property === 'cf' && detail.name === lineFieldName) initialLine = old === '' ? null : old;
    }
  }

  const status = statusName(initialStatus);
  if (status === undefined)
    return fail('unknown_status', ['status'], `status id ${initialStatus} is not among Redmine's statuses`);
  const type = typeName(initialTracker);
  if (type === undefined)
    return fail('unknown_tracker', ['tracker'], `tracker id ${initialTracker} is not among Redmine's trackers`);
  const priority = priorityName(initialPriority);
  if (priority === undefined)
    return fail('unknown_priority', ['priority'], `priority id ${initialPriority} is not among Redmine's priorities`);

  const events: CachedEvent[] = [];
  const hoursToMinutes = (hours: string | null): number | null => {
    const value = hours === null || hours === '' ? NaN : Number(hours);
    return Number.isFinite(value) && value > 0 ? Math.max(1, Math.round(value * 60)) : null;
  };
  const createdEstimate = hoursToMinutes(initialEstimate);
  if (createdEstimate !== null) events.push({ atMs: createdAtMs, kind: 'estimate', minutes: createdEstimate });

  const escalations = new Set(parseEscalationMarkers(fields.flags).map(escalationMarker));
  let responded = false;
  for (const journal of journals) {
    const atMs = Math.max(createdAtMs, toMs(journal.created_on));
    if (Number.isNaN(atMs))
      return fail(
        'bad_timestamp',
        ['journals', journal.id, 'created_on'],
        `journal created_on "${journal.created_on}" is not a date-time`,
      );
    const userId = journal.user?.id;
    const own = isOwnJournal(journal, directory);
    const by = journal.user?.name;
    for (const detail of journal.details) {
      if (detail.property === 'attr') {
        const to = detail.new_value ?? null;
        const from = detail.old_value ?? null;
        if (detail.name === 'status_id' && to !== null) {
          const toName = statusName(to);
          if (toName === undefined)
            return fail('unknown_status', ['journals', journal.id], `status id ${to} is not among Redmine's statuses`);
          events.push({
            atMs,
            kind: 'status',
            to: toName,
            ...(from !== null && statusName(from) !== undefined ? { from: statusName(from) } : {}),
            ...(by ? { by } : {}),
          });
        } else if (detail.name === 'priority_id' && to !== null) {
          const toName = priorityName(to);
          if (toName === undefined)
            return fail(
              'unknown_priority',
              ['journals', journal.id],
              `priority id ${to} is not among Redmine's priorities`,
            );
          events.push({
            atMs,
            kind: 'priority',
            to: toName,
            ...(from !== null && priorityName(from) !== undefined ? { from: priorityName(from) } : {}),
          });
        } else if (detail.name === 'tracker_id' && to !== null) {
          const toName = typeName(to);
          if (toName === undefined)
            return fail(
              'unknown_tracker',
              ['journals', journal.id],
              `tracker id ${to} is not among Redmine's trackers`,
            );
          events.push({
            atMs,
            kind: 'type',
            to: toName,
            ...(from !== null && typeName(from) !== undefined ? { from: typeName(from) } : {}),
          });
        } else if (detail.name === 'estimated_hours') {
          const minutes = hoursToMinutes(to);
          if (minutes !== null) events.push({ atMs, kind: 'estimate', minutes });
        }
      } else if (detail.property === 'cf' && detail.name === lineFieldName && detail.new_value) {
        events.push({ atMs, kind: 'line', to: detail.new_value });
      }
    }
    const notes = journal.notes?.trim() ?? '';
    if (notes === '') continue;
    if (own) {
      for (const key of parseEscalationMarkers(notes)) escalations.add(escalationMarker(key));
    } else if (
      !responded &&
      journal.private_notes !== true &&
      userId !== undefined &&
      directory.staffUserIds.has(userId)
    ) {
      responded = true;
      events.push({ atMs, kind: 'response', ...(by ? { by } : {}) });
    }
  }
  events.sort((a, b) => a.atMs - b.atMs);

  const rating = ratingOfIssue(issue, journals, directory.ratingFieldId, createdAtMs);
  const projectId = issue.project.id;
  const current = directory.statuses.get(issue.status.id);
  return {
    ok: true,
    value: {
      id: issue.id,
      projectId,
      contractId,
      updatedOn: issue.updated_on,
      fingerprint: listingFingerprint(issue, directory),
      owesWrite: false,
      closed: current?.closed ?? issue.status.is_closed === true,
      subject: issue.subject,
      assigneeId: issue.assigned_to?.id ?? null,
      type,
      priority,
      status,
      createdAtMs,
      ...(initialLine !== null ? { line: initialLine } : {}),
      events,
      ...(rating !== null ? { rating } : {}),
      fields,
      escalations: [...escalations].sort(),
      missingFields: missing,
    },
  };
}

/**
 * Journals of the worker's own user that are not its own writes: someone works under the worker's
 * account. Their changes count, but the account should be the worker's alone.
 */
export function manualJournalsOfWorkerUser(issue: RedmineIssue, directory: RedmineDirectory): number {
  return (issue.journals ?? []).filter(
    (journal) => journal.user?.id === directory.workerUser.id && !isOwnJournal(journal, directory),
  ).length;
}
