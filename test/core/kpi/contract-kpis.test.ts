import { DateTime } from 'luxon';
import { parseCatalog } from '../../../src/core/catalog/parse-catalog';
import { parseIssueHistories, type IssueHistory } from '../../../src/core/history/issue-history';
import { contractKpis, type ContractKpis } from '../../../src/core/kpi/contract-kpis';
import { evaluatedIssuesByContract } from '../../../src/core/kpi/evaluated-issue';
import { nearestRankPercentile } from '../../../src/core/kpi/nearest-rank-percentile';
import { evaluatePortfolio } from '../../../src/core/sla/evaluate-portfolio';

const parsedCatalog = parseCatalog({
  timeZone: 'Europe/Moscow',
  priorities: ['low', 'normal', 'high', 'critical'],
  requestTypes: { incident: {}, consultation: {} },
  defaults: { statuses: { initial: 'New', paused: ['Waiting'], working: ['In Progress'], done: ['Resolved'] } },
  calendars: { office: { zone: 'Europe/Moscow', week: { weekdays: ['09:00-18:00'] } } },
  escalationPolicies: {
    simple: {
      levels: [{ level: 1, percentOfTarget: 100, actions: [{ kind: 'notify', recipients: ['support_lead'] }] }],
    },
  },
  tariffs: {
    basic: {
      name: 'Базовый',
      calendar: 'office',
      incidentsPerDay: 2,
      incidentTypes: ['incident'],
      escalationPolicy: 'simple',
      targets: { reaction: 240, resolution: 480 },
    },
  },
  contracts: { c: { name: 'Client', terms: [{ tariff: 'basic', from: '2026-09-01' }] } },
});
if (!parsedCatalog.ok) throw new Error(JSON.stringify(parsedCatalog.issues));
const catalog = parsedCatalog.value;

const T = (local: string): string => `2026-${local}:00+03:00`;
const status = (at: string, to: string): Record<string, string> => ({ at: T(at), kind: 'status', to });
const response = (at: string): Record<string, string> => ({ at: T(at), kind: 'response' });

const parsedIssues = parseIssueHistories({
  issues: [
    // Breached resolution on 30 October at 18:00 (480 working minutes), resolved in November.
    {
      key: 'A',
      contract: 'c',
      type: 'incident',
      priority: 'normal',
      createdAt: T('10-30T10:00'),
      status: 'New',
      events: [response('10-30T10:30'), status('11-02T10:00', 'Resolved')],
    },
    {
      key: 'B',
      contract: 'c',
      type: 'incident',
      priority: 'normal',
      createdAt: T('11-03T10:00'),
      status: 'New',
      events: [response('11-03T10:15'), status('11-03T12:00', 'Resolved')],
      worklogs: [{ at: T('11-03T12:00'), minutes: 60, author: 'ann', line: 'L1' }],
    },
    {
      key: 'C',
      contract: 'c',
      type: 'incident',
      priority: 'normal',
      createdAt: T('11-27T10:00'),
      status: 'New',
      events: [response('11-27T11:00')],
    },
    {
      key: 'D',
      contract: 'c',
      type: 'incident',
      priority: 'critical',
      createdAt: T('11-05T10:00'),
      status: 'New',
      events: [response('11-05T16:00'), status('11-06T10:00', 'Resolved')],
    },
    {
      key: 'E',
      contract: 'c',
      type: 'incident',
      priority: 'normal',
      createdAt: T('11-10T10:00'),
      status: 'New',
      events: [
        response('11-10T10:20'),
        { at: T('11-10T10:30'), kind: 'line', to: 'L2' },
        status('11-10T11:00', 'Waiting'),
        status('11-11T10:00', 'In Progress'),
        status('11-11T12:00', 'Resolved'),
      ],
      worklogs: [{ at: T('11-11T12:00'), minutes: 120, author: 'bob' }],
    },
    {
      key: 'F',
      contract: 'c',
      type: 'incident',
      priority: 'low',
      createdAt: T('11-12T09:00'),
      status: 'New',
      events: [response('11-12T09:10'), status('11-12T09:30', 'Resolved')],
    },
    {
      key: 'G',
      contract: 'c',
      type: 'incident',
      priority: 'low',
      createdAt: T('11-12T09:05'),
      status: 'New',
      events: [response('11-12T09:15'), status('11-12T09:40', 'Resolved')],
    },
    {
      key: 'H',
      contract: 'c',
      type: 'incident',
      priority: 'low',
      createdAt: T('11-12T09:10'),
      status: 'New',
      events: [response('11-12T09:20'), status('11-12T09:50', 'Resolved')],
    },
    {
      key: 'Q',
      contract: 'c',
      type: 'consultation',
      priority: 'low',
      createdAt: T('11-13T09:00'),
      status: 'New',
      events: [response('11-13T09:05'), status('11-13T09:35', 'Resolved')],
      worklogs: [{ at: T('11-13T09:35'), minutes: 30, author: 'ann' }],
    },
    // Created at 23:30 local on 31 October: an October request, though 20:30 UTC.
    {
      key: 'LATE',
      contract: 'c',
      type: 'consultation',
      priority: 'low',
      createdAt: T('10-31T23:30'),
      status: 'New',
      events: [response('11-02T09:10'), status('11-02T09:30', 'Resolved')],
    },
  ],
});
if (parsedIssues.problems.length > 0) throw new Error(JSON.stringify(parsedIssues.problems));
const issues: IssueHistory[] = parsedIssues.issues;
const nowMs = DateTime.fromISO(T('11-27T15:00'), { setZone: true }).toMillis();
const portfolio = evaluatePortfolio(catalog, issues, nowMs);
const groups = evaluatedIssuesByContract(issues, portfolio);
const kpisFor = (month: string): ContractKpis =>
  contractKpis({ catalog, contractId: 'c', month, issues: groups.get('c') ?? [], nowMs });
