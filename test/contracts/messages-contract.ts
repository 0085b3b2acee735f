/**
 * The Store contract for messages (deduplicated inbound, thread order, unpresented): run by runStoreContract for every store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/core/ports.js';
import { at, CLASSIFICATION, conversation, message, outbound, seedCustomer } from './store-fixtures.js';

export function runMessagesContract(withStore: (fn: (store: Store) => Promise<void>) => Promise<void>): void {
  describe('messages', () => {
    it('round-trips every field, including JSON and optional ones', async () => {
      await withStore(async (store) => {
        const { conversation: conv } = await seedCustomer(store);
        const full = message(conv, {
          fullText: 'full text\n> quoted',
          subject: 'Re: 订单',
          attachments: [
            { name: 'a.pdf', contentType: 'application/pdf', size: 3, dataBase64: 'AAEC' },
            { name: 'b.jpg', contentType: 'image/jpeg', size: 10, url: 'https://media.example/b.jpg' },
          ],
          meta: { caller: 'x', recording: 'https://r.example/1' },
          classification: CLASSIFICATION,
          kind: 'voicemail',
        });
        const bare = message(conv, { createdAt: at(2) });
        await store.insertMessage(full);
        await store.insertMessage(bare);
        assert.deepEqual(await store.getMessage(full.id), full);
        const readBare = await store.getMessage(bare.id);
        assert.deepEqual(readBare, bare);
        for (const key of ['fullText', 'subject', 'classification', 'delivery']) {
          assert.equal(key in (readBare ?? {}), false, `${key} absent`);
        }
        assert.equal(await store.getMessage('nope'), undefined);
      });
    });

    it('dedupes on (channel, externalId) and finds by it', async () => {
      await withStore(async (store) => {
        const { conversation: conv } = await seedCustomer(store);
        const m = message(conv, { externalId: 'SM123', channel: 'sms' });
        assert.deepEqual(await store.insertMessage(m), { kind: 'inserted' });
        const again = message(conv, { externalId: 'SM123', channel: 'sms', text: 'redelivered' });
        assert.deepEqual(await store.insertMessage(again), { kind: 'duplicate', existingId: m.id });
        assert.equal(await store.getMessage(again.id), undefined);
        // The same external id on another channel is another message.
        const otherChannel = message(conv, { externalId: 'SM123', channel: 'whatsapp' });
        assert.deepEqual(await store.insertMessage(otherChannel), { kind: 'inserted' });
        assert.equal((await store.findMessageByExternalId('sms', 'SM123'))?.id, m.id);
        assert.equal((await store.findMessageByExternalId('whatsapp', 'SM123'))?.id, otherChannel.id);
        assert.equal(await store.findMessageByExternalId('telegram', 'SM123'), undefined);
        assert.equal((await store.listMessages(conv.id)).length, 2);
      });
    });

    it('patches classification, stage and delivery only', async () => {
      await withStore(async (store) => {
        const { conversation: conv } = await seedCustomer(store);
        const m = message(conv);
        await store.insertMessage(m);
        await store.updateMessage(m.id, { classification: CLASSIFICATION });
        await store.updateMessage(m.id, { stage: 'presented' });
        assert.deepEqual(await store.getMessage(m.id), {
          ...m,
          classification: CLASSIFICATION,
          stage: 'presented',
        });
        await store.updateMessage(m.id, { delivery: 'read' });
        assert.equal((await store.getMessage(m.id))?.delivery, 'read');
      });
    });

    it('lists a conversation oldest first; a limit keeps the latest ones', async () => {
      await withStore(async (store) => {
        const { conversation: conv } = await seedCustomer(store);
        const other = await seedCustomer(store);
        const m3 = message(conv, { createdAt: at(30) });
        const m1 = message(conv, { createdAt: at(10) });
        const m2 = outbound(conv, { createdAt: at(20) });
        for (const m of [m3, m1, m2]) await store.insertMessage(m);
        await store.insertMessage(message(other.conversation, { createdAt: at(15) }));
        assert.deepEqual(
          (await store.listMessages(conv.id)).map((m) => m.id),
          [m1.id, m2.id, m3.id],
        );
        assert.deepEqual(
          (await store.listMessages(conv.id, 2)).map((m) => m.id),
          [m2.id, m3.id],
        );
        assert.deepEqual(await store.listMessages('nope'), []);
      });
    });

    it('counts a customer’s messages by direction', async () => {
      await withStore(async (store) => {
        const { customer: c, conversation: conv } = await seedCustomer(store);
        const second = conversation(c.id, { openedAt: at(50) });
        await store.createConversation(second);
        assert.deepEqual(await store.countMessages(c.id), { in: 0, out: 0 });
        await store.insertMessage(message(conv));
        await store.insertMessage(message(second));
        await store.insertMessage(message(second));
        await store.insertMessage(outbound(conv));
        assert.deepEqual(await store.countMessages(c.id), { in: 3, out: 1 });
      });
    });

    it('lists inbound messages not yet presented, oldest first, up to the limit', async () => {
      await withStore(async (store) => {
        const { conversation: conv } = await seedCustomer(store);
        const late = message(conv, { createdAt: at(30) });
        const early = message(conv, { createdAt: at(10) });
        const shown = message(conv, { createdAt: at(5), stage: 'presented' });
        const out = outbound(conv, { createdAt: at(1), stage: 'stored' });
        for (const m of [late, early, shown, out]) await store.insertMessage(m);
        assert.deepEqual(
          (await store.listUnpresented(10)).map((m) => m.id),
          [early.id, late.id],
        );
        assert.deepEqual(
          (await store.listUnpresented(1)).map((m) => m.id),
          [early.id],
        );
        await store.updateMessage(early.id, { stage: 'presented' });
        assert.deepEqual(
          (await store.listUnpresented(10)).map((m) => m.id),
          [late.id],
        );
      });
    });
  });
}
