import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  MAX_OFFSET_MINUTES,
  MAX_TARGET_MINUTES,
  MAX_WORKLOG_MINUTES,
  MAX_YEAR,
  MIN_YEAR,
} from '../errors/input-bounds';

const ISO_INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;
const INSTANT_EXAMPLE = 'e.g. "2026-11-20T17:30:00+03:00"';

/**
 * Why an instant of the right shape is out of bounds (an offset beyond ±18:00 such as +99:00, a
 * minute of offset past 59, a year before 1900), or null when it is within them.
 */
export function instantBoundsProblem(text: string): string | null {
  const year = Number(text.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR) return `"${text}": expected a year from ${MIN_YEAR} to ${MAX_YEAR}`;
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (offset) {
    const hours = Number(offset[2]);
    const minutes = Number(offset[3]);
    if (minutes > 59 || hours * 60 + minutes > MAX_OFFSET_MINUTES)
      return `"${text}": the UTC offset ${offset[0]} is not a real one (at most ±18:00)`;
  }
  return null;
}

/** An ISO 8601 instant that names its offset, so it means one moment wherever it is read. */
export const isoInstantSchema = z
  .string({ error: `expected an ISO 8601 instant with offset, ${INSTANT_EXAMPLE}` })
  .superRefine((text, context) => {
    if (ISO_INSTANT_WITH_OFFSET.test(text)) {
      const problem = instantBoundsProblem(text);
      if (problem !== null) {
        context.addIssue({ code: 'custom', message: problem });
        return;
      }
      if (DateTime.fromISO(text, { setZone: true }).isValid) return;
      // The shape is right but the calendar has no such moment (2026-02-30, 25:00).
      context.addIssue({
        code: 'custom',
        message: `"${text}" is not a real date and time: check the day of the month and the time of day`,
      });
    } else if (LOCAL_DATE_TIME.test(text)) {
      context.addIssue({
        code: 'custom',
        message: `"${text}" has no offset, so it names no single moment: add the UTC offset, ${INSTANT_EXAMPLE} or "Z" for UTC`,
      });
    } else {
      context.addIssue({ code: 'custom', message: `expected an ISO 8601 instant with offset, ${INSTANT_EXAMPLE}` });
    }
  });

/** Milliseconds since the epoch of a validated ISO instant. */
export function instantMs(isoInstant: string): number {
  return DateTime.fromISO(isoInstant, { setZone: true }).toMillis();
}

const eventBase = { at: isoInstantSchema };

/** One change in an issue's life, in tracker-neutral terms. */
export const historyEventSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        ...eventBase,
        kind: z.literal('status'),
        to: z.string().min(1),
        from: z.string().min(1).optional(),
        by: z.string().optional(),
      })
      .strict(),
    /** A first answer to the client from support staff (a public comment). */
    z.object({ ...eventBase, kind: z.literal('response'), by: z.string().optional() }).strict(),
    z
      .object({ ...eventBase, kind: z.literal('priority'), to: z.string().min(1), from: z.string().min(1).optional() })
      .strict(),
    z
      .object({ ...eventBase, kind: z.literal('type'), to: z.string().min(1), from: z.string().min(1).optional() })
      .strict(),
    /** The specialist's estimate of the work, in working minutes. */
    z
      .object({
        ...eventBase,
        kind: z.literal('estimate'),
        minutes: z
          .number()
          .int()
          .positive({ error: 'expected minutes > 0' })
          .max(MAX_TARGET_MINUTES, {
            error: `expected an estimate of at most ${MAX_TARGET_MINUTES} minutes (366 days)`,
          }),
      })
      .strict(),
    /** The issue moved to another support line (L1, L2, L3). */
    z.object({ ...eventBase, kind: z.literal('line'), to: z.string().min(1) }).strict(),
  ],
  { error: 'expected an event with "kind" one of status, response, priority, type, estimate, line' },
);

export const worklogSchema = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    at: isoInstantSchema,
    minutes: z
      .number()
      .positive({ error: 'expected minutes > 0' })
      .max(MAX_WORKLOG_MINUTES, { error: `expected at most ${MAX_WORKLOG_MINUTES} minutes (366 days) in one worklog` }),
    author: z.string().min(1),
    /** Support line the author worked on, when the tracker knows it. */
    line: z.string().optional(),
    comment: z.string().optional(),
  })
  .strict();

/** Longest rating comment kept, in characters: a survey answer, not a document. */
export const RATING_COMMENT_MAX_LENGTH = 2_000;

/**
 * The client's satisfaction rating of the request (CSAT): a score from 1 (very dissatisfied) to 5
 * (very satisfied), when it was given, and the client's optional comment. Tracker-neutral: JSM's
 * request feedback or a 1–5 custom field, mapped by the adapter. One per issue (the latest answer).
 */
