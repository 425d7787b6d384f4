import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import type { CliIo } from '../../../src/cli/cli-io';
import { runCli } from '../../../src/cli/main';
import {
  createRedmineWorld,
  lockRedmineForWorkerTests,
  removeWorkerFiles,
  requireRedmine,
  runRails,
  skipRedmine,
  writeWorkerFiles,
  type RedmineWorld,
} from '../worker/redmine-world';

/*
 * `tariff-sla redmine check` against the local Redmine: on the seeded Redmine with a matching
 * config it says all is well; with a config naming what this Redmine lacks (custom fields, a
 * project, a group, a tracker mapping) it lists each piece with its fix, and the script of
 * `redmine setup --print`, run with Rails' runner, fixes what it covers.
 */
const describeRedmine = skipRedmine ? describe.skip : describe;

async function cli(args: string[], apiKey: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += `${text}\n`),
    stderr: (text) => (stderr += `${text}\n`),
    nowMs: Date.now,
    env: { REDMINE_API_KEY: apiKey },
    isTty: false,
  };
  const code = await runCli(['node', 'tariff-sla', 'redmine', ...args], io);
  return { code, stdout, stderr };
}

describeRedmine('redmine check against the local Redmine', () => {
  jest.setTimeout(600_000);
  let world: RedmineWorld;
  let releaseLock: (() => void) | undefined;

  beforeAll(async () => {
    requireRedmine();
    releaseLock = await lockRedmineForWorkerTests();
    world = await createRedmineWorld(['doctor'], { doctor: 1 });
  }, 1_800_000);

  afterAll(async () => {
    // The fields the setup script made are for all projects: remove them so other tests do not see them.
    if (world)
      await runRails(
        `IssueCustomField.where("name LIKE ?", "% ${world.uid}").destroy_all\nputs JSON.generate({ removed: true })`,
      ).catch(() => undefined);
    releaseLock?.();
    removeWorkerFiles();
  }, 600_000);

  it('says all is well on the seeded Redmine with a matching config', async () => {
    const files = writeWorkerFiles(world, {
      contracts: { doctor: `doctor-${world.uid}` },
      config: { statements: { enabled: true } },
    });

    const result = await cli(['check', '--config', files.configPath], world.adminKey);

    expect(result.stdout).toContain('All is well');
    expect(result.stdout).not.toContain('✗');
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(world.adminKey);
  });

  it('lists every missing piece with its fix, and the setup script creates the missing fields', async () => {
    const suffix = world.uid;
    const files = writeWorkerFiles(world, { contracts: { doctor: `doctor-${world.uid}`, gone: `nowhere-${suffix}` } });
    const config = parse(readFileSync(files.configPath, 'utf8')) as Record<string, Record<string, unknown>>;
    config.fields = { state: `SLA state ${suffix}`, flags: `SLA flags ${suffix}` };
    config.staff = { groups: [world.groups.l1.name, `Night shift ${suffix}`] };
    config.mapping = { ...config.mapping, trackers: { Bug: 'bug', Support: 'incident' } };
    writeFileSync(files.configPath, stringify(config));
    const catalog = parse(readFileSync(`${files.dir}/catalog.yml`, 'utf8')) as { contracts: Record<string, unknown> };
    catalog.contracts.gone = catalog.contracts.doctor;
    writeFileSync(`${files.dir}/catalog.yml`, stringify(catalog));

    const fresh = await cli(['check', '--config', files.configPath], world.adminKey);

    expect(fresh.code).toBe(1);
    const text = fresh.stdout;
    expect(text).toContain(`✗ fields.state: Redmine has no issue custom field "SLA state ${suffix}"`);
    expect(text).toContain(`IssueCustomField.find_or_initialize_by(name: "SLA state ${suffix}")`);
    expect(text).toContain(`✗ fields.flags: Redmine has no issue custom field "SLA flags ${suffix}"`);
    expect(text).toContain(`✗ contracts.gone.projects.0: Redmine has no project "nowhere-${suffix}"`);
    expect(text).toContain(`Project.create!(identifier: "nowhere-${suffix}"`);
    expect(text).toContain(`✗ staff.groups.1: Redmine has no group "Night shift ${suffix}"`);
    expect(text).toContain(`Group.find_or_create_by!(lastname: "Night shift ${suffix}")`);
    expect(text).toContain('✗ mapping.trackers.Feature: Redmine tracker "Feature" maps to no request type');
    expect(text).toContain('fix: config: mapping.trackers: { Feature: ');
    expect(text).toContain('5 problems to fix');

    const script = await cli(['setup', '--print', '--config', files.configPath], world.adminKey);
    expect(script.code).toBe(0);
    await runRails(`${script.stdout}\nputs JSON.generate({ done: true })`);

    const after = await cli(['check', '--config', files.configPath], world.adminKey);
    expect(after.stdout).not.toContain('✗ fields.');
    expect(after.stdout).not.toContain('✗ staff.groups');
    expect(after.stdout).toContain('✗ contracts.gone.projects.0');
  });

  it('checks what contract rules reach: a missing shared project and the "Client" field, which setup --print creates', async () => {
    const suffix = world.uid;
    const files = writeWorkerFiles(world, { contracts: { doctor: `doctor-${world.uid}` } });
    const config = parse(readFileSync(files.configPath, 'utf8')) as Record<string, unknown>;
    config.contractRules = {
      projects: [`shared-${suffix}`],
      rules: [{ field: `Client ${suffix}`, value: ['Alfa', 'Альфа'], contract: 'doctor' }],
    };
    writeFileSync(files.configPath, stringify(config));

    const fresh = await cli(['check', '--config', files.configPath], world.adminKey);

    expect(fresh.code).toBe(1);
    expect(fresh.stdout).toContain(`✗ contractRules.projects.0: Redmine has no shared project "shared-${suffix}"`);
    expect(fresh.stdout).toContain(
      `✗ contractRules.rules.0.field: the contract rules read the issue custom field "Client ${suffix}", which Redmine does not have`,
    );

    const script = await cli(['setup', '--print', '--config', files.configPath], world.adminKey);
    expect(script.stdout).toContain(`IssueCustomField.find_or_initialize_by(name: "Client ${suffix}")`);
    await runRails(`${script.stdout}\nputs JSON.generate({ done: true })`);

    const after = await cli(['check', '--config', files.configPath], world.adminKey);
    expect(after.stdout).not.toContain('✗ contractRules.rules.0');
    expect(after.stdout).toContain(`contract rule 1: field "Client ${suffix}"`);
    expect(after.stdout).toContain('✗ contractRules.projects.0');
  });
});
