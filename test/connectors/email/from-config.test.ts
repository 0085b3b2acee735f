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
