/**
 * A reply refused after some of its parts went out says how many did, on the owner's card: in
 * Chinese with OWNER_LANGUAGE=zh, unchanged in English (and for a caller that names no language).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sendParts, type PartResult, type PartsProgress } from '../../connectors/send-parts.js';

/** A platform that answers the parts in turn with the given results. */
function platform(results: PartResult<number>[]) {
  let n = 0;
  return async (): Promise<PartResult<number>> => results[n++] ?? { kind: 'ok', messageId: n };
}
const refusedAfterOne = () =>
  platform([
    { kind: 'ok', messageId: 1 },
    { kind: 'rejected', reason: 'X 拒绝了这条消息' },
  ]);

describe('sendParts notes in the owner language', () => {
  test('zh: how many parts went out, and a part neither sent nor recorded', async () => {
    const progress: PartsProgress<number> = new Map();
    assert.deepEqual(await sendParts(progress, 'a', ['1', '2', '3'], refusedAfterOne(), undefined, 'zh'), {
      kind: 'rejected',
      reason: 'X 拒绝了这条消息（共 3 段，已发出 1 段）',
    });
    const skipped = platform([{ kind: 'skip' }]);
    assert.deepEqual(await sendParts(progress, 'b', ['1'], skipped, undefined, 'zh'), {
      kind: 'retry',
      reason: '有一段消息既未确认发出也未记录，稍后重试',
    });
  });

  test('en and no language: the English notes as before', async () => {
    const progress: PartsProgress<number> = new Map();
    for (const lang of ['en', undefined] as const) {
      assert.deepEqual(await sendParts(progress, 'a', ['1', '2', '3'], refusedAfterOne(), undefined, lang), {
        kind: 'rejected',
        reason: 'X 拒绝了这条消息 (1 of 3 parts were sent)',
      });
    }
    assert.deepEqual(await sendParts(progress, 'b', ['1'], platform([{ kind: 'skip' }]), undefined, 'en'), {
      kind: 'retry',
      reason: 'a part was neither sent nor recorded',
    });
  });
});
