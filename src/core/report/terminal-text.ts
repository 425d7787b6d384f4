/** ANSI escape sequences (CSI, OSC, and single-character escapes) and the other C0/C1 control characters. */
const ESCAPE_SEQUENCE =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text from issues (keys, names, summaries) made safe for a terminal: escape sequences are removed
 * and other control characters shown as U+FFFD, so an issue key cannot recolour, retitle or clear
 * the screen of whoever reads the board. Line feeds and tabs stay.
 *
 * @example
 * terminalSafe('ALFA-1\u001b[2J'); // 'ALFA-1'
 */
export function terminalSafe(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '\uFFFD');
}
