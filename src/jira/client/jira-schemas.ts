/**
 * Shapes of the Jira answers the app reads, checked once when they arrive. Only fields
 * the app uses are declared; everything else passes through untouched (loose objects),
 * so Jira adding a field never breaks a sync.
 */
import { z } from 'zod';
import { parseJiraTimestamp } from './jira-timestamp';

/** A Jira timestamp (`2026-11-20T15:00:00.000+0300`); read it with parseJiraTimestamp. */
export const JiraTimestampSchema = z
  .string()
  .refine((text) => parseJiraTimestamp(text) !== undefined, { message: 'not a Jira timestamp' });

/** A user as issues, comments and worklogs carry it. */
export const JiraUserSchema = z.looseObject({
  accountId: z.string(),
  accountType: z.string().optional(),
  displayName: z.string().optional(),
  active: z.boolean().optional(),
  timeZone: z.string().optional(),
});

export const JiraStatusCategorySchema = z.looseObject({
  id: z.number().int().optional(),
  /** `new`, `indeterminate` or `done`: what SLA pause/stop rules key on. */
  key: z.string(),
  name: z.string().optional(),
});

export const JiraStatusSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  statusCategory: JiraStatusCategorySchema,
});
export type JiraStatus = z.infer<typeof JiraStatusSchema>;

const IdNameSchema = z.looseObject({ id: z.string(), name: z.string() });

export const JiraIssueFieldsSchema = z.looseObject({
  summary: z.string().optional(),
  issuetype: IdNameSchema.optional(),
  priority: IdNameSchema.nullable().optional(),
  status: JiraStatusSchema.optional(),
  created: JiraTimestampSchema.optional(),
  updated: JiraTimestampSchema.optional(),
  resolutiondate: JiraTimestampSchema.nullable().optional(),
  assignee: JiraUserSchema.nullable().optional(),
  reporter: JiraUserSchema.nullable().optional(),
  labels: z.array(z.string()).optional(),
  /** `projectTypeKey` is `service_desk` for a Jira Service Management project, `software` or `business` otherwise. */
  project: z
    .looseObject({
      id: z.string(),
      key: z.string(),
      name: z.string().optional(),
      projectTypeKey: z.string().optional(),
    })
    .optional(),
});

export const JiraIssueSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: JiraIssueFieldsSchema.default({}),
});
export type JiraIssue = z.infer<typeof JiraIssueSchema>;

/** The fields the SLA engine reads from an issue; what the client asks for unless told otherwise. */
export const SLA_ISSUE_FIELDS: readonly string[] = [
  'summary',
  'issuetype',
  'priority',
  'status',
  'created',
  'updated',
  'resolutiondate',
  'assignee',
  'reporter',
  'labels',
  'project',
];

export const JiraSearchPageSchema = z.looseObject({
  issues: z.array(JiraIssueSchema),
  nextPageToken: z.string().optional(),
  isLast: z.boolean().optional(),
});
export type JiraSearchPage = z.infer<typeof JiraSearchPageSchema>;

/**
 * A copy of a JSON object with only its own properties, on no prototype. Jira names some keys
 * after methods every object inherits (a change item's `toString`): read on an ordinary object,
 * an absent key yields `Object.prototype.toString` instead of undefined. Other values pass unchanged.
 */
function ownPropertiesOnly(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const own: Record<string, unknown> = Object.create(null);
  for (const [key, item] of Object.entries(value)) own[key] = item;
  return own;
}

/** The same object rebuilt on no prototype, so reading a key it lacks gives undefined, whatever the key's name. */
function detachedFromPrototype<T extends object>(value: T): T {
  const detached: T = Object.create(null);
  return Object.assign(detached, value);
}

/**
 * One changed field inside a history entry. Jira sends null for "no value", though its description
 * says string, or leaves the key out (a reopen's resolution item has no `to`/`toString`). Validated
 * on the item's own properties and returned without a prototype, so an absent `toString` reads as
 * undefined rather than as the method every object inherits.
 */
export const JiraChangeItemSchema = z
  .preprocess(
    ownPropertiesOnly,
    z.looseObject({
      field: z.string(),
      fieldId: z.string().optional(),
      fieldtype: z.string().optional(),
      from: z.string().nullable().optional(),
      fromString: z.string().nullable().optional(),
      to: z.string().nullable().optional(),
      toString: z.string().nullable().optional(),
    }),
  )
  .transform(detachedFromPrototype);
export type JiraChangeItem = z.infer<typeof JiraChangeItemSchema>;

export const JiraChangeHistorySchema = z.looseObject({
  id: z.string(),
  created: JiraTimestampSchema,
  author: JiraUserSchema.partial().optional(),
  items: z.array(JiraChangeItemSchema),
});
export type JiraChangeHistory = z.infer<typeof JiraChangeHistorySchema>;

