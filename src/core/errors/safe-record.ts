import { z } from 'zod';

/** A copy of a record without a prototype: `record.toString` is undefined unless the data has a `toString` entry. */
export function nullPrototypeRecord<V>(record: Record<string, V>): Record<string, V> {
  const copy = Object.create(null) as Record<string, V>;
  for (const key of Object.keys(record)) copy[key] = record[key];
  return copy;
}

/**
 * A record of named entries (tariffs, calendars, priorities …) whose parsed value has no prototype,
 * so a name such as `constructor` or `toString` is looked up as data, never as a built-in property.
 */
export function namedRecord<V extends z.ZodType, K extends z.ZodType<string> = z.ZodString>(value: V, key?: K) {
  return z
    .record(key ?? z.string(), value)
    .transform((record) => nullPrototypeRecord(record as Record<string, z.infer<V>>));
}

/** True when `record` has an entry of that name of its own (not inherited). */
export function hasEntry(record: object | undefined, name: string): boolean {
  return record !== undefined && Object.hasOwn(record, name);
}

/** The record's own entry of that name, or undefined. */
export function entryOf<V>(record: Readonly<Record<string, V>> | undefined, name: string): V | undefined {
  return record !== undefined && Object.hasOwn(record, name) ? record[name] : undefined;
}
