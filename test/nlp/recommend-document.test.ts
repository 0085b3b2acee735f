import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { explainRecommendation } from '../../src/core/recommend-reason.js';
import { createClassifier } from '../../src/nlp/index.js';

const classifier = createClassifier();

// PRODUCT.md: asking us to send a document is no channel request (`none`), "but email is then the
// recommended channel". Before this, the document ask fell through to the origin/complexity rule
// (WhatsApp or chat for a short message) with the reason "No request".
describe('recommendedChannel: a document asked for by email', () => {
  for (const text of ['email me the invoice', '发票发我邮箱']) {
    it(`${text}: requestedChannel none, email recommended with its own reason`, () => {
      const c = classifier.classify(text, { channel: 'whatsapp' });
      assert.equal(c.requestedChannel, 'none');
      assert.equal(c.recommendedChannel, 'email');
      assert.deepEqual(c.why, { kind: 'document_email' });
      assert.match(c.reason, /document by email/);
      assert.match(explainRecommendation(c.why, 'en'), /not a channel request/);
      assert.match(explainRecommendation(c.why, 'zh'), /邮件发送文件/);
    });
  }

  it('without an origin channel too', () => {
    const c = classifier.classify('Could you send the receipt to my email please?');
    assert.equal(c.requestedChannel, 'none');
    assert.equal(c.recommendedChannel, 'email');
    assert.equal(c.why?.kind, 'document_email');
  });

  it('a document asked for on another channel stays that channel request', () => {
    const c = classifier.classify('WhatsApp me the quote please', { channel: 'email' });
    assert.equal(c.requestedChannel, 'social');
    assert.equal(c.recommendedChannel, 'social');
    assert.equal(c.why?.kind, 'requested');
  });

  it('a plain short question with no document keeps the origin rule', () => {
    const c = classifier.classify('Do you have this in size 10?', { channel: 'whatsapp' });
    assert.equal(c.requestedChannel, 'none');
    assert.notEqual(c.why?.kind, 'document_email');
  });
});
