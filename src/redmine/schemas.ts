import { z } from 'zod';

/**
 * Shapes of Redmine 5 REST answers, checked once at the edge by {@link RedmineClient}.
 * Objects are not strict: Redmine and its plugins add fields over time, and those the
 * worker does not read must not break it. Fields the worker does read are required.
 * Dates are kept as Redmine's strings (`2026-11-22T18:53:26Z`, `2026-11-22`).
 */

const id = z.number().int();
const nullableString = z.string().nullable();

/** `{ id, name }` references to projects, users, trackers, statuses... */
export const redmineRefSchema = z.object({ id, name: z.string().optional() });
export type RedmineRef = z.infer<typeof redmineRefSchema>;

export const redmineCustomFieldValueSchema = z.object({
  id,
  name: z.string(),
  multiple: z.boolean().optional(),
  value: z
    .union([z.string(), z.array(z.string())])
    .nullable()
    .optional(),
});
export type RedmineCustomFieldValue = z.infer<typeof redmineCustomFieldValueSchema>;

export const redmineJournalDetailSchema = z.object({
  property: z.string(),
  name: z.string(),
  old_value: nullableString.optional(),
  new_value: nullableString.optional(),
});
export type RedmineJournalDetail = z.infer<typeof redmineJournalDetailSchema>;

export const redmineJournalSchema = z.object({
  id,
  user: redmineRefSchema.optional(),
  notes: nullableString.optional(),
  created_on: z.string(),
  private_notes: z.boolean().optional(),
  details: z.array(redmineJournalDetailSchema).default([]),
});
export type RedmineJournal = z.infer<typeof redmineJournalSchema>;

export const redmineIssueStatusSchema = z.object({
  id,
  name: z.string(),
  is_closed: z.boolean().optional(),
});
export type RedmineIssueStatus = z.infer<typeof redmineIssueStatusSchema>;

export const redmineIssueSchema = z.object({
  id,
  project: redmineRefSchema,
  tracker: redmineRefSchema,
  status: redmineIssueStatusSchema,
  priority: redmineRefSchema,
  author: redmineRefSchema.optional(),
  assigned_to: redmineRefSchema.optional(),
  parent: z.object({ id }).optional(),
  subject: z.string(),
  description: nullableString.optional(),
  start_date: nullableString.optional(),
  due_date: nullableString.optional(),
  done_ratio: z.number().optional(),
  is_private: z.boolean().optional(),
  estimated_hours: z.number().nullable().optional(),
  spent_hours: z.number().nullable().optional(),
  total_spent_hours: z.number().nullable().optional(),
  custom_fields: z.array(redmineCustomFieldValueSchema).default([]),
  created_on: z.string(),
  updated_on: z.string(),
  closed_on: nullableString.optional(),
  journals: z.array(redmineJournalSchema).optional(),
  allowed_statuses: z.array(redmineIssueStatusSchema).optional(),
});
export type RedmineIssue = z.infer<typeof redmineIssueSchema>;

export const redmineTimeEntrySchema = z.object({
  id,
  project: redmineRefSchema,
  issue: z.object({ id }).optional(),
  user: redmineRefSchema,
  activity: redmineRefSchema,
  hours: z.number(),
  comments: nullableString.optional(),
  spent_on: z.string(),
  created_on: z.string(),
  updated_on: z.string(),
  custom_fields: z.array(redmineCustomFieldValueSchema).optional(),
});
export type RedmineTimeEntry = z.infer<typeof redmineTimeEntrySchema>;

export const redmineProjectSchema = z.object({
  id,
  name: z.string(),
  identifier: z.string(),
  description: nullableString.optional(),
  status: z.number().int().optional(),
  is_public: z.boolean().optional(),
  parent: redmineRefSchema.optional(),
  created_on: z.string(),
  updated_on: z.string(),
  custom_fields: z.array(redmineCustomFieldValueSchema).optional(),
});
export type RedmineProject = z.infer<typeof redmineProjectSchema>;

export const redmineTrackerSchema = z.object({
  id,
  name: z.string(),
  default_status: redmineRefSchema.optional(),
  description: nullableString.optional(),
});
export type RedmineTracker = z.infer<typeof redmineTrackerSchema>;

export const redmineIssuePrioritySchema = z.object({
  id,
  name: z.string(),
  is_default: z.boolean().optional(),
  active: z.boolean().optional(),
});
export type RedmineIssuePriority = z.infer<typeof redmineIssuePrioritySchema>;

export const redmineCustomFieldSchema = z.object({
  id,
  name: z.string(),
  customized_type: z.string(),
  field_format: z.string(),
  is_required: z.boolean().optional(),
  is_filter: z.boolean().optional(),
  visible: z.boolean().optional(),
  multiple: z.boolean().optional(),
  default_value: nullableString.optional(),
  possible_values: z.array(z.object({ value: z.string(), label: z.string().optional() })).optional(),
  trackers: z.array(redmineRefSchema).optional(),
  roles: z.array(redmineRefSchema).optional(),
});
export type RedmineCustomField = z.infer<typeof redmineCustomFieldSchema>;

