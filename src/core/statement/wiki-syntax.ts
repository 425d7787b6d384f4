/** U+2060 WORD JOINER: invisible, and breaks a token a wiki would parse without changing what a reader sees. */
export const WORD_JOINER = '\u2060';

/**
 * Keeps Redmine's own wiki syntax in data (issue keys, subjects, names) from coming alive on a
 * published statement: a macro `{{include(Secret)}}`, a wiki link `[[Page]]` and a mention
 * `@login` get an invisible word joiner after their first character, so no formatter (Textile or
 * Markdown, whatever its escaping rules) sees the token, and a reader sees the same text.
 *
 * @example
 * defuseWikiSyntax('{{toc}} @admin'); // '{\u2060{toc}} @\u2060admin'
 */
export function defuseWikiSyntax(text: string): string {
  return text
    .replace(/\{(?=\{)/g, `{${WORD_JOINER}`)
    .replace(/\[(?=\[)/g, `[${WORD_JOINER}`)
    .replace(/@(?=[\p{L}\p{N}_.-])/gu, `@${WORD_JOINER}`);
}
