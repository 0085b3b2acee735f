/**
 * The owner's notice for a message set aside at intake (src/core/intake-failures.ts), in
 * OWNER_LANGUAGE. In Chinese it names the channel in Chinese (it used to say "一条 email 消息").
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setAsideNotice } from '../../src/core/intake-failures.js';
import type { IntakeFailure } from '../../src/core/ports.js';

const failure = {
  channel: 'email',
  attempts: 3,
  signature: 'TypeError: boom',
  summary: { subject: 'Order 1234' },
} as unknown as IntakeFailure;

describe('set-aside notice', () => {
  it('reads in English with the channel code, subject and where the message stays', () => {
    assert.equal(
      setAsideNotice(failure, 'en'),
      'An incoming email message ("Order 1234") could not be stored 3 times in a row (TypeError: boom); it was set aside so later messages keep coming in. It stays in your mailbox, unread.',
    );
  });

  it('reads in Chinese with the channel named in Chinese and no English word', () => {
    const zh = setAsideNotice(failure, 'zh');
    assert.equal(
      zh,
      '一条邮件消息（“Order 1234”）连续 3 次无法保存（TypeError: boom），已被搁置，以免阻塞后续消息。它仍在您的邮箱中（未读）。',
    );
    const sms = setAsideNotice({ ...failure, channel: 'sms', summary: {} } as IntakeFailure, 'zh');
    assert.equal(sms, '一条短信消息连续 3 次无法保存（TypeError: boom），已被搁置，以免阻塞后续消息。');
  });
});
