import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createClassifier } from '../../src/nlp/index.js';
import { featurize } from '../../src/nlp/features.js';
import { calibration } from '../../src/nlp/train/calibration.js';
import { clinc150 } from '../../src/nlp/train/datasets.js';

const classifier = createClassifier();

describe('calibration', () => {
  it('computes the expected calibration error over confidence bins', () => {
    // Bin 0.9: 4 at 0.95 with 3 right (|0.75 − 0.95| = 0.2); bin 0.6: 2 at 0.65, 1 right (0.15).
    const c = calibration([0.95, 0.95, 0.95, 0.95, 0.65, 0.65], [true, true, true, false, true, false]);
    assert.equal(c.n, 6);
    assert.ok(Math.abs(c.ece - ((4 / 6) * 0.2 + (2 / 6) * 0.15)) < 1e-9, String(c.ece));
    assert.deepEqual(
      c.bins.filter((b) => b.n).map((b) => [b.lo, b.n]),
      [
        [0.6, 2],
        [0.9, 4],
      ],
    );
  });

  it('the fitted temperature never sharpens; the out-of-scope rule decides exactly as uncalibrated', () => {
    const model = classifier.model;
    // Issue 17: a temperature below 1 (0.7) was over-confident on a new writer's blind probe.
    assert.ok(model.temperature >= 1, String(model.temperature));
    for (const { text } of clinc150('oos_test').slice(0, 150)) {
      const x = featurize(text, model.bits).features;
      assert.equal(model.predict(x, false).intent, model.predict(x, false, 1).intent, text);
    }
  });
});
