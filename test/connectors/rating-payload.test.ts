import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeRatingPayload, encodeRatingPayload } from '../../connectors/rating-payload.js';

test('a rating payload round-trips and anything else is not a rating', () => {
  assert.deepEqual(decodeRatingPayload('rate', encodeRatingPayload('rate', 4, 'conv-9')), {
    score: 4,
    conversationId: 'conv-9',
  });
  assert.deepEqual(decodeRatingPayload('rate', 'rate:5'), { score: 5 });
  for (const other of [undefined, 'rate:0:c', 'rate:6:c', 'rate:2.5:c', 'rate:x', 'other:3:c', 'rated:3:c']) {
    assert.equal(decodeRatingPayload('rate', other), undefined, String(other));
  }
});