/** A user as listed by Redmine. The current user's `api_key` is deliberately not kept. */
export const redmineUserSchema = z.object({
  id,
  login: z.string().optional(),
  admin: z.boolean().optional(),
  firstname: z.string(),
  lastname: z.string(),
  mail: z.string().optional(),
  status: z.number().int().optional(),
  created_on: z.string().optional(),
  last_login_on: nullableString.optional(),
  groups: z.array(redmineRefSchema).optional(),
});
export type RedmineUser = z.infer<typeof redmineUserSchema>;

/** A project membership of the current user (`/users/current.json?include=memberships`). */
export const redmineMembershipSchema = z.object({
  project: redmineRefSchema,
  roles: z.array(redmineRefSchema),
});
export type RedmineMembership = z.infer<typeof redmineMembershipSchema>;
export const currentUserMembershipsSchema = z.object({
  user: z.object({ id, memberships: z.array(redmineMembershipSchema).default([]) }),
});

/** A role with its permissions (`GET /roles/:id.json`, open to every API user). */
export const redmineRoleSchema = z.object({ id, name: z.string(), permissions: z.array(z.string()).default([]) });
export type RedmineRole = z.infer<typeof redmineRoleSchema>;
export const roleEnvelopeSchema = z.object({ role: redmineRoleSchema });

export const redmineGroupSchema = z.object({ id, name: z.string() });
export type RedmineGroup = z.infer<typeof redmineGroupSchema>;

export const redmineAttachmentSchema = z.object({
  id: z.number().int(),
  filename: z.string(),
  filesize: z.number().int().optional(),
  content_type: nullableString.optional(),
  content_url: z.string().optional(),
  created_on: z.string().optional(),
});
export type RedmineAttachment = z.infer<typeof redmineAttachmentSchema>;

export const redmineWikiPageSchema = z.object({
  title: z.string(),
  parent: z.object({ title: z.string() }).optional(),
  text: z.string(),
  version: z.number().int(),
  author: redmineRefSchema.optional(),
  comments: nullableString.optional(),
  created_on: z.string(),
  updated_on: z.string(),
  /** With `include=attachments` only. */
  attachments: z.array(redmineAttachmentSchema).optional(),
});
export type RedmineWikiPage = z.infer<typeof redmineWikiPageSchema>;

const pageFields = {
  total_count: z.number().int().nonnegative(),
  offset: z.number().int().optional(),
  limit: z.number().int().optional(),
};

export const issuesPageSchema = z.object({ issues: z.array(redmineIssueSchema), ...pageFields });
export const timeEntriesPageSchema = z.object({ time_entries: z.array(redmineTimeEntrySchema), ...pageFields });
export const projectsPageSchema = z.object({ projects: z.array(redmineProjectSchema), ...pageFields });
export const usersPageSchema = z.object({ users: z.array(redmineUserSchema), ...pageFields });

export const issueEnvelopeSchema = z.object({ issue: redmineIssueSchema });
export const projectEnvelopeSchema = z.object({ project: redmineProjectSchema });

/** A project with what the worker needs enabled in it: trackers, issue custom fields and modules. */
export const redmineProjectSetupSchema = redmineProjectSchema.extend({
  trackers: z.array(redmineRefSchema).default([]),
  issue_custom_fields: z.array(redmineRefSchema).default([]),
  enabled_modules: z.array(z.object({ id: z.number().int().optional(), name: z.string() })).default([]),
});
export type RedmineProjectSetup = z.infer<typeof redmineProjectSetupSchema>;
export const projectSetupEnvelopeSchema = z.object({ project: redmineProjectSetupSchema });
export const timeEntryEnvelopeSchema = z.object({ time_entry: redmineTimeEntrySchema });
export const userEnvelopeSchema = z.object({ user: redmineUserSchema });
/** `POST /uploads.json`: `{ "upload": { "id": 7, "token": "7.ed32…" } }` (the id since Redmine 3.4). */
export const uploadEnvelopeSchema = z.object({
  upload: z.object({ id: z.number().int().optional(), token: z.string().min(1) }),
});
export const wikiPageEnvelopeSchema = z.object({ wiki_page: redmineWikiPageSchema });
export const issueStatusesSchema = z.object({ issue_statuses: z.array(redmineIssueStatusSchema) });
export const trackersSchema = z.object({ trackers: z.array(redmineTrackerSchema) });
export const issuePrioritiesSchema = z.object({ issue_priorities: z.array(redmineIssuePrioritySchema) });
export const customFieldsSchema = z.object({ custom_fields: z.array(redmineCustomFieldSchema) });
export const groupsSchema = z.object({ groups: z.array(redmineGroupSchema) });

/** Redmine's validation answer (422): `{ "errors": ["Subject cannot be blank"] }`. */
export const redmineErrorsSchema = z.object({ errors: z.array(z.string()) });
