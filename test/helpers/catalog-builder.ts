import { parseCatalog } from '../../src/core/catalog/parse-catalog';
import type { CompiledCatalog } from '../../src/core/catalog/compiled-catalog';
import { formatIssues } from '../../src/core/errors/validation-issue';

/** A JSON-like document; `undefined` in an override removes the key. */
export type Doc = { [key: string]: unknown };

/**
 * A small catalog for unit tests, every value chosen so the arithmetic stays readable:
 * - calendar `office`: Moscow, Mon–Fri 09:00–18:00 (9 h a day); Wed 2026-11-04 is a holiday
 *   (День народного единства) and Tue 2026-11-03 a short pre-holiday day 09:00–17:00;
 * - calendar `always`: 24/7 in Moscow;
 * - tariff `main` on `office`: reaction 60, start 120, resolution 480 working minutes, at risk at 80 %;
 * - contract `acme` on `main` since 2026-01-01, statuses New / Waiting for customer (pause) /
 *   In Progress (working) / Resolved, Closed (done).
 * 2026-11-16 is a Monday.
 */
export const BASE_CATALOG: Doc = {
  version: 1,
  timeZone: 'Europe/Moscow',
  priorities: ['low', 'normal', 'high', 'critical'],
  requestTypes: { incident: {}, bug: {}, consultation: {}, enhancement: {} },
  defaults: {
    statuses: {
      initial: 'New',
      paused: ['Waiting for customer'],
      working: ['In Progress'],
      done: ['Resolved', 'Closed'],
    },
  },
  calendars: {
    office: {
      zone: 'Europe/Moscow',
      week: { weekdays: ['09:00-18:00'] },
      holidays: [{ date: '2026-11-04', name: 'День народного единства' }],
      overrides: [{ date: '2026-11-03', ranges: ['09:00-17:00'], name: 'Предпраздничный день' }],
    },
    always: { zone: 'Europe/Moscow', alwaysOpen: true },
  },
  tariffs: {
    main: { name: 'Main', calendar: 'office', targets: { reaction: 60, start: 120, resolution: 480 } },
  },
  contracts: {
    acme: { name: 'Acme', terms: [{ tariff: 'main', from: '2026-01-01' }] },
  },
};

function isPlainObject(value: unknown): value is Doc {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Deep merge: objects merge key by key, arrays and scalars replace, `undefined` deletes. */
export function merge(base: Doc, overrides: Doc): Doc {
  const result: Doc = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete result[key];
    else if (isPlainObject(value) && isPlainObject(result[key])) result[key] = merge(result[key], value);
    else result[key] = value;
  }
  return result;
}

/** The base catalog document with overrides applied, not validated (for error tests). */
export function catalogDocument(overrides: Doc = {}): Doc {
  return merge(BASE_CATALOG, overrides);
}

/** The base catalog with overrides, validated and compiled; a test catalog that does not validate fails loudly. */
export function buildCatalog(overrides: Doc = {}): CompiledCatalog {
  const result = parseCatalog(catalogDocument(overrides));
  if (!result.ok) throw new Error(`test catalog does not validate:\n${formatIssues(result.issues)}`);
  return result.value;
}

/** The `path: message` lines parseCatalog reports for the base catalog with overrides (empty when valid). */
export function catalogProblems(overrides: Doc): string[] {
  const result = parseCatalog(catalogDocument(overrides));
  return result.ok ? [] : formatIssues(result.issues).split('\n');
}
