import { z } from 'zod';
import { workerFieldKeySchema } from '../config/worker-config-schema';
import { deliveryRecordSchema } from '../../notify/delivery-record-schema';
import { directorySnapshotSchema } from './directory-snapshot';

/** Bumped when the layout changes; an older file is dropped (full resync) rather than misread. */
export const WORKER_STATE_VERSION = 2;

const epochMs = z.number().int();

/** The engine's history events, as the state file keeps them (instants in epoch ms). */
export const cachedEventSchema = z.discriminatedUnion('kind', [
  z
    .object({
      atMs: epochMs,
      kind: z.literal('status'),
      to: z.string(),
      from: z.string().optional(),
      by: z.string().optional(),
    })
    .strict(),
  z.object({ atMs: epochMs, kind: z.literal('response'), by: z.string().optional() }).strict(),
  z.object({ atMs: epochMs, kind: z.literal('priority'), to: z.string(), from: z.string().optional() }).strict(),
  z.object({ atMs: epochMs, kind: z.literal('type'), to: z.string(), from: z.string().optional() }).strict(),
  z.object({ atMs: epochMs, kind: z.literal('estimate'), minutes: z.number().int().positive() }).strict(),
  z.object({ atMs: epochMs, kind: z.literal('line'), to: z.string() }).strict(),
]);

/** Values of the worker's own custom fields on the issue, as Redmine last showed or took them. */
export const cachedFieldsSchema = z
  .object({
    state: z.string(),
    reactionDue: z.string(),
    startDue: z.string(),
    resolutionDue: z.string(),
    tariff: z.string(),
    line: z.string(),
    flags: z.string(),
    reactionDueDate: z.string().default(''),
    startDueDate: z.string().default(''),
    resolutionDueDate: z.string().default(''),
  })
  .strict();

/** One issue as the worker last saw it: enough to re-evaluate it without asking Redmine again. */
export const cachedIssueSchema = z
  .object({
    id: z.number().int().positive(),
    projectId: z.number().int().positive(),
    contractId: z.string(),
    /** Why no contract covers it (its `contractId` is empty), as the contract rules saw it. */
    notCoveredReason: z.string().optional(),
    /** Redmine's `updated_on` when the history below was read; a listed issue with the same value has not changed. */
    updatedOn: z.string(),
    /** What a listing shows of the issue (status, tracker, priority, assignee, the worker's fields): a listed issue whose fingerprint and `updated_on` match needs no new read. */
    fingerprint: z.string(),
    /**
     * Read since its values were last confirmed in Redmine: it is evaluated (closed or not) and
     * written until every planned write is confirmed. Saved with the cursor that skipped past it,
     * so a cycle cut off anywhere leaves it owed, and the next cycle completes it.
     */
    owesWrite: z.boolean(),
    /**
     * Written (Redmine answered 204) but not read back: its `updatedOn` and `fingerprint` are those
     * from before the write. The listing of the worker's own changes at the end of the cycle
     * confirms it (same values as written: takes the new `updated_on`); anything else, or no
     * confirmation, has its journals read next cycle.
     */
    awaitingEcho: z.boolean().optional(),
    /** In a status Redmine marks closed. */
    closed: z.boolean(),
    subject: z.string(),
    assigneeId: z.number().int().nullable(),
    type: z.string(),
    priority: z.string(),
    status: z.string(),
    createdAtMs: epochMs,
    line: z.string().optional(),
    events: z.array(cachedEventSchema),
    /** The client's satisfaction rating from the configured custom field, when it holds a score 1–5. */
    rating: z
      .object({ score: z.number().int().min(1).max(5), atMs: epochMs })
      .strict()
      .optional(),
    fields: cachedFieldsSchema,
    /** Escalation markers done (from the flags field and from the worker's own notes). */
    escalations: z.array(z.string()),
    /** The worker's fields Redmine does not offer on this issue (not enabled for its project or tracker). */
    missingFields: z.array(workerFieldKeySchema).default([]),
  })
  .strict();

export const projectCursorSchema = z
  .object({
    /** Largest `updated_on` seen in a complete listing; the next cycle reads from it minus the overlap. */
    cursor: z.string().optional(),
    /** Latest `updated_on` of the worker's own confirmed writes here: the listing of changes made with its key starts there. */
    ownWritesUntil: z.string().optional(),
    /** Issues that failed and are read again next cycle. */
    pending: z.array(z.number().int().positive()).default([]),
  })
  .strict();

export const publishedStatementSchema = z
  .object({
    /** sha256 of the page text last written (or found identical). */
    sha256: z.string(),
    /** sha256 of what a reader needs to see change (`statementMaterialText`); absent in older states. */
    materialSha256: z.string().optional(),
    publishedAtMs: epochMs,
  })
  .strict();

/** A Redmine time entry as the statement needs it. */
export const cachedTimeEntrySchema = z
  .object({
    id: z.number().int().positive(),
    projectId: z.number().int().positive(),
    issueId: z.number().int().positive().optional(),
    /** `YYYY-MM-DD`, the day the work was done. */
    spentOn: z.string(),
    hours: z.number(),
    user: z.string(),
    comment: z.string().optional(),
  })
  .strict();

/** The worker's local state file. */
export const workerStateSchema = z
  .object({
    version: z.literal(WORKER_STATE_VERSION),
    /** The Redmine this state belongs to; a state of another Redmine is not reused. */
    redmineUrl: z.string(),
    projects: z.record(z.string(), projectCursorSchema),
    issues: z.record(z.string(), cachedIssueSchema),
    /** Keyed by `contract/YYYY-MM`. */
    statements: z.record(z.string(), publishedStatementSchema),
    /** Last statement run per contract. */
    statementRunsMs: z.record(z.string(), epochMs),
    /** Time entries of the synced projects, by id; refreshed for recent months on every statement run. */
    timeEntries: z.record(z.string(), cachedTimeEntrySchema),
    /** Per project: the earliest `spent_on` day whose time entries are cached. */
    timeEntriesFrom: z.record(z.string(), z.string()),
    /** Messenger messages of escalations, by `<issue id>/<cycle>:<clock>:<level>/<channel>` (docs/notifications.md). */
    notifications: z.record(z.string(), deliveryRecordSchema).default({}),
    /** Redmine's names and ids as last looked up, reused by the next `--once` run for an hour. */
    directory: directorySnapshotSchema.optional(),
    /** Which contract rules the cached issues' contracts were decided by (`contractRulesKey`); other rules decide them again. */
    contractRulesKey: z.string().optional(),
  })
  .strict();

export type CachedEvent = z.infer<typeof cachedEventSchema>;
export type CachedFields = z.infer<typeof cachedFieldsSchema>;

/** The worker's fields all unset (''): an issue's values before the worker first writes it. */
export function emptyCachedFields(): CachedFields {
  return cachedFieldsSchema.parse(Object.fromEntries(workerFieldKeySchema.options.map((key) => [key, ''])));
}
export type CachedIssue = z.infer<typeof cachedIssueSchema>;
export type ProjectCursor = z.infer<typeof projectCursorSchema>;
export type WorkerState = z.infer<typeof workerStateSchema>;
export type CachedTimeEntry = z.infer<typeof cachedTimeEntrySchema>;

/** The state of a worker that has not synced anything yet. */
export function emptyWorkerState(redmineUrl: string): WorkerState {
  return {
    version: WORKER_STATE_VERSION,
    redmineUrl,
    projects: {},
    issues: {},
    statements: {},
    statementRunsMs: {},
    timeEntries: {},
    timeEntriesFrom: {},
    notifications: {},
  };
}