const november = kpisFor('2026-11');
const october = kpisFor('2026-10');

describe('SLA compliance per clock', () => {
  test('A clock is due in the month it stopped within target or was breached; a breach counts once, in the month of the breach', () => {
    expect(october.sla.resolution).toEqual({ due: 1, met: 0, breached: 1, compliancePercent: 0 });
    // B, E, F, G, H, Q and LATE met; D breached on 5 November at 18:00; A (breached in October) is not due again; C still runs.
    expect(november.sla.resolution).toEqual({ due: 8, met: 7, breached: 1, compliancePercent: (7 / 8) * 100 });
  });

  test('Running clocks still within target are not due; met reactions count in the month of the response', () => {
    expect(october.sla.reaction).toMatchObject({ due: 1, met: 1 });
    // LATE, received in October, answered on 2 November: due in November.
    expect(november.sla.reaction).toMatchObject({ due: 9, met: 8, breached: 1 });
  });

  test('Clocks the tariff does not have are never due', () => {
    expect(november.sla.start).toEqual({ due: 0, met: 0, breached: 0, compliancePercent: null });
  });

  test('Breaches list the issue, clock, instant and the minutes against the target', () => {
    expect(
      november.breaches.map((breach) => [
        breach.key,
        breach.clock,
        DateTime.fromMillis(breach.breachedAtMs, { zone: 'Europe/Moscow' }).toFormat('MM-dd HH:mm'),
        breach.targetMinutes,
      ]),
    ).toEqual([
      ['D', 'reaction', '11-05 14:00', 240],
      ['D', 'resolution', '11-05 18:00', 480],
    ]);
  });
});

describe('request KPIs', () => {
  test('Requests are received in the month of their local creation date', () => {
    expect(october.received).toBe(2);
    expect(november.received).toBe(8);
  });

  test('A request counts as resolved for its month only if it was done by the month’s end', () => {
    // A and LATE were received in October and resolved on 2 November.
    expect(october.resolved).toBe(0);
    expect(october.resolutionRatePercent).toBe(0);
  });

  test('First response: nearest-rank median and 90th percentile of the reaction clock’s working minutes', () => {
    // B 15, C 60, D 360, E 20, F 10, G 10, H 10, Q 5 → sorted 5 10 10 10 15 20 60 360.
    expect(november.firstResponse).toEqual({ responded: 8, awaiting: 0, medianMinutes: 10, p90Minutes: 360 });
  });

  test('Resolution rate and average resolution time leave out pauses and requests not yet resolved', () => {
    expect(november.resolved).toBe(7);
    expect(november.resolutionRatePercent).toBeCloseTo((7 / 8) * 100, 10);
    // B 120, D 540, E 180 (the night in "Waiting" does not count), F 30, G 35, H 40, Q 35.
    expect(november.resolutionTime.averageMinutes).toBeCloseTo((120 + 540 + 180 + 30 + 35 + 40 + 35) / 7, 10);
  });

  test('Incidents per day are counted against the daily limit, with the ones past it marked', () => {
    const day = november.incidentsPerDay.find((candidate) => candidate.date === '2026-11-12');
    expect(day).toEqual({ date: '2026-11-12', incidents: 3, limit: 2, overLimit: 1 });
    expect(november.incidentsPerDay).toHaveLength(30);
    // A consultation is not an incident type of this tariff.
    expect(november.incidentsPerDay.find((candidate) => candidate.date === '2026-11-13')?.incidents).toBe(0);
  });

  test('Time is summed per request type and per support line (the worklog’s line, else the issue’s line at that moment)', () => {
    expect(november.timeByType).toEqual([
      { type: 'incident', seconds: 180 * 60 },
      { type: 'consultation', seconds: 30 * 60 },
    ]);
    expect(november.timeByLine).toEqual([
      { line: 'L2', seconds: 120 * 60 },
      { line: 'L1', seconds: 60 * 60 },
      { line: 'unassigned', seconds: 30 * 60 },
    ]);
  });

  test('Escalations that fell due in the month are counted, and those of critical requests listed', () => {
    expect(november.escalations.critical.map((step) => [step.key, step.clock])).toEqual([
      ['D', 'reaction'],
      ['D', 'resolution'],
    ]);
    expect(november.escalations.fired).toBe(2);
  });
});

describe('nearest-rank percentile', () => {
  test('It returns an observed value: the smallest with at least p % of values at or below it', () => {
    expect(nearestRankPercentile([1, 2, 3, 4], 50)).toBe(2);
    expect(nearestRankPercentile([1, 2, 3, 4], 51)).toBe(3);
    expect(nearestRankPercentile([7], 90)).toBe(7);
    expect(nearestRankPercentile([], 50)).toBeNull();
  });
});
