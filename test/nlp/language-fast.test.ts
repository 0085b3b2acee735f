/**
 * detectLanguage's fast paths must not change an answer: the script scans are skipped for text
 * with no character from U+0370 on, and latinScores looks each word up once and tests its letters
 * only on text outside ASCII. Checked exhaustively where that is possible, and against the plain
 * definition on every team and probe line.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { teamLines } from '../support/team-lines.js';
import { OTHER_SCRIPTS, SCRIPTS } from '../../src/nlp/language.js';
import { LETTERS, WORDS, latinScores } from '../../src/nlp/latin-words.js';

/** latinScores as first written: one pass per language, letters on every text. */
function plainScores(words: string[], text: string): Record<string, number> {
  const scores: Record<string, number> = {};
  const unique = [...new Set(words)];
  for (const [lang, list] of Object.entries(WORDS)) {
    const set = new Set(list.split(' '));
    let n = 0;
    for (const w of unique) if (set.has(w)) n++;
    if (n) scores[lang] = n;
  }
  const lower = text.toLowerCase();
  for (const [re, add] of LETTERS)
    if (re.test(lower)) for (const [lang, w] of Object.entries(add)) scores[lang] = (scores[lang] ?? 0) + w;
  return scores;
}

test('no script detectLanguage counts has a character below U+0370', () => {
  for (const [re, lang] of SCRIPTS) {
    const one = new RegExp(re.source, re.flags.replace('g', ''));
    for (let cp = 0; cp < 0x370; cp++)
      assert.equal(one.test(String.fromCodePoint(cp)), false, `${lang} matches U+${cp.toString(16)}`);
  }
});

test('every code point of every script but Han is one OTHER_SCRIPTS finds', () => {
  let checked = 0;
  for (const [re, lang] of SCRIPTS) {
    if (lang === 'zh') continue;
    const one = new RegExp(re.source, re.flags.replace('g', ''));
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (!one.test(ch)) continue;
      checked++;
      assert.ok(OTHER_SCRIPTS.test(ch), `${lang}: U+${cp.toString(16)} is outside OTHER_SCRIPTS`);
    }
  }
  assert.ok(checked > 1000);
  // and it is no catch-all: Chinese text and emoji are outside it
  assert.equal(OTHER_SCRIPTS.test('订单还没到，请尽快处理。😀'), false);
});

test('no letter latinScores weighs is ASCII, upper or lower case', () => {
  for (const [re] of LETTERS)
    for (let c = 0; c < 0x80; c++)
      assert.equal(re.test(String.fromCharCode(c).toLowerCase()), false, re.source);
});

test('latinScores equals the plain scoring, key order included, on every team and probe line', () => {
  const lines = [...teamLines(), 'Où est ma commande ?', 'ÑANDÚ ¿Dónde?', 'Straße ÄÖÜ', 'AÇÃO'];
  assert.ok(lines.length > 5000);
  for (const text of lines) {
    const words = (text.match(/[A-Za-z\u00c0-\u024f']+/g) ?? []).map((w) => w.toLowerCase());
    assert.equal(JSON.stringify(latinScores(words, text)), JSON.stringify(plainScores(words, text)), text);
  }
});
