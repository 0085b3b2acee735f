/**
 * Cheap gates before the requested-channel regexes. Most messages ask for no channel, and running
 * some 200 regexes over each was most of what reading a request cost. Every regex declares the
 * words it cannot match without (`Rule.need`); a message whose lower-cased text holds none of them
 * skips it, and so gets exactly the hits the regex would have given (none). Each word is looked
 * for at most once per message, however many rules share it.
 *
 * Why lower-casing is safe: the regexes either have no `i` flag (and then the anchors are lower
 * case already) or have `i` without `u`, where a literal ASCII letter only matches that letter in
 * either case; lower-casing maps each ASCII character to one character, so a literal run of a
 * match stays a run of the lower-cased text. The gate test checks every list against its regex.
 */

const ids = new Map<string, number>();
const words: string[] = [];
/** Per word, the hashes of its adjacent character pairs (see `pairHash`). */
const wordPairs: number[][] = [];

/**
 * Some 150 distinct words, one `includes` each, cost more than the rules they saved. A word can
 * only be in the text if every pair of adjacent characters in it is, so one pass over the text
 * marks the pairs it holds (hashed into a small table: a collision only lets a word through to
 * `includes`, never hides one) and most words are ruled out by a table read.
 */
const PAIR_BITS = 12;
const pairHash = (a: number, b: number): number => ((a << 5) ^ b) & ((1 << PAIR_BITS) - 1);

/** The ids of a rule's anchor words (registered once, at module load). */
export function anchorIds(need: readonly string[]): number[] {
  return need.map((w) => {
    let id = ids.get(w);
    if (id === undefined) {
      id = words.length;
      words.push(w);
      ids.set(w, id);
      const pairs: number[] = [];
      for (let i = 1; i < w.length; i++) pairs.push(pairHash(w.charCodeAt(i - 1), w.charCodeAt(i)));
      wordPairs.push(pairs);
    }
    return id;
  });
}

/** Off only in the gate test, which compares the gated and the ungated readings. */
export const gates = { on: true };

/**
 * Which anchor words the current message holds. One message at a time (readRequest is
 * synchronous): `read` starts a new message, and the tables are reused, stamped with a message
 * number instead of cleared, so nothing is allocated per message.
 */
export class Anchors {
  private lower = '';
  private message = 0;
  private pairs = new Uint32Array(1 << PAIR_BITS);
  /** The message number a word was last looked for in, and whether it was present then. */
  private seenIn = new Uint32Array(0);
  private present = new Uint8Array(0);

  read(text: string): this {
    if (this.seenIn.length < words.length) {
      this.seenIn = new Uint32Array(words.length);
      this.present = new Uint8Array(words.length);
    }
    if (++this.message === 0xffffffff) {
      this.message = 1;
      this.pairs.fill(0);
      this.seenIn.fill(0);
    }
    const lower = text.toLowerCase();
    this.lower = lower;
    const { pairs, message } = this;
    let prev = lower.charCodeAt(0);
    for (let i = 1; i < lower.length; i++) {
      const c = lower.charCodeAt(i);
      pairs[pairHash(prev, c)] = message;
      prev = c;
    }
    return this;
  }

  private has(id: number): boolean {
    if (this.seenIn[id] === this.message) return this.present[id] === 1;
    let found = true;
    for (const h of wordPairs[id] as number[])
      if (this.pairs[h] !== this.message) {
        found = false;
        break;
      }
    if (found) found = this.lower.includes(words[id] as string);
    this.seenIn[id] = this.message;
    this.present[id] = found ? 1 : 0;
    return found;
  }

  /** Whether the text holds one of the words (always true with the gates off). */
  any(need: readonly number[]): boolean {
    if (!gates.on) return true;
    for (const id of need) if (this.has(id)) return true;
    return false;
  }
}
