/**
 * Splits a long reply into parts a platform accepts (Messenger: 2000 characters, Telegram: 4096).
 * Shared by the connectors that must split text themselves (connectors-shared zone).
 */

/** Breaks tried in order: paragraph, line, sentence end, any whitespace. */
const BREAKS = [/\n\s*\n/g, /\n/g, /[.!?]\s+|[。！？]/g, /\s+/g];

/** Parts of at most `max` UTF-16 units, cut at the nicest break in the second half. */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    const head = rest.slice(0, cut).trimEnd();
    if (head) parts.push(head);
    rest = rest.slice(cut).trimStart();
  }
  if (rest || parts.length === 0) parts.push(rest);
  return parts;
}

function cutPoint(text: string, max: number): number {
  const head = text.slice(0, max);
  const min = Math.floor(max / 2);
  for (const pattern of BREAKS) {
    let best = -1;
    for (const match of head.matchAll(pattern)) {
      const end = match.index + match[0].length;
      if (end >= min && end <= max) best = end;
    }
    if (best > 0) return best;
  }
  // No break: a hard cut, but never between the halves of a surrogate pair (emoji, rare CJK).
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}
