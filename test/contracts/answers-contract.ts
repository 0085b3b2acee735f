/**
 * The remembered-answers part of the Store contract (run by store-contract.ts for every store):
 * answers round-trip, list per language oldest first, replace by id and are forgotten; a draft
 * keeps which remembered answer it was made from.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RememberedAnswer } from '../../src/core/answers/record.js';
import type { Store } from '../../src/core/ports.js';
import { conversation, customer, draft, identity } from './store-fixtures.js';

export function runAnswersContract(name: string, make: () => Promise<Store>): void {
  async function withStore(fn: (store: Store) => Promise<void>): Promise<void> {
    const store = await make();
    try {
      await store.migrate();
      await fn(store);
    } finally {
      await store.close();
    }
  }
  const t = (min: number) => new Date(Date.UTC(2026, 11, 3, 9, min));
  const answer = (over: Partial<RememberedAnswer>): RememberedAnswer => ({
    id: 'a1',
    language: 'en',
    intent: 'shipping',
    questions: ['Do you ship to Canada?'],
    text: 'Yes — 5 to 8 days, $12.',
    draftId: 'd1',
    customerId: 'c1',
    answeredAt: t(0),
    createdAt: t(1),
    updatedAt: t(1),
    ...over,
  });

  describe(`Store contract (remembered answers): ${name}`, () => {
    it('round-trips answers, lists them per language oldest first, replaces by id and forgets', async () => {
      await withStore(async (store) => {
        const en = answer({});
        const zh = answer({
          id: 'a2',
          language: 'zh',
          questions: ['寄加拿大吗？'],
          text: '可以，5到8天。',
          createdAt: t(2),
        });
        const en2 = answer({
          id: 'a3',
          intent: 'order',
          questions: ['Where is [[order]]?', 'x'],
          createdAt: t(3),
        });
        await store.putAnswer(en2);
        await store.putAnswer(zh);
        await store.putAnswer(en);
        assert.deepEqual(await store.getAnswer('a1'), en);
        assert.deepEqual(
          (await store.listAnswers('en')).map((a) => a.id),
          ['a1', 'a3'],
        );
        assert.deepEqual(await store.listAnswers('zh'), [zh]);
        assert.equal((await store.listAnswers()).length, 3);
        await store.putAnswer({
          ...en,
          text: 'Yes — 5 to 8 days, $15.',
          questions: ['a', 'b'],
          updatedAt: t(9),
        });
        const replaced = await store.getAnswer('a1');
        assert.equal(replaced?.text, 'Yes — 5 to 8 days, $15.');
        assert.deepEqual(replaced?.questions, ['a', 'b']);
        assert.deepEqual(replaced?.createdAt, t(1));
        assert.equal((await store.listAnswers('en')).length, 2);
        // The owner's autopilot choice is kept, and a put without it turns it off.
        await store.putAnswer({ ...en, autopilot: true });
        assert.equal((await store.getAnswer('a1'))?.autopilot, true);
        assert.equal((await store.listAnswers('en')).find((a) => a.id === 'a1')?.autopilot, true);
        assert.equal((await store.getAnswer('a3'))?.autopilot, undefined);
        await store.putAnswer({ ...en, autopilot: false });
        assert.equal((await store.getAnswer('a1'))?.autopilot, undefined);
        await store.putAnswer({ ...en, autopilot: true });
        await store.putAnswer(en);
        assert.equal((await store.getAnswer('a1'))?.autopilot, undefined);
        assert.equal(await store.deleteAnswer('a1'), true);
        assert.equal(await store.deleteAnswer('a1'), false);
        assert.equal(await store.getAnswer('a1'), undefined);
      });
    });

    it('keeps the remembered answer a draft was made from', async () => {
      await withStore(async (store) => {
        const c = customer();
        await store.createCustomer(c, identity());
        const conv = conversation(c.id);
        await store.createConversation(conv);
        const basis = { answerId: 'a1', answeredAt: t(0), customerId: 'c9', score: 0.75, autoSendAt: t(7) };
        const d = draft(conv, { basis });
        await store.insertDraft(d);
        assert.deepEqual((await store.getDraft(d.id))?.basis, basis);
        const plain = draft(conv);
        await store.insertDraft(plain);
        assert.equal((await store.getDraft(plain.id))?.basis, undefined);
      });
    });
  });
}
