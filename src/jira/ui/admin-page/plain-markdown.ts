/**
 * Stand-in for codemirror-json-schema's Markdown renderer (swapped in by scripts/build-static.ts):
 * the schema's descriptions are shown as plain, escaped text, without loading a syntax highlighter.
 */
export function renderMarkdown(markdown: string): string {
  return markdown.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
