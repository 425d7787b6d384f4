import type { StatusSets } from '../catalog/compiled-catalog';
import type { EvaluatedIssue } from './evaluated-issue';
import { lineAt } from './line-at';
import { doneSinceAt } from './resolution-at';

/** A response of 4 or 5 (of 5) counts as satisfied. */
export const SATISFIED_MIN_SCORE = 4;

/** How many of the month's lowest ratings the statement lists. */
export const LOWEST_RATED_LIMIT = 5;

/** Ratings of a group of requests: how many, their average, and the share of satisfied ones (4–5). */
export interface SatisfactionFigures {
  responses: number;
  averageScore: number | null;
  satisfied: number;
  satisfiedPercent: number | null;
}

/** A rating of the month, with the request it rates. */
export interface RatedRequest {
  key: string;
  score: number;
  atMs: number;
  comment?: string;
  summary?: string;
  type: string;
  priority: string;
  line: string;
}

/**
 * Customer satisfaction (CSAT) of one contract in one month.
 * - Responses are the ratings given in the month (by their instant, in the contract's zone).
 * - The survey population is the requests resolved in the month: in a done status at month end (or
 *   at the evaluation instant) since an instant within the month. The response rate is the share of
 *   them rated by then. A rating given after the month ends counts as a response of its own month,
 *   and not in the closed month's response rate, so a closed month's figures never change.
 */
export interface SatisfactionKpis extends SatisfactionFigures {
  /** Responses per score: `distribution[0]` is the number of 1s, `distribution[4]` of 5s. */
  distribution: number[];
  resolved: number;
  rated: number;
  responseRatePercent: number | null;
  byType: Array<{ type: string } & SatisfactionFigures>;
  byLine: Array<{ line: string } & SatisfactionFigures>;
  /** The lowest ratings below satisfied (1–3), lowest and earliest first, at most {@link LOWEST_RATED_LIMIT}. */
  lowestRated: RatedRequest[];
}

/** What `satisfactionKpis` reads. */
export interface SatisfactionInputs {
  issues: readonly EvaluatedIssue[];
  statuses: StatusSets;
  startMs: number;
  endMs: number;
  nowMs: number;
}

class Tally {
  responses = 0;
  sum = 0;
  satisfied = 0;

  add(score: number): void {
    this.responses++;
    this.sum += score;
    if (score >= SATISFIED_MIN_SCORE) this.satisfied++;
  }

  figures(): SatisfactionFigures {
    return {
      responses: this.responses,
      averageScore: this.responses === 0 ? null : this.sum / this.responses,
      satisfied: this.satisfied,
      satisfiedPercent: this.responses === 0 ? null : (this.satisfied / this.responses) * 100,
    };
  }
}

function tallyOf(map: Map<string, Tally>, key: string): Tally {
  let tally = map.get(key);
  if (!tally) {
    tally = new Tally();
    map.set(key, tally);
  }
  return tally;
}

/** Groups with the most responses first, then by name. */
function byResponses(map: Map<string, Tally>): Array<[string, SatisfactionFigures]> {
  return [...map]
    .sort((a, b) => b[1].responses - a[1].responses || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([key, tally]) => [key, tally.figures()]);
}

/**
 * Responses, average rating, share of satisfied responses, response rate against the requests
 * resolved in the month, the same per request type and per support line (the line at the rating),
 * and the lowest-rated requests, for one contract and month `[startMs, endMs)`.
 *
 * @example
 * const csat = satisfactionKpis({ issues, statuses: contract.statuses, startMs, endMs, nowMs });
 * csat.satisfiedPercent; // 80: four of five responses were 4 or 5
 */
export function satisfactionKpis(inputs: SatisfactionInputs): SatisfactionKpis {
  const { issues, statuses, startMs, endMs, nowMs } = inputs;
  const cutoffMs = Math.min(endMs, nowMs);
  const all = new Tally();
  const distribution = [0, 0, 0, 0, 0];
  const byType = new Map<string, Tally>();
  const byLine = new Map<string, Tally>();
  const low: RatedRequest[] = [];
  let resolved = 0;
  let rated = 0;
  for (const { history, evaluation } of issues) {
    const rating = history.rating;
    const ratedByCutoff = rating !== undefined && rating.atMs < endMs && rating.atMs <= nowMs;
    const doneSinceMs = doneSinceAt(history, statuses, cutoffMs);
    if (doneSinceMs !== null && doneSinceMs >= startMs && doneSinceMs < endMs) {
      resolved++;
      if (ratedByCutoff) rated++;
    }
    if (!rating || !ratedByCutoff || rating.atMs < startMs) continue;
    const line = lineAt(history, rating.atMs) ?? 'unassigned';
    all.add(rating.score);
    distribution[rating.score - 1]++;
    tallyOf(byType, evaluation.type).add(rating.score);
    tallyOf(byLine, line).add(rating.score);
    if (rating.score < SATISFIED_MIN_SCORE) {
      low.push({
        key: history.key,
        score: rating.score,
        atMs: rating.atMs,
        ...(rating.comment !== undefined ? { comment: rating.comment } : {}),
        ...(history.summary !== undefined ? { summary: history.summary } : {}),
        type: evaluation.type,
        priority: evaluation.priority,
        line,
      });
    }
  }
  low.sort((a, b) => a.score - b.score || a.atMs - b.atMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    ...all.figures(),
    distribution,
    resolved,
    rated,
    responseRatePercent: resolved === 0 ? null : (rated / resolved) * 100,
    byType: byResponses(byType).map(([type, figures]) => ({ type, ...figures })),
    byLine: byResponses(byLine).map(([line, figures]) => ({ line, ...figures })),
    lowestRated: low.slice(0, LOWEST_RATED_LIMIT),
  };
}
