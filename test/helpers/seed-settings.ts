import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseDocument } from 'yaml';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

/**
 * The example settings of the Jira app: examples/catalog.yml with the parts of
 * examples/notifications.yml added (its channels, client-a's routes), and examples/jira-mapping.yml.
 */
export function seedSettingsTexts(): {
  catalogText: string;
  mappingText: string;
  holidayFiles: Record<string, string>;
} {
  const catalog = parseDocument(readFileSync(join(EXAMPLES, 'catalog.yml'), 'utf8'), { merge: true });
  const notifications: unknown = parse(readFileSync(join(EXAMPLES, 'notifications.yml'), 'utf8'));
  const parts = Object(notifications) as { notificationChannels?: unknown; contracts?: Record<string, unknown> };
  catalog.setIn(['notificationChannels'], catalog.createNode(parts.notificationChannels));
  for (const [contract, extra] of Object.entries(parts.contracts ?? {}))
    for (const [key, value] of Object.entries(Object(extra) as Record<string, unknown>))
      catalog.setIn(['contracts', contract, key], catalog.createNode(value));
  const holidays = join(EXAMPLES, 'holidays');
  return {
    catalogText: catalog.toString({ lineWidth: 0 }),
    mappingText: readFileSync(join(EXAMPLES, 'jira-mapping.yml'), 'utf8'),
    holidayFiles: Object.fromEntries(
      readdirSync(holidays).map((name) => [`holidays/${name}`, readFileSync(join(holidays, name), 'utf8')]),
    ),
  };
}
