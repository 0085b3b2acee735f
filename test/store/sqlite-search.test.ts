import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { applyMigrations, MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { runSearchContract } from '../contracts/search-contract.js';
import { conversation, customer, identity, message } from '../contracts/store-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'solodesk-search-'));
after(() => rmSync(dir, { recursive: true, force: true }));

runSearchContract(
  'sqlite',
  async () => createSqliteStore({ file: ':memory:' }),
  // Erase (another module) rewrites the column directly: the triggers must follow it.
  async (store, id, text) => {
    (store as SqliteStore).db
      .prepare('UPDATE messages SET text = ?, full_text = NULL WHERE id = ?')
      .run(text, id);
  },
);

describe('sqlite search index', () => {
  it('migration 12 indexes the messages stored before it, and a deleted row leaves the index', async () => {
    const file = join(dir, 'old.db');
    const old = new Database(file);
    applyMigrations(
      old,
      MIGRATIONS.filter((m) => m.version < 12),
    );
    old.close();
    const before = createSqliteStore({ file, migrate: false });
    const c = customer({ name: 'Li' });
    await before.createCustomer(c, identity());
    const conv = conversation(c.id);
    await before.createConversation(conv);
    const m = message(conv, { text: '我要退货 order 5521' });
    await before.insertMessage(m);
    await before.close();
    assert.equal(
      (
        new Database(file)
          .prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'message_search'")
          .get() as { n: number }
      ).n,
      0,
    );

    const store = createSqliteStore({ file });
    try {
      assert.deepEqual(
        (await store.search({ text: '退货' })).messages.map((x) => x.messageId),
        [m.id],
      );
      assert.deepEqual(
        (await store.search({ text: '5521' })).messages.map((x) => x.messageId),
        [m.id],
      );
      store.db.prepare('DELETE FROM messages WHERE id = ?').run(m.id);
      assert.deepEqual((await store.search({ text: '退货' })).messages, []);
      assert.equal(
        (
          store.db
            .prepare('SELECT COUNT(*) AS n FROM message_search WHERE message_search MATCH \'"5521"\'')
            .get() as { n: number }
        ).n,
        0,
      );
    } finally {
      await store.close();
    }
  });
});
