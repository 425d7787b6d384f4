import { namedRecord } from '../../core/errors/safe-record';
import { z } from 'zod';
import { NOTE_LANGUAGES } from '../../core/escalation/escalation-note';
import { isoDateSchema } from '../../core/calendar/calendar-schema';
import { RECIPIENTS } from '../../core/catalog/catalog-schema';
import { LANGS } from '../../core/statement/statement-locale';
import { redmineContractRulesSchema } from './redmine-contract-rules-schema';

const SECRET_HINT =
  'the API key must not be written in the config file: use {env: REDMINE_API_KEY} (an environment variable) or {file: /run/secrets/redmine-api-key}';

/**
 * Where the API key comes from. A literal key is refused on purpose: config files end up in
 * repositories, tickets and logs; environment variables and secret files do not.
 */
export const apiKeySourceSchema = z.union(
  [
    z
      .object({
        env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
          error: 'expected an environment variable name such as REDMINE_API_KEY',
        }),
      })
      .strict(),
    z.object({ file: z.string().min(1, { error: 'expected a path to a file holding the key' }) }).strict(),
  ],
  { error: SECRET_HINT },
);
export type ApiKeySource = z.infer<typeof apiKeySourceSchema>;

/** A Redmine user or group that receives issues of one support line. */
export const assigneeSchema = z.union(
  [
    z.object({ group: z.string().min(1) }).strict(),
    z.object({ user: z.number().int().positive() }).strict(),
    z.object({ login: z.string().min(1) }).strict(),
  ],
  { error: 'expected {group: "Group name"}, {user: 12} (user id) or {login: "jsmith"}' },
);
export type AssigneeRef = z.infer<typeof assigneeSchema>;

const contractBindingSchema = z
  .object({
    /** Redmine project identifiers (or numeric ids) whose issues fall under this contract. */
    projects: z
      .array(z.union([z.string().min(1), z.number().int().positive()]))
      .min(1, { error: 'list at least one Redmine project identifier' }),
    /** Project whose wiki receives the monthly statement; the first project when omitted. */
    wikiProject: z.union([z.string().min(1), z.number().int().positive()]).optional(),
  })
  .strict();

/** A custom field by name, or by id where the key's user cannot read field definitions (non-admin). */
const fieldRefSchema = (name: string) =>
  z
    .union([z.string().min(1), z.number().int().positive()], {
      error: "expected the custom field's name, or its id (a number) when the worker's user is not an administrator",
    })
    .default(name);

const fieldNamesSchema = z
  .object({
    state: fieldRefSchema('SLA state'),
    reactionDue: fieldRefSchema('SLA reaction due'),
    startDue: fieldRefSchema('SLA start due'),
    resolutionDue: fieldRefSchema('SLA resolution due'),
    tariff: fieldRefSchema('SLA tariff'),
    line: fieldRefSchema('Support line'),
    flags: fieldRefSchema('SLA flags'),
    /** Date fields (format Date) holding the due day in the contract's zone, for filters and sorting; optional in Redmine. */
    reactionDueDate: fieldRefSchema('SLA reaction due date'),
    startDueDate: fieldRefSchema('SLA start due date'),
    resolutionDueDate: fieldRefSchema('SLA resolution due date'),
  })
  .strict();

/** The keys of the worker's fields (`state`, `reactionDue`, …), in the config's order. */
export const workerFieldKeySchema = fieldNamesSchema.keyof();

const nameMapSchema = namedRecord(z.string().min(1), z.string().min(1)).default({});

/**
 * The Redmine sync worker's configuration file (YAML). Relative paths are read from the
 * file's own folder. See docs/redmine-worker.md for every key.
 */
