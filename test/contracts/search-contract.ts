/**
 * The search contract (`/cs find`, issue 19): every store finds the same customers and
 * messages — English words and prefixes, Chinese of one, two and more characters, order
 * numbers from the text and from the classification's entities, emails and phones however
 * typed, notes and tags — and forgets a message's old words when its text changes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../../src/core/ports.js';
import type { CustomerNotesSource, SearchSource } from '../../src/core/search.js';
import { at, CLASSIFICATION, conversation, customer, identity, message } from './store-fixtures.js';

type SearchStore = Store & SearchSource & CustomerNotesSource;

export function runSearchContract(
  name: string,
  make: () => Promise<SearchStore>,
  /** Changes a stored message's text (erase does this); SQLite and MongoDB each their own way. */
  setText: (store: SearchStore, messageId: string, text: string) => Promise<void>,
): void {
  async function withDesk(fn: (store: SearchStore, ids: Record<string, string>) => Promise<void>) {
    const store = await make();
    try {
      await store.migrate();
      const ids: Record<string, string> = {};
      const add = async (
        key: string,
        name: string,
        address: string,
        channel: 'email' | 'sms',
        texts: string[],
      ) => {
        const c = customer({ name });
        await store.createCustomer(c, identity({ channel, address }));
        const conv = conversation(c.id, { channel });
        await store.createConversation(conv);
        ids[key] = c.id;
        let i = 0;
        for (const text of texts) {
          const m = message(conv, { text, createdAt: at((i += 1)), classification: undefined });
          await store.insertMessage(m);
          ids[`${key}:${i}`] = m.id;
        }
      };
      await add('alice', 'Alice Walker', 'alice@example.com', 'email', [
        'Where is my order #7781? It was due Monday.',
        'Thanks for the quick answer',
      ]);
      await add('wang', '王芳', '+8613800138000', 'sms', ['我想退货，衣服太小了', '发票还没收到']);
      await add('bob', 'Bob Stone', '+14155550199', 'sms', ['Returned the shoes yesterday']);
      return await fn(store, ids);
    } finally {
      await store.close();
    }
  }

  const messageIds = (r: Awaited<ReturnType<SearchSource['search']>>) => r.messages.map((m) => m.messageId);
  const customerIds = (r: Awaited<ReturnType<SearchSource['search']>>) =>
    r.customers.map((c) => c.customerId);

  describe(`Search contract: ${name}`, () => {
    it('finds an order number in a message, with its customer, channel and date', async () => {
      await withDesk(async (store, ids) => {
        const r = await store.search({ text: '7781' });
        assert.deepEqual(messageIds(r), [ids['alice:1']]);
        const hit = r.messages[0]!;
        assert.equal(hit.customerId, ids.alice);
        assert.equal(hit.customerName, 'Alice Walker');
        assert.equal(hit.channel, 'email');
        assert.equal(hit.createdAt.getTime(), at(1).getTime());
        assert.match(hit.text, /#7781/);
      });
    });

    it('finds Chinese of two characters, one character and a longer phrase', async () => {
      await withDesk(async (store, ids) => {
        assert.deepEqual(messageIds(await store.search({ text: '退货' })), [ids['wang:1']]);
        assert.deepEqual(messageIds(await store.search({ text: '票' })), [ids['wang:2']]);
        assert.deepEqual(messageIds(await store.search({ text: '衣服太小' })), [ids['wang:1']]);
        assert.deepEqual(messageIds(await store.search({ text: '退款' })), []);
        assert.deepEqual(customerIds(await store.search({ text: '王芳' })), [ids.wang]);
      });
    });

    it('matches English words as prefixes, all words required', async () => {
      await withDesk(async (store, ids) => {
        assert.deepEqual(messageIds(await store.search({ text: 'return' })), [ids['bob:1']]);
        assert.deepEqual(messageIds(await store.search({ text: 'QUICK answer' })), [ids['alice:2']]);
        assert.deepEqual(messageIds(await store.search({ text: 'quick shoes' })), []);
      });
    });

    it('finds customers by email and by phone however it is typed', async () => {
      await withDesk(async (store, ids) => {
        assert.ok(customerIds(await store.search({ text: 'alice@example.com' })).includes(ids.alice!));
        assert.ok(customerIds(await store.search({ text: 'ALICE@example' })).includes(ids.alice!));
        for (const typed of ['415 555 0199', '(415) 555-0199', '+1 415-555-0199', '+14155550199'])
          assert.deepEqual(customerIds(await store.search({ text: typed })), [ids.bob], typed);
        assert.deepEqual(customerIds(await store.search({ text: 'Bob' })), [ids.bob]);
      });
    });

    it('finds order numbers the classifier extracted though the text spells them apart', async () => {
      await withDesk(async (store, ids) => {
        const id = ids['alice:2']!;
        await store.updateMessage(id, {
          classification: {
            ...CLASSIFICATION,
            entities: { ...CLASSIFICATION.entities, orderNumbers: ['A-99120'] },
          },
        });
        assert.deepEqual(messageIds(await store.search({ text: '99120' })), [id]);
      });
    });

    it('keeps notes and tags, and finds customers by them', async () => {
      await withDesk(async (store, ids) => {
        assert.deepEqual(await store.customerNotes(ids.alice!), { tags: [] });
        await store.setCustomerNote(ids.alice!, 'Prefers calls after 6pm');
        await store.setCustomerTags(ids.alice!, ['VIP', '批发']);
        assert.deepEqual(await store.customerNotes(ids.alice!), {
          note: 'Prefers calls after 6pm',
          tags: ['VIP', '批发'],
        });
        const byTag = await store.search({ text: '批发' });
        assert.deepEqual(customerIds(byTag), [ids.alice]);
        assert.equal(byTag.customers[0]!.field, 'tag');
        const byNote = await store.search({ text: 'after 6pm' });
        assert.deepEqual(customerIds(byNote), [ids.alice]);
        assert.equal(byNote.customers[0]!.field, 'note');
        await store.setCustomerNote(ids.alice!, '');
        assert.deepEqual(await store.customerNotes(ids.alice!), { tags: ['VIP', '批发'] });
      });
    });

    it('forgets the old words when a message text is replaced (erase)', async () => {
      await withDesk(async (store, ids) => {
        await setText(store, ids['wang:1']!, '');
        assert.deepEqual(messageIds(await store.search({ text: '退货' })), []);
        await setText(store, ids['wang:2']!, 'replaced words');
        assert.deepEqual(messageIds(await store.search({ text: '发票' })), []);
        assert.deepEqual(messageIds(await store.search({ text: 'replaced' })), [ids['wang:2']]);
      });
    });

    it('answers nothing for an empty query or punctuation', async () => {
      await withDesk(async (store) => {
        for (const text of ['', '  ', '!!!']) {
          const r = await store.search({ text });
          assert.deepEqual(r.messages, [], text);
        }
      });
    });
  });
}
