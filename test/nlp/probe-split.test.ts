import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DATA_SETS_DIR } from '../../src/nlp/train/datasets.js';
import {
  CALIBRATION_PROBES,
  probeSet,
  probes,
  TEST_PROBES,
  TRAINING_PROBES,
} from '../../src/nlp/train/probes.js';

describe('probe split (issue 17: probes as training data, whole folders held out)', () => {
  it('puts every probe folder in exactly one part, so training never reads a held-out writer', () => {
    const parts: readonly string[] = [...TRAINING_PROBES, ...CALIBRATION_PROBES, ...TEST_PROBES];
    assert.equal(new Set(parts).size, parts.length, 'a folder is in two parts');
    const folders = readdirSync(join(DATA_SETS_DIR, 'team')).filter((d) => /^probe-\d+$/.test(d));
    assert.deepEqual([...folders].sort(), [...parts].sort());
    for (const d of [...CALIBRATION_PROBES, ...TEST_PROBES])
      assert.ok(!(TRAINING_PROBES as readonly string[]).includes(d), `${d} is held out`);
  });

  it('keeps probe-13 and the blind probes 19 and 22-25 as the held-out test writers; trains on the blind probes 16-18, 20 and 21 (seventh pass)', () => {
    assert.deepEqual(
      [...TEST_PROBES],
      ['probe-13', 'probe-19', 'probe-22', 'probe-23', 'probe-24', 'probe-25'],
    );
    assert.deepEqual([...CALIBRATION_PROBES], ['probe-7', 'probe-12']);
    for (const d of ['probe-16', 'probe-17', 'probe-18', 'probe-20', 'probe-21'])
      assert.ok((TRAINING_PROBES as readonly string[]).includes(d), `${d} is training data`);
  });

  it('reads both probe formats: intent/channel/text lines and the headed text/intent/urgency files', () => {
    const old = probeSet('probe-2', 'en');
    assert.ok(old.length > 100);
    assert.ok(old.every((e) => e.urgency === undefined && !e.text.includes('\\n')));
    const headed = probeSet('probe-16', 'zh');
    assert.equal(headed.length, 120);
    assert.ok(headed.every((e) => e.urgency !== undefined && !e.text.includes('\t')));
    assert.equal(probes(TEST_PROBES, 'en').length, probeSet('probe-13', 'en').length + 5 * 200);
  });
});
