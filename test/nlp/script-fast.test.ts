/**
 * detectChineseScript reads a table by UTF-16 code unit instead of two Sets by character: equal
 * as long as the sets hold single BMP characters, and equal to the plain loop on every line.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { teamLines } from '../support/team-lines.js';
import { SCRIPT_SETS, detectChineseScript } from '../../src/nlp/script.js';

const { TRAD_ONLY, SIMP_ONLY } = SCRIPT_SETS;

function plainScript(text: string): 'Hant' | 'Hans' | undefined {
  let trad = 0;
  let simp = 0;
  for (const ch of text) {
    if (TRAD_ONLY.has(ch)) trad++;
    else if (SIMP_ONLY.has(ch)) simp++;
  }
  if (!trad && !simp) return undefined;
  return trad > simp ? 'Hant' : 'Hans';
}

test('the script sets hold single BMP characters only, and no character is in both', () => {
  for (const ch of [...TRAD_ONLY, ...SIMP_ONLY]) {
    assert.equal(ch.length, 1, ch);
    assert.ok(ch.charCodeAt(0) < 0xd800 || ch.charCodeAt(0) > 0xdfff, ch);
  }
  for (const ch of TRAD_ONLY) assert.equal(SIMP_ONLY.has(ch), false, ch);
  assert.ok(TRAD_ONLY.size > 1000 && SIMP_ONLY.size > 1000);
});

test('detectChineseScript equals the plain loop on every team and probe line', () => {
  const lines = teamLines();
  lines.push('𠀀𠀁 訂單', '𠀀 订单', '\ud800 lone 們', '');
  let hant = 0;
  for (const text of lines) {
    const plain = plainScript(text);
    assert.equal(detectChineseScript(text), plain, text);
    if (plain === 'Hant') hant++;
  }
  assert.ok(hant > 100, `only ${hant} Traditional lines`);
});
