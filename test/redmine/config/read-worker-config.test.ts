import { resolve } from 'node:path';
import { formatIssues } from '../../../src/core/errors/validation-issue';
import { parseWorkerConfigText, readWorkerConfigFile } from '../../../src/redmine/config/read-worker-config';

const BASE = `
redmine:
  url: https://redmine.example.com
  apiKey: { env: REDMINE_API_KEY }
catalog: catalog.yml
stateFile: state/worker.json
contracts:
  client-a: { projects: [alpha-support] }
staff: { groups: [Support L1] }
`;

function problems(text: string): string {
  const result = parseWorkerConfigText(text, '/etc/tariff-sla');
  if (result.ok) throw new Error('expected the config to be refused');
  return formatIssues(result.issues);
}

describe('worker config', () => {
  it('reads the example config and resolves its paths against the config file', () => {
    const result = readWorkerConfigFile('examples/redmine-worker.yml');
    if (!result.ok) throw new Error(formatIssues(result.issues));
    expect(result.value.catalog).toBe(resolve('examples/catalog.yml'));
    expect(result.value.stateFile).toBe(resolve('.tmp/redmine-worker/state.json'));
    expect(result.value.redmine).toMatchObject({
      url: 'http://127.0.0.1:3300',
      apiKey: { env: 'REDMINE_API_KEY' },
      textFormatting: 'textile',
    });
    expect(result.value.mapping.trackers).toEqual({ Bug: 'bug', Feature: 'enhancement', Support: 'consultation' });
  });

  it('fills in defaults: field names, intervals, statements', () => {
    const result = parseWorkerConfigText(BASE, '/etc/tariff-sla');
    if (!result.ok) throw new Error(formatIssues(result.issues));
    expect(result.value.fields.flags).toBe('SLA flags');
    expect(result.value.sync).toMatchObject({ intervalSeconds: 60, overlapSeconds: 120, concurrency: 4 });
    expect(result.value.statements).toMatchObject({
      enabled: true,
      wikiTitle: 'SLA_Statement_{month}',
      language: 'ru',
    });
    expect(result.value.stateFile).toBe('/etc/tariff-sla/state/worker.json');
  });

  it('refuses absurd timeouts and response caps with a message at their path', () => {
    const withRedmine = (extra: string): string =>
      BASE.replace('  apiKey: { env: REDMINE_API_KEY }', `  apiKey: { env: REDMINE_API_KEY }\n${extra}`);
    expect(problems(withRedmine('  timeoutSeconds: 1e9'))).toBe(
      'redmine.timeoutSeconds: expected at most 600 seconds (10 minutes): a longer wait only hides a Redmine that is down',
    );
    expect(problems(withRedmine('  timeoutSeconds: 0.001'))).toBe('redmine.timeoutSeconds: expected at least 1 second');
    expect(problems(withRedmine('  maxResponseMiB: 100000'))).toBe('redmine.maxResponseMiB: expected at most 1024 MiB');
    const result = parseWorkerConfigText(withRedmine('  timeoutSeconds: 600\n  maxResponseMiB: 64'), '/etc/tariff-sla');
    expect(
      result.ok
        ? [result.value.redmine.timeoutSeconds, result.value.redmine.maxResponseMiB]
        : formatIssues(result.issues),
    ).toEqual([600, 64]);
  });

  it('reports an alias bomb in the config as a problem, not a crash', () => {
    const bomb = [
      'x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]',
      ...'bcdefgh'
        .split('')
        .map((level, index) => `x-${level}: &${level} [${Array(10).fill(`*${'abcdefgh'[index]}`).join(', ')}]`),
      `staff: [${Array(10).fill('*h').join(', ')}]`,
    ].join('\n');
    expect(problems(bomb)).toMatch(/^staff\[0\]: aliases expand this document/);
  });

  it('refuses an API key written into the config, without repeating it', () => {
    const message = problems(BASE.replace('{ env: REDMINE_API_KEY }', '"4f1b0c9de2a7335f1e0c7b8a9d6e5f4a3b2c1d0e"'));
    expect(message).toContain('redmine.apiKey: the API key must not be written in the config file');
    expect(message).toContain('{env: REDMINE_API_KEY}');
    expect(message).not.toContain('4f1b0c9de2a7335f1e0c7b8a9d6e5f4a3b2c1d0e');
  });

  it('takes the key from a file path, made absolute', () => {
    const result = parseWorkerConfigText(
      BASE.replace('{ env: REDMINE_API_KEY }', '{ file: secrets/redmine-key }'),
      '/etc/tariff-sla',
    );
    if (!result.ok) throw new Error(formatIssues(result.issues));
    expect(result.value.redmine.apiKey).toEqual({ file: '/etc/tariff-sla/secrets/redmine-key' });
  });

  it('names every problem by its path', () => {
    const message = problems(`
redmine:
  url: redmine.example.com
  apiKey: { env: REDMINE_API_KEY }
  colour: blue
catalog: catalog.yml
stateFile: state.json
contracts:
  client-a: { projects: [] }
staff: { groups: [] }
lines:
  L2: { team: Second line }
`);
    expect(message).toContain('redmine.url: expected an http(s) URL');
    expect(message).toContain('redmine: unknown key "colour"');
    expect(message).toContain('contracts.client-a.projects: list at least one Redmine project identifier');
    expect(message).toContain('staff: name at least one support group or user id');
    expect(message).toContain('lines.L2: expected {group: "Group name"}, {user: 12} (user id) or {login: "jsmith"}');
  });

  it('refuses a project bound to two contracts, and credentials in the URL', () => {
    const message = problems(
      BASE.replace('https://redmine.example.com', 'https://bot:secret@redmine.example.com').replace(
        'client-a: { projects: [alpha-support] }',
        'client-a: { projects: [alpha-support] }\n  client-b: { projects: [alpha-support] }',
      ),
    );
    expect(message).toContain(
      'contracts.client-b.projects[0]: project "alpha-support" is already bound to contract "client-a"',
    );
    expect(message).toContain('redmine.url: credentials do not belong in the URL');
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problems('redmine: [unclosed')).toMatch(/line \d+, column \d+/);
  });
});