export const ratingSchema = z
  .object({
    score: z
      .number({ error: 'expected a score from 1 to 5' })
      .int({ error: 'expected a whole score from 1 to 5' })
      .min(1, { error: 'expected a score from 1 to 5' })
      .max(5, { error: 'expected a score from 1 to 5' }),
    at: isoInstantSchema,
    comment: z
      .string()
      .max(RATING_COMMENT_MAX_LENGTH, {
        error: `expected a comment of at most ${RATING_COMMENT_MAX_LENGTH} characters`,
      })
      .optional(),
    by: z.string().max(200, { error: 'expected a name of at most 200 characters' }).optional(),
  })
  .strict();

const attributeName = z.string().trim().min(1, { error: 'expected a non-empty name' }).max(500);
const attributeNames = z.union([attributeName, z.array(attributeName).max(1_000)], {
  error: 'expected a name or a list of names',
});

/**
 * What the contract rules look at, as the issue was at creation: its project (key, identifier or id,
 * or a list of them), the project's ancestors nearest first (Redmine subprojects), the request's
 * organizations (JSM) and custom field values by field id.
 */
export const contractAttributesSchema = z
  .object({
    project: attributeNames,
    projectAncestors: z.array(attributeNames).max(100).optional(),
    organizations: z.array(attributeName).max(1_000).optional(),
    fields: z.record(z.string().min(1), attributeNames).optional(),
  })
  .strict();

/**
 * One issue as the engine sees it. `type`, `priority` and `status` are the values the issue was
 * created with; `events` carry every later change, in chronological order.
 */
export const issueHistorySchema = z
  .object({
    key: z.string().min(1),
    /** The contract; may be left out when `attributes` are given and the contract rules decide. */
    contract: z.string().min(1).optional(),
    /** Attributes at creation for the contract rules (project, organizations, custom fields). */
    attributes: contractAttributesSchema.optional(),
    type: z.string().min(1),
    priority: z.string().min(1),
    createdAt: isoInstantSchema,
    status: z.string().min(1),
    summary: z.string().optional(),
    line: z.string().optional(),
    events: z.array(historyEventSchema).default([]),
    worklogs: z.array(worklogSchema).default([]),
    /** The client's satisfaction rating, when the request was rated. */
    rating: ratingSchema.optional(),
  })
  .strict()
  .superRefine((issue, context) => {
    if (issue.contract === undefined && issue.attributes === undefined)
      context.addIssue({
        code: 'custom',
        path: ['contract'],
        message:
          'expected "contract" (a contract id of the catalog), or "attributes" for the contract rules to choose the contract',
      });
    const createdMs = ISO_INSTANT_WITH_OFFSET.test(issue.createdAt) ? instantMs(issue.createdAt) : NaN;
    if (
      issue.rating &&
      ISO_INSTANT_WITH_OFFSET.test(issue.rating.at) &&
      !Number.isNaN(createdMs) &&
      instantMs(issue.rating.at) < createdMs
    ) {
      context.addIssue({
        code: 'custom',
        path: ['rating', 'at'],
        message: `rating at ${issue.rating.at} is before the issue was created (${issue.createdAt}): fix the instant or the creation time`,
      });
    }
    let previousMs = createdMs;
    issue.events.forEach((event, index) => {
      if (!ISO_INSTANT_WITH_OFFSET.test(event.at)) return;
      const eventMs = instantMs(event.at);
      if (!Number.isNaN(createdMs) && eventMs < createdMs) {
        context.addIssue({
          code: 'custom',
          path: ['events', index, 'at'],
          message: `event at ${event.at} is before the issue was created (${issue.createdAt}): fix the instant or the creation time`,
        });
      } else if (eventMs < previousMs) {
        context.addIssue({
          code: 'custom',
          path: ['events', index, 'at'],
          message: `events must be in chronological order: ${event.at} comes after a later event; sort the events by "at"`,
        });
      }
      previousMs = Math.max(previousMs, eventMs);
    });
  });

export const issuesFileSchema = z
  .object({
    $schema: z.string().optional(),
    issues: z.array(z.unknown(), { error: 'expected "issues": an array of issues' }),
  })
  .passthrough();

export type HistoryEventInput = z.infer<typeof historyEventSchema>;
export type IssueHistoryInput = z.infer<typeof issueHistorySchema>;
export type WorklogInput = z.infer<typeof worklogSchema>;
export type RatingInput = z.infer<typeof ratingSchema>;
export type ContractAttributesInput = z.infer<typeof contractAttributesSchema>;
