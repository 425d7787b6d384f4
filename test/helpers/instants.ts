import { DateTime } from 'luxon';

/** Moscow has kept +03:00 all year since 2014, so a local Moscow time maps to one instant. */
export const MSK_ZONE = 'Europe/Moscow';
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** `"2026-11-16 10:00"` (Moscow wall time) → `"2026-11-16T10:00:00+03:00"`. */
export function mskIso(local: string): string {
  const parsed = DateTime.fromFormat(local, local.length > 16 ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm', {
    zone: MSK_ZONE,
  });
  if (!parsed.isValid) throw new Error(`bad test instant "${local}": write "YYYY-MM-DD HH:MM"`);
  return parsed.toISO({ suppressMilliseconds: true }) ?? '';
}

/** `"2026-11-16 10:00"` (Moscow wall time) → epoch milliseconds. */
export function msk(local: string): number {
  return DateTime.fromISO(mskIso(local), { setZone: true }).toMillis();
}

/** Epoch milliseconds → `"2026-11-16 10:00"` in Moscow (seconds shown only when not zero); null stays null. */
export function mskLocal(instantMs: number | null): string | null {
  if (instantMs === null) return null;
  const local = DateTime.fromMillis(instantMs, { zone: MSK_ZONE });
  return local.toFormat(local.second !== 0 || local.millisecond !== 0 ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm');
}
