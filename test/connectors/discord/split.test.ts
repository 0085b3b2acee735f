import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitMessage } from '../../../connectors/discord/split.js';
import { decodeRating, encodeRating } from '../../../connectors/discord/rating.js';
import { parseDmRef } from '../../../connectors/discord/parse.js';

test('short text stays one message', () => {
  assert.deepEqual(splitMessage('hello'), ['hello']);
});

test('long text splits at paragraph, then sentence, never over the limit', () => {
  const para = 'a'.repeat(1500);
  const parts = splitMessage(`${para}\n\n${para}\n\n${para}`);
  assert.deepEqual(parts, [para, para, para]);
  const zh = '这是一个很长的句子。'.repeat(400); // 4,000 characters, no spaces
  const zparts = splitMessage(zh);
  assert.ok(zparts.every((p) => p.length <= 2000 && p.endsWith('。')));
  assert.equal(zparts.join(''), zh);
});

test('no separator: a hard cut that keeps surrogate pairs whole', () => {
  const emoji = '😀'.repeat(1500); // 3,000 UTF-16 units
  const parts = splitMessage(emoji);
  assert.ok(parts.every((p) => p.length <= 2000));
  assert.equal(parts.join(''), emoji);
  assert.ok(parts.every((p) => !/[\ud800-\udbff]$/.test(p)));
});

test('rating ids round-trip and stay within 100 characters', () => {
  const id = encodeRating(5, 'zh', 'conv-123');
  assert.deepEqual(decodeRating(id), { score: 5, language: 'zh', conversationId: 'conv-123' });
  const long = encodeRating(2, 'en', 'x'.repeat(120));
  assert.ok(long.length <= 100);
  assert.deepEqual(decodeRating(long), { score: 2, language: 'en' });
  assert.equal(decodeRating('sd-rate:en:9:x'), undefined);
  assert.equal(parseDmRef('discord:dm:123456789012345678'), '123456789012345678');
  assert.equal(parseDmRef('discord:dm:../x'), undefined);
});
