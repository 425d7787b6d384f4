/** A node of the Atlassian Document Format, the only body Jira Cloud v3 accepts for comments. */
export interface AdfNode {
  type: string;
  text?: string;
  version?: 1;
  content?: AdfNode[];
}

/**
 * Smallest ADF document showing `text` as typed: one paragraph per blank-line-separated
 * block, hard breaks for single newlines. Nothing is interpreted as markup, so text from
 * a catalog or a customer cannot inject links or mentions.
 *
 * @example
 * ```ts
 * plainTextToAdf('Response SLA breached.\nEscalated to L2.');
 * // { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [
 * //   { type: 'text', text: 'Response SLA breached.' }, { type: 'hardBreak' }, { type: 'text', text: 'Escalated to L2.' } ] }] }
 * ```
 */
export function plainTextToAdf(text: string): AdfNode {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((block) => block.replace(/^\n+|\n+$/g, ''))
    .filter((block) => block.length > 0)
    .map((block): AdfNode => {
      const content: AdfNode[] = [];
      block.split('\n').forEach((line, index) => {
        if (index > 0) content.push({ type: 'hardBreak' });
        // ADF rejects empty text nodes.
        if (line.length > 0) content.push({ type: 'text', text: line });
      });
      return { type: 'paragraph', content };
    });
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.length > 0 ? paragraphs : [{ type: 'paragraph', content: [] }],
  };
}
