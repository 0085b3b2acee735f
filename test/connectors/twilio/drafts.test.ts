/**
 * The drafter promises SMS replies of at most 2 segments where it can; this checks real
 * drafts against the connector's segment counter and the emulator's independent one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countSegments } from '../../../connectors/twilio/segments.js';
import { createClassifier, createDrafter, smsSegments } from '../../../src/nlp/index.js';
import { segmentsOf } from '../../support/twilio-emulator/limits.js';

const MESSAGES = [
  'Where is my order #10234? It was supposed to arrive yesterday.',
  'I want a refund for the broken lamp',
  'How much is shipping to Canada?',
  'Your app keeps crashing when I log in, please help',
  '我的订单什么时候发货？订单号 20231',
  '我要退货，收到的衣服尺码不对',
  '请问你们的价格有优惠吗',
  'Thanks, great service!',
];

describe('SMS drafts and segments', () => {
  const classifier = createClassifier();
  const drafter = createDrafter();
  for (const text of MESSAGES) {
    it(`"${text.slice(0, 30)}…" drafts a reply of ≤ 2 segments, counted alike by all three counters`, () => {
      const classification = classifier.classify(text, { channel: 'sms' });
      const draft = drafter.draft({ text, classification, channel: 'sms', customerName: 'Alex Chen' });
      const ours = countSegments(draft.text);
      assert.equal(ours, segmentsOf(draft.text).segments, 'emulator agrees');
      assert.equal(ours, smsSegments(draft.text), 'nlp agrees');
      assert.ok(ours <= 2, `${ours} segments: ${draft.text}`);
    });
  }
});
