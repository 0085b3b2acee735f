/**
 * The knowledge base looks each query term up once in an inverted index (issue 21) instead of
 * scoring every entry over every term. This is the plain BM25 scan it replaced; both must pick the
 * same entry with bit-identical scores, on the sample knowledge base and on a larger one built
 * from the team's training messages (so that many entries share terms), for every team test
 * message, in both languages, with and without an intent hint.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { INTENTS, type Intent } from '../../src/core/model.js';
import { SAMPLE_KNOWLEDGE_DIR } from '../../src/nlp/drafter.js';
import {
  KnowledgeBase,
  kbTokens,
  loadKnowledge,
  type KnowledgeEntry,
  type KnowledgeMatch,
} from '../../src/nlp/knowledge.js';

/** The scan over every entry and term, as knowledge.ts had it before the index. */
function plainSearcher(entries: KnowledgeEntry[]) {
  const docs = entries.map((entry) => {
    const tokens = [
      ...entry.questions.flatMap((q) => kbTokens(q)),
      ...entry.questions.flatMap((q) => kbTokens(q)),
      ...Object.values(entry.answers).flatMap((a) => kbTokens(a)),
    ];
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    return { entry, tf, len: tokens.length };
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const avgLen = docs.reduce((a, d) => a + d.len, 0) / Math.max(docs.length, 1);
  return (query: string, language: string, intent?: Intent) =>
    plainSearch(docs, df, avgLen, query, language, intent);
}

function plainSearch(
  docs: { entry: KnowledgeEntry; tf: Map<string, number>; len: number }[],
  df: Map<string, number>,
  avgLen: number,
  query: string,
  language: string,
  intent?: Intent,
): KnowledgeMatch | undefined {
  const terms = [...new Set(kbTokens(query))];
  if (!terms.length || !docs.length) return undefined;
  const [k1, b] = [1.2, 0.75];
  const idf = terms.map((t) => {
    const n = df.get(t) ?? 0;
    return Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
  });
  const best = idf.reduce((a, x) => a + x, 0);
  let top: KnowledgeMatch | undefined;
  for (const d of docs) {
    if (!d.entry.answers[language]) continue;
    let s = 0;
    let matched = 0;
    for (let i = 0; i < terms.length; i++) {
      const f = d.tf.get(terms[i]!);
      if (!f) continue;
      matched++;
      s += (idf[i]! * f * (k1 + 1)) / (f + k1 * (1 - b + (b * d.len) / avgLen));
    }
    if (intent && d.entry.intent && d.entry.intent !== intent) s *= 0.6;
    if (matched < 2) s *= 0.3;
    const quality = best > 0 ? Math.min(1, s / best) : 0;
    if (!top || s > top.score) top = { entry: d.entry, score: s, quality };
  }
  return top;
}

/** Rows of a team TSV: [label, …, text]. */
function rows(file: string): string[][] {
  return readFileSync(new URL(`../../data-sets/team/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => line.split('\t'));
}

/** One entry per 40 training messages: their questions, an answer in one or both languages. */
function trainingKnowledge(): KnowledgeEntry[] {
  const train = [...rows('en-train.tsv'), ...rows('zh-train.tsv')];
  const out: KnowledgeEntry[] = [];
  for (let i = 0; i < train.length; i += 40) {
    const group = train.slice(i, i + 40);
    const n = out.length;
    out.push({
      id: `train-${n}`,
      ...(n % 3 ? { intent: group[0]![0] as Intent } : {}),
      questions: group.map((r) => r[r.length - 1]!),
      answers: n % 4 ? { en: `answer ${n}`, zh: `答案 ${n}` } : { en: `answer ${n}` },
      file: 'train.txt',
    });
  }
  return out;
}

const queries = [...rows('en-test.tsv'), ...rows('zh-test.tsv'), ...rows('zh-hant-test.tsv')].map((r) =>
  r[r.length - 1]!.replace(/\\n/g, '\n'),
);

function assertSame(actual: KnowledgeMatch | undefined, expected: KnowledgeMatch | undefined, what: string) {
  assert.equal(actual?.entry.id, expected?.entry.id, what);
  assert.ok(Object.is(actual?.score, expected?.score), `${what}: score ${actual?.score} ${expected?.score}`);
  assert.ok(Object.is(actual?.quality, expected?.quality), `${what}: quality`);
}

describe('knowledge search through the index equals the plain BM25 scan', () => {
  const bases = {
    sample: loadKnowledge(SAMPLE_KNOWLEDGE_DIR),
    training: trainingKnowledge(),
  };
  for (const [name, entries] of Object.entries(bases)) {
    test(`${name} knowledge base (${entries.length} entries)`, () => {
      assert.ok(entries.length >= 7);
      const kb = new KnowledgeBase(entries);
      const plain = plainSearcher(entries);
      let answered = 0;
      for (const [i, query] of queries.entries()) {
        const intent = i % 2 ? INTENTS[i % INTENTS.length] : undefined;
        for (const language of ['en', 'zh']) {
          const expected = plain(query, language, intent);
          assertSame(kb.search(query, language, intent), expected, `${language} ${query}`);
          if (expected && expected.quality > 0) answered++;
        }
      }
      assert.ok(answered > queries.length, `only ${answered} matches: the comparison says little`);
    });
  }

  test('an empty knowledge base and an empty query find nothing', () => {
    assert.equal(new KnowledgeBase([]).search('where is my order', 'en'), undefined);
    assert.equal(new KnowledgeBase(bases.sample).search('', 'en'), undefined);
  });
});
