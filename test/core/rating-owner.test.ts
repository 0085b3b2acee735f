/**
 * A rating button's payload names a conversation; the person tapping must be that
 * conversation's customer, or anyone could rate anyone's conversation by forging a payload.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Channel } from '../../src/core/model.js';
import { startTestDesk, type TestDesk } from '../support/desk-harness.js';

describe('rating taps: the conversation must belong to who tapped', () => {
  let t: TestDesk;
  before(async () => {
    t = await startTestDesk();
  });
  after(() => t.stop());

  let seq = 0;
  const conversationOf = async (channel: Channel, address: string) => {
    seq += 1;
    const stored = await t.connector.intake().receive({
      channel,
      externalId: `x-${channel}-${address}-${seq}`,
      from: { address },
      replyRef: `${channel}:bot:${address}`,
      text: 'thanks, all good',
    });
    assert.equal(stored.kind, 'stored');
    await t.desk.drain();
    return stored.kind === 'stored' ? stored.conversationId : '';
  };

  for (const channel of ['telegram', 'messenger', 'discord'] as const) {
    it(`${channel}: a tap carrying another customer's conversation is refused and records nothing`, async () => {
      const victim = await conversationOf(channel, `${channel}-victim`);
      const mine = await conversationOf(channel, `${channel}-attacker`);
      const forged = await t.connector.intake().rating({
        channel,
        address: `${channel}-attacker`,
        conversationId: victim,
        score: 1,
      });
      assert.equal(forged.kind, 'rejected');
      assert.deepEqual(await t.desk.store.listRatings(victim), []);
      // Their own conversation still rates, and so does the victim's own tap.
      const own = await t.connector.intake().rating({
        channel,
        address: `${channel}-attacker`,
        conversationId: mine,
        score: 4,
      });
      assert.equal(own.kind, 'recorded');
      const victimTap = await t.connector.intake().rating({
        channel,
        address: `${channel}-victim`,
        conversationId: victim,
        score: 5,
      });
      assert.equal(victimTap.kind, 'recorded');
      assert.deepEqual(
        (await t.desk.store.listRatings(victim)).map((r) => r.score),
        [5],
      );
    });
  }

  it('an unknown tapper is refused too', async () => {
    const victim = await conversationOf('telegram', 'tg-victim-2');
    const result = await t.connector.intake().rating({
      channel: 'telegram',
      address: 'nobody-we-know',
      conversationId: victim,
      score: 1,
    });
    assert.equal(result.kind, 'rejected');
  });
});
