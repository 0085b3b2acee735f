/**
 * Text primitives shared by the classifier, the trainer and the knowledge base:
 * normalisation, script runs, wink-nlp (English, loaded once) and Intl.Segmenter (Chinese).
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { toSimplified } from './traditional.js';

type Wink = ReturnType<typeof winkNLP>;

let wink: Wink | undefined;

/**
 * The wink-nlp instance with the English lite model; loaded on first use (~100 ms), then shared.
 * Only the pipeline steps the sentiment needs (sentence boundaries, negation, sentiment): no
 * part-of-speech tagging or named entities, which nothing here reads and which cost a third of
 * every readDoc. Tokens, types, normals and stems do not depend on them.
 */
export function getWink(): Wink {
  wink ??= winkNLP(model, ['sbd', 'negation', 'sentiment']);
  return wink;
}

/** The model's Porter stemmer, memoised: stemming every token was half of englishTokens' time. */
const porter = (model as unknown as { addons: { stem: (word: string) => string } }).addons.stem;
const stemCache = new Map<string, string>();
function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = porter(word);
    if (stemCache.size >= 50_000) stemCache.clear(); // bounded: a long-running desk sees endless new words
    stemCache.set(word, s);
  }
  return s;
}

const zhSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** White space other than a single space: a non-space white space character, or two spaces. */
const SPACING = /[^\S ]| {2}/;

/**
 * NFKC folds full-width letters, digits and punctuation (common in Chinese input) to ASCII;
 * Traditional characters become Simplified so one model serves both. The classifier (urgency),
 * the intent features and the knowledge-base search each normalise the message: see recent().
 */
export const normalize: (text: string) => string = recent(4, (text) => {
  const folded = toSimplified(text.normalize('NFKC'));
  // As folded.replace(/\s+/g, ' '): when every run of white space is already a single space
  // (nearly every message) that changes nothing, and testing is cheaper than replacing.
  return (SPACING.test(folded) ? folded.replace(/\s+/g, ' ') : folded).trim();
});

export const HAN = /\p{Script=Han}/u;
export const HAN_RUN = /\p{Script=Han}+/gu;

/** Splits text into runs of Han characters and the rest (Latin words, digits, punctuation). */
export function splitScripts(text: string): { han: string[]; other: string } {
  const han = text.match(HAN_RUN) ?? [];
  const other = han.length ? text.replace(HAN_RUN, ' ') : text;
  return { han, other };
}

/**
 * The last `size` results of a pure, costly function of a string. The intent features and the
 * drafter's knowledge-base search tokenize the same text of a message one after the other (two
 * in three English messages, nine in ten Han runs): the second reuses the first's work. Small on
 * purpose — repeats within a message, not a cache of answers across messages. Results are
 * shared: callers must not change them (hence the readonly types).
 */
function recent<T>(size: number, compute: (input: string) => T): (input: string) => T {
  const keys: (string | undefined)[] = new Array<string | undefined>(size).fill(undefined);
  const values: T[] = [];
  let next = 0;
  return (input) => {
    for (let i = 0; i < size; i++) if (keys[i] === input) return values[i]!;
    const value = compute(input);
    keys[next] = input;
    values[next] = value;
    next = (next + 1) % size;
    return value;
  };
}

/** Chinese words of a Han run, via ICU's dictionary-based segmenter (a slow call: see recent()). */
export const segmentChinese: (run: string) => readonly string[] = recent(16, (run) => {
  const out: string[] = [];
  // The segments in order, as `for (const s of segments)` gives them: they partition the run, so
  // stepping from each one to the one containing its end visits them all. containing() skips the
  // iterator's result objects: 6.3 -> 4.5 µs per run over the bench's Chinese messages (issue 21).
  const segments = zhSegmenter.segment(run);
  for (let i = 0; i < run.length;) {
    const s = segments.containing(i)!;
    if (s.isWordLike) out.push(s.segment);
    i = s.index + s.segment.length;
  }
  return out;
});

export interface EnglishTokens {
  /** Lower-cased word forms, numbers and symbols replaced by shape tokens. */
  readonly words: readonly string[];
  /** Porter stems of `words` (same length). */
  readonly stems: readonly string[];
  /** wink-nlp's sentiment score of the text, -1..1. */
  readonly sentiment: number;
}

const EMAIL = /[^\s@]+@[^\s@]+\.[a-z]{2,}/gi;
const URL = /https?:\/\/\S+/gi;

/**
 * English tokens through wink-nlp; numbers become `<num>` / `<id>` so ids do not leak into
 * features. wink's readDoc is the costliest step of a message: see recent().
 */
export const englishTokens: (text: string) => EnglishTokens = recent(4, readEnglish);

function readEnglish(text: string): EnglishTokens {
  const nlp = getWink();
  const its = nlp.its;
  // Every address has an @ and every link a :// (tried only then: EMAIL backtracks over each word).
  let read = text.includes('@') ? text.replace(EMAIL, ' emailaddr ') : text;
  if (read.includes('://')) read = read.replace(URL, ' urladdr ');
  const doc = nlp.readDoc(read);
  const tokens = doc.tokens();
  const types = tokens.out(its.type) as string[];
  const normal = tokens.out(its.normal) as string[];
  const values = tokens.out(its.value) as string[];
  const words: string[] = [];
  const stems: string[] = [];
  for (let i = 0; i < types.length; i++) {
    const t = types[i];
    const w = normal[i] ?? '';
    if (t === 'punctuation' || t === 'emoticon' || t === 'emoji') continue;
    if (/\d/.test(w) && /[a-z]/.test(w) && w.length <= 8) {
      // Codes with letters keep their letters, digits folded: "2fa" → "0fa", "e04" → "e00",
      // "4pm" → "0pm", "mp3" → "mp0" (as a bare <num> they told the model nothing).
      const shape = w.replace(/\d/g, '0');
      words.push(shape);
      stems.push(shape);
      continue;
    }
    if (t === 'number' || /\d/.test(w)) {
      const shape = w.replace(/\D/g, '').length >= 5 ? '<id>' : '<num>';
      words.push(shape);
      stems.push(shape);
      continue;
    }
    if (t === 'symbol' && w !== '$' && w !== '#') continue;
    words.push(w);
    stems.push(stem(values[i] ?? w));
  }
  return { words, stems, sentiment: doc.out(its.sentiment) as number };
}
