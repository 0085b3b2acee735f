/**
 * Gmail / Microsoft 365 sign-in by OAuth 2.0 (issue 20): the desk takes mail in over IMAP and
 * replies over SMTP with XOAUTH2 against the real Dovecot (oauth2 passdb asking the fake's
 * introspection endpoint) and the SMTP recorder (checking XOAUTH2 against the same fake).
 * When the provider expires the token early, the next IMAP login and the next send refresh
 * it once and work; no token ever reaches the log.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { memoryCursors } from '../../../connectors/email/checkpoint.js';
import { createEmailConnector, type EmailOptions } from '../../../connectors/email/index.js';
import type { OutboundMessage } from '../../../src/core/ports.js';
import { startDovecot, type Dovecot } from '../../support/dovecot/dovecot.js';
import { startSmtpRecorder, type SmtpRecorder } from '../../support/dovecot/smtp-recorder.js';
import { captureLog } from '../../support/log-capture.js';
import { startOAuthFake, type OAuthFake } from '../../support/oauth-fake.js';
import { deps, dovecotSkip, RecordingIntake, simpleMail, waitUntil } from './helpers.js';

const skip = dovecotSkip();

function reply(n: number): OutboundMessage {
  return {
    jobId: `job-${n}`,
    idempotencyKey: `draft-${n}:send`,
    channel: 'email',
    replyRef: `email:support@shop.example:customer${n}@example.com`,
    text: `Hello, here is answer ${n}.`,
    purpose: 'reply',
    customer: { id: 'c1', createdAt: new Date(), optedOut: [] },
    conversationId: 'v1',
    language: 'en',
  };
}

async function sentCount(dovecot: Dovecot): Promise<number> {
  const c = await dovecot.client();
  try {
    const status = await c.status('Sent', { messages: true });
    return status ? (status.messages ?? 0) : 0;
  } finally {
    await c.logout();
  }
}

describe('email over XOAUTH2 (Dovecot oauth2 passdb + SMTP recorder)', { skip }, () => {
  let fake: OAuthFake;
  let dovecot: Dovecot;
  let smtp: SmtpRecorder;

  before(async () => {
    fake = await startOAuthFake();
    dovecot = await startDovecot({ oauth2: { introspectionUrl: fake.introspectUrl } });
    smtp = await startSmtpRecorder('127.0.0.1', { xoauth2: { introspectionUrl: fake.introspectUrl } });
  });
  after(async () => {
    await smtp?.stop();
    await dovecot?.stop();
    await fake?.stop();
  });

  function oauthOptions(extra: Partial<EmailOptions> = {}): EmailOptions {
    return {
      imap: { host: dovecot.host, port: dovecot.port, secure: false, user: dovecot.user },
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: dovecot.user },
      oauth: {
        tokenUrl: fake.tokenUrl,
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
        refreshToken: fake.refreshToken,
      },
      from: 'Shop Support <support@shop.example>',
      reconnectMinMs: 50,
      reconnectMaxMs: 400,
      pollIntervalMs: 3_600_000,
      idleDelayMs: 100,
      ...extra,
    };
  }

  test('receives and replies with XOAUTH2; an expired token is refreshed once per side', async () => {
    const log = captureLog('debug');
    const email = createEmailConnector(oauthOptions(), {
      ...deps(memoryCursors()),
      logger: log.logger,
    }).connector;
    const intake = new RecordingIntake();
    await email.start(intake);
    try {
      await dovecot.append(simpleMail('oauth-1'));
      await waitUntil('the first mail over IMAP XOAUTH2', () => intake.stored.size === 1);
      assert.equal(fake.refreshes, 1, 'one access token fetched for the IMAP login');
      assert.equal(email.imap?.connections, 1);

      // Reply over SMTP with the same (cached) token: no second refresh.
      assert.equal((await email.send(reply(1))).kind, 'sent');
      const [first] = await smtp.waitFor(1);
      assert.equal(first?.authMethod, 'XOAUTH2');
      assert.equal(first?.auth, dovecot.user);
      assert.equal(fake.refreshes, 1, 'IMAP and SMTP share one token');
      await waitUntil('the reply filed in Sent (IMAP XOAUTH2)', async () => (await sentCount(dovecot)) === 1);

      // The provider expires the token; the server drops the session. The reconnect is refused
      // (AUTHENTICATIONFAILED), the desk refreshes once and signs in again.
      fake.expireAll();
      await dovecot.kick();
      await waitUntil('an IMAP reconnect with a refreshed token', () => (email.imap?.connections ?? 0) >= 2);
      assert.equal(fake.refreshes, 2, 'exactly one refresh after the expiry (IMAP)');
      await dovecot.append(simpleMail('oauth-2'));
      await waitUntil('the second mail after the refresh', () => intake.stored.size === 2);
      assert.equal(email.health().state, 'up');

      // Expired again: SMTP refuses the token (Gmail style, 334 + JSON, then 535), the desk
      // refreshes once and the same send goes through.
      fake.expireAll();
      const refusedBefore = smtp.xoauth2.refused;
      assert.equal((await email.send(reply(2))).kind, 'sent');
      await smtp.waitFor(2);
      assert.equal(smtp.xoauth2.refused, refusedBefore + 1, 'the dead token was refused once');
      assert.equal(fake.refreshes, 3, 'exactly one refresh after the expiry (SMTP)');
      assert.equal(smtp.mails[1]?.authMethod, 'XOAUTH2');
      await waitUntil('the second reply filed in Sent', async () => (await sentCount(dovecot)) === 2);
      assert.deepEqual(smtp.problems, []);
    } finally {
      await email.stop();
    }

    const text = log.lines.join('');
    assert.ok(log.lines.length > 5, 'the desk logged its work');
    for (const secret of [...fake.issued, fake.refreshToken, fake.clientSecret]) {
      assert.ok(!text.includes(secret), 'no access token, refresh token or client secret in the log');
    }
  });

  test('Microsoft style: a token refused with 535 at once is refreshed once and the send retried', async () => {
    const ms = await startSmtpRecorder('127.0.0.1', {
      xoauth2: { introspectionUrl: fake.introspectUrl, style: 'microsoft' },
    });
    const log = captureLog('debug');
    const options = oauthOptions();
    delete options.imap;
    options.smtp = { host: '127.0.0.1', port: ms.port, secure: false, user: dovecot.user };
    const email = createEmailConnector(options, { ...deps(memoryCursors()), logger: log.logger }).connector;
    try {
      const start = fake.refreshes;
      assert.equal((await email.send(reply(3))).kind, 'sent');
      assert.equal(fake.refreshes, start + 1);
      fake.expireAll();
      assert.equal((await email.send(reply(4))).kind, 'sent');
      assert.equal(ms.xoauth2.refused, 1);
      assert.equal(fake.refreshes, start + 2, 'one refresh for the refused token');
      assert.equal(ms.mails.length, 2);
    } finally {
      await email.stop();
      await ms.stop();
    }
    const text = log.lines.join('');
    for (const secret of [...fake.issued, fake.refreshToken]) assert.ok(!text.includes(secret));
  });

  test('a revoked refresh token shows on health, a send waits to be retried, and it is never logged', async () => {
    const log = captureLog('debug');
    const options = oauthOptions();
    options.oauth = { ...options.oauth!, refreshToken: 'rt-revoked-by-the-owner' };
    const email = createEmailConnector(options, { ...deps(memoryCursors()), logger: log.logger }).connector;
    await email.start(new RecordingIntake());
    try {
      await waitUntil('health to report the refused token', () => email.health().state === 'down');
      assert.deepEqual(email.health(), { state: 'down', detail: 'oauth token refresh failed' });
      assert.equal(email.imap?.connections, 0);
      const result = await email.send(reply(5));
      assert.equal(result.kind, 'retry', 'a send waits for a working token instead of failing for good');
    } finally {
      await email.stop();
    }
    assert.ok(!log.lines.join('').includes('rt-revoked-by-the-owner'));
  });
});
