/**
 * Authentication-Results (RFC 8601) as the receiving server recorded it, and the verdict on
 * the From address that decides whether a mail's sender is treated as unverified.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  aligned,
  parseAuthResults,
  senderVerdict,
  trustedAuthResults,
} from '../../../connectors/email/auth-results.js';

const verdict = (value: string, from: string) => senderVerdict(parseAuthResults(value), from);

describe('parseAuthResults', () => {
  it('reads methods, results and properties across folded lines, comments and quotes', () => {
    const parsed = parseAuthResults(
      ' MX.Shop.example 1;\r\n\tspf=pass (sender IP is 192.0.2.1) smtp.mailfrom=bounce@News.Example.com;\r\n' +
        '\tdkim=pass (2048-bit key; unprotected) header.d=example.com header.s="sel;1";\r\n' +
        '\tdmarc = fail (p=reject dis=none) header.from=example.com; arc/1=none',
    );
    assert.deepEqual(parsed, {
      authservId: 'mx.shop.example',
      results: [
        { method: 'spf', result: 'pass', props: { 'smtp.mailfrom': 'bounce@News.Example.com' } },
        { method: 'dkim', result: 'pass', props: { 'header.d': 'example.com', 'header.s': 'sel;1' } },
        { method: 'dmarc', result: 'fail', props: { 'header.from': 'example.com' } },
        { method: 'arc', result: 'none', props: {} },
      ],
    });
  });

  it('a header with no results, or malformed entries, yields what it can', () => {
    assert.deepEqual(parseAuthResults('mx.example.org 1; none'), {
      authservId: 'mx.example.org',
      results: [],
    });
    assert.deepEqual(parseAuthResults('mx.example.org; garbage; spf=pass'), {
      authservId: 'mx.example.org',
      results: [{ method: 'spf', result: 'pass', props: {} }],
    });
    assert.equal(parseAuthResults('   '), undefined);
  });
});

describe('trustedAuthResults', () => {
  const ours = 'mx.shop.example; dmarc=fail header.from=a.example';
  const forged = 'mx.shop.example; dmarc=pass header.from=a.example';
  const other = 'relay.elsewhere.example; dmarc=pass header.from=a.example';

  it('takes the topmost header when no authserv-id is configured', () => {
    assert.equal(trustedAuthResults([ours, forged])?.results[0]?.result, 'fail');
    assert.equal(trustedAuthResults([other, ours])?.authservId, 'relay.elsewhere.example');
    assert.equal(trustedAuthResults([]), undefined);
  });

  it('takes only our server’s header when its authserv-id is configured (case-insensitively)', () => {
    assert.equal(trustedAuthResults([other, ours], 'MX.shop.example')?.results[0]?.result, 'fail');
    assert.equal(trustedAuthResults([other], 'mx.shop.example'), undefined);
  });
});

describe('senderVerdict', () => {
  const from = 'ann@example.com';

  it('no header, or nothing about the sender: none (mail keeps working as today)', () => {
    assert.deepEqual(senderVerdict(undefined, from), { verdict: 'none' });
    assert.deepEqual(verdict('mx; none', from), { verdict: 'none' });
    assert.deepEqual(verdict('mx; spf=none smtp.mailfrom=example.com', from), { verdict: 'none' });
  });

  it('dmarc=fail fails the sender whatever else passed', () => {
    assert.deepEqual(
      verdict('mx; spf=pass smtp.mailfrom=example.com; dmarc=fail header.from=example.com', from),
      { verdict: 'fail', reason: 'dmarc=fail' },
    );
    assert.deepEqual(verdict('mx; dmarc=fail', from), { verdict: 'fail', reason: 'dmarc=fail' });
  });

  it('a DMARC result about another From domain is not about this sender', () => {
    assert.deepEqual(verdict('mx; dmarc=fail header.from=other.example', from), { verdict: 'none' });
  });

  it('dmarc=pass passes', () => {
    assert.deepEqual(verdict('mx; dmarc=pass header.from=example.com', from), {
      verdict: 'pass',
      reason: 'dmarc=pass',
    });
  });

  it('without DMARC: spf=fail for the sender’s domain fails unless an aligned DKIM signature passed', () => {
    assert.deepEqual(verdict('mx; spf=fail smtp.mailfrom=ann@example.com', from), {
      verdict: 'fail',
      reason: 'spf=fail, no dkim=pass',
    });
    assert.deepEqual(
      verdict('mx; spf=fail smtp.mailfrom=bounces.example.com; dkim=fail header.d=example.com', from),
      {
        verdict: 'fail',
        reason: 'spf=fail, no dkim=pass',
      },
    );
    assert.deepEqual(
      verdict('mx; spf=fail smtp.mailfrom=example.com; dkim=pass header.d=mail.example.com', from),
      { verdict: 'pass', reason: 'dkim=pass' },
      'a valid signature of the domain proves it even when forwarding broke SPF',
    );
    assert.deepEqual(
      verdict('mx; spf=fail smtp.mailfrom=example.com; dkim=pass header.d=other.example', from),
      { verdict: 'fail', reason: 'spf=fail, no dkim=pass' },
      'a signature by another domain proves nothing about this one',
    );
    assert.deepEqual(verdict('mx; spf=fail', from), { verdict: 'fail', reason: 'spf=fail, no dkim=pass' });
  });

  it('never fails on softfail, neutral, a broken signature alone, HELO checks or another envelope domain', () => {
    for (const value of [
      'mx; spf=softfail smtp.mailfrom=example.com',
      'mx; spf=neutral smtp.mailfrom=example.com',
      'mx; dkim=fail header.d=example.com',
      'mx; spf=fail smtp.helo=mail.example.com',
      'mx; spf=fail smtp.mailfrom=bounce@mailer.other.example',
      'mx; dmarc=temperror; spf=temperror smtp.mailfrom=example.com',
    ]) {
      assert.notEqual(verdict(value, from).verdict, 'fail', value);
    }
  });
});

describe('aligned', () => {
  it('is the same domain or one a subdomain of the other, never a bare TLD', () => {
    assert.equal(aligned('example.com', 'example.com'), true);
    assert.equal(aligned('mail.example.com', 'example.com'), true);
    assert.equal(aligned('example.com', 'bounce.example.com'), true);
    assert.equal(aligned('badexample.com', 'example.com'), false);
    assert.equal(aligned('example.com', 'com'), false);
    assert.equal(aligned(undefined, 'example.com'), false);
  });
});
