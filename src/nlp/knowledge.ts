/**
 * The owner's knowledge base: question/answer pairs in plain-text files under DATA_DIR/knowledge,
 * searched with BM25 (Okapi, k1 = 1.2, b = 0.75) over the same tokens the classifier uses.
 *
 * File format (any `*.txt` or `*.md` except README.md; entries separated by a line `---`):
 *   id: returns-policy
 *   intent: refund_return          (optional: a hint that boosts the entry for that intent)
 *   q: How do I return an item?    (one or more questions, any language)
 *   q: 怎么退货？
 *   en: The answer in English (may continue on following lines)
 *   zh: 中文答案
 */
import type { Intent } from '../core/model.js';
import type { KnowledgeEntry } from './knowledge-file.js';
import { englishTokens, normalize, segmentChinese, splitScripts } from './text.js';

export { loadKnowledge, parseKnowledge, type KnowledgeEntry } from './knowledge-file.js';

export interface KnowledgeMatch {
  entry: KnowledgeEntry;
  /**
   * BM25 score over Σ idf of the query's terms (what a document containing each term once,
   * at average length, scores), capped at 1: the share of the query the entry answers.
   */
  quality: number;
  score: number;
}

const STOP = new Set(
  'i me my we our you your it its is are was were be do does did a an the to of in on for and or but at by with from this that can could would will should please hi hello thanks thank how what when where why who which have has had there here some any just get'.split(
    ' ',
  ),
);
const ZH_STOP = new Set([
  '我',
  '你',
  '的',
  '了',
  '吗',
  '呢',
  '是',
  '在',
  '有',
  '请',
  '问',
  '一下',
  '您好',
  '你好',
  '我们',
  '你们',
  '怎么',
  '什么',
  '可以',
  '能',
  '吧',
  '啊',
]);

/** Tokens for retrieval: English stems without stop words, Chinese words and character bigrams. */
export function kbTokens(raw: string): string[] {
  const text = normalize(raw).toLowerCase();
  const { han, other } = splitScripts(text);
  const out: string[] = [];
  if (/[a-z]/.test(other)) {
    const en = englishTokens(other);
    en.stems.forEach((s, i) => {
      const w = en.words[i] ?? '';
      if (!STOP.has(w) && w.length > 1 && w[0] !== '<') out.push(s);
    });
  }
  for (const run of han) {
    for (const w of segmentChinese(run)) if (!ZH_STOP.has(w)) out.push('zw:' + w);
    for (let i = 0; i + 2 <= run.length; i++) out.push('z2:' + run.slice(i, i + 2));
  }
  return out;
}

/** Where a term occurs: its idf, and the entries holding it with their counts (entry order). */
interface Posting {
  idf: number;
  docs: number[];
  tf: number[];
}

export class KnowledgeBase {
  private readonly docs: { entry: KnowledgeEntry; len: number; lengthNorm: number }[];
  /**
   * Term → posting: a search looks each of its terms up once, rather than once per term and
   * entry (issue 21: the cost no longer grows with entries × terms, only with the matches).
   */
  private readonly postings = new Map<string, Posting>();
  private readonly avgLen: number;
  /** The idf of a term no entry holds. */
  private readonly unseenIdf: number;
  private static readonly k1 = 1.2;
  private static readonly b = 0.75;
  /** Per entry, the query's BM25 sum and matched terms (reused: a search is synchronous). */
  private readonly scores: Float64Array;
  private readonly matched: Int32Array;

  constructor(readonly entries: KnowledgeEntry[]) {
    const { k1, b } = KnowledgeBase;
    // Questions are indexed twice: they are what customers' messages look like.
    const counted = entries.map((entry) => {
      const tokens = [
        ...entry.questions.flatMap((q) => kbTokens(q)),
        ...entry.questions.flatMap((q) => kbTokens(q)),
        ...Object.values(entry.answers).flatMap((a) => kbTokens(a)),
      ];
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      return { entry, tf, len: tokens.length };
    });
    this.avgLen = counted.reduce((a, d) => a + d.len, 0) / Math.max(counted.length, 1);
    counted.forEach(({ tf }, i) => {
      for (const [t, f] of tf) {
        let p = this.postings.get(t);
        if (!p) this.postings.set(t, (p = { idf: 0, docs: [], tf: [] }));
        p.docs.push(i);
        p.tf.push(f);
      }
    });
    for (const p of this.postings.values()) p.idf = this.idf(p.docs.length);
    this.unseenIdf = this.idf(0);
    // The part of BM25's denominator that depends on the entry only (the same expression, so the
    // same value, as when it was computed per term).
    this.docs = counted.map(({ entry, len }) => ({
      entry,
      len,
      lengthNorm: k1 * (1 - b + (b * len) / this.avgLen),
    }));
    this.scores = new Float64Array(this.docs.length);
    this.matched = new Int32Array(this.docs.length);
  }

  /** The idf of a term held by `n` entries. */
  private idf(n: number): number {
    return Math.log(1 + (this.entries.length - n + 0.5) / (n + 0.5));
  }

  /** The best entry having an answer in `language`, with a 0..1 match quality. */
  search(query: string, language: string, intent?: Intent): KnowledgeMatch | undefined {
    const terms = [...new Set(kbTokens(query))];
    if (!terms.length || !this.docs.length) return undefined;
    const { k1 } = KnowledgeBase;
    const { scores, matched, docs } = this;
    scores.fill(0);
    matched.fill(0);
    let best = 0;
    // Terms in query order, so every entry adds its terms' scores in the same order as when each
    // entry was scored over all the terms in turn (floating-point sums depend on the order).
    for (const t of terms) {
      const p = this.postings.get(t);
      const idf = p ? p.idf : this.unseenIdf;
      best += idf;
      if (!p) continue;
      for (let j = 0; j < p.docs.length; j++) {
        const d = p.docs[j]!;
        const f = p.tf[j]!;
        matched[d] = matched[d]! + 1;
        scores[d] = scores[d]! + (idf * f * (k1 + 1)) / (f + docs[d]!.lengthNorm);
      }
    }
    let top: KnowledgeMatch | undefined;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      if (!d.entry.answers[language]) continue;
      let s = scores[i]!;
      if (intent && d.entry.intent && d.entry.intent !== intent) s *= 0.6;
      // One shared word ("order") is not an answer, however rare the word.
      if (matched[i]! < 2) s *= 0.3;
      const quality = best > 0 ? Math.min(1, s / best) : 0;
      if (!top || s > top.score) top = { entry: d.entry, score: s, quality };
    }
    return top;
  }
}
