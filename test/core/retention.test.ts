/**
 * RETENTION_DAYS: the sweep erases bodies older than the retention, once per day across
 * restarts (the store's mark), and does nothing when retention is off.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RetentionSweeper } from '../../src/core/retention.js';
import { createLogger } from '../../src/logging/logger.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { conversation, customer, identity, message } from '../contracts/store-fixtures.js';

const DAY = 86_400_000;

describe('retention sweep', () => {
  it('erases old bodies once a day; a restart the same day does not sweep again', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    const now = new Date('2026-12-07T06:00:00Z');
    const clock = { now: () => now };
    const logger = createLogger('silent');
    try {
      const c = customer();
      await store.createCustomer(c, identity());
      const conv = conversation(c.id);
      await store.createConversation(conv);
      const old = message(conv, { text: 'old body', createdAt: new Date(now.getTime() - 40 * DAY) });
      const fresh = message(conv, { text: 'fresh body', createdAt: new Date(now.getTime() - 5 * DAY) });
      await store.insertMessage(old);
      await store.insertMessage(fresh);

      assert.equal(await new RetentionSweeper({ store, clock, logger }, 0).sweep(), undefined, 'off');
      assert.equal((await store.getMessage(old.id))?.text, 'old body');

      const first = new RetentionSweeper({ store, clock, logger }, 30);
      assert.deepEqual(await first.sweep(), { messages: 1, files: 0 });
      assert.equal((await store.getMessage(old.id))?.text, '');
      assert.equal((await store.getMessage(fresh.id))?.text, 'fresh body');
      // Another process (or a restart) the same day: today's mark is taken.
      assert.equal(await new RetentionSweeper({ store, clock, logger }, 30).sweep(), undefined);
      // The next day it runs again.
      now.setTime(now.getTime() + DAY);
      assert.deepEqual(await first.sweep(), { messages: 0, files: 0 });
    } finally {
      await store.close();
    }
  });
});
