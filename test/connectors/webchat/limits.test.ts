import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WindowLimiter } from '../../../connectors/webchat/limits.js';

test('a window limiter allows max events per window per key, then says how long to wait', () => {
  let now = 1_000_000;
  const limiter = new WindowLimiter(3, 60_000, () => now);
  assert.equal(limiter.take('a'), 0);
  now += 1000;
  assert.equal(limiter.take('a'), 0);
  assert.equal(limiter.take('a'), 0);
  assert.equal(limiter.take('a'), 59_000, 'the first event leaves the window in 59 s');
  assert.equal(limiter.take('b'), 0, 'other keys have their own budget');
  now += 59_000;
  assert.equal(limiter.take('a'), 0, 'the first event left the window');
  assert.ok(limiter.take('a') > 0);
});

test('sweep forgets idle keys', () => {
  let now = 0;
  const limiter = new WindowLimiter(1, 1000, () => now);
  limiter.take('a');
  assert.ok(limiter.take('a') > 0);
  now = 5000;
  limiter.sweep();
  assert.equal(limiter.take('a'), 0);
});
