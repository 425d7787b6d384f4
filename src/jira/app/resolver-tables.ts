import { z } from 'zod';
import type { AppDeps } from './app-deps';
import {
  checkAdminSettings,
  findJiraNames,
  getAdminSettings,
  getSettingsSchemas,
  saveAdminSettings,
  type AdminDeps,
} from './admin-resolver';
import { getIssueSla } from './issue-panel-resolver';
import { getNotCovered, getProjectReport, type ReportDeps } from './project-report-resolver';

/** What a resolver learns about its caller: the user and where the page is open (from the platform, never from the page). */
export interface ResolverContext {
  readonly accountId?: string;
  readonly projectKey?: string;
  /** The project's Jira id beside its key (contract rules may name a project by id). */
  readonly projectId?: string;
  readonly issueKey?: string;
}

/** One call from a page. */
export interface ResolverCall {
  readonly payload: unknown;
  readonly context: ResolverContext;
}

/** Resolver functions of one module, by the name the page invokes. */
export type ResolverTable = Readonly<Record<string, (call: ResolverCall) => Promise<unknown>>>;

const forgeContextSchema = z.looseObject({
  accountId: z.string().optional(),
  extension: z
    .looseObject({
      project: z.looseObject({ key: z.string(), id: z.union([z.string(), z.number()]).optional() }).optional(),
      issue: z.looseObject({ key: z.string() }).optional(),
    })
    .optional(),
});

/** The caller as Forge describes it in a resolver request's `context`. */
export function resolverContextOf(forgeContext: unknown): ResolverContext {
  const parsed = forgeContextSchema.safeParse(forgeContext);
  if (!parsed.success) return {};
  return {
    accountId: parsed.data.accountId,
    projectKey: parsed.data.extension?.project?.key,
    projectId: parsed.data.extension?.project?.id === undefined ? undefined : String(parsed.data.extension.project.id),
    issueKey: parsed.data.extension?.issue?.key,
  };
}

/** Resolvers of the project page (`getReport`, `getNotCovered`). */
export function projectReportResolvers(deps: ReportDeps): ResolverTable {
  return {
    getReport: ({ payload, context }) => getProjectReport(deps, context, payload),
    getNotCovered: ({ payload, context }) => getNotCovered(deps, context, payload),
  };
}

/**
 * Resolvers of the admin page (`getSettings`, `checkSettings`, `saveSettings`, `findJiraNames` for the
 * pickers, `getSchemas` for the YAML editors); each asks Jira whether the caller is an admin.
 */
export function adminResolvers(deps: (context: ResolverContext) => AdminDeps): ResolverTable {
  return {
    getSettings: ({ context }) => getAdminSettings(deps(context)),
    checkSettings: ({ payload, context }) => checkAdminSettings(deps(context), payload),
    saveSettings: ({ payload, context }) => saveAdminSettings(deps(context), payload, context.accountId),
    findJiraNames: ({ payload, context }) => findJiraNames(deps(context), payload),
    getSchemas: ({ context }) => getSettingsSchemas(deps(context)),
  };
}

/** Resolvers of the issue panel (`getIssueSla`). */
export function issuePanelResolvers(deps: AppDeps, reportDeps: ReportDeps): ResolverTable {
  return { getIssueSla: ({ context }) => getIssueSla(deps, reportDeps, context) };
}
