import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanText, parseClientFrame } from '../../../connectors/webchat/frames.js';

const parse = (frame: unknown, max = 50) =>
  parseClientFrame(typeof frame === 'string' ? frame : JSON.stringify(frame), max);

test('valid frames parse', () => {
  assert.deepEqual(parse({ type: 'hello' }), { ok: true, frame: { type: 'hello' } });
  assert.deepEqual(parse({ type: 'message', id: 'abcdef12', text: ' hi ' }), {
    ok: true,
    frame: { type: 'message', id: 'abcdef12', text: 'hi' },
  });
  assert.deepEqual(parse({ type: 'rate', requestId: 'o_x', score: 5 }), {
    ok: true,
    frame: { type: 'rate', requestId: 'o_x', score: 5 },
  });
  assert.deepEqual(parse({ type: 'email', address: ' Ann@Example.COM ' }), {
    ok: true,
    frame: { type: 'email', address: 'ann@example.com' },
  });
});

test('bad frames give an error code (with the message id when it is usable)', () => {
  assert.deepEqual(parse('{nope'), { ok: false, code: 'bad_json' });
  assert.deepEqual(parse('[1,2]'), { ok: false, code: 'bad_frame' });
  assert.deepEqual(parse('"hello"'), { ok: false, code: 'bad_frame' });
  assert.deepEqual(parse({ type: 'delete_everything' }), { ok: false, code: 'unknown_type' });
  assert.deepEqual(parse({ type: 'message', id: 'abcdef12' }), {
    ok: false,
    code: 'bad_frame',
    id: 'abcdef12',
  });
  assert.deepEqual(parse({ type: 'message', id: 'bad id!', text: 'x' }), { ok: false, code: 'bad_frame' });
  assert.deepEqual(parse({ type: 'message', id: 'abcdef12', text: 'x', extra: 1 }), {
    ok: false,
    code: 'bad_frame',
    id: 'abcdef12',
  });
  assert.deepEqual(parse({ type: 'rate', requestId: 'o_x', score: 6 }), { ok: false, code: 'bad_frame' });
  assert.deepEqual(parse({ type: 'rate', requestId: 'o_x', score: 2.5 }), { ok: false, code: 'bad_frame' });
  assert.deepEqual(parse({ type: 'email', address: 'not-an-email' }), { ok: false, code: 'bad_email' });
  assert.deepEqual(parse({ type: 'email', address: 'a@b.c<script>' }), { ok: false, code: 'bad_email' });
  assert.deepEqual(parse({ type: 'hello', lang: 'fr' }), { ok: false, code: 'bad_frame' });
});

test('message length is counted in characters and enforced', () => {
  assert.equal(parse({ type: 'message', id: 'abcdef12', text: '好'.repeat(50) }).ok, true);
  assert.deepEqual(parse({ type: 'message', id: 'abcdef12', text: '好'.repeat(51) }), {
    ok: false,
    code: 'too_long',
    id: 'abcdef12',
  });
  assert.equal(
    parse({ type: 'message', id: 'abcdef12', text: '😀'.repeat(50) }).ok,
    true,
    'emoji count once',
  );
  assert.deepEqual(parse({ type: 'message', id: 'abcdef12', text: ' \n\t ' }), {
    ok: false,
    code: 'empty',
    id: 'abcdef12',
  });
});

test('attachments are refused by policy', () => {
  assert.deepEqual(parse({ type: 'message', id: 'abcdef12', text: 'see file', attachments: [{}] }), {
    ok: false,
    code: 'attachments_unsupported',
    id: 'abcdef12',
  });
});

test('control characters are removed, line ends normalised', () => {
  assert.equal(cleanText('a\u0000b\r\nc\u200bd\u0007'), 'ab\ncd');
});
