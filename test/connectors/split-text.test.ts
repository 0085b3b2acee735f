import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { splitText } from '../../connectors/split-text.js';

describe('splitText', () => {
  test('never cuts a surrogate pair and keeps every character', () => {
    const text = '😀'.repeat(1500);
    const parts = splitText(text, 2000);
    assert.ok(parts.every((p) => p.length <= 2000 && !/^[\udc00-\udfff]/.test(p)));
    assert.equal(parts.join(''), text);
  });
  test('prefers paragraph and sentence breaks; short text is one part', () => {
    assert.deepEqual(splitText('short', 2000), ['short']);
    const parts = splitText(`${'a'.repeat(1200)}.\n\n${'b'.repeat(1200)}.`, 2000);
    assert.deepEqual(parts, [`${'a'.repeat(1200)}.`, `${'b'.repeat(1200)}.`]);
    const cjk = '你好。'.repeat(1000);
    assert.ok(splitText(cjk, 2000).every((p) => p.endsWith('。') && p.length <= 2000));
  });
});
