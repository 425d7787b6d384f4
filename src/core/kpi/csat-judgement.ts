import type { CsatTarget } from '../catalog/csat-target-schema';
import type { SatisfactionFigures } from './satisfaction-kpis';

/** A month's CSAT against the tariff's target. */
export type CsatVerdict = 'met' | 'missed' | 'not_enough_responses';

/** The verdict and each measure's own outcome (null when the target does not state that measure). */
export interface CsatJudgement {
  target: CsatTarget;
  minimumResponses: number;
  verdict: CsatVerdict;
  satisfiedMet: boolean | null;
  averageMet: boolean | null;
}

/** Tolerance for comparing an average of whole scores with a decimal target (4.2 as 21/5). */
const EPSILON = 1e-9;

/**
 * Judges a month's satisfaction figures against a CSAT target: met when every measure the target
 * states is reached (share of satisfied responses, average rating), missed otherwise; not judged
 * with fewer responses than `minimumResponses` (1 when omitted).
 *
 * @example
 * judgeCsat({ responses: 5, satisfied: 4, satisfiedPercent: 80, averageScore: 4.2 }, { satisfiedPercent: 85 }).verdict; // 'missed'
 */
export function judgeCsat(figures: SatisfactionFigures, target: CsatTarget): CsatJudgement {
  const minimumResponses = target.minimumResponses ?? 1;
  if (figures.responses < minimumResponses || figures.responses === 0) {
    return { target, minimumResponses, verdict: 'not_enough_responses', satisfiedMet: null, averageMet: null };
  }
  // Whole-number comparison: satisfied / responses ≥ p / 100 ⇔ satisfied × 100 ≥ p × responses.
  const satisfiedMet =
    target.satisfiedPercent === undefined
      ? null
      : figures.satisfied * 100 + EPSILON >= target.satisfiedPercent * figures.responses;
  const averageMet =
    target.averageScore === undefined ? null : (figures.averageScore ?? 0) + EPSILON >= target.averageScore;
  const verdict = satisfiedMet === false || averageMet === false ? 'missed' : 'met';
  return { target, minimumResponses, verdict, satisfiedMet, averageMet };
}
