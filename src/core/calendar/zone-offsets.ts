import { IANAZone } from 'luxon';

const SAMPLE_STEP_MS = 6 * 3_600_000;
/** Spans kept for reuse; a catalog has a handful of zones and each calendar window is a few years. */
const MAX_SHARED_SPANS = 32;
const sharedSpans: ZoneOffsets[] = [];

/**
 * The UTC offsets of one IANA zone over a span, as sorted pieces `[startMs, next startMs)`.
 *
 * Built once per calendar window (luxon is asked only here), then queried by binary search, so the
 * hot path never builds a zoned DateTime. Transitions are found by sampling every 6 hours and
 * bisecting to the millisecond; no real zone changes its offset twice within 6 hours.
 */
export class ZoneOffsets {
  /** Piece start instants, ascending; the first piece extends to -Infinity. */
  readonly pieceStartsMs: number[];
  /** Offset of each piece in milliseconds (local = utc + offset). */
  readonly pieceOffsetsMs: number[];

  /**
   * The offsets of a zone over at least `[fromMs, toMs]`, reusing a span already sampled for any
   * calendar in the same zone: sampling is most of the cost of compiling a calendar window, and a
   * zone's transitions are the same for every calendar.
   *
   * @example
   * const offsets = ZoneOffsets.covering('Europe/Berlin', Date.UTC(2025, 0, 1), Date.UTC(2028, 0, 1));
   * offsets.offsetMsAt(Date.UTC(2026, 6, 1)); // 7_200_000 (CEST)
   */
  static covering(zoneName: string, fromMs: number, toMs: number): ZoneOffsets {
    for (const offsets of sharedSpans) {
      if (offsets.zoneName === zoneName && offsets.fromMs <= fromMs && offsets.toMs >= toMs) return offsets;
    }
    const offsets = new ZoneOffsets(zoneName, fromMs, toMs);
    if (sharedSpans.length >= MAX_SHARED_SPANS) sharedSpans.shift();
    sharedSpans.push(offsets);
    return offsets;
  }

  constructor(
    readonly zoneName: string,
    readonly fromMs: number,
    readonly toMs: number,
  ) {
    const zone = IANAZone.create(zoneName);
    const offsetMsAt = (ms: number): number => zone.offset(ms) * 60_000;
    this.pieceStartsMs = [-Infinity];
    this.pieceOffsetsMs = [offsetMsAt(fromMs)];
    let previousMs = fromMs;
    let previousOffset = this.pieceOffsetsMs[0];
    for (let sampleMs = fromMs + SAMPLE_STEP_MS; previousMs < toMs; sampleMs += SAMPLE_STEP_MS) {
      const offset = offsetMsAt(sampleMs);
      if (offset !== previousOffset) {
        let low = previousMs;
        let high = sampleMs;
        while (high - low > 1) {
          const middle = Math.floor((low + high) / 2);
          if (offsetMsAt(middle) === previousOffset) low = middle;
          else high = middle;
        }
        this.pieceStartsMs.push(high);
        this.pieceOffsetsMs.push(offset);
        previousOffset = offset;
      }
      previousMs = sampleMs;
    }
  }

  /** Index of the piece holding a UTC instant. */
  pieceIndexAt(utcMs: number): number {
    let low = 0;
    let high = this.pieceStartsMs.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.pieceStartsMs[middle] <= utcMs) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** Offset in milliseconds at a UTC instant. */
  offsetMsAt(utcMs: number): number {
    return this.pieceOffsetsMs[this.pieceIndexAt(utcMs)];
  }

  /**
   * Every UTC sub-interval whose local wall time falls in `[wallStartMs, wallEndMs)`.
   * Usually one; none when the range sits in a DST gap; two when an overlap repeats part of it.
   */
  utcIntervalsForWallRange(wallStartMs: number, wallEndMs: number): Array<[number, number]> {
    const result: Array<[number, number]> = [];
    // Offsets never exceed ±18 h, so only pieces within that margin can map onto the wall range.
    const margin = 18 * 3_600_000;
    let index = this.pieceIndexAt(wallStartMs - margin);
    for (; index < this.pieceStartsMs.length; index++) {
      const pieceStart = this.pieceStartsMs[index];
      if (pieceStart > wallEndMs + margin) break;
      const pieceEnd = index + 1 < this.pieceStartsMs.length ? this.pieceStartsMs[index + 1] : Infinity;
      const offset = this.pieceOffsetsMs[index];
      const start = Math.max(wallStartMs - offset, pieceStart);
      const end = Math.min(wallEndMs - offset, pieceEnd);
      if (start < end) result.push([start, end]);
    }
    return result;
  }
}
