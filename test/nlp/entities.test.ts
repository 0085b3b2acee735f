import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { extractEntities } from '../../src/nlp/entities.js';

describe('entities', () => {
  it('finds order numbers, emails, E.164 phones, money and dates in English', () => {
    const e = extractEntities(
      'Order #12345 was charged $49.99 twice on March 3rd. Call me at (415) 555-2671 or write to Bob@Example.com',
    );
    assert.deepEqual(e.orderNumbers, ['12345']);
    assert.deepEqual(e.emails, ['bob@example.com']);
    assert.deepEqual(e.phones, ['+14155552671']);
    assert.deepEqual(e.money, [{ amount: 49.99, currency: 'USD', text: '$49.99' }]);
    assert.deepEqual(e.dates, ['March 3rd']);
  });

  it('finds them in Chinese (full-width punctuation, 元, Chinese mobiles)', () => {
    const e = extractEntities('我的订单号：20240512001，付了199元，请打13812345678，明天能到吗？', {
      language: 'zh',
    });
    assert.deepEqual(e.orderNumbers, ['20240512001']);
    assert.deepEqual(e.phones, ['+8613812345678']);
    assert.deepEqual(e.money, [{ amount: 199, currency: 'CNY', text: '199元' }]);
    assert.deepEqual(e.dates, ['明天']);
  });

  it('keeps international numbers and ISO dates; a phone number is not an order number', () => {
    const e = extractEntities('ORD-2024-0042: refund 20 EUR by 2024-05-01, my number is +44 20 7946 0958');
    assert.deepEqual(e.orderNumbers, ['ORD-2024-0042']);
    assert.deepEqual(e.phones, ['+442079460958']);
    assert.equal(e.money[0]?.currency, 'EUR');
    assert.deepEqual(e.dates, ['2024-05-01']);
  });

  it('reads local numbers from other countries next to a phone word, and keeps order numbers apart', () => {
    assert.deepEqual(extractEntities('please ring me on 020 7946 0321').phones, ['+442079460321']);
    assert.deepEqual(extractEntities('请回电 0755-8888 1234', { language: 'zh' }).phones, ['+8675588881234']);
    const e = extractEntities('my order number is 1234567890, call me on 415 555 0100');
    assert.deepEqual(e.orderNumbers, ['1234567890']);
    assert.deepEqual(e.phones, ['+14155550100']);
  });

  it('finds nothing in plain text', () => {
    assert.deepEqual(extractEntities('hello there'), {
      orderNumbers: [],
      emails: [],
      phones: [],
      money: [],
      dates: [],
    });
  });
});
