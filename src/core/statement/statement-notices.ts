import { formatIssuePath, type ValidationIssue } from '../errors/validation-issue';
import type { LeftOutDetail, StatementNotice } from './left-out-issues';
import type { Lang } from './statement-locale';
import { STATEMENT_WORDS, type StatementWords } from './statement-words';

/** One problem behind a left-out issue, in the statement's language when its code is known. */
function problemText(problem: ValidationIssue, words: StatementWords['leftOut']): string {
  const where = problem.path.length > 0 ? `${formatIssuePath(problem.path)}: ` : '';
  if (problem.value === undefined) return `${where}${problem.message}`;
  switch (problem.code) {
    case 'unknown_contract':
      return `${where}${words.unknownContract(problem.value)}`;
    case 'unknown_request_type':
      return `${where}${words.unknownRequestType(problem.value)}`;
    case 'unknown_priority':
      return `${where}${words.unknownPriority(problem.value)}`;
    case 'evaluation_failed':
      return `${where}${words.evaluationFailed(problem.value)}`;
    default:
      return `${where}${problem.message}`;
  }
}

function leftOutText(detail: LeftOutDetail, words: StatementWords['leftOut']): string {
  switch (detail.reason) {
    case 'issue_invalid':
      // The reader's own message, at the notice's path already.
      return words.invalid((detail.problems ?? []).map((problem) => problem.message).join('; '));
    case 'issue_created_after_at':
      return words.createdAfterAt(detail.key ?? '');
    case 'issue_before_first_term':
      return words.beforeFirstTerm(detail.key ?? '', detail.contract ?? '', detail.from ?? '');
    case 'issue_not_evaluated': {
      const problems = detail.problems ?? [];
      const reasons = problems.length > 0 ? problems.map((problem) => problemText(problem, words)).join('; ') : '';
      return words.notEvaluated(detail.key, reasons || words.noReason);
    }
  }
}

/**
 * A statement notice as its reader sees it, `path: text`, in the statement's language: the reason
 * of a left-out issue (invalid, created after the instant, before the contract, not evaluated and
 * why) in Russian or English; any other notice as the engine wrote it.
 *
 * @example
 * noticeText(notice, 'ru'); // 'issues[2].createdAt: LATE-1: не включена в отчёт, создана после момента, …'
 */
export function noticeText(notice: StatementNotice, lang: Lang): string {
  return `${formatIssuePath(notice.path)}: ${noticeMessage(notice, lang)}`;
}

/** The notice's message alone (no path) in the statement's language, as the JSON statement gives it. */
export function noticeMessage(notice: StatementNotice, lang: Lang): string {
  return notice.leftOut ? leftOutText(notice.leftOut, STATEMENT_WORDS[lang].leftOut) : notice.message;
}