export const JiraChangelogPageSchema = z.looseObject({
  issueChangeLogs: z
    .array(z.looseObject({ issueId: z.string(), changeHistories: z.array(JiraChangeHistorySchema).default([]) }))
    .default([]),
  nextPageToken: z.string().optional(),
});

/** All history of one issue, oldest first. */
export interface JiraIssueChangelog {
  readonly issueId: string;
  readonly histories: readonly JiraChangeHistory[];
}

/** Who may see a comment: members of a group or of a project role. Absent: everyone who can see the issue. */
export const JiraVisibilitySchema = z.looseObject({
  type: z.enum(['group', 'role']),
  value: z.string().optional(),
  identifier: z.string().nullable().optional(),
});

export const JiraCommentSchema = z.looseObject({
  id: z.string(),
  created: JiraTimestampSchema.optional(),
  updated: JiraTimestampSchema.optional(),
  author: JiraUserSchema.partial().optional(),
  body: z.unknown().optional(),
  visibility: JiraVisibilitySchema.optional(),
  /** False for a Jira Service Management internal note. */
  jsdPublic: z.boolean().optional(),
});
export type JiraComment = z.infer<typeof JiraCommentSchema>;

export const JiraCommentPageSchema = z.looseObject({
  comments: z.array(JiraCommentSchema),
  startAt: z.number().int().optional(),
  maxResults: z.number().int().optional(),
  total: z.number().int().optional(),
});
export type JiraCommentPage = z.infer<typeof JiraCommentPageSchema>;

export const JiraChangedWorklogsPageSchema = z.looseObject({
  values: z.array(z.looseObject({ worklogId: z.number().int(), updatedTime: z.number().int() })),
  since: z.number().int().optional(),
  until: z.number().int().optional(),
  lastPage: z.boolean().optional(),
  nextPage: z.string().optional(),
});
export type JiraChangedWorklogsPage = z.infer<typeof JiraChangedWorklogsPageSchema>;

export const JiraWorklogSchema = z.looseObject({
  id: z.string(),
  issueId: z.string(),
  started: JiraTimestampSchema,
  timeSpentSeconds: z.number().int().nonnegative(),
  created: JiraTimestampSchema.optional(),
  updated: JiraTimestampSchema.optional(),
  author: JiraUserSchema.partial().optional(),
});
export type JiraWorklog = z.infer<typeof JiraWorklogSchema>;

export const JiraWorklogPageSchema = z.looseObject({
  worklogs: z.array(JiraWorklogSchema),
  startAt: z.number().int().optional(),
  maxResults: z.number().int().optional(),
  total: z.number().int().optional(),
});

export const JiraFieldSchema = z.looseObject({
  id: z.string(),
  key: z.string().optional(),
  name: z.string(),
  custom: z.boolean().optional(),
});
export type JiraField = z.infer<typeof JiraFieldSchema>;

/** Answer of `POST /permissions/check`: per project permission, the issues and projects it is granted on. */
export type JiraUser = z.infer<typeof JiraUserSchema>;

/** A page of `GET /user/bulk`. */
export const JiraUserPageSchema = z.looseObject({
  values: z.array(JiraUserSchema),
  isLast: z.boolean().optional(),
  total: z.number().int().optional(),
});

export const JiraProjectSummarySchema = z.looseObject({ id: z.string(), key: z.string(), name: z.string() });
export type JiraProjectSummary = z.infer<typeof JiraProjectSummarySchema>;

export const JiraProjectPageSchema = z.looseObject({
  values: z.array(JiraProjectSummarySchema),
  isLast: z.boolean().optional(),
  total: z.number().int().optional(),
});

export const JiraGroupSummarySchema = z.looseObject({ name: z.string(), groupId: z.string().optional() });
export type JiraGroupSummary = z.infer<typeof JiraGroupSummarySchema>;

export const JiraFoundGroupsSchema = z.looseObject({ groups: z.array(JiraGroupSummarySchema).default([]) });

export const JiraPermissionGrantsSchema = z.looseObject({
  globalPermissions: z.array(z.string()).default([]),
  projectPermissions: z
    .array(
      z.looseObject({
        permission: z.string(),
        issues: z.array(z.number()).default([]),
        projects: z.array(z.number()).default([]),
      }),
    )
    .default([]),
});
export type JiraPermissionGrants = z.infer<typeof JiraPermissionGrantsSchema>;

/** What the app reads of `GET /serverInfo`: the site's base URL (`https://example.atlassian.net`). */
export const JiraServerInfoSchema = z.looseObject({ baseUrl: z.string().min(1) });
export type JiraServerInfo = z.infer<typeof JiraServerInfoSchema>;

export const JiraPermissionsSchema = z.looseObject({
  permissions: z.record(z.string(), z.looseObject({ havePermission: z.boolean() })),
});
