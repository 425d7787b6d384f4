import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { CliIo } from '../../src/cli/cli-io';
import { runCli } from '../../src/cli/main';
import { acquireInstanceLock } from '../../src/redmine/worker/instance-lock';
import { FakeRedmineServer } from '../redmine/fake-redmine-server';

const KEY = '7c1e9a0b2d3f4e5a6b7c8d9e0f1a2b3c4d5e6f70';

async function run(
  args: string[],
  env: Record<string, string> = { REDMINE_API_KEY: KEY },
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text.endsWith('\n') ? text : `${text}\n`),
    stderr: (text) => (stderr += text.endsWith('\n') ? text : `${text}\n`),
    nowMs: () => Date.parse('2026-11-20T10:00:00Z'),
    env,
    isTty: false,
  };
  const code = await runCli(['node', 'tariff-sla', ...args], io);
  return { code, stdout, stderr };
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function writeConfig(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsla-cli-'));
  dirs.push(dir);
  const path = join(dir, 'worker.yml');
  writeFileSync(path, text);
  return path;
}

function config(url: string, apiKey = '{ env: REDMINE_API_KEY }'): string {
  return `
redmine: { url: "${url}", apiKey: ${apiKey}, retries: 0 }
catalog: ${resolve('examples/catalog.yml')}
stateFile: state.json
contracts: { client-a: { projects: [alpha-support] } }
staff: { groups: [Support L1] }
`;
}

describe('tariff-sla redmine sync', () => {
  it('lists every problem of an invalid config by path and exits 1', async () => {
    const result = await run([
      'redmine',
      'sync',
      '--config',
      writeConfig('redmine: { url: nowhere }\ncontracts: {}\n'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('invalid worker config');
    expect(result.stderr).toContain('redmine.url: expected an http(s) URL');
    expect(result.stderr).toContain('catalog: missing: expected string');
  });

  it('refuses a key written into the config without printing it', async () => {
    const result = await run(['redmine', 'sync', '--config', writeConfig(config('http://127.0.0.1:9', `"${KEY}"`))]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the API key must not be written in the config file');
    expect(result.stderr).not.toContain(KEY);
  });

  it('says which environment variable should hold the key', async () => {
    const result = await run(['redmine', 'sync', '--config', writeConfig(config('http://127.0.0.1:9'))], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('environment variable REDMINE_API_KEY is not set');
  });

  it('rejects --once with --watch, and a bad --interval, as usage errors', async () => {
    const path = writeConfig(config('http://127.0.0.1:9'));
    expect((await run(['redmine', 'sync', '--config', path, '--once', '--watch'])).code).toBe(2);
    expect((await run(['redmine', 'sync', '--config', path, '--watch', '--interval', 'soon'])).code).toBe(2);
    expect((await run(['redmine', 'sync', '--config', path, '--at', 'tomorrow'])).code).toBe(2);
  });

  it('reports an unreachable Redmine once, exits 3, and never prints the key', async () => {
    const port = await FakeRedmineServer.freePort();
    const result = await run([
      'redmine',
      'sync',
      '--config',
      writeConfig(config(`http://127.0.0.1:${port}`)),
      '--once',
    ]);
    expect(result.code).toBe(3);
    const lines = result.stderr.trim().split('\n');
    expect(lines.filter((line) => line.includes('"event":"cycle_interrupted"'))).toHaveLength(1);
    expect(result.stderr).toContain('ECONNREFUSED');
    expect(result.stderr + result.stdout).not.toContain(KEY);
  });

  it('exits 4 on a rejected key, names the fix and does not retry it in --watch', async () => {
    const fake = await FakeRedmineServer.start();
    try {
      for (let index = 0; index < 12; index++) fake.enqueue({ status: 401, body: '' });
      const result = await run([
        'redmine',
        'sync',
        '--config',
        writeConfig(config(fake.url)),
        '--watch',
        '--interval',
        '1',
      ]);
      expect(result.code).toBe(4);
      expect(result.stderr).toContain('"event":"auth_refused"');
      expect(result.stderr).toContain('rejected the API key');
      expect(result.stderr).not.toContain('cycle_interrupted');
      expect(result.stderr.match(/"event":"cycle_end"/g)).toHaveLength(1);
      expect(result.stderr + result.stdout).not.toContain(KEY);
    } finally {
      await fake.close();
    }
  });

  it('exits 5 naming the other worker when one already syncs the same projects', async () => {
    const path = writeConfig(config('http://127.0.0.1:9'));
    const held = acquireInstanceLock({
      dir: dirname(path),
      redmineUrl: 'http://127.0.0.1:9',
      projects: ['alpha-support'],
      staleMs: 600_000,
      clock: Date.now,
      pid: 4242,
      host: 'other-host',
    });
    try {
      const result = await run(['redmine', 'sync', '--config', path, '--once']);
      expect(result.code).toBe(5);
      expect(result.stderr).toContain('"event":"lock_held"');
      expect(result.stderr).toContain('pid 4242 on other-host');
    } finally {
      if (held.ok) held.lock.release();
    }
  });
});

describe('tariff-sla redmine setup --print', () => {
  it('prints the script from the config without a single request to Redmine (no probe upload, no key needed)', async () => {
    const fake = await FakeRedmineServer.start();
    try {
      const result = await run(['redmine', 'setup', '--print', '--config', writeConfig(config(fake.url))], {});
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('bin/rails runner');
      expect(fake.calls).toEqual([]);
      expect(result.stdout + result.stderr).not.toContain(KEY);
    } finally {
      await fake.close();
    }
  });
});
