import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOriginPolicy, normaliseOrigin } from '../../../connectors/webchat/origins.js';

test('origins are normalised (case, default port, path)', () => {
  assert.equal(normaliseOrigin('https://Shop.Example:443/about'), 'https://shop.example');
  assert.equal(normaliseOrigin('http://localhost:3000'), 'http://localhost:3000');
  assert.equal(normaliseOrigin('ftp://x.example'), undefined);
  assert.equal(normaliseOrigin('not a url'), undefined);
});

test('with no list: the desk’s own origin and same-host pages only', () => {
  const policy = createOriginPolicy([], 'https://desk.example.com');
  assert.ok(policy.allows('https://desk.example.com', 'internal:8080'));
  assert.ok(policy.allows('http://localhost:3000', 'localhost:3000'), 'same host as the request');
  assert.ok(!policy.allows('https://evil.example', 'desk.example.com'));
  assert.ok(!policy.allows('http://desk.example.com', 'other.example'), 'scheme matters for the own origin');
  assert.ok(!policy.allows(undefined, 'desk.example.com'), 'no Origin header');
  assert.ok(!policy.allows('null', 'desk.example.com'), 'opaque origin (sandboxed iframe, file:)');
});

test('a configured list allows exactly those origins plus the desk’s own', () => {
  const policy = createOriginPolicy(
    ['https://shop.example', 'https://www.shop.example/'],
    'https://desk.example.com',
  );
  assert.ok(policy.allows('https://shop.example', 'desk.example.com'));
  assert.ok(policy.allows('https://WWW.shop.example', 'desk.example.com'));
  assert.ok(policy.allows('https://desk.example.com', 'desk.example.com'));
  assert.ok(!policy.allows('https://shop.example.evil.com', 'desk.example.com'));
  assert.ok(!policy.allows('http://shop.example', 'desk.example.com'), 'http is not https');
  assert.ok(!policy.allows('http://127.0.0.1:3000', '127.0.0.1:3000'), 'same-host is not implied by a list');
});

test('`*` allows any http(s) origin but still not a missing one', () => {
  const policy = createOriginPolicy(['*'], 'https://desk.example.com');
  assert.ok(policy.allows('https://anything.example', 'desk.example.com'));
  assert.ok(!policy.allows(undefined, 'desk.example.com'));
});

test('a bad WEBCHAT_ORIGINS entry fails at startup', () => {
  assert.throws(() => createOriginPolicy(['shop.example'], 'https://desk.example.com'), /WEBCHAT_ORIGINS/);
});
