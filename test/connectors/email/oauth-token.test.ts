/** The desk's one access-token source: cached, refreshed before expiry and once after a refusal, single-flight. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isAuthFailure, OAuthTokenSource } from '../../../connectors/email/oauth-token.js';
import { captureLog } from '../../support/log-capture.js';
import { startOAuthFake, type OAuthFake } from '../../support/oauth-fake.js';

let fake: OAuthFake;
before(async () => {
  fake = await startOAuthFake({ expiresIn: 3600 });
});
after(() => fake.stop());

function source(now: { t: number }, extra: { refreshToken?: string } = {}) {
  const log = captureLog('debug');
  const tokens = new OAuthTokenSource({
    tokenUrl: fake.tokenUrl,
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    refreshToken: extra.refreshToken ?? fake.refreshToken,
    logger: log.logger,
    clock: { now: () => new Date(now.t) },
  });
  return { tokens, log };
}

test('cached until a margin before expiry, then refreshed; concurrent callers share one refresh', async () => {
  const now = { t: Date.parse('2026-12-07T08:00:00Z') };
  const { tokens, log } = source(now);
  const start = fake.refreshes;
  const [a, b, c] = await Promise.all([tokens.get(), tokens.get(), tokens.get()]);
  assert.equal(fake.refreshes, start + 1, 'one refresh for three concurrent callers');
  assert.ok(a && a === b && b === c);
  now.t += 54 * 60_000; // 54 of 60 minutes: still outside the 5-minute margin
  assert.equal(await tokens.get(), a);
  assert.equal(fake.refreshes, start + 1);
  now.t += 2 * 60_000; // 56 minutes: inside the margin, refreshed before it expires
  const next = await tokens.get();
  assert.notEqual(next, a);
  assert.equal(fake.refreshes, start + 2);
  assert.equal(tokens.refreshes, 2);
  const text = log.lines.join('');
  for (const secret of [a, next, fake.refreshToken, fake.clientSecret]) assert.ok(!text.includes(secret));
});

test('invalidate voids only the refused token: two refusals of the same token cost one refresh', async () => {
  const now = { t: Date.now() };
  const { tokens } = source(now);
  const first = await tokens.get();
  const start = fake.refreshes;
  tokens.invalidate(first);
  const second = await tokens.get();
  assert.equal(fake.refreshes, start + 1);
  tokens.invalidate(first); // a late report about the old token
  assert.equal(await tokens.get(), second);
  assert.equal(fake.refreshes, start + 1);
});

test('a refused refresh token is an error naming the endpoint error, never the token', async () => {
  const { tokens, log } = source({ t: Date.now() }, { refreshToken: 'rt-revoked-by-the-owner' });
  await assert.rejects(tokens.get(), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'EOAUTH');
    assert.match(err.message, /invalid_grant/);
    assert.ok(!err.message.includes('rt-revoked-by-the-owner'));
    return true;
  });
  assert.ok(!log.lines.join('').includes('rt-revoked-by-the-owner'));
  // The next call tries again (no cached failure).
  await assert.rejects(tokens.get());
  assert.equal(tokens.refreshes, 2);
});

test('auth failures: IMAP AUTHENTICATIONFAILED, SMTP EAUTH / 535; not a network error', () => {
  assert.equal(isAuthFailure({ authenticationFailed: true }), true);
  assert.equal(isAuthFailure({ code: 'EAUTH', responseCode: 535 }), true);
  assert.equal(isAuthFailure({ code: 'ECONNECTION' }), false);
  assert.equal(isAuthFailure(undefined), false);
});
