import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { WorkerConfig } from '../config/worker-config-schema';
import type { RedmineIssue } from '../schemas';
import { FIELD_KEYS, lineageOfTree, type FieldKey, type RedmineDirectory } from './redmine-directory';

const ref = z.object({ id: z.number().int(), name: z.string() }).strict();
const fieldKeySchema = z.enum(FIELD_KEYS as [FieldKey, ...FieldKey[]]);

/** The directory as the state file keeps it between `--once` runs (maps as entry lists). */
export const directorySnapshotSchema = z
  .object({
    /** Which config and key it was looked up for: another config or key means another look-up. */
    key: z.string(),
    loadedAtMs: z.number().int(),
    statuses: z.array(z.tuple([z.number().int(), z.object({ name: z.string(), closed: z.boolean() }).strict()])),
    trackers: z.array(z.tuple([z.number().int(), z.string()])),
    priorities: z.array(z.tuple([z.number().int(), z.string()])),
    priorityIdByCatalog: z.array(z.tuple([z.string(), z.number().int()])),
    fieldIds: z.record(fieldKeySchema, z.number().int()),
    absentDateFields: z.array(fieldKeySchema),
    ratingFieldId: z.number().int().nullable(),
    workerUser: ref,
    staffUserIds: z.array(z.number().int()),
    lineAssignees: z.array(z.tuple([z.string(), ref])),
    projects: z.array(
      z
        .object({
          key: z.string(),
          id: z.number().int(),
          identifier: z.string(),
          name: z.string(),
          contractId: z.string(),
        })
        .strict(),
    ),
    /** Every visible project and its parent, for `subprojectOf` contract rules. */
    projectTree: z
      .array(z.object({ id: z.number().int(), identifier: z.string(), parentId: z.number().int().nullable() }).strict())
      .default([]),
  })
  .strict();
export type DirectorySnapshot = z.infer<typeof directorySnapshotSchema>;

/**
 * What the directory depends on besides Redmine: the config's names and bindings, and which key
 * (as a hash, never the key) looks them up.
 */
export function directoryKey(config: WorkerConfig, apiKeyTag: string): string {
  const inputs = {
    url: config.redmine.url,
    fields: config.fields,
    mapping: config.mapping,
    contracts: config.contracts,
    contractRules: config.contractRules ?? null,
    staff: config.staff,
    lines: config.lines,
    satisfaction: config.satisfaction ?? null,
    apiKeyTag,
  };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

/** A short tag of an API key for {@link directoryKey}: tells keys apart without keeping them. */
export function apiKeyTag(apiKey: string): string {
  return createHash('sha256').update(`tariff-sla directory ${apiKey}`).digest('hex').slice(0, 16);
}

/** The directory as plain data for the state file. */
export function snapshotOfDirectory(directory: RedmineDirectory, key: string, loadedAtMs: number): DirectorySnapshot {
  return {
    key,
    loadedAtMs,
    statuses: [...directory.statuses].map(([id, status]) => [id, { ...status }]),
    trackers: [...directory.trackers],
    priorities: [...directory.priorities],
    priorityIdByCatalog: [...directory.priorityIdByCatalog],
    fieldIds: { ...directory.fieldIds },
    absentDateFields: [...directory.absentDateFields],
    ratingFieldId: directory.ratingFieldId,
    workerUser: { ...directory.workerUser },
    staffUserIds: [...directory.staffUserIds],
    lineAssignees: [...directory.lineAssignees].map(([line, assignee]) => [line, { ...assignee }]),
    projects: directory.projects.map((project) => ({ ...project })),
    projectTree: directory.projectTree.map((node) => ({ ...node })),
  };
}

/**
 * The directory saved by an earlier run, when it was looked up for this config and key less than
 * `maxAgeMs` ago; undefined otherwise (then it is looked up again).
 */
export function directoryFromSnapshot(
  snapshot: DirectorySnapshot | undefined,
  key: string,
  nowMs: number,
  maxAgeMs: number,
): RedmineDirectory | undefined {
  if (!snapshot || snapshot.key !== key) return undefined;
  const ageMs = nowMs - snapshot.loadedAtMs;
  if (ageMs < 0 || ageMs >= maxAgeMs) return undefined;
  const fieldIds = Object.fromEntries(
    FIELD_KEYS.map((fieldKey) => [fieldKey, snapshot.fieldIds[fieldKey] ?? 0]),
  ) as Record<FieldKey, number>;
  return {
    statuses: new Map(snapshot.statuses),
    trackers: new Map(snapshot.trackers),
    priorities: new Map(snapshot.priorities),
    priorityIdByCatalog: new Map(snapshot.priorityIdByCatalog),
    fieldIds,
    fieldKeyById: new Map(
      FIELD_KEYS.filter((fieldKey) => fieldIds[fieldKey] !== 0).map((fieldKey) => [fieldIds[fieldKey], fieldKey]),
    ),
    absentDateFields: snapshot.absentDateFields,
    ratingFieldId: snapshot.ratingFieldId,
    workerUser: snapshot.workerUser,
    staffUserIds: new Set(snapshot.staffUserIds),
    lineAssignees: new Map(snapshot.lineAssignees),
    projects: snapshot.projects,
    projectsById: new Map(snapshot.projects.map((project) => [project.id, project])),
    projectTree: snapshot.projectTree,
    lineage: lineageOfTree(snapshot.projectTree),
  };
}

/**
 * Whether a listed issue shows that the directory is out of date: a status, tracker or priority id
 * it does not know, or one of the worker's fields (configured by name) under another id. A listing
 * is read every cycle anyway, so this check costs no request.
 */
export function listingContradictsDirectory(
  issue: RedmineIssue,
  directory: RedmineDirectory,
  config: WorkerConfig,
): boolean {
  if (!directory.statuses.has(issue.status.id)) return true;
  if (!directory.trackers.has(issue.tracker.id)) return true;
  if (!directory.priorities.has(issue.priority.id)) return true;
  for (const field of issue.custom_fields) {
    for (const fieldKey of FIELD_KEYS) {
      const name = config.fields[fieldKey];
      if (typeof name === 'string' && field.name === name && directory.fieldIds[fieldKey] !== field.id) return true;
    }
  }
  return false;
}
