/**
 * recommend.ts counts a message's size in one pass when it has no Han (messageSize). It must equal
 * the plain definition (Han characters, and the words left when each is replaced by a space) on
 * every team and probe line and on white space and scripts at the edges.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { teamLines } from '../support/team-lines.js';
import { messageSize } from '../../src/nlp/recommend.js';

function plainSize(text: string): number {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = text.replace(/\p{Script=Han}/gu, ' ').match(/\S+/g)?.length ?? 0;
  return words + han / 2;
}

test('messageSize equals the plain count on every team and probe line', () => {
  const lines = teamLines();
  assert.ok(lines.length > 5000);
  for (const text of lines) assert.equal(messageSize(text), plainSize(text), text);
});

test('messageSize equals the plain count on every kind of white space and at the script edges', () => {
  const spaces = '\t\n\v\f\r \u00a0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u200b\u180e';
  const samples = [
    '',
    '   ',
    `a${spaces}b`,
    ...[...spaces].map((s) => `call${s}me${s}${s}now`),
    'order 1234\u3000please',
    '订单 1234 还没到',
    '𠀀𠀁 two words',
    'lone \ud800 surrogate',
    '\u2e7f\u2e80\u2e81 edge',
    'ｆｕｌｌ ｗｉｄｔｈ',
    'emoji 📞 me',
  ];
  for (const text of samples) assert.equal(messageSize(text), plainSize(text), JSON.stringify(text));
});
