import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { parseIcalHolidays } from '../src/parsing/ical-holidays';
import type { Benchmark } from './benchmark';
import { calendarImplementations, type CaseOperation, type OfficeCalendarSpec } from './calendar-implementations';
import { OfficeHoursOracle } from './office-hours-oracle';
import { compareOpsPerSecond, timingSink } from './timing';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const ZONES = ['Europe/Moscow', 'Europe/Berlin'];
const ADD_MINUTES = [60, 540, 2_700, 27_000];
const SPANS = [
  { label: '1 h', ms: HOUR_MS },
  { label: '1 d', ms: DAY_MS },
  { label: '1 w', ms: 7 * DAY_MS },
  { label: '30 d', ms: 30 * DAY_MS },
];
/** Timing budget per implementation and case group; the whole benchmark stays well under a minute. */
const BUDGET_MS = 400;
/** The spec's targets: this engine against the fastest peer that agrees with the oracle. */
const TARGETS = [
  { group: 'add 60 min', ratio: 300 },
  { group: 'elapsed over 1 w', ratio: 2_000 },
];

/**
 * Local wall times the cases start from, the same in every zone: chosen edges (Friday evenings,
 * exactly at opening or closing, before holidays, the DST weekends of Europe/Berlin) and
 * pseudo-random minutes of 2026 from a fixed seed, so that every run times the same work.
 */
function caseStartWallTimes(): string[] {
  const edges = [
    '2026-11-20T17:30',
    '2026-03-27T17:00',
    '2026-03-27T10:00',
    '2026-10-23T16:45',
    '2026-02-20T19:00',
    '2026-03-06T18:00',
    '2026-05-08T12:00',
    '2026-12-30T17:00',
    '2026-01-12T09:00',
    '2026-04-30T08:00',
    '2026-06-13T11:00',
    '2026-07-15T13:37',
  ];
  let seed = 20_260_101;
  const next = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed;
  };
  const random: string[] = [];
  for (let index = 0; index < 20; index++) {
    const wall = DateTime.fromObject({ year: 2026, month: 1, day: 1 }, { zone: 'UTC' }).plus({
      days: next() % 350,
      minutes: next() % 1_440,
    });
    random.push(wall.toFormat("yyyy-MM-dd'T'HH:mm"));
  }
  return [...edges, ...random];
}

interface GroupResult {
  label: string;
  opsPerSecond: Map<string, number>;
  /** Implementations whose answers differ from the oracle in this group, with the first difference. */
  disagreements: Map<string, string>;
  cannotExpress: Set<string>;
}

function formatRate(rate: number): string {
  if (rate >= 1e6) return `${(rate / 1e6).toFixed(2)} M`;
  if (rate >= 1e3) return `${(rate / 1e3).toFixed(1)} k`;
  return rate.toFixed(rate >= 10 ? 0 : 1);
}

function runGroup(
  label: string,
  expected: readonly number[],
  operations: ReadonlyArray<{ name: string; operation: CaseOperation | null }>,
  describeCase: (caseIndex: number, got: number) => string,
): GroupResult {
  const result: GroupResult = { label, opsPerSecond: new Map(), disagreements: new Map(), cannotExpress: new Set() };
  const timed: Array<{ name: string; operation: CaseOperation }> = [];
  for (const { name, operation } of operations) {
    if (!operation) {
      result.cannotExpress.add(name);
      continue;
    }
    // Agreement first: every case against the oracle, before any timing.
    for (let caseIndex = 0; caseIndex < expected.length; caseIndex++) {
      const got = operation(caseIndex);
      if (got !== expected[caseIndex]) {
        result.disagreements.set(name, describeCase(caseIndex, got));
        break;
      }
    }
    timed.push({ name, operation });
  }
  const rates = compareOpsPerSecond(
    timed.map(({ operation }) => ({ operation, caseCount: expected.length })),
    BUDGET_MS,
  );
  timed.forEach(({ name }, index) => result.opsPerSecond.set(name, rates[index]));
  return result;
}

/** Engine ops/s over the fastest peer that agreed with the oracle in this group, or null without one. */
function engineRatio(group: GroupResult, engineName: string): { ratio: number; peer: string } | null {
  const engineRate = group.opsPerSecond.get(engineName);
  if (engineRate === undefined || group.disagreements.has(engineName)) return null;
  let best: { rate: number; peer: string } | null = null;
  for (const [name, rate] of group.opsPerSecond) {
    if (name === engineName || group.disagreements.has(name)) continue;
    if (!best || rate > best.rate) best = { rate, peer: name };
  }
  return best ? { ratio: engineRate / best.rate, peer: best.peer } : null;
}

