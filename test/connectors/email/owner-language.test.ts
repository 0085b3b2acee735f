/**
 * An email reply that could not be delivered shows its reason on the owner's card, so with
 * OWNER_LANGUAGE=zh it is in Chinese (the SMTP server's own words only quoted); English is unchanged.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createEmailConnector } from '../../../connectors/email/index.js';
import type { OutboundMessage, SendResult } from '../../../src/core/ports.js';
import { startSmtpRecorder, type SmtpRecorder } from '../../support/dovecot/smtp-recorder.js';
import { deps } from './helpers.js';

function outbound(key: string, replyRef = 'email:support@shop.example:alice@example.com'): OutboundMessage {
  return {
    jobId: `job-${key}`,
    idempotencyKey: key,
    channel: 'email',
    replyRef,
    text: 'Hello Alice',
    purpose: 'reply',
    customer: { id: 'c1', createdAt: new Date(), optedOut: [] },
    conversationId: 'v1',
    language: 'en',
  };
}
const reason = (r: SendResult) => ('reason' in r ? r.reason : '');

describe('email send reasons in the owner language', () => {
  let smtp: SmtpRecorder;
  before(async () => {
    smtp = await startSmtpRecorder();
  });
  after(() => smtp.stop());

  const connector = (ownerLanguage: 'en' | 'zh') =>
    createEmailConnector(
      {
        smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'support@shop.example', pass: 'p' },
        from: 'Shop Support <support@shop.example>',
        ownerLanguage,
      },
      deps(),
    ).connector;

  test('zh: a refused, a deferred and a misaddressed reply read in Chinese', async () => {
    const email = connector('zh');
    smtp.failNext(550);
    const refused = await email.send(outbound('zh-1'));
    assert.equal(refused.kind, 'rejected');
    assert.match(reason(refused), /^邮件服务器拒收了这封邮件：“\S+ 550: .+”$/);
    smtp.failNext(451);
    const later = await email.send(outbound('zh-2'));
    assert.equal(later.kind, 'retry');
    assert.match(reason(later), /^邮件暂时无法发送，稍后重试：“\S+ 451: .+”$/);
    assert.equal(reason(await email.send(outbound('zh-3', 'email:a@b.example:'))), '没有可回复的邮箱地址');
    await email.stop();
  });

  test('en: the reasons are the SMTP error as before', async () => {
    const email = connector('en');
    smtp.failNext(550);
    const refused = await email.send(outbound('en-1'));
    assert.equal(refused.kind, 'rejected');
    assert.match(reason(refused), /^\S+ 550: .+$/);
    assert.doesNotMatch(reason(refused), /\p{Script=Han}/u);
    assert.equal(
      reason(await email.send(outbound('en-3', 'email:a@b.example:'))),
      'no email address to reply to',
    );
    await email.stop();
  });
});
