// working-time-calculator ships no types; this is the part the peer benchmark uses.
declare module 'working-time-calculator' {
  class WorkingTimeCalculator {
    static WEEKDAYS: number[];
    addWorkingHours(days: number | number[], startTime: string, stopTime: string, timezone?: string): void;
    excludeBetween(start: string | Date, end: string | Date, reason?: string): void;
    calcMinutesBetween(start: string | Date, end: string | Date): number;
  }
  export = WorkingTimeCalculator;
}
