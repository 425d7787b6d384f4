import * as z from 'zod/mini';

const viewTableSchema = z.object({
  head: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  numeric: z.array(z.boolean()),
});
const pairSchema = z.tuple([z.string(), z.string()]);

/** Blocks of the statement document, as the statement engine lays them out. */
export const docBlockSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('heading'),
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    text: z.string(),
  }),
  z.object({ kind: z.literal('paragraph'), text: z.string(), emphasis: z.optional(z.boolean()) }),
  z.object({ kind: z.literal('pairs'), pairs: z.array(pairSchema), boldLast: z.optional(z.boolean()) }),
  z.object({ kind: z.literal('table'), table: viewTableSchema }),
  z.object({ kind: z.literal('list'), items: z.array(z.string()) }),
]);
export type DocBlockView = z.infer<typeof docBlockSchema>;

/** The parts of the project report the page reads. */
export const projectReportSchema = z.object({
  projectKey: z.string(),
  /** The projects holding the contract's requests this month (its statement spans them all). */
  projectsWithRequests: z.optional(z.array(z.string())),
  contractId: z.string(),
  contractName: z.string(),
  month: z.string(),
  lang: z.enum(['ru', 'en']),
  months: z.array(z.string()),
  blocks: z.array(docBlockSchema),
  charts: z.object({ burndown: z.string(), compliance: z.string() }),
  csv: z.object({ filename: z.string(), text: z.string() }),
  /** The contracts the project's rules reach (a shared desk has several): the page's contract picker. */
  contracts: z.optional(z.array(z.object({ id: z.string(), name: z.string() }))),
  /** True for those who administer a project under contract rules: they may open the not-covered view. */
  notCoveredView: z.optional(z.boolean()),
});
export type ProjectReportView = z.infer<typeof projectReportSchema>;

/** The project page's not-covered view: the provider's list of requests no contract covers. */
export const notCoveredViewSchema = z.object({
  projectKey: z.string(),
  month: z.string(),
  months: z.array(z.string()),
  zone: z.string(),
  requests: z.array(
    z.object({ key: z.string(), summary: z.optional(z.string()), createdAt: z.string(), reason: z.string() }),
  ),
});
export type NotCoveredViewData = z.infer<typeof notCoveredViewSchema>;