function printTable(zone: string, groups: readonly GroupResult[], names: readonly string[], engineName: string): void {
  const header = ['case', ...names.map((name) => `${name} ops/s`), 'engine ÷ fastest agreeing peer'];
  const rows = groups.map((group) => {
    const cells = names.map((name) => {
      if (group.cannotExpress.has(name)) return 'cannot express';
      const rate = group.opsPerSecond.get(name);
      if (rate === undefined) return '';
      return group.disagreements.has(name) ? `${formatRate(rate)} (disagrees)` : formatRate(rate);
    });
    const ratio = engineRatio(group, engineName);
    return [
      group.label,
      ...cells,
      ratio ? `${Math.round(ratio.ratio).toLocaleString('en-US')}× (${ratio.peer})` : 'n/a',
    ];
  });
  console.log(`\n${zone}\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, index) => (index === 0 ? ' --- ' : ' ---: ')).join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

function runCalendarPeers(): void {
  const icsPath = join(__dirname, '..', '..', 'examples', 'holidays', 'ru-2026.ics');
  const imported = parseIcalHolidays(readFileSync(icsPath, 'utf8'), 'examples/holidays/ru-2026.ics');
  if (imported.errors.length > 0) throw new Error(`cannot read the holidays: ${JSON.stringify(imported.errors)}`);
  const engineName = calendarImplementations.find((implementation) => implementation.isThisEngine)?.name ?? '';
  const names = calendarImplementations.map((implementation) => implementation.name);
  const wallStarts = caseStartWallTimes();

  console.log(`Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}`);
  console.log(
    `Calendar: Mon-Fri 09:00-18:00, ${imported.holidays.length} Russian 2026 non-working days (examples/holidays/ru-2026.ics)`,
  );
  console.log(
    `${wallStarts.length} start instants per group (same wall times in each zone); ${BUDGET_MS} ms timing budget per implementation and group`,
  );
  for (const implementation of calendarImplementations) {
    for (const limitation of implementation.limitations) console.log(`- ${implementation.name}: ${limitation}`);
  }

  const allGroups: Array<{ zone: string; group: GroupResult }> = [];
  for (const zone of ZONES) {
    const spec: OfficeCalendarSpec = { zone, open: '09:00', close: '18:00', holidays: imported.holidays };
    const oracle = new OfficeHoursOracle(
      zone,
      9,
      18,
      imported.holidays.map((holiday) => holiday.date),
    );
    const startsMs = wallStarts.map((wall) => DateTime.fromISO(wall, { zone }).toMillis());
    const local = (ms: number): string => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm ZZ");
    const runners = calendarImplementations.map((implementation) => ({
      name: implementation.name,
      runner: implementation.setUp(spec),
    }));
    const groups: GroupResult[] = [];
    try {
      for (const minutes of ADD_MINUTES) {
        const expected = startsMs.map((startMs) => oracle.addMinutes(startMs, minutes));
        const operations = runners.map(({ name, runner }) => ({
          name,
          operation: runner.addWorkingMinutes?.(startsMs, minutes) ?? null,
        }));
        groups.push(
          runGroup(
            `add ${minutes.toLocaleString('en-US')} min`,
            expected,
            operations,
            (caseIndex, got) =>
              `${local(startsMs[caseIndex])} + ${minutes} min: expected ${local(expected[caseIndex])}, got ${Number.isFinite(got) ? local(got) : String(got)}`,
          ),
        );
      }
      for (const span of SPANS) {
        const spans = startsMs.map((startMs): [number, number] => [startMs, startMs + span.ms]);
        const expected = spans.map(([fromMs, toMs]) => oracle.minutesBetween(fromMs, toMs));
        const operations = runners.map(({ name, runner }) => ({
          name,
          operation: runner.workingMinutesBetween?.(spans) ?? null,
        }));
        groups.push(
          runGroup(
            `elapsed over ${span.label}`,
            expected,
            operations,
            (caseIndex, got) =>
              `working minutes from ${local(spans[caseIndex][0])} over ${span.label}: expected ${expected[caseIndex]}, got ${got}`,
          ),
        );
      }
    } finally {
      for (const { runner } of [...runners].reverse()) runner.tearDown();
    }
    printTable(zone, groups, names, engineName);
    for (const group of groups) allGroups.push({ zone, group });
  }

  console.log('\nDisagreements with the oracle (excluded from ratios):');
  let anyDisagreement = false;
  for (const { zone, group } of allGroups) {
    for (const [name, example] of group.disagreements) {
      anyDisagreement = true;
      console.log(`- ${name}, ${zone}, ${group.label}: ${example}`);
      if (name === engineName) process.exitCode = 1;
    }
  }
  if (!anyDisagreement) console.log('- none: every implementation agrees on every case it can express');

  console.log('\nTargets (engine ÷ fastest agreeing peer):');
  for (const target of TARGETS) {
    for (const { zone, group } of allGroups.filter((entry) => entry.group.label === target.group)) {
      const ratio = engineRatio(group, engineName);
      const verdict = ratio === null ? 'no agreeing peer' : ratio.ratio >= target.ratio ? 'met' : 'MISSED';
      if (verdict === 'MISSED') process.exitCode = 1;
      console.log(
        `- ${group.label}, ${zone}: ≥ ${target.ratio}× required, ${ratio ? `${Math.round(ratio.ratio)}×` : 'n/a'}: ${verdict}`,
      );
    }
  }
  console.log(`\n(checksum ${timingSink().toExponential(3)})`);
}

export const benchmark: Benchmark = {
  name: 'calendar-peers',
  description: 'BusinessCalendar against moment-business-time, dayjs-business-time and working-time-calculator',
  run: runCalendarPeers,
};
