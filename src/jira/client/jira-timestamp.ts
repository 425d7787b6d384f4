const JIRA_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Epoch milliseconds of a Jira timestamp, or undefined when the text is not one.
 *
 * Jira writes offsets without a colon (`2026-11-20T15:00:00.000+0300`), which
 * `Date.parse` only accepts through engine-specific leniency; this parser states the
 * accepted forms instead: `±hhmm`, `±hh:mm` or `Z`, optional fraction.
 *
 * @example
 * ```ts
 * parseJiraTimestamp('2026-11-20T15:00:00.000+0300'); // 1795176000000
 * parseJiraTimestamp('20 Nov 2026');                   // undefined
 * ```
 */
export function parseJiraTimestamp(text: string): number | undefined {
  const match = JIRA_TIMESTAMP.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '0', zone] = match;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, Math.floor(Number(`0.${fraction}`) * 1000));
  // Date.UTC rolls 31 April over to 1 May; a real timestamp never needs that.
  if (new Date(utc).getUTCDate() !== d) return undefined;
  if (zone === 'Z') return utc;
  const digits = zone.replace(':', '');
  const offsetMinutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return zone.startsWith('-') ? utc + offsetMinutes * 60_000 : utc - offsetMinutes * 60_000;
}
