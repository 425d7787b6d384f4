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
  contractId: z.string(),
  contractName: z.string(),
  month: z.string(),
  lang: z.enum(['ru', 'en']),
  months: z.array(z.string()),
  blocks: z.array(docBlockSchema),
  charts: z.object({ burndown: z.string(), compliance: z.string() }),
  csv: z.object({ filename: z.string(), text: z.string() }),
});
export type ProjectReportView = z.infer<typeof projectReportSchema>;
