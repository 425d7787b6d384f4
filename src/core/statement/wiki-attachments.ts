/** Wiki markup of a Redmine page: its "Text formatting" setting. */
export type WikiFormat = 'textile' | 'markdown';

/** Files attached to a statement page: images shown inline, other files linked. */
export interface WikiAttachmentNames {
  images: readonly string[];
  files: readonly string[];
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function checkedName(name: string): string {
  if (!SAFE_NAME.test(name)) throw new Error(`attachment name "${name}" must be letters, digits, ".", "_" or "-"`);
  return name;
}

/**
 * The block of a statement page that shows its attached charts and links its attached files, in
 * Redmine's syntax for the page's formatting: `!chart.png!` (Textile) or `![](chart.png)` (Markdown)
 * for an image, `attachment:statement.csv` (both) for a download link. Names are checked to be
 * plain, so no name can carry markup.
 *
 * @example
 * wikiAttachmentsBlock('textile', { images: ['burn-down-2026-11.png'], files: ['statement-2026-11.csv'] });
 * // '!burn-down-2026-11.png!\n\nattachment:statement-2026-11.csv'
 */
export function wikiAttachmentsBlock(format: WikiFormat, names: WikiAttachmentNames): string {
  const images = names.images.map((name) =>
    format === 'textile' ? `!${checkedName(name)}!` : `![${checkedName(name)}](${name})`,
  );
  const links = names.files.map((name) => `attachment:${checkedName(name)}`);
  return [...images, ...(links.length > 0 ? [links.join(' · ')] : [])].join('\n\n');
}
