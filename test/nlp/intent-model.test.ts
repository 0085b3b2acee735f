import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { INTENTS } from '../../src/core/model.js';
import { IntentModel, wordCount, type IntentModelFile } from '../../src/nlp/intent-model.js';

/** A one-bucket model whose probabilities are set by its biases (weights all zero). */
function model(
  probs: Partial<Record<string, number>>,
  rule: { threshold: number; floor?: number; maxWords?: number },
) {
  const labels = [...INTENTS];
  const bias = labels.map((l) => Math.log(probs[l] ?? 1e-6));
  const file: IntentModelFile = {
    format: 'solodesk-intent-logreg',
    version: 1,
    bits: 1,
    labels,
    scale: 1,
    bias,
    weights: Buffer.from(new Int16Array(2 * labels.length).buffer).toString('base64'),
    otherThreshold: rule.threshold,
    ...(rule.floor !== undefined ? { otherFloor: rule.floor } : {}),
    ...(rule.maxWords !== undefined ? { otherMaxWords: rule.maxWords } : {}),
    meta: {},
  };
  return new IntentModel(file);
}
const none = { index: [], value: [] };

describe('IntentModel out-of-scope rule', () => {
  it('an unsure guess split between two in-scope intents stays in scope when other is no contender', () => {
    const m = model({ order: 0.4, shipping: 0.35, other: 0.25 - 1e-3 }, { threshold: 0.65, floor: 0.25 });
    assert.equal(m.predict(none).intent, 'order');
  });

  it('an unsure guess yields to other when other is a contender', () => {
    const m = model({ order: 0.4, shipping: 0.3, other: 0.3 }, { threshold: 0.65, floor: 0.25 });
    const p = m.predict(none);
    assert.equal(p.intent, 'other');
    assert.ok(p.confidence >= 0.3 && p.confidence <= 1);
  });

  it('a sure in-scope guess is kept whatever other has', () => {
    const m = model({ refund_return: 0.7, other: 0.3 }, { threshold: 0.65, floor: 0.25 });
    assert.equal(m.predict(none).intent, 'refund_return');
  });

  it('without a floor (older model files) any unsure guess yields to other', () => {
    const m = model({ order: 0.4, shipping: 0.35, other: 0.25 - 1e-3 }, { threshold: 0.65 });
    assert.equal(m.otherFloor, 0);
    assert.equal(m.predict(none).intent, 'other');
  });

  it('Chinese text has its own threshold (none by default)', () => {
    const m = model({ order: 0.4, shipping: 0.3, other: 0.3 }, { threshold: 0.65, floor: 0.25 });
    assert.equal(m.predict(none, true).intent, 'order');
  });

  it('with otherMaxWords the rule applies to short messages only (a long unsure message stays in scope)', () => {
    const m = model({ order: 0.4, shipping: 0.3, other: 0.3 }, { threshold: 0.8, floor: 0.2, maxWords: 15 });
    assert.equal(m.predict(none, false, 1, 15).intent, 'other');
    assert.equal(m.predict(none, false, 1, 16).intent, 'order');
    // Word count unknown (0): the rule applies, as for older callers.
    assert.equal(m.predict(none).intent, 'other');
  });

  it('wordCount counts whitespace-separated words of the raw message', () => {
    assert.equal(wordCount('  where is\nmy order #123 ?  '), 6);
    assert.equal(wordCount(''), 0);
  });
});
