import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createVisitorIds, isVisitorAddress } from '../../../connectors/webchat/visitor-id.js';

const ids = createVisitorIds('a-secret-of-thirty-two-characters!!');

test('an issued visitor id verifies to its address', () => {
  const { address, token } = ids.issue();
  assert.ok(isVisitorAddress(address));
  assert.equal(ids.verify(token), address);
});

test('two visitors get different ids', () => {
  assert.notEqual(ids.issue().address, ids.issue().address);
});

test('a tampered address or signature is refused', () => {
  const { token } = ids.issue();
  const [v, address, mac] = token.split('.') as [string, string, string];
  const other = ids.issue().address;
  assert.equal(ids.verify(`${v}.${other}.${mac}`), undefined, 'someone else’s address with my signature');
  const flipped = mac.slice(0, -2) + (mac.at(-2) === 'A' ? 'B' : 'A') + mac.at(-1);
  assert.equal(ids.verify(`${v}.${address}.${flipped}`), undefined, 'signature altered');
  assert.equal(ids.verify(`v2.${address}.${mac}`), undefined, 'unknown version');
});

test('an id signed with another secret is refused', () => {
  const foreign = createVisitorIds('another-secret-of-32-characters!!!').issue().token;
  assert.equal(ids.verify(foreign), undefined);
});

test('malformed values are refused, not thrown on', () => {
  for (const value of [
    undefined,
    null,
    42,
    {},
    '',
    'v1..',
    'v1.wc_x.y',
    'x'.repeat(500),
    'v1.../../etc/passwd.abc',
  ]) {
    assert.equal(ids.verify(value), undefined, String(value));
  }
});

test('a short APP_SECRET is rejected at construction', () => {
  assert.throws(() => createVisitorIds('short'), /APP_SECRET/);
});
