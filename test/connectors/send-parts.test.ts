import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sendParts, type PartResult, type PartsProgress } from '../../connectors/send-parts.js';

/** A platform that answers each part from a script, recording what it was sent. */
function platform(script: PartResult<number>[]) {
  const sent: string[] = [];
  return {
    sent,
    send: async (part: string): Promise<PartResult<number>> => {
      const answer = script.shift() ?? { kind: 'ok', messageId: sent.length + 1 };
      if (answer.kind === 'ok') sent.push(part);
      return answer;
    },
  };
}

describe('sendParts', () => {
  test('sends every part in order and returns the id of the last', async () => {
    const progress: PartsProgress<number> = new Map();
    const p = platform([]);
    const result = await sendParts(progress, 'job', ['a', 'b', 'c'], p.send);
    assert.deepEqual(result, { kind: 'sent', lastMessageId: 3 });
    assert.deepEqual(p.sent, ['a', 'b', 'c']);
    assert.equal(progress.size, 0, 'nothing left behind for a finished job');
  });

  test('a retry resumes at the part that failed, keeping the earlier id', async () => {
    const progress: PartsProgress<number> = new Map();
    const p = platform([
      { kind: 'ok', messageId: 7 },
      { kind: 'retry', reason: '429', retryAfterMs: 5 },
    ]);
    assert.deepEqual(await sendParts(progress, 'job', ['a', 'b'], p.send), {
      kind: 'retry',
      reason: '429',
      retryAfterMs: 5,
    });
    assert.deepEqual(progress.get('job'), { sent: 1, lastMessageId: 7 });
    assert.deepEqual(await sendParts(progress, 'job', ['a', 'b'], p.send), {
      kind: 'sent',
      lastMessageId: 2,
    });
    assert.deepEqual(p.sent, ['a', 'b'], 'the first part went out once');
  });

  test('a refusal says how many parts went out and forgets the job', async () => {
    const progress: PartsProgress<number> = new Map();
    const first = platform([{ kind: 'rejected', reason: 'blocked' }]);
    assert.deepEqual(await sendParts(progress, 'one', ['a', 'b'], first.send), {
      kind: 'rejected',
      reason: 'blocked',
    });
    const later = platform([
      { kind: 'ok', messageId: 1 },
      { kind: 'rejected', reason: 'blocked' },
    ]);
    assert.deepEqual(await sendParts(progress, 'two', ['a', 'b', 'c'], later.send), {
      kind: 'rejected',
      reason: 'blocked (1 of 3 parts were sent)',
    });
    assert.equal(progress.size, 0);
  });
});
