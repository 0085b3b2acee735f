import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSqliteStore, type SqliteStore } from '../../src/store/sqlite/index.js';
import { periodRange, summariseFigures } from '../../src/core/figures.js';
import { seedDemo } from '../../scripts/seed-demo.js';

const NOW = new Date('2026-11-26T00:00:00Z');

function dump(store: SqliteStore): string {
  const tables = [
    'customers',
    'identities',
    'conversations',
    'messages',
    'drafts',
    'decisions',
    'outbox',
    'ratings',
  ];
  return JSON.stringify(tables.map((t) => store.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));
}

describe('seed:demo', () => {
  it('is deterministic: the same options give byte-identical data', async () => {
    const a = createSqliteStore({ file: ':memory:' });
    const b = createSqliteStore({ file: ':memory:' });
    try {
      const ca = await seedDemo(a, { customers: 40, days: 30, seed: 7, now: NOW });
      const cb = await seedDemo(b, { customers: 40, days: 30, seed: 7, now: NOW });
      assert.deepEqual(ca, cb);
      assert.equal(dump(a), dump(b));
      const other = createSqliteStore({ file: ':memory:' });
      await seedDemo(other, { customers: 40, days: 30, seed: 8, now: NOW });
      assert.notEqual(dump(other), dump(a), 'another seed, another history');
      await other.close();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('makes a realistic history: ~2 conversations and ~10 messages per customer, ratings, both languages', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    try {
      const counts = await seedDemo(store, { customers: 300, days: 60, seed: 1, now: NOW });
      assert.equal(counts.customers, 300);
      assert.ok(
        counts.conversations > 450 && counts.conversations < 750,
        `${counts.conversations} conversations`,
      );
      assert.ok(counts.messages / counts.conversations > 3.5, `${counts.messages} messages`);
      assert.ok(counts.ratings > 30);
      const languages = store.db.prepare('SELECT DISTINCT language FROM customers ORDER BY 1').pluck().all();
      assert.deepEqual(languages, ['en', 'zh']);
      const s = summariseFigures(await store.figures({ ...periodRange('all', NOW, 'UTC'), tz: 'UTC' }));
      assert.equal(s.customers, 300);
      assert.equal(s.conversations.opened, counts.conversations);
      assert.ok(s.conversations.unanswered > 0, 'some conversations are never answered');
      assert.ok((s.firstResponse?.medianMin ?? 0) > 1);
      assert.ok(s.satisfaction.ratings > 0 && s.satisfaction.asked >= s.satisfaction.ratings);
      assert.ok(s.drafts.asDrafted > 0 && s.drafts.edited > 0 && s.drafts.discarded > 0);
      assert.ok(s.messages.byChannel.length >= 6, 'many channels');
      assert.ok(s.articleIndex && s.articleIndex.value > 0);
    } finally {
      await store.close();
    }
  });
});
