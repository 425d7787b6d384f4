import type { Command } from 'commander';
import { z } from 'zod';
import { catalogJsonSchema } from '../../core/catalog/parse-catalog';
import { issueHistorySchema } from '../../core/history/issue-history-schema';
import { writeOutputFile, type CliIo } from '../cli-io';

/** The JSON Schema of the issues file, from the same zod schema the engine validates with. */
export function issuesJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Tariff SLA issue histories',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      issues: {
        type: 'array',
        items: z.toJSONSchema(issueHistorySchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }),
      },
    },
    required: ['issues'],
  };
}

/** `tariff-sla schema`: JSON Schemas of the catalog and of the issues file, for editors. */
export function registerSchemaCommand(program: Command, io: CliIo): void {
  program
    .command('schema')
    .description('print the JSON Schema of the catalog (or of the issues file) for editor completion')
    .option('--issues', 'the schema of the issues file instead of the catalog')
    .option('--out <file>', 'write to a file instead of stdout')
    .action((options: { issues?: boolean; out?: string }) => {
      const text = `${JSON.stringify(options.issues ? issuesJsonSchema() : catalogJsonSchema(), null, 2)}\n`;
      if (options.out) writeOutputFile('--out', options.out, text);
      else io.stdout(text);
    });
}
