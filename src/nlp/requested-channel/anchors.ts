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
/** Per word, the hashes of its adjacent character pairs (see `pairHash`), and the gates it opens. */
const wordPairs: number[][] = [];
const wordGates: number[][] = [];
let gateCount = 0;

/**
 * Some 150 distinct words, one `includes` each, cost more than the rules they saved. A word can
 * only be in the text if every pair of adjacent characters in it is, so one pass over the text
 * marks the pairs it holds (hashed into a small table: a collision only lets a word through to
 * `includes`, never hides one) and most words are ruled out by a table read.
 */
const PAIR_BITS = 12;
const pairHash = (a: number, b: number): number => ((a << 5) ^ b) & ((1 << PAIR_BITS) - 1);

function wordId(w: string): number {
  let id = ids.get(w);
  if (id === undefined) {
    id = words.length;
    words.push(w);
    ids.set(w, id);
    const pairs: number[] = [];
    for (let i = 1; i < w.length; i++) pairs.push(pairHash(w.charCodeAt(i - 1), w.charCodeAt(i)));
    wordPairs.push(pairs);
    wordGates.push([]);
  }
  return id;
}

/**
 * A gate for a rule's anchor words (registered once, at module load): open for a message whose
 * text holds one of them. Each word, however many rules share it, is looked for once per message.
 */
export function anchorGate(need: readonly string[]): number {
  const gate = gateCount++;
  for (const w of need) (wordGates[wordId(w)] as number[]).push(gate);
  return gate;
}

/** Off only in the gate test, which compares the gated and the ungated readings. */
export const gates = { on: true };

/**
 * Which gates the current message opens. One message at a time (readRequest is synchronous):
 * `read` starts a new message, and the tables are reused, stamped with a message number instead
 * of cleared, so nothing is allocated per message.
 */
export class Anchors {
  private message = 0;
  private pairs = new Uint32Array(1 << PAIR_BITS);
  /** The message number that last opened each gate. */
  private openIn = new Uint32Array(0);

  read(text: string): this {
    if (this.openIn.length < gateCount) this.openIn = new Uint32Array(gateCount);
    if (++this.message === 0xffffffff) {
      this.message = 1;
      this.pairs.fill(0);
      this.openIn.fill(0);
    }
    const lower = text.toLowerCase();
    const { pairs, message, openIn } = this;
    let prev = lower.charCodeAt(0);
    for (let i = 1; i < lower.length; i++) {
      const c = lower.charCodeAt(i);
      pairs[pairHash(prev, c)] = message;
      prev = c;
    }
    // every word once: ruled out by a missing pair (most by their first), else by includes; a
    // present word opens its gates
    words: for (let id = 0; id < words.length; id++) {
      const pairList = wordPairs[id] as number[];
      if (pairList.length && pairs[pairList[0] as number] !== message) continue;
      for (let k = 1; k < pairList.length; k++) if (pairs[pairList[k] as number] !== message) continue words;
      if (!lower.includes(words[id] as string)) continue;
      for (const g of wordGates[id] as number[]) openIn[g] = message;
    }
    return this;
  }

  /** Whether the text holds one of the gate's words (always true with the gates off). */
  any(gate: number): boolean {
    return !gates.on || this.openIn[gate] === this.message;
  }
}
