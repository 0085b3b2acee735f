import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createClassifier } from '../../src/nlp/index.js';
import { ENGLISH_PATTERNS, urgencyCues } from '../../src/nlp/urgency-features.js';
import { DEFAULT_URGENCY_MODEL_PATH } from '../../src/nlp/urgency-model.js';

const classifier = createClassifier();

// PRODUCT.md: high = blocked or losing money now, a deadline within about a day, an outage, a
// repeated or escalated contact; low = no problem to fix and no time pressure; normal = the rest.
const CASES: Record<'high' | 'normal' | 'low', string[]> = {
  high: [
    'Our website has been down since 8am and customers cannot check out',
    'You charged my card twice this morning, please refund it now',
    'This is the third time I have emailed about my refund and nobody replies',
    'I need the cake for tonight and the order still is not confirmed',
    'I am locked out of my account and cannot pay my staff today',
    '网站从早上就打不开了，客人都下不了单',
    '第三次联系你们了，一直没人回，再不处理我就投诉到12315',
    '今天必须送到，明天就要用了，急！',
  ],
  normal: [
    'The zip on my jacket broke after a week, can I get it repaired?',
    'The invoice has the wrong company name, could you reissue it?',
    '发票抬头写错了，麻烦重新开一张',
  ],
  low: [
    'Thank you so much, the flowers were beautiful!',
    'How much is the annual plan?',
    'No rush, but could you tell me whether you ship to Norway?',
    'Please unsubscribe me from the newsletter',
    '谢谢你们，东西很漂亮！',
    '请问专业版多少钱？',
  ],
};

describe('urgency model', () => {
  it('is small and trained (a model file next to the intent model)', () => {
    assert.ok(statSync(DEFAULT_URGENCY_MODEL_PATH).size < 512 * 1024);
    assert.ok(classifier.urgencyModel, 'urgency model loaded');
  });

  for (const [level, texts] of Object.entries(CASES))
    it(`rates clear ${level} messages ${level}, with a calibrated confidence`, () => {
      for (const text of texts) {
        const c = classifier.classify(text);
        assert.equal(c.urgency, level, text);
        assert.ok(
          c.urgencyConfidence !== undefined && c.urgencyConfidence > 0.34 && c.urgencyConfidence <= 1,
          text,
        );
      }
    });

  it('explicit words are high (urgent, ASAP, 急, 马上), unless the customer says there is no rush', () => {
    assert.equal(classifier.classify('can someone call me asap about my order').urgency, 'high');
    assert.equal(classifier.classify('订单能马上发吗').urgency, 'high');
    // "不着急" contains 急: calm, not urgent.
    assert.notEqual(classifier.classify('不着急，有空帮我看看会员积分怎么用').urgency, 'high');
    assert.notEqual(
      classifier.classify('No rush, not urgent at all: do you sell gift cards?').urgency,
      'high',
    );
  });

  it('reads the cues a person uses', () => {
    assert.deepEqual(urgencyCues('the site is down and we are losing sales, fix it today'), [
      'soon',
      'money',
      'outage',
    ]);
    assert.deepEqual(urgencyCues('no rush, just curious about prices'), ['no-rush']);
    assert.ok(urgencyCues('已经第三次了，没人回').includes('repeat'));
    assert.deepEqual(urgencyCues('still waiting on my parcel'), ['still']);
    assert.ok(!urgencyCues('不着急，有空再说').includes('soon'));
  });

  it('the English patterns need an ASCII letter or digit (they are skipped on text without any)', () => {
    // Every team message with its ASCII letters and digits taken out, and every other printable
    // ASCII character (underscore included: a word character for \b) around spaces and Han.
    const team = new URL('../../data-sets/team/', import.meta.url);
    const texts = readdirSync(team)
      .filter((f) => f.endsWith('.tsv'))
      .flatMap((f) => readFileSync(new URL(f, team), 'utf8').split('\n'))
      .map((line) => line.replace(/[a-z0-9]/gi, '').toLowerCase());
    const ascii = [...Array(95).keys()].map((i) => String.fromCharCode(32 + i)).join('');
    const symbols = ascii.replace(/[a-z0-9]/gi, '');
    texts.push(symbols, [...symbols].join(' '), [...symbols].join('急 '), `_${symbols}_`);
    assert.ok(texts.length > 3000);
    for (const re of ENGLISH_PATTERNS)
      for (const text of texts) {
        re.lastIndex = 0;
        assert.ok(!re.test(text), `${re.source.slice(0, 40)} matched ${JSON.stringify(text)}`);
      }
  });
});
