/**
 * Upper bounds of every number a user or a tracker supplies. An SLA target or an estimate of more
 * than a year, a worklog longer than a year, a price beyond a billion: none is a real contract, all
 * are typos or hostile input, and each would drive the engine past its calendars or its exact money.
 * Bounding them at the edge turns such a value into a problem with a path instead of a crash.
 */

/** Working minutes of a target or an estimate: at most 366 days round the clock. */
export const MAX_TARGET_MINUTES = 366 * 24 * 60;

/** Minutes of one worklog: at most 366 days. */
export const MAX_WORKLOG_MINUTES = 366 * 24 * 60;

/** A price in major units (roubles): at most a billion; sums of many stay exact in minor units. */
export const MAX_PRICE = 1_000_000_000;

/** Hours of a package: at most 100 000. */
export const MAX_PACKAGE_HOURS = 100_000;

/** Counts (incidents a day, months, levels): at most 100 000. */
export const MAX_COUNT = 100_000;

/** Years an instant or a date may name: four digits, from 1900 on (the trackers' epoch is 1970). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;

/** A UTC offset can be at most ±18:00 (ISO 8601, ECMAScript). */
export const MAX_OFFSET_MINUTES = 18 * 60;

/** Keys that would name an object's prototype instead of an entry: never a valid name. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__']);
