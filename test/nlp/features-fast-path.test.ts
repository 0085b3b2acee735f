/**
 * The intent and urgency featurizers hash features without building their strings and sum them in
 * a small reused table (issue 21). These are the plain definitions — every feature a string,
 * hashed whole, summed in a Map in first-seen order — and the fast ones must give exactly the same
 * vectors (same buckets in the same order, bit-identical values) on every message of the team
 * data sets, or the models would read something they were not trained on.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { stripBoilerplate } from '../../src/nlp/boilerplate.js';
import { featurize, hash, type FeatureVector } from '../../src/nlp/features.js';
import { createClassifier } from '../../src/nlp/index.js';
import { englishTokens, normalize, segmentChinese, splitScripts } from '../../src/nlp/text.js';
import { toSimplified } from '../../src/nlp/traditional.js';
import { featurizeUrgency, urgencyCues, type UrgencyInput } from '../../src/nlp/urgency-features.js';

const TEAM = fileURLToPath(new URL('../../data-sets/team/', import.meta.url));

/** Every message of every team TSV (the longest field of a line is its text). */
function teamTexts(dir = TEAM): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...teamTexts(path));
    else if (name.endsWith('.tsv'))
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        if (!line.trim() || line.startsWith('#')) continue;
        const text = line.split('\t').reduce((a, b) => (b.length > a.length ? b : a), '');
        out.push(text.replace(/\\n/g, '\n'));
      }
  }
  return out;
}

/** Sums per bucket in first-seen order, L2-normalised: what BucketSums does, with a Map. */
class PlainSums {
  readonly sums = new Map<number, number>();
  constructor(private readonly mask: number) {}
  add = (f: string, w = 1): void => {
    const k = hash(f) & this.mask;
    this.sums.set(k, (this.sums.get(k) ?? 0) + w);
  };
  normalised(): FeatureVector {
    let norm = 0;
    for (const v of this.sums.values()) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    return { index: [...this.sums.keys()], value: [...this.sums.values()].map((v) => v / norm) };
  }
}

function plainFeaturize(raw: string, bits: number) {
  const s = new PlainSums((1 << bits) - 1);
  const add = s.add;
  const text = normalize(stripBoilerplate(raw)).toLowerCase();
  const { han, other } = splitScripts(text);
  add('<bias>');
  if (han.length) add('<han>');
  let englishSentiment = 0;
  let englishWords: readonly string[] = [];
  if (/[a-z]/.test(other)) {
    const en = englishTokens(other);
    englishSentiment = en.sentiment;
    englishWords = en.words;
    if (en.sentiment <= -0.05) add('<sent-neg>', -en.sentiment);
    else if (en.sentiment >= 0.05) add('<sent-pos>', en.sentiment);
    en.stems.forEach((stem, i) => {
      add('s:' + stem);
      if (i > 0) add('b:' + en.stems[i - 1] + ' ' + stem);
      const w = en.words[i] ?? '';
      if (w.length >= 3 && w[0] !== '<') {
        const padded = ' ' + w + ' ';
        for (let n = 3; n <= 5; n++)
          for (let j = 0; j + n <= padded.length; j++) add('c:' + padded.slice(j, j + n), 0.3);
      }
    });
  }
  for (const run of han) {
    for (const w of segmentChinese(run)) add('zw:' + w);
    for (let i = 0; i < run.length; i++) {
      add('z1:' + run.slice(i, i + 1), 0.5);
      if (i + 2 <= run.length) add('z2:' + run.slice(i, i + 2));
      if (i + 3 <= run.length) add('z3:' + run.slice(i, i + 3));
    }
  }
  if (/\d{5,}/.test(other)) add('<has-id>');
  return { features: s.normalised(), englishSentiment, englishWords, text };
}

