/**
 * The attention part of the Store contract (run by store-contract.ts for every store): timer
 * marks are claimed once, and attention records round-trip, list by due time and by answer.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AttentionRecord } from '../../src/core/attention/record.js';
import type { Store } from '../../src/core/ports.js';

export function runAttentionContract(name: string, make: () => Promise<Store>): void {
  async function withStore(fn: (store: Store) => Promise<void>): Promise<void> {
    const store = await make();
    try {
      await store.migrate();
      await fn(store);
    } finally {
      await store.close();
    }
  }
  const t = (min: number) => new Date(Date.UTC(2026, 11, 4, 9, min));

  describe(`Store contract (attention): ${name}`, () => {
    it('claims a mark once, also when two claim together, and counts marks by prefix and time', async () => {
      await withStore(async (store) => {
        const [a, b] = await Promise.all([
          store.claimMark('ack:c1:0', t(0)),
          store.claimMark('ack:c1:0', t(0)),
        ]);
        assert.deepEqual([a, b].sort(), [false, true]);
        assert.equal(await store.claimMark('ack:c1:0', t(5)), false);
        assert.equal(await store.claimMark('ack:c2:0', t(10)), true);
        assert.equal(await store.claimMark('digest:2026-12-04', t(10)), true);
        assert.equal(await store.countMarks('ack:', t(0), t(11)), 2);
        assert.equal(await store.countMarks('ack:', t(1), t(11)), 1);
        assert.equal(await store.countMarks('ack_', t(0), t(11)), 0);
      });
    });

    it('round-trips records, lists the waiting ones soonest due first, and the answered ones by time', async () => {
      await withStore(async (store) => {
        const full: AttentionRecord = {
          conversationId: 'conv-a',
          customerId: 'cust-a',
          waitingSince: t(0),
          urgency: 'high',
          dueAt: t(60),
          snoozedUntil: t(30),
          reminders: 1,
          remindedAt: t(61),
          lastAckAt: t(0),
          updatedAt: t(61),
        };
        const sooner: AttentionRecord = {
          conversationId: 'conv-b',
          customerId: 'cust-b',
          waitingSince: t(5),
          urgency: 'normal',
          dueAt: t(20),
          reminders: 0,
          updatedAt: t(5),
        };
        const answered: AttentionRecord = {
          conversationId: 'conv-c',
          customerId: 'cust-c',
          reminders: 0,
          answeredAt: t(15),
          answeredInDue: true,
          updatedAt: t(15),
        };
        for (const r of [full, sooner, answered]) await store.putAttention(r);
        assert.deepEqual(await store.getAttention('conv-a'), full);
        assert.deepEqual(await store.getAttention('conv-c'), answered);
        assert.equal(await store.getAttention('nope'), undefined);
        assert.deepEqual(
          (await store.listWaiting(10)).map((r) => r.conversationId),
          ['conv-b', 'conv-a'],
        );
        // An update that ends the wait removes the fields (absent, not stale).
        const done: AttentionRecord = {
          ...sooner,
          reminders: 0,
          answeredAt: t(25),
          answeredInDue: false,
          updatedAt: t(25),
        };
        delete done.waitingSince;
        delete done.dueAt;
        await store.putAttention(done);
        assert.deepEqual(await store.getAttention('conv-b'), done);
        assert.deepEqual(
          (await store.listWaiting(10)).map((r) => r.conversationId),
          ['conv-a'],
        );
        assert.deepEqual(
          (await store.listAnswered(t(10), t(30))).map((r) => [r.conversationId, r.answeredInDue]),
          [
            ['conv-c', true],
            ['conv-b', false],
          ],
        );
        assert.deepEqual(await store.listAnswered(t(16), t(20)), []);
      });
    });
  });
}
