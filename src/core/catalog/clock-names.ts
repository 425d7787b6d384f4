/** The three SLA clocks, in the order they normally stop. */
export const CLOCK_NAMES = ['reaction', 'start', 'resolution'] as const;
export type ClockName = (typeof CLOCK_NAMES)[number];
