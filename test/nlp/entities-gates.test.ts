/**
 * extractEntities skips its order, money and digit date patterns on a message without a digit
 * (entities.ts): each of those patterns is proven, from its syntax tree, to need one.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import {
  DATE_PATTERNS,
  MONEY_PATTERNS,
  ORDER_PATTERNS,
  WORD_DATE_PATTERNS,
  extractEntities,
} from '../../src/nlp/entities.js';
import { anchorsCover } from './regex-anchors.js';

const DIGITS = [...'0123456789'];

test('the patterns skipped without a digit all need one', () => {
  const skipped = [
    ...ORDER_PATTERNS,
    ...MONEY_PATTERNS.map((p) => p.re),
    ...DATE_PATTERNS.filter((re) => !WORD_DATE_PATTERNS.includes(re)),
  ];
  assert.equal(skipped.length, ORDER_PATTERNS.length + MONEY_PATTERNS.length + 5);
  for (const re of skipped) assert.ok(anchorsCover(re, DIGITS), `/${re.source}/ can match without a digit`);
  // the analyser can tell: the word dates need none
  for (const re of WORD_DATE_PATTERNS) assert.equal(anchorsCover(re, DIGITS), false, re.source);
});

test('word dates are still read without a digit', () => {
  const e = extractEntities('can you deliver it tomorrow or next monday? 下周一也行');
  assert.deepEqual(e.dates, ['tomorrow', 'next monday', '下周一']);
  assert.deepEqual(e.orderNumbers, []);
  assert.deepEqual(e.money, []);
});
