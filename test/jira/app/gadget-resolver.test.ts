import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { parseIssueHistories } from '../../../src/core/history/issue-history';
import { getGadget } from '../../../src/jira/app/gadget-resolver';
import type { ReportDeps } from '../../../src/jira/app/project-report-resolver';
import { SETTINGS_KEYS } from '../../../src/jira/config/app-settings';
import { StaticIssueSource } from '../../../src/jira/report/project-issue-source';
import { MemoryKeyValueStore } from '../../../src/jira/store/memory-key-value-store';

const ROOT = join(__dirname, '..', '..', '..');
const NOW_MS = DateTime.fromISO('2026-11-20T15:00:00+03:00').toMillis();
const PROJECTS = { ALFA: 'client-a', DELTA: 'client-d' };

async function deps(): Promise<ReportDeps> {
  const store = new MemoryKeyValueStore(() => NOW_MS);
  await store.set(SETTINGS_KEYS.catalog, {
    text: readFileSync(join(ROOT, 'examples', 'catalog.yml'), 'utf8'),
    savedAtMs: NOW_MS,
  });
  await store.set(SETTINGS_KEYS.mapping, {
    text: 'projects:\n  ALFA: { contract: client-a }\n  DELTA: { contract: client-d }\n',
    savedAtMs: NOW_MS,
  });
  const holidays = join(ROOT, 'examples', 'holidays');
  await store.set(SETTINGS_KEYS.holidayFiles, {
    files: Object.fromEntries(
      readdirSync(holidays).map((name) => [`holidays/${name}`, readFileSync(join(holidays, name), 'utf8')]),
    ),
    savedAtMs: NOW_MS,
  });
  const { issues } = parseIssueHistories(JSON.parse(readFileSync(join(ROOT, 'examples', 'issues.json'), 'utf8')));
  return { store, now: () => NOW_MS, source: () => new StaticIssueSource(issues, PROJECTS) };
}

describe('the dashboard gadget resolver', () => {
  it('gives the served contracts, compliance per clock, hours and the open problems of the first contract', async () => {
    const answer = await getGadget(await deps(), { lang: 'en' });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value.contracts.map((contract) => contract.id)).toEqual(['client-a', 'client-d']);
    expect(answer.value.contract.id).toBe('client-a');
    expect(answer.value.month).toBe('2026-11');
    // Due instants carry the contract calendar's offset; the gadget names that zone when Jira gives none.
    expect(answer.value.zone).toBe('Europe/Moscow');
    expect(answer.value.compliance.map((entry) => entry.clock)).toEqual(['reaction', 'start', 'resolution']);
    for (const entry of answer.value.compliance) expect(entry.met).toBeLessThanOrEqual(entry.due);
    expect(answer.value.hours.used).toBeGreaterThan(0);
    // Open breaches and at-risk requests belong to the contract's project (ALFA-108's resolution is breached on the 20th).
    expect(answer.value.breached).toContainEqual(expect.objectContaining({ key: 'ALFA-108', clock: 'resolution' }));
    for (const issue of [...answer.value.breached, ...answer.value.atRisk]) expect(issue.key).toMatch(/^ALFA-\d+$/);
  });

  it('follows the picked contract and month', async () => {
    const answer = await getGadget(await deps(), { contract: 'client-d', month: '2026-10', lang: 'ru' });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.value.contract.id).toBe('client-d');
    expect(answer.value.month).toBe('2026-10');
    for (const issue of [...answer.value.breached, ...answer.value.atRisk]) expect(issue.key).toMatch(/^DELTA-\d+$/);
  });

  it('names a contract no project serves, and a bad month, as errors with their path', async () => {
    expect(await getGadget(await deps(), { contract: 'client-x' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_contract', path: ['contract'] },
    });
    expect(await getGadget(await deps(), { month: 'November' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', path: ['month'] },
    });
  });
});
