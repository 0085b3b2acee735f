import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectRequestedChannel } from '../../src/nlp/requested-channel.js';

// PRODUCT.md: asking us to send a document (a receipt, an invoice, a quote) is no channel request.
// Failed on main: every document ask below came out `email`.
describe('requestedChannel: a document sent by email is no channel request', () => {
  it('email me the invoice, 发票发我邮箱: none', () => {
    for (const text of [
      'email me the invoice',
      'Could you send the receipt to my email please?',
      'pls email over the quote for the 40 chairs',
      'I need a copy of the contract, can you email it?',
      '发票发我邮箱',
      '麻烦把报价单发到我邮箱 wang@example.cn',
    ])
      assert.equal(detectRequestedChannel(text), 'none', text);
  });

  it('an ask to be contacted by email still counts, document or not', () => {
    for (const text of [
      'email me when it ships',
      'please reply by email',
      'Please email me about the invoice, I have questions',
      'Can you get back to me by email about the quote?',
      '请发邮件告诉我',
    ])
      assert.equal(detectRequestedChannel(text), 'email', text);
  });

  it('a document asked for on another channel names that channel', () => {
    assert.equal(detectRequestedChannel('DM me your price list'), 'social');
    assert.equal(detectRequestedChannel('WhatsApp me the quote please'), 'social');
    assert.equal(detectRequestedChannel('text me when it ships'), 'sms');
  });
});
