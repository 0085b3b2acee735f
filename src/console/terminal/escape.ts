/**
 * The one place the terminal console makes text inert. A terminal obeys control characters:
 * a customer's ESC sequence could clear the screen, rewrite earlier lines, retitle the window
 * or hide text, and a lone CR or bidi override can make a line read differently than it is.
 * Every control character except newline and tab is shown as U+FFFD instead.
 */
// C0 (but \t and \n), DEL, C1, and the bidi embedding/override/isolate controls.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function inertTerminal(text: string): string {
  return text.replace(CONTROLS, '\uFFFD');
}
