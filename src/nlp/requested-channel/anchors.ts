/**
 * Cheap gates before the requested-channel regexes. Most messages ask for no channel, and running
 * some 200 regexes over each was most of what reading a request cost. Every regex declares the
 * words it cannot match without (`Rule.need`); a message whose lower-cased text holds none of them
 * skips it, and so gets exactly the hits the regex would have given (none). Each word is looked
 * for at most once per message (`includes` on one lower-cased copy), however many rules share it.
 *
 * Why lower-casing is safe: the regexes either have no `i` flag (and then the anchors are lower
 * case already) or have `i` without `u`, where a literal ASCII letter only matches that letter in
 * either case; lower-casing maps each ASCII character to one character, so a literal run of a
 * match stays a run of the lower-cased text. The gate test checks every list against its regex.
 */

const ids = new Map<string, number>();
const words: string[] = [];

/** The ids of a rule's anchor words (registered once, at module load). */
export function anchorIds(need: readonly string[]): number[] {
  return need.map((w) => {
    let id = ids.get(w);
    if (id === undefined) {
      id = words.length;
      words.push(w);
      ids.set(w, id);
    }
    return id;
  });
}

/** Off only in the gate test, which compares the gated and the ungated readings. */
export const gates = { on: true };

/** Which anchor words one message's text holds, looked up lazily. */
export class Anchors {
  /** 0 not looked for yet, 1 present, 2 absent. */
  private readonly state = new Uint8Array(words.length);
  private readonly lower: string;

  constructor(text: string) {
    this.lower = text.toLowerCase();
  }

  /** Whether the text holds one of the words (always true with the gates off). */
  any(need: readonly number[]): boolean {
    if (!gates.on) return true;
    for (const id of need) {
      let s = this.state[id];
      if (s !== 1 && s !== 2) {
        s = this.lower.includes(words[id] as string) ? 1 : 2;
        this.state[id] = s;
      }
      if (s === 1) return true;
    }
    return false;
  }
}