function plainUrgency(input: UrgencyInput, bits: number): FeatureVector {
  const s = new PlainSums((1 << bits) - 1);
  const add = s.add;
  const { plain, intent, text } = input;
  add('<bias>');
  for (const [label, p] of Object.entries(input.intentProbabilities)) if (p > 0.05) add('i:' + label, p);
  add('s:' + input.sentiment);
  add('is:' + intent + ':' + input.sentiment);
  const cues = urgencyCues(plain);
  for (const c of cues) {
    add('c:' + c, 2);
    add('ci:' + c + ':' + intent, 2);
  }
  if (!cues.length) add('c:none:' + intent);
  for (let i = 0; i + 1 < cues.length; i++) add('cc:' + cues[i] + '+' + cues[i + 1]);
  const bangs = text.match(/[!！]/g)?.length ?? 0;
  if (bangs) add(bangs >= 3 ? 'x:bang3' : 'x:bang');
  if (/[?？]{2,}/.test(text)) add('x:qq');
  if (/\b[A-Z]{4,}\b.*\b[A-Z]{4,}\b/.test(text)) add('x:caps');
  const n = text.length;
  add(n < 20 ? 'x:len<20' : n < 60 ? 'x:len<60' : n < 200 ? 'x:len<200' : 'x:len>=200');
  const words = input.englishWords;
  words.forEach((w, i) => {
    add('w:' + w, 0.5);
    if (i > 0) add('b:' + words[i - 1] + ' ' + w, 0.5);
  });
  for (const run of plain.match(/\p{Script=Han}+/gu) ?? [])
    for (let i = 0; i + 2 <= run.length; i++) add('z:' + run.slice(i, i + 2), 0.5);
  return s.normalised();
}

/** Exact equality, value by value (Object.is: no tolerance, and -0 is not 0). */
function assertSameVector(actual: FeatureVector, expected: FeatureVector, text: string): void {
  assert.deepEqual([...actual.index], expected.index, text);
  assert.equal(actual.value.length, expected.value.length, text);
  for (let i = 0; i < expected.value.length; i++)
    assert.ok(Object.is(actual.value[i], expected.value[i]), `${text}: value ${i}`);
}

const texts = teamTexts();
const classifier = createClassifier();

describe('featurizers equal their plain definitions on the team data sets', () => {
  test('the data sets are there', () => assert.ok(texts.length > 5000, String(texts.length)));

  test('featurize (intent)', () => {
    const bits = classifier.model.bits;
    for (const text of texts) {
      const fast = featurize(text, bits);
      const plain = plainFeaturize(text, bits);
      assertSameVector(fast.features, plain.features, text);
      assert.equal(fast.englishSentiment, plain.englishSentiment, text);
      assert.deepEqual(fast.englishWords, plain.englishWords, text);
      assert.equal(fast.text, plain.text, text);
    }
  });

  test('featurizeUrgency', () => {
    const bits = classifier.urgencyModel!.bits;
    for (const text of texts) {
      const { urgencyInput } = classifier.analyse(text);
      assertSameVector(featurizeUrgency(urgencyInput, bits), plainUrgency(urgencyInput, bits), text);
    }
  });

  test('normalize equals its plain definition', () => {
    for (const text of [...texts, ' a\t b\u3000c  d \n', '\u00a0x\u2028', '  ', ''])
      assert.equal(normalize(text), toSimplified(text.normalize('NFKC')).replace(/\s+/g, ' ').trim(), text);
  });

  test('segmentChinese equals iterating the segmenter, on every Han run', () => {
    const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
    let runs = 0;
    for (const text of texts)
      for (const run of splitScripts(normalize(text).toLowerCase()).han.concat(
        text.match(/\p{Script=Han}+/gu) ?? [],
      )) {
        const plain = [...segmenter.segment(run)].filter((s) => s.isWordLike).map((s) => s.segment);
        assert.deepEqual(segmentChinese(run), plain, run);
        runs++;
      }
    assert.ok(runs > 3000, String(runs));
  });

  test('a long text (more distinct buckets than a small table holds) and an empty one', () => {
    const long = texts.join('\n').slice(0, 20_000);
    assertSameVector(featurize(long, 17).features, plainFeaturize(long, 17).features, 'long');
    assertSameVector(featurize('', 17).features, plainFeaturize('', 17).features, 'empty');
  });
});
