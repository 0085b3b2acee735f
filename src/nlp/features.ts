/**
 * The intent model's features: hashed word uni/bigrams and character n-grams for English
 * (robust to typos), Chinese words plus character uni/bi/trigrams. The trainer and the
 * classifier call the same function, so training and prediction can never drift apart.
 */
import { stripBoilerplate } from './boilerplate.js';
import { englishTokens, normalize, segmentChinese, splitScripts } from './text.js';
import { BucketSums } from './bucket-sums.js';

export interface FeatureVector {
  /** Hashed bucket indexes (may repeat; values are summed). */
  index: number[];
  value: number[];
}

export interface Featurized {
  features: FeatureVector;
  /** wink-nlp's sentiment of the English part (0 when there is none). */
  englishSentiment: number;
  englishWords: readonly string[];
  /** The text as the features saw it: boilerplate stripped, normalised, lower-cased. */
  text: string;
}

/** FNV-1a, 32 bit: fast and stable across runs and platforms. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** FNV state `h` carried on over `s`: hashing a feature in pieces gives the whole string's hash. */
export function fnvOn(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** FNV state after a feature prefix, so features can be hashed without building their strings. */
export function prefixState(prefix: string): number {
  return fnvOn(0x811c9dc5, prefix);
}
const FNV_C = prefixState('c:');
const FNV_Z1 = prefixState('z1:');
const FNV_Z2 = prefixState('z2:');
const FNV_Z3 = prefixState('z3:');
const FNV_S = prefixState('s:');
const FNV_B = prefixState('b:');
const FNV_ZW = prefixState('zw:');
const SPACE = ' '.charCodeAt(0);

/** The buckets of the text being featurized (one table, reused). */
const sums = new BucketSums();
/** The bucket mask of the text being featurized (module state, so the helpers below are not closures made per call). */
let mask = 0;

function add(f: string, w = 1): void {
  sums.bump(hash(f) & mask, w);
}

/** Adds the feature whose FNV state is `h` (a whole feature hashed, see fnvOn). */
function addState(h: number, w: number): void {
  sums.bump((h >>> 0) & mask, w);
}

/** Same bucket as add(prefix + s.slice(start, end)), without building the string. */
function addSlice(prefixState: number, s: string, start: number, end: number, w: number): void {
  let h = prefixState;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  addState(h, w);
}

/** Scratch for one word's character 4- and 5-gram states, by start (grown for long words). */
let grams4 = new Int32Array(64);
let grams5 = new Int32Array(64);

/**
 * add('c:' + padded.slice(j, j + n), 0.3) for n = 3, 4, 5 and every start j of ' ' + w + ' ', in
 * that order (all 3-grams, then the 4-grams, then the 5-grams: the order fixes which bucket
 * comes first in the vector). FNV-1a reads a string left to right, so one pass per start gives
 * the 3-gram's state, then one character more the 4-gram's, one more the 5-gram's: 5 steps per
 * start instead of 3 + 4 + 5, with the same states. The 3-grams are added as they come; the
 * 4- and 5-grams wait in scratch arrays for their turn.
 */
function addCharGrams(w: string): void {
  const len = w.length + 2; // the padded word
  if (grams4.length < len) {
    grams4 = new Int32Array(len * 2);
    grams5 = new Int32Array(len * 2);
  }
  for (let j = 0; j + 3 <= len; j++) {
    let h = FNV_C;
    for (let i = j; i < j + 3; i++) h = Math.imul(h ^ padded(w, i), 0x01000193);
    addState(h, 0.3);
    if (j + 4 <= len) {
      h = Math.imul(h ^ padded(w, j + 3), 0x01000193);
      grams4[j] = h;
      if (j + 5 <= len) grams5[j] = Math.imul(h ^ padded(w, j + 4), 0x01000193);
    }
  }
  for (let j = 0; j + 4 <= len; j++) addState(grams4[j]!, 0.3);
  for (let j = 0; j + 5 <= len; j++) addState(grams5[j]!, 0.3);
}

/** The code unit at `i` of ' ' + w + ' ', without building that string. */
function padded(w: string, i: number): number {
  return i === 0 || i > w.length ? SPACE : w.charCodeAt(i - 1);
}

export function featurize(raw: string, bits: number): Featurized {
  mask = sums.start(bits);
  const text = normalize(stripBoilerplate(raw)).toLowerCase();
  const { han, other } = splitScripts(text);
  let englishSentiment = 0;
  let englishWords: readonly string[] = [];
  add('<bias>');
  // A per-script bias: lets the model learn Chinese priors apart from the (larger) English data.
  if (han.length) add('<han>');

  if (/[a-z]/.test(other)) {
    const en = englishTokens(other);
    englishSentiment = en.sentiment;
    englishWords = en.words;
    // The sentiment lexicon knows words the intent data never saw ("hopeless", "legends"): it is
    // what tells a short vent from chit-chat and from praise.
    if (englishSentiment <= -0.05) add('<sent-neg>', -englishSentiment);
    else if (englishSentiment >= 0.05) add('<sent-pos>', englishSentiment);
    const { stems, words } = en;
    for (let i = 0; i < stems.length; i++) {
      const stem = stems[i]!;
      // add('s:' + stem) and add('b:' + previous + ' ' + stem), without the strings.
      addState(fnvOn(FNV_S, stem), 1);
      if (i > 0) addState(fnvOn(Math.imul(fnvOn(FNV_B, stems[i - 1]!) ^ SPACE, 0x01000193), stem), 1);
      const w = words[i] ?? '';
      if (w.length >= 3 && w[0] !== '<') addCharGrams(w);
    }
  }

  for (const run of han) {
    for (const w of segmentChinese(run)) addState(fnvOn(FNV_ZW, w), 1); // add('zw:' + w)
    for (let i = 0; i < run.length; i++) {
      addSlice(FNV_Z1, run, i, i + 1, 0.5);
      if (i + 2 <= run.length) addSlice(FNV_Z2, run, i, i + 2, 1);
      if (i + 3 <= run.length) addSlice(FNV_Z3, run, i, i + 3, 1);
    }
  }
  if (/\d{5,}/.test(other)) add('<has-id>');

  return { features: sums.normalised(), englishSentiment, englishWords, text };
}
