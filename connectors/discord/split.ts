/**
 * Discord rejects message content over 2,000 characters (PLATFORMS.md §7.34), so long
 * replies go out as several messages, cut where a reader would: a blank line, a line
 * break, a sentence end, a space — and never inside a surrogate pair.
 */
export const DISCORD_MAX_CONTENT = 2000;

export function splitMessage(text: string, max = DISCORD_MAX_CONTENT): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = -1;
    for (const sep of ['\n\n', '\n', '。', '. ', '! ', '? ', ' ']) {
      const at = window.lastIndexOf(sep);
      // Only cut where at least half the window is used, or parts get silly short.
      if (at >= max / 2) {
        cut = at + (sep === '。' || sep.length === 2 ? sep.trimEnd().length : 0);
        break;
      }
    }
    if (cut <= 0) {
      cut = max;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // keep the pair together
    }
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}
