/** IMAP_* / SMTP_* / EMAIL_FROM → EmailOptions, through the real config loader. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emailOptionsFromConfig } from '../../../connectors/email/index.js';
import { testConfig } from '../../support/test-config.js';

test('email is off without IMAP_HOST and SMTP_HOST', () => {
  assert.equal(emailOptionsFromConfig(testConfig()), undefined);
});

test('IMAP and SMTP with defaults: SMTP signs in with the IMAP account, secure ports', () => {
  const options = emailOptionsFromConfig(
    testConfig({
      IMAP_HOST: 'imap.fastmail.com',
      IMAP_USER: 'support@shop.example',
      IMAP_PASS: 'app-password',
      SMTP_HOST: 'smtp.fastmail.com',
      EMAIL_FROM: 'Shop Support <support@shop.example>',
    }),
  );
  assert.deepEqual(options, {
    from: 'Shop Support <support@shop.example>',
    imap: {
      host: 'imap.fastmail.com',
      port: 993,
      secure: true,
      user: 'support@shop.example',
      pass: 'app-password',
      mailbox: 'INBOX',
      markSeen: true,
    },
    smtp: {
      host: 'smtp.fastmail.com',
      port: 465,
      secure: true,
      user: 'support@shop.example',
      pass: 'app-password',
    },
  });
});

test('Gmail-style settings: no Sent copy, STARTTLS SMTP with its own account', () => {
  const options = emailOptionsFromConfig(
    testConfig({
      IMAP_HOST: 'imap.gmail.com',
      IMAP_USER: 'shop@gmail.com',
      IMAP_PASS: 'abcd efgh ijkl mnop',
      IMAP_SENT_MAILBOX: 'none',
      IMAP_MARK_SEEN: 'false',
      SMTP_HOST: 'smtp.gmail.com',
      SMTP_PORT: '587',
      SMTP_SECURE: 'false',
      SMTP_USER: 'relay@shop.example',
      SMTP_PASS: 'relay-pass',
    }),
  );
  assert.equal(options?.from, 'shop@gmail.com');
  assert.equal(options?.imap?.sentMailbox, 'none');
  assert.equal(options?.imap?.markSeen, false);
  assert.deepEqual(options?.smtp, {
    host: 'smtp.gmail.com',
    port: 587,
    secure: false,
    user: 'relay@shop.example',
    pass: 'relay-pass',
  });
});

test('a half-done IMAP setup is a clear startup error', () => {
  assert.throws(
    () => emailOptionsFromConfig(testConfig({ IMAP_HOST: 'imap.example.com' })),
    /IMAP_USER or IMAP_PASS/,
  );
});

test('EMAIL_AUTHSERV_ID names the receiving server whose Authentication-Results are read', () => {
  const options = emailOptionsFromConfig(
    testConfig({
      IMAP_HOST: 'imap.fastmail.com',
      IMAP_USER: 'support@shop.example',
      IMAP_PASS: 'app-password',
      EMAIL_AUTHSERV_ID: 'mx.shop.example',
    }),
  );
  assert.equal(options?.authservId, 'mx.shop.example');
  const without = emailOptionsFromConfig(
    testConfig({ IMAP_HOST: 'imap.fastmail.com', IMAP_USER: 'u@shop.example', IMAP_PASS: 'p' }),
  );
  assert.equal(without?.authservId, undefined);
});

test('OAuth for Microsoft 365: provider servers (SMTP STARTTLS on 587), no passwords, tenant token URL', () => {
  const options = emailOptionsFromConfig(
    testConfig({
      EMAIL_OAUTH_PROVIDER: 'microsoft',
      EMAIL_OAUTH_CLIENT_ID: 'client-1',
      EMAIL_OAUTH_REFRESH_TOKEN: 'rt-1',
      EMAIL_OAUTH_TENANT: 'contoso.onmicrosoft.com',
      IMAP_USER: 'support@contoso.com',
    }),
  );
  assert.equal(options?.imap?.host, 'outlook.office365.com');
  assert.equal(options?.imap?.port, 993);
  assert.equal(options?.imap?.secure, true);
  assert.equal(options?.imap?.pass, undefined);
  assert.equal(options?.imap?.sentMailbox, 'none', 'Microsoft 365 files SMTP mail in Sent itself');
  assert.deepEqual(options?.smtp, {
    host: 'smtp.office365.com',
    port: 587,
    secure: false,
    user: 'support@contoso.com',
  });
  assert.equal(options?.from, 'support@contoso.com');
  assert.equal(
    options?.oauth?.tokenUrl,
    'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
  );
  assert.equal(options?.oauth?.clientSecret, undefined);
  assert.match(options?.oauth?.scope ?? '', /offline_access/);
});

test('OAuth for Gmail: Google servers and token endpoint; a set host and EMAIL_OAUTH_TOKEN_URL win', () => {
  const base = {
    EMAIL_OAUTH_PROVIDER: 'google',
    EMAIL_OAUTH_CLIENT_ID: 'client-1',
    EMAIL_OAUTH_CLIENT_SECRET: 'secret-1',
    EMAIL_OAUTH_REFRESH_TOKEN: 'rt-1',
    IMAP_USER: 'shop@gmail.com',
  };
  const gmail = emailOptionsFromConfig(testConfig(base));
  assert.equal(gmail?.imap?.host, 'imap.gmail.com');
  assert.deepEqual(gmail?.smtp, { host: 'smtp.gmail.com', port: 465, secure: true, user: 'shop@gmail.com' });
  assert.equal(gmail?.oauth?.tokenUrl, 'https://oauth2.googleapis.com/token');
  assert.equal(gmail?.oauth?.clientSecret, 'secret-1');
  const local = emailOptionsFromConfig(
    testConfig({
      ...base,
      IMAP_HOST: '127.0.0.1',
      IMAP_PORT: '1143',
      IMAP_SECURE: 'false',
      EMAIL_OAUTH_TOKEN_URL: 'http://127.0.0.1:9/token',
    }),
  );
  assert.deepEqual([local?.imap?.host, local?.imap?.port, local?.imap?.secure], ['127.0.0.1', 1143, false]);
  assert.equal(local?.oauth?.tokenUrl, 'http://127.0.0.1:9/token');
  assert.equal(local?.imap?.sentMailbox, undefined, 'another server: the \\Sent copy as usual');
});

test('a half-done OAuth setup names the missing variable', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ EMAIL_OAUTH_PROVIDER: 'google', IMAP_USER: 'a@b.c' }, /EMAIL_OAUTH_CLIENT_ID/],
    [
      { EMAIL_OAUTH_PROVIDER: 'google', EMAIL_OAUTH_CLIENT_ID: 'x', EMAIL_OAUTH_REFRESH_TOKEN: 'r' },
      /EMAIL_OAUTH_CLIENT_SECRET/,
    ],
    [{ EMAIL_OAUTH_PROVIDER: 'microsoft', EMAIL_OAUTH_CLIENT_ID: 'x' }, /EMAIL_OAUTH_REFRESH_TOKEN/],
    [
      { EMAIL_OAUTH_PROVIDER: 'microsoft', EMAIL_OAUTH_CLIENT_ID: 'x', EMAIL_OAUTH_REFRESH_TOKEN: 'r' },
      /IMAP_USER/,
    ],
    [{ EMAIL_OAUTH_REFRESH_TOKEN: 'r' }, /EMAIL_OAUTH_PROVIDER/],
  ];
  for (const [env, message] of cases) {
    assert.throws(() => emailOptionsFromConfig(testConfig(env)), message);
  }
  assert.throws(() => testConfig({ EMAIL_OAUTH_PROVIDER: 'yahoo' }), /EMAIL_OAUTH_PROVIDER/);
});
