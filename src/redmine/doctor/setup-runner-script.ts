import type { WorkerConfig } from '../config/worker-config-schema';
import { DATE_FIELD_KEYS, FIELD_KEYS } from '../worker/redmine-directory';

/** How to run a Ruby script in Redmine, from Redmine's directory on its server. */
export const RUNNER_HOW =
  "from Redmine's directory on its server (Debian: cd /usr/share/redmine and add REDMINE_INSTANCE=<instance>)";

/** A Ruby double-quoted string literal (JSON's escapes, and no interpolation). */
function rubyString(text: string): string {
  return JSON.stringify(text).replace(/#\{/g, '\\#{');
}

/** The Ruby that creates (or completes) one worker custom field: Text (or Date), for all projects and trackers, a filter, visible. */
export function customFieldRuby(name: string, format: 'string' | 'date' = 'string'): string {
  return `cf = IssueCustomField.find_or_initialize_by(name: ${rubyString(name)}); cf.field_format = '${format}' if cf.new_record?; cf.is_for_all = true; cf.visible = true; cf.is_filter = true; cf.tracker_ids = Tracker.pluck(:id); cf.save!; puts "#{cf.id}\\t#{cf.name}"`;
}

/** A Ruby array of double-quoted strings. */
export function rubyArray(values: readonly string[]): string {
  return `[${values.map(rubyString).join(', ')}]`;
}

/**
 * The Ruby that creates (or completes) a custom field the contract rules read ("Client"): a list holding
 * the rules' values, for all projects and trackers, a filter, visible. An existing field keeps its
 * format and gains the missing values when it is a list.
 */
export function ruleFieldRuby(name: string, values: readonly string[]): string {
  return `cf = IssueCustomField.find_or_initialize_by(name: ${rubyString(name)}); cf.field_format = 'list' if cf.new_record?; cf.possible_values = (cf.possible_values || []) | ${rubyArray(values)} if cf.field_format == 'list'; cf.is_for_all = true; cf.visible = true; cf.is_filter = true; cf.tracker_ids = Tracker.pluck(:id); cf.save!; puts "#{cf.id}\\t#{cf.name}"`;
}

/** A shell line running `ruby` with Rails' runner in production. */
export function runnerLine(ruby: string): string {
  return `RAILS_ENV=production bin/rails runner '${ruby.replace(/'/g, "'\\''")}'`;
}

/**
 * The Rails runner script that prepares a Redmine for the worker in one go: the REST API, the
 * custom fields (seven of format Text, three of format Date; named as in the config, or the defaults), shown as issue list columns,
 * the list fields the contract rules read ("Client", with the rules' values), the support groups the
 * config names, assignment to groups, and the Wiki module in the projects that receive statements —
 * the shared projects under `contractRules.projects` too when a contract is reached only through the rules. Every step checks before it writes, so it can be run again.
 *
 * @example
 * writeFileSync('sla_setup.rb', setupRunnerScript(config)); // then: RAILS_ENV=production bin/rails runner sla_setup.rb
 */
export function setupRunnerScript(config: WorkerConfig | undefined): string {
  const fields = FIELD_KEYS.flatMap((key) => {
    const name = config?.fields[key] ?? defaultFieldName(key);
    return typeof name === 'string' ? [{ name, format: DATE_FIELD_KEYS.has(key) ? 'date' : 'string' }] : [];
  });
  const groups = config
    ? [
        ...new Set([
          ...config.staff.groups,
          ...Object.values(config.lines).flatMap((assignee) => ('group' in assignee ? [assignee.group] : [])),
        ]),
      ]
    : [];
  // Contracts reached only through the rules publish in a shared project's wiki.
  const ruleOnly =
    config?.contractRules !== undefined &&
    [...config.contractRules.rules.map((rule) => rule.contract), config.contractRules.default].some(
      (contractId) => contractId !== undefined && config.contracts[contractId] === undefined,
    );
  const wikiProjects =
    config && config.statements.enabled
      ? [
          ...new Set([
            ...Object.values(config.contracts).map((binding) => String(binding.wikiProject ?? binding.projects[0])),
            ...(ruleOnly ? (config.contractRules?.projects ?? []).map(String) : []),
          ]),
        ]
      : [];
  const ruleFields = new Map<string, string[]>();
  for (const rule of config?.contractRules?.rules ?? [])
    if (rule.kind === 'field' && !/^\d+$/.test(rule.field))
      ruleFields.set(rule.field, [...new Set([...(ruleFields.get(rule.field) ?? []), ...rule.values])]);
  return [
    '# Tariff SLA: prepares this Redmine for the sync worker. Safe to run again.',
    `# Run it ${RUNNER_HOW}:`,
    '#   RAILS_ENV=production bin/rails runner sla_setup.rb',
    "Setting.rest_api_enabled = '1'",
    ...(groups.length > 0 ? ["Setting.issue_group_assignment = '1'"] : []),
    `ids = [${fields.map(({ name, format }) => `[${rubyString(name)}, '${format}']`).join(', ')}].map do |name, format|`,
    '  cf = IssueCustomField.find_or_initialize_by(name: name)',
    '  cf.field_format = format if cf.new_record?',
    '  cf.is_for_all = true',
    '  cf.visible = true',
    '  cf.is_filter = true',
    '  cf.tracker_ids = Tracker.pluck(:id)',
    '  cf.save!',
    '  puts "custom field #{cf.id}\\t#{cf.name}"',
    '  cf.id',
    'end',
    'columns = Setting.issue_list_default_columns.map(&:to_s)',
    'Setting.issue_list_default_columns = columns | ids.map { |id| "cf_#{id}" }',
    ...[...ruleFields].map(([name, values]) => ruleFieldRuby(name, values)),
    ...groups.map(
      (group) =>
        `puts "group #{Group.find_or_create_by!(lastname: ${rubyString(group)}).id}\\t${group.replace(/"/g, '\\"')}"`,
    ),
    ...wikiProjects.map(
      (project) =>
        `(p = Project.find_by(identifier: ${rubyString(project)}) || Project.find_by(id: ${rubyString(project)}.to_i)) && (p.enabled_module_names |= ['wiki']) && puts("wiki module on in #{p.identifier}")`,
    ),
    '',
  ].join('\n');
}

const DEFAULT_NAMES: Record<(typeof FIELD_KEYS)[number], string> = {
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
};

function defaultFieldName(key: (typeof FIELD_KEYS)[number]): string {
  return DEFAULT_NAMES[key];
}
