import { execFileSync } from 'node:child_process';

/**
 * The import boundaries of eslint.config.mjs, pinned: each folder of src/ refuses what it must
 * not reach and accepts what it needs. Probes are linted as virtual files (nothing is written), in
 * one child process, since jest cannot load the ESM config itself.
 */
type Probe = { filePath: string; source: string };

const LINT_PROBES = `
const { ESLint } = require('eslint');
const probes = JSON.parse(process.argv[1]);
(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = [];
  for (const probe of probes) {
    const [result] = await eslint.lintText(probe.source, { filePath: probe.filePath });
    out.push(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message.split("'")[1]));
  }
  process.stdout.write(JSON.stringify(out));
})();
`;

function lintProbes(probes: Probe[]): string[][] {
  return JSON.parse(
    execFileSync(process.execPath, ['-e', LINT_PROBES, JSON.stringify(probes)], { encoding: 'utf8' }),
  ) as string[][];
}

const probe = (...imports: string[]): string =>
  imports.map((from, index) => `import * as m${index} from '${from}';\nexport const e${index} = m${index};`).join('\n');

const probes = {
  core: probe(
    'luxon',
    'zod',
    'zod/mini',
    '../catalog/catalog-schema',
    'yaml',
    'node:fs',
    'axios',
    '../../parsing/parse-yaml',
    '../../jira/app/sweep',
  ),
  parsing: probe(
    'yaml',
    'ical.js',
    '../core/catalog/parse-catalog',
    'node:fs',
    'fs',
    'path',
    '../io/read-text-file',
    '../http/retry-policy',
    '../jira/config/app-settings',
    '@forge/api',
  ),
  jira: probe(
    '../../parsing/parse-yaml',
    '../../http/retry-policy',
    '@forge/api',
    'node:fs',
    '../../io/read-catalog-file',
    '../../cli/load-inputs',
    '../../redmine/client',
    'axios',
  ),
  http: probe('p-retry', 'axios', 'node:http', '../redmine/errors'),
  io: probe('node:fs', '../parsing/parse-yaml', '../jira/config/app-settings', 'axios'),
  redmine: probe('axios', '../../http/retry-policy', '@forge/api', '../../jira/client/jira-client'),
  cli: probe('commander', '../../io/read-catalog-file', '../../jira/app/sweep'),
  notify: probe(
    '../http/retry-policy',
    '../core/escalation/channel-payload',
    'axios',
    'node:http',
    '@forge/api',
    '../redmine/client',
    '../jira/app/app-deps',
  ),
};

describe('import boundaries', () => {
  let refused: Record<keyof typeof probes, string[]>;

  beforeAll(() => {
    const paths: Record<keyof typeof probes, string> = {
      core: 'src/core/sla/probe.ts',
      parsing: 'src/parsing/probe.ts',
      jira: 'src/jira/config/probe.ts',
      http: 'src/http/probe.ts',
      io: 'src/io/probe.ts',
      redmine: 'src/redmine/worker/probe.ts',
      cli: 'src/cli/commands/probe.ts',
      notify: 'src/notify/probe.ts',
    };
    const names = Object.keys(probes) as Array<keyof typeof probes>;
    const results = lintProbes(names.map((name) => ({ filePath: paths[name], source: probes[name] })));
    refused = Object.fromEntries(names.map((name, index) => [name, results[index]])) as Record<
      keyof typeof probes,
      string[]
    >;
  });

  it('keeps the engine to luxon, zod and its own files', () => {
    expect(refused.core).toEqual(['yaml', 'node:fs', 'axios', '../../parsing/parse-yaml', '../../jira/app/sweep']);
  });

  it('keeps parsing free of files, HTTP and adapters', () => {
    expect(refused.parsing).toEqual([
      'node:fs',
      'fs',
      'path',
      '../io/read-text-file',
      '../http/retry-policy',
      '../jira/config/app-settings',
      '@forge/api',
    ]);
  });

  it('keeps the Forge bundle away from the disk, the file readers, the CLI and the Redmine worker', () => {
    expect(refused.jira).toEqual([
      'node:fs',
      '../../io/read-catalog-file',
      '../../cli/load-inputs',
      '../../redmine/client',
      'axios',
    ]);
  });

  it('keeps the HTTP module, the readers and the other adapters in their lanes', () => {
    expect(refused.http).toEqual(['axios', 'node:http', '../redmine/errors']);
    expect(refused.io).toEqual(['../jira/config/app-settings', 'axios']);
    expect(refused.redmine).toEqual(['@forge/api', '../../jira/client/jira-client']);
    expect(refused.cli).toEqual(['../../jira/app/sweep']);
  });

  it('keeps the messenger senders free of files, axios, Forge and the trackers (HTTP comes injected)', () => {
    expect(refused.notify).toEqual(['axios', 'node:http', '@forge/api', '../redmine/client', '../jira/app/app-deps']);
  });
});
