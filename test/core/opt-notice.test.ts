/**
 * The notice in a customer's thread when they text STOP or START (src/core/opt-notice.ts):
 * English as it was, Chinese with OWNER_LANGUAGE=zh (it was always English before).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { optChangeNotice } from '../../src/core/opt-notice.js';

describe('opt-out notice', () => {
  it('reads as before in English', () => {
    assert.equal(
      optChangeNotice('sms', true, 'en'),
      'The customer opted out of sms: nothing will be sent there until they opt in again.',
    );
    assert.equal(optChangeNotice('whatsapp', false, undefined), 'The customer opted in to whatsapp again.');
  });

  it('reads in Chinese with the channel named', () => {
    assert.equal(
      optChangeNotice('sms', true, 'zh'),
      '客户已退订短信：在其重新订阅之前，不会再通过该渠道发送任何消息。',
    );
    assert.equal(optChangeNotice('whatsapp', false, 'zh'), '客户已重新订阅WhatsApp。');
  });
});
