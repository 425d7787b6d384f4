import { z } from 'zod';
import { parseCatalog } from '../../../src/core/catalog/parse-catalog';
import type { CompiledCatalog } from '../../../src/core/catalog/compiled-catalog';
import {
  workerConfigSchema,
  type WorkerConfig,
  type WorkerConfigInput,
} from '../../../src/redmine/config/worker-config-schema';
import { createWorkerLog, type WorkerLog } from '../../../src/redmine/worker/worker-log';

/**
 * A small catalog on a 24/7 UTC calendar, so minutes of SLA time are minutes of wall time:
 * reaction 30 min, resolution 240 min, two incidents a day, one escalation level at the
 * reaction deadline (assign to L2, comment, notify the lead), 10 hours a month.
 */
export function testCatalogDocument(
  contracts: Record<string, string> = { alpha: '2026-01-01' },
): Record<string, unknown> {
  return {
    version: 1,
    currency: 'RUB',
    timeZone: 'UTC',
    priorities: ['low', 'normal', 'high', 'urgent', 'critical'],
    requestTypes: { incident: {}, bug: {}, consultation: {}, enhancement: {} },
    defaults: {
      statuses: {
        initial: 'New',
        paused: ['Waiting for customer'],
        working: ['In Progress'],
        done: ['Resolved', 'Closed'],
      },
    },
    calendars: { always: { name: '24/7 UTC', zone: 'UTC', alwaysOpen: true } },
    escalationPolicies: {
      reaction: {
        levels: [
          {
            level: 1,
            percentOfTarget: 100,
            clocks: ['reaction'],
            actions: [
              { kind: 'assign_line', line: 'L2' },
              { kind: 'comment', text: 'Reaction time is over: the second line takes over.' },
              { kind: 'notify', recipients: ['support_lead'] },
            ],
          },
        ],
      },
    },
    tariffs: {
      test: {
        name: 'Test tariff',
        calendar: 'always',
        incidentsPerDay: 2,
        escalationPolicy: 'reaction',
        targets: { reaction: 30, resolution: 240 },
        hours: { kind: 'monthly', includedHours: 10 },
        prices: { monthly: 10000, hourly: 1000, overLimitIncident: 500 },
      },
    },
    contracts: Object.fromEntries(
      Object.entries(contracts).map(([id, from]) => [id, { name: `Client ${id}`, terms: [{ tariff: 'test', from }] }]),
    ),
  };
}

export function testCatalog(): CompiledCatalog {
  const parsed = parseCatalog(testCatalogDocument());
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

export function testConfig(overrides: Partial<WorkerConfigInput> = {}): WorkerConfig {
  return workerConfigSchema.parse({
    redmine: { url: 'http://127.0.0.1:3300', apiKey: { env: 'REDMINE_API_KEY' } },
    catalog: '/tmp/catalog.yml',
    stateFile: '/tmp/state.json',
    contracts: { alpha: { projects: ['alpha-support'] } },
    mapping: {
      trackers: { Bug: 'bug', Feature: 'enhancement', Support: 'incident' },
      priorities: { Low: 'low', Normal: 'normal', High: 'high', Urgent: 'urgent', Immediate: 'critical' },
    },
    staff: { groups: ['Support L1'] },
    lines: { L2: { group: 'Support L2' } },
    escalation: { mentions: { support_lead: ['lead'] } },
    sync: { concurrency: 1 },
    statements: { enabled: false },
    ...overrides,
  });
}

const logLineSchema = z.record(z.string(), z.unknown());

/** A log that keeps its lines, parsed, for assertions. */
export function memoryLog(secrets: string[] = []): {
  log: WorkerLog;
  lines: string[];
  events: () => Array<Record<string, unknown>>;
} {
  const lines: string[] = [];
  const log = createWorkerLog({
    write: (line) => lines.push(line),
    format: 'json',
    level: 'debug',
    secrets,
    now: () => Date.parse('2026-11-20T12:00:00Z'),
  });
  return { log, lines, events: () => lines.map((line) => logLineSchema.parse(JSON.parse(line))) };
}