export const workerConfigSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1, { error: 'expected version: 1' }).default(1),
    redmine: z
      .object({
        url: z.string().superRefine((text, context) => {
          if (!/^https?:\/\/[^/]+/.test(text) || !URL.canParse(text)) {
            context.addIssue({
              code: 'custom',
              message: 'expected an http(s) URL such as "https://redmine.example.com"',
            });
          } else if (new URL(text).username !== '' || new URL(text).password !== '') {
            context.addIssue({ code: 'custom', message: 'credentials do not belong in the URL: set "apiKey" instead' });
          }
        }),
        apiKey: z.unknown().transform((value, context): ApiKeySource => {
          if (typeof value === 'string') {
            context.addIssue({ code: 'custom', message: SECRET_HINT });
            return z.NEVER;
          }
          const parsed = apiKeySourceSchema.safeParse(value);
          if (parsed.success) return parsed.data;
          for (const issue of parsed.error.issues) {
            context.addIssue({
              code: 'custom',
              path: issue.path.filter((part): part is string | number => typeof part !== 'symbol'),
              message: issue.message,
            });
          }
          return z.NEVER;
        }),
        /** Redmine's "Text formatting" setting; the statement is written in it. */
        textFormatting: z.enum(['textile', 'markdown', 'common_mark']).default('textile'),
        /** Per-request deadline; beyond 10 minutes a stuck Redmine would hold a cycle for hours. */
        timeoutSeconds: z
          .number()
          .min(1, { error: 'expected at least 1 second' })
          .max(600, {
            error: 'expected at most 600 seconds (10 minutes): a longer wait only hides a Redmine that is down',
          })
          .default(30),
        /** Largest answer read from Redmine, in MiB; a larger one fails fast instead of filling memory. */
        maxResponseMiB: z
          .number()
          .int({ error: 'expected a whole number of MiB' })
          .min(1, { error: 'expected at least 1 MiB' })
          .max(1024, { error: 'expected at most 1024 MiB' })
          .default(32),
        retries: z.number().int().nonnegative().max(10).default(4),
      })
      .strict(),
    /** Tariff catalog (YAML or JSON). */
    catalog: z.string().min(1),
    /** Local state: cursors, cached histories, escalations done. */
    stateFile: z.string().min(1),
    contracts: z.record(z.string().min(1), contractBindingSchema).refine((record) => Object.keys(record).length > 0, {
      message: 'bind at least one contract to Redmine projects',
    }),
    /** Rules choosing each issue's contract in shared projects (see `redmineContractRulesSchema`). */
    contractRules: redmineContractRulesSchema.optional(),
    /** Redmine names → catalog names; unlisted names are used as they are. */
    mapping: z
      .object({
        statuses: nameMapSchema,
        trackers: nameMapSchema,
        priorities: nameMapSchema,
      })
      .strict()
      .default({ statuses: {}, trackers: {}, priorities: {} }),
    /** The issue custom fields the worker writes, by name, or by id (a number) for a non-admin key. */
    fields: fieldNamesSchema.default({
      state: 'SLA state',
      reactionDue: 'SLA reaction due',
      startDue: 'SLA start due',
      resolutionDue: 'SLA resolution due',
      tariff: 'SLA tariff',
      line: 'Support line',
      flags: 'SLA flags',
      reactionDueDate: 'SLA reaction due date',
      startDueDate: 'SLA start due date',
      resolutionDueDate: 'SLA resolution due date',
    }),
    /** Customer satisfaction: the issue custom field holding the client's rating (a list "1"–"5" or an integer). */
    satisfaction: z
      .object({
        field: z.string().min(1, { error: 'expected the name of an issue custom field, e.g. "Satisfaction"' }),
      })
      .strict()
      .optional(),
    /** Who counts as support staff: their first public note is the response. */
    staff: z
      .object({
        groups: z.array(z.string().min(1)).default([]),
        users: z.array(z.number().int().positive()).default([]),
      })
      .strict()
      .refine((staff) => staff.groups.length + staff.users.length > 0, {
        message: 'name at least one support group or user id: their first public note counts as the response',
      }),
    /** Support line (catalog name) → who gets the issue when an escalation moves it there. */
    lines: z.record(z.string().min(1), assigneeSchema).default({}),
    escalation: z
      .object({
        /** Logins @mentioned in escalation notes, per recipient of a `notify` action. */
        mentions: z.partialRecord(z.enum(RECIPIENTS), z.array(z.string().min(1))).default({}),
        /** Language of the escalation notes. */
        language: z.enum(NOTE_LANGUAGES).default('en'),
        /** Levels due before this instant are recorded without acting (the worker's first start on old issues). */
        since: z.iso
          .datetime({
            offset: true,
            error: 'expected an ISO 8601 instant with offset, e.g. "2026-11-01T00:00:00+03:00"',
          })
          .optional(),
      })
      .strict()
      .default({ mentions: {}, language: 'en' }),
    sync: z
      .object({
        intervalSeconds: z.number().positive().default(60),
        /** Each cycle re-reads changes this far before the last one seen (late commits, clock rounding). */
        overlapSeconds: z.number().nonnegative().default(120),
        /** First sync: only issues updated on or after this date. All issues when omitted. */
        backfillSince: isoDateSchema.optional(),
        /**
         * First sync: closed issues last updated before this date are read (they count for daily
         * limits and statements) but not written: old history gets no SLA fields, no journals, no mail.
         */
        skipClosedBefore: isoDateSchema.optional(),
        /** Issues read (journals fetched) and listing pages requested in parallel. */
        concurrency: z.number().int().positive().max(16).default(4),
        /**
         * Issues written in parallel. One by default: Redmine on SQLite answers concurrent writes
         * with "database is locked" (500), and a write that failed that way is not repeated blindly.
         */
        writeConcurrency: z.number().int().positive().max(16).default(1),
        /** Closed issues untouched this many days leave the local cache. */
        retainClosedDays: z.number().int().positive().default(62),
        /** Also sync issues of subprojects of the listed projects. */
        includeSubprojects: z.boolean().default(false),
        /** A worker's lock not refreshed this long (a hung process, a host gone) is taken over by the next worker. */
        lockStaleSeconds: z.number().int().min(30).default(600),
      })
      .strict()
      .default({
        intervalSeconds: 60,
        overlapSeconds: 120,
        concurrency: 4,
        writeConcurrency: 1,
        retainClosedDays: 62,
        includeSubprojects: false,
        lockStaleSeconds: 600,
      }),
    statements: z
      .object({
        enabled: z.boolean().default(true),
        /** Wording and number format of the statement. */
        language: z.enum(LANGS).default('ru'),
        /** Wiki page title; `{month}` becomes `YYYY-MM`, `{contract}` the contract id. */
        wikiTitle: z
          .string()
          .min(1)
          .refine((title) => title.includes('{month}'), {
            message: 'include "{month}" so each month gets its own page',
          })
          .default('SLA_Statement_{month}'),
        /** Re-render the current month's statement at most this often. */
        refreshMinutes: z.number().positive().default(60),
        /** In the first days of a month the previous month's page is refreshed too (late time entries). */
        previousMonthDays: z.number().int().nonnegative().max(28).default(5),
      })
      .strict()
      .default({
        enabled: true,
        language: 'ru',
        wikiTitle: 'SLA_Statement_{month}',
        refreshMinutes: 60,
        previousMonthDays: 5,
      }),
  })
  .strict()
  .superRefine((config, context) => {
    const owner = new Map<string, string>();
    for (const [contractId, binding] of Object.entries(config.contracts)) {
      binding.projects.forEach((project, index) => {
        const other = owner.get(String(project));
        if (other !== undefined) {
          context.addIssue({
            code: 'custom',
            path: ['contracts', contractId, 'projects', index],
            message: `project "${project}" is already bound to contract "${other}": a project belongs to one contract`,
          });
        }
        owner.set(String(project), contractId);
      });
      if (binding.wikiProject !== undefined && !binding.projects.map(String).includes(String(binding.wikiProject))) {
        context.addIssue({
          code: 'custom',
          path: ['contracts', contractId, 'wikiProject'],
          message: `"${binding.wikiProject}" is not among this contract's projects`,
        });
      }
    }
  });

export type WorkerConfig = z.infer<typeof workerConfigSchema>;
export type WorkerConfigInput = z.input<typeof workerConfigSchema>;
export type ContractBinding = z.infer<typeof contractBindingSchema>;
export type WorkerFieldNames = z.infer<typeof fieldNamesSchema>;
