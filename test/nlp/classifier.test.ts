import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { INTENTS, type Intent } from '../../src/core/model.js';
import { DEFAULT_MODEL_PATH } from '../../src/nlp/classifier.js';
import { createClassifier } from '../../src/nlp/index.js';

const classifier = createClassifier();

const CLEAR: Record<Intent, [string, string]> = {
  // PRODUCT.md: where an existing order is (tracking, "delivered" but not received) is `order`;
  // how delivery works (costs, times, regions, address changes) is `shipping`.
  order: ['My parcel says delivered but there is nothing at my door', '我的快递到哪了？物流三天没更新了'],
  shipping: ['How much is shipping to Canada and how long does it take?', '寄到香港运费多少？'],
  refund_return: ['I would like to return these shoes and get a refund', '东西到的时候就坏了，可以退款吗？'],
  billing_payment: ['I was charged twice for the same order', '能开发票吗？公司报销要用'],
  technical_issue: ['The app crashes every time I open it', '网站打不开，一直白屏'],
  account: ['I forgot my password and the reset link expired', '请注销我的账号'],
  complaint: [
    'This is the worst service I have ever had, nobody answers my emails',
    '我要投诉你们的服务态度',
  ],
  pricing_presales: ['How much does the pro plan cost?', '专业版多少钱？'],
  feedback_praise: [
    'Thank you so much, the order arrived early and looks amazing!',
    '太感谢了，东西很漂亮！',
  ],
  other: ['What is the weather like today?', '你们招人吗？'],
};

describe('classifier', () => {
  it('loads a small committed model covering every label', () => {
    assert.ok(statSync(DEFAULT_MODEL_PATH).size <= 5 * 1024 * 1024);
    assert.deepEqual([...classifier.model.labels].sort(), [...INTENTS].sort());
  });

  for (const intent of INTENTS) {
    it(`predicts ${intent} on clear English and Chinese examples, with a confidence`, () => {
      for (const text of CLEAR[intent]) {
        const c = classifier.classify(text);
        assert.equal(c.intent, intent, text);
        assert.ok(c.confidence > 0 && c.confidence <= 1);
      }
    });
  }

  it('fills every field with a valid label', () => {
    const c = classifier.classify(
      'URGENT: order #5531 was charged twice!!! Please call me back at 415-555-0199',
      {
        channel: 'email',
      },
    );
    assert.equal(c.language, 'en');
    assert.equal(c.intent, 'billing_payment');
    assert.equal(c.urgency, 'high');
    assert.equal(c.sentiment, 'negative');
    assert.equal(c.requestedChannel, 'phone');
    assert.equal(c.recommendedChannel, 'phone');
    assert.match(c.reason, /asked/);
    assert.deepEqual(c.entities.orderNumbers, ['5531']);
    assert.deepEqual(c.entities.phones, ['+14155550199']);
  });

  it('recommends by the article rule: request, else complexity/urgency, else the origin', () => {
    const asked = classifier.classify('我需要通过电子邮件查询订单状态。');
    assert.equal(asked.requestedChannel, 'email');
    assert.equal(asked.recommendedChannel, 'email');
    const complex = classifier.classify(
      'Hello, I was billed for the annual plan even though I cancelled last month. The invoice also has the wrong company name and VAT number, and my accountant needs a corrected copy before the end of the quarter. Can you look into all of this?',
      { channel: 'webchat' },
    );
    assert.equal(complex.recommendedChannel, 'email');
    const urgent = classifier.classify(
      'The checkout is completely down, we are losing sales, fix it immediately!',
      {
        channel: 'webchat',
      },
    );
    assert.equal(urgent.recommendedChannel, 'phone');
    const simple = classifier.classify('Do you have this in size 10?', { channel: 'instagram' });
    assert.equal(simple.recommendedChannel, 'social');
    assert.equal(
      classifier.classify('Do you have this in size 10?', { channel: 'email' }).recommendedChannel,
      'email',
    );
  });

  it('gives sentiment in both languages', () => {
    assert.equal(classifier.classify('I love it, thank you so much!').sentiment, 'positive');
    assert.equal(classifier.classify('太失望了，质量太差').sentiment, 'negative');
    assert.equal(classifier.classify('非常满意，谢谢！').sentiment, 'positive');
  });

  it('reads Traditional Chinese as Chinese (訂單, 退貨, 發票, 回電話)', () => {
    assert.equal(classifier.classify('東西壞了，我要退貨退款').intent, 'refund_return');
    assert.equal(classifier.classify('請問可以開發票嗎？公司報銷要用').intent, 'billing_payment');
    const c = classifier.classify('請給我回電話，訂單號 20240512001');
    assert.equal(c.language, 'zh');
    assert.equal(c.requestedChannel, 'phone');
    assert.deepEqual(c.entities.orderNumbers, ['20240512001']);
  });

  it('falls back to the customer language for text that cannot tell', () => {
    assert.equal(classifier.classify('12345', { customerLanguage: 'zh' }).language, 'zh');
  });
});
