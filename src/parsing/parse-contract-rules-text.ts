import { contractRulesSchema, type ContractRules } from '../core/contracts/contract-rules-schema';
import { issuesFromZodError, type Validated } from '../core/errors/validation-issue';
import { reservedKeyIssues } from '../core/errors/reserved-keys';
import { parseYamlText } from './parse-yaml';

/**
 * Parses a contract-rules text (YAML or JSON: `{rules: [...], default?}`) into the core's rules, or
 * every problem with its path. No file, no clock: the CLI reads the file, the adapters their settings.
 *
 * @example
 * parseContractRulesText('rules:\n  - { organization: "Alfa LLC", contract: client-a }\n');
 */
export function parseContractRulesText(text: string): Validated<ContractRules> {
  const yaml = parseYamlText(text);
  if (!yaml.ok) return yaml;
  const reserved = reservedKeyIssues(yaml.value, []);
  if (reserved.length > 0) return { ok: false, issues: reserved };
  const parsed = contractRulesSchema.safeParse(yaml.value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: issuesFromZodError(parsed.error) };
}
