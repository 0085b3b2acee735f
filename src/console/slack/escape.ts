/**
 * The one place the Slack console makes card text inert. Everything on a neutral card may
 * carry customer text (names, subjects, addresses, file names, content types, message text),
 * so the renderer treats every card string as untrusted:
 * - where no formatting is needed it goes out as `plain_text`, which Slack never parses
 *   (no mentions, no links, no bold);
 * - where it must sit in `mrkdwn` (a link label, the message's notification `text`), `&`, `<`
 *   and `>` are escaped as Slack's formatting guide asks, so `<!channel>` or
 *   `<http://evil|bank.com>` shows as typed, and the characters that open bold, italic,
 *   strike or code (`* _ ~ \``) are swapped for look-alikes so a customer cannot style text
 *   inside the desk's own formatting.
 * Modal initial values (plain_text_input) are plain text: they are never escaped.
 */

/** Escapes the three characters Slack mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Look-alikes for the characters that open mrkdwn styling. */
const STYLE_LOOKALIKES: Record<string, string> = {
  '*': '\u2217', // ∗ asterisk operator
  _: '\uFF3F', // ＿ fullwidth low line
  '~': '\u223C', // ∼ tilde operator
  '`': '\u02CB', // ˋ modifier letter grave accent
};

/**
 * Customer text for a mrkdwn object: escaped, and with the styling characters that could
 * open formatting (at the start or after a space or punctuation) replaced by look-alikes.
 * A styling character inside a word (j_doe@example.com) cannot open formatting and stays.
 */
export function inertMrkdwn(text: string): string {
  return escapeMrkdwn(text).replace(/(?<=^|[\s\p{P}\p{S}])[*_~`]/gu, (c) => STYLE_LOOKALIKES[c] ?? c);
}
