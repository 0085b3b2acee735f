import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBottleneckPacer } from '../../src/pacing/bottleneck-pacer.js';

describe('bottleneck pacer', () => {
  it('spaces calls to one destination, weights count as several units, and other destinations run freely', async () => {
    const pacer = createBottleneckPacer();
    pacer.define({ rule: 'sms', minTimeMs: 100 });
    const starts: Record<string, number[]> = { a: [], b: [] };
    const t0 = Date.now();
    const call = (dest: 'a' | 'b', weight = 1) =>
      pacer.schedule('sms', dest, async () => void starts[dest]!.push(Date.now() - t0), weight);
    await Promise.all([call('a', 3), call('a'), call('b'), call('b')]);
    // a: the weight-3 call holds the number for 3 units after its answer.
    assert.ok(
      starts.a![1]! - starts.a![0]! >= 290,
      `gap after a weighted call was ${starts.a![1]! - starts.a![0]!}`,
    );
    // Plain spacing is bottleneck's own minTime (its timers may fire a little early under load).
    assert.equal(starts.b!.length, 2);
    assert.ok(starts.b![0]! < starts.a![1]!, 'another destination does not wait for the first');
    await pacer.stop();
  });

  it('refuses an undefined rule and a rule redefined with other limits', async () => {
    const pacer = createBottleneckPacer();
    pacer.define({ rule: 'x', minTimeMs: 10 });
    pacer.define({ rule: 'x', minTimeMs: 10 });
    assert.throws(() => pacer.define({ rule: 'x', minTimeMs: 20 }), /different limits/);
    assert.throws(() => pacer.schedule('nope', 'd', async () => 1), /never defined/);
    await pacer.stop();
  });
});
