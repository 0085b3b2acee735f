/** The shared token bucket and the client-address rules of the public doors. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  clientAddress,
  clientKey,
  isLocalRequest,
  isLoopback,
  normaliseAddress,
} from '../../src/core/client-address.js';
import { perPeriod, TokenBuckets } from '../../src/core/rate-limit.js';

describe('TokenBuckets', () => {
  it('allows a burst of `capacity`, then one per refill interval, per key', () => {
    let now = 0;
    const buckets = new TokenBuckets({ capacity: 3, refillEveryMs: 1000 }, () => now);
    assert.deepEqual(
      [1, 2, 3].map(() => buckets.take('a')),
      [0, 0, 0],
    );
    assert.equal(buckets.take('a'), 1000, 'empty: a token comes back in 1 s');
    assert.equal(buckets.take('b'), 0, 'another key has its own bucket');
    now += 400;
    assert.equal(buckets.take('a'), 600, 'a refused take costs nothing');
    now += 600;
    assert.equal(buckets.take('a'), 0);
    assert.ok(buckets.take('a') > 0);
    now += 60_000;
    assert.deepEqual(
      [1, 2, 3, 4].map(() => buckets.take('a') === 0),
      [true, true, true, false],
      'refills to capacity, no more',
    );
  });

  it('peek takes nothing', () => {
    const buckets = new TokenBuckets({ capacity: 1, refillEveryMs: 1000 }, () => 0);
    assert.equal(buckets.peek('a'), 0);
    assert.equal(buckets.peek('a'), 0);
    assert.equal(buckets.take('a'), 0);
    assert.equal(buckets.peek('a'), 1000);
  });

  it('stays bounded: sweep drops full buckets, and past maxKeys the least recent go', () => {
    let now = 0;
    const buckets = new TokenBuckets(perPeriod(2, 1000), () => now, 100);
    for (let i = 0; i < 500; i++) buckets.take(`k${i}`);
    assert.ok(buckets.size <= 101, `size ${buckets.size}`);
    now += 10_000;
    buckets.sweep();
    assert.equal(buckets.size, 0);
  });

  it('perPeriod spreads n events over the period', () => {
    assert.deepEqual(perPeriod(20, 3_600_000), { capacity: 20, refillEveryMs: 180_000 });
    assert.throws(() => new TokenBuckets({ capacity: 0, refillEveryMs: 1 }, () => 0));
  });
});

describe('client addresses', () => {
  it('ignores X-Forwarded-For unless TRUST_PROXY trusts it', () => {
    assert.equal(clientAddress('::ffff:127.0.0.1', '203.0.113.1', 'off'), '127.0.0.1');
    assert.equal(clientAddress('10.0.0.2', '203.0.113.1, 10.0.0.1', 'all'), '203.0.113.1');
    // One trusted proxy: the entry it appended (the right-most) is the client; what the client wrote is not.
    assert.equal(clientAddress('10.0.0.2', 'spoofed, 203.0.113.1', 1), '203.0.113.1');
    assert.equal(clientAddress('10.0.0.2', 'spoofed, 203.0.113.1, 10.0.0.1', 2), '203.0.113.1');
    assert.equal(clientAddress('10.0.0.2', undefined, 1), '10.0.0.2');
    assert.equal(clientAddress('10.0.0.2', ['198.51.100.1', '10.0.0.1'], 'all'), '198.51.100.1');
  });

  it('normalises and keys addresses: IPv4-mapped IPv6 as IPv4, IPv6 per /64', () => {
    assert.equal(normaliseAddress('::FFFF:192.0.2.1'), '192.0.2.1');
    assert.equal(normaliseAddress('[2001:db8::1]:443'), '2001:db8::1');
    assert.equal(normaliseAddress('192.0.2.1:8080'), '192.0.2.1');
    assert.equal(clientKey('192.0.2.1'), '192.0.2.1');
    assert.equal(clientKey('2001:db8:0:1::5'), '2001:db8:0:1::/64');
    assert.equal(clientKey('2001:0db8:0000:0001:ffff:1:2:3'), '2001:db8:0:1::/64');
    assert.equal(clientKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
  });

  it('loopback, and "local" only without a forwarding header unless a proxy is trusted', () => {
    assert.ok(
      isLoopback('127.0.0.1') &&
        isLoopback('127.8.9.1') &&
        isLoopback('::1') &&
        isLoopback('::ffff:127.0.0.1'),
    );
    assert.equal(isLoopback('10.0.0.1'), false);
    assert.equal(isLocalRequest('127.0.0.1', {}, 'off'), true);
    assert.equal(
      isLocalRequest('127.0.0.1', { forwardedFor: '203.0.113.1' }, 'off'),
      false,
      'a local proxy passing on a request',
    );
    assert.equal(isLocalRequest('127.0.0.1', { forwarded: 'for=203.0.113.1' }, 'off'), false);
    assert.equal(isLocalRequest('127.0.0.1', { forwardedFor: '203.0.113.1' }, 1), false);
    assert.equal(isLocalRequest('127.0.0.1', { forwardedFor: '127.0.0.1' }, 1), true);
    assert.equal(isLocalRequest('203.0.113.1', {}, 'off'), false);
  });
});
