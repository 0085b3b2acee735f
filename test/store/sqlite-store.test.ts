import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { NEEDS_OWNER_SQL } from '../../src/store/sqlite/outbox-needs-owner.js';
import { runStoreContract } from '../contracts/store-contract.js';
import { conversation, customer, identity, message } from '../contracts/store-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'solodesk-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

runStoreContract('sqlite file', async () =>
  createSqliteStore({ file: join(dir, `contract-${(files += 1)}.db`) }),
);
runStoreContract('sqlite :memory:', async () => createSqliteStore({ file: ':memory:' }));

describe('sqlite store specifics', () => {
  it('uses WAL, synchronous=NORMAL and a busy timeout', async () => {
    const store = createSqliteStore({ file: join(dir, 'pragmas.db'), busyTimeoutMs: 1234 });
    try {
      assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(store.db.pragma('synchronous', { simple: true }), 1); // NORMAL
      assert.equal(store.db.pragma('busy_timeout', { simple: true }), 1234);
    } finally {
      await store.close();
    }
  });

  it('keeps data across close and reopen, and re-running migrations changes nothing', async () => {
    const file = join(dir, 'nested', 'folder', 'reopen.db');
    const first = createSqliteStore({ file });
    const c = customer({ name: 'Persistent' });
    const id = identity();
    await first.createCustomer(c, id);
    const conv = conversation(c.id);
    await first.createConversation(conv);
    const m = message(conv);
    await first.insertMessage(m);
    await first.setCursor('imap:INBOX', '7');
    const version = first.schemaVersion();
    assert.equal(version, Math.max(...MIGRATIONS.map((x) => x.version)));
    await first.close();

    const second = createSqliteStore({ file });
    try {
      await second.migrate();
      await second.migrate();
      assert.equal(second.schemaVersion(), version);
      const rows = second.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as {
        version: number;
      }[];
      assert.deepEqual(
        rows.map((r) => r.version),
        MIGRATIONS.map((x) => x.version).sort((a, b) => a - b),
        'each migration recorded exactly once',
      );
      assert.deepEqual(await second.getCustomer(c.id), c);
      assert.deepEqual(await second.findCustomerByIdentity(id.channel, id.address), c);
      assert.deepEqual(await second.getMessage(m.id), m);
      assert.equal(await second.getCursor('imap:INBOX'), '7');
      assert.deepEqual(await second.insertMessage({ ...m, id: 'other' }), {
        kind: 'duplicate',
        existingId: m.id,
      });
    } finally {
      await second.close();
    }
  });

  it('a database left at an older version is brought up to date on open', async () => {
    const file = join(dir, 'old.db');
    const raw = new Database(file);
    // Simulate a database created by a build that only knew migration 1.
    raw.exec(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
    );
    const first = MIGRATIONS[0]!;
    raw.exec(first.sql);
    raw.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(first.version, first.name, 0);
    raw.close();
    const store = createSqliteStore({ file });
    try {
      assert.equal(store.schemaVersion(), Math.max(...MIGRATIONS.map((x) => x.version)));
      assert.equal(await store.ping(), true);
    } finally {
      await store.close();
    }
  });

  it('every lookup the store makes is served by an index (no full table scans)', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    try {
      const plans: [string, unknown[]][] = [
        ['SELECT * FROM identities WHERE channel = ? AND address = ?', ['sms', 'x']],
        ['SELECT * FROM identities WHERE customer_id = ? ORDER BY rowid', ['c']],
        [
          'SELECT * FROM conversations WHERE customer_id = ? ORDER BY opened_at DESC, rowid DESC LIMIT 1',
          ['c'],
        ],
        ["SELECT * FROM messages WHERE channel = ? AND external_id = ? AND external_id <> ''", ['sms', 'x']],
        [
          'SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?',
          ['c', 5],
        ],
        ['SELECT direction, COUNT(*) AS n FROM messages WHERE customer_id = ? GROUP BY direction', ['c']],
        [
          "SELECT * FROM messages WHERE direction = 'in' AND stage = 'stored' ORDER BY created_at, rowid LIMIT ?",
          [5],
        ],
        ["SELECT * FROM drafts WHERE status = 'pending' ORDER BY created_at, rowid LIMIT ?", [5]],
        ["SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?", [0]],
        ["SELECT id FROM outbox WHERE status = 'sending' AND lease_until < ?", [0]],
        [
          'SELECT * FROM outbox WHERE channel = ? AND external_id = ? ORDER BY created_at DESC LIMIT 1',
          ['sms', 'x'],
        ],
        // /cs due: the failed and uncertain jobs (migration 18), and the newer-reply checks.
        [NEEDS_OWNER_SQL, [5]],
        ['SELECT * FROM ratings WHERE customer_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1', ['c']],
        ['SELECT * FROM ratings WHERE conversation_id = ? ORDER BY created_at, rowid', ['c']],
        ['SELECT key FROM console_refs WHERE console = ? AND value = ? LIMIT 1', ['slack', 'v']],
        ['SELECT * FROM claims WHERE customer_id = ? ORDER BY claimed_at, rowid', ['c']],
        [
          'SELECT customer_id FROM claims WHERE channel = ? AND address = ? AND kind = ? ORDER BY claimed_at, rowid',
          ['email', 'x', 'typed'],
        ],
        [
          'SELECT customer_id FROM claims WHERE channel = ? AND address = ? ORDER BY claimed_at, rowid',
          ['email', 'x'],
        ],
      ];
      for (const [sql, params] of plans) {
        const plan = store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
        const details = plan.map((p) => p.detail).join(' | ');
        assert.doesNotMatch(details, /^SCAN \w+$|\| SCAN \w+$|^SCAN \w+ \|/m, `${sql} → ${details}`);
        assert.match(details, /USING|PRIMARY KEY/, `${sql} → ${details}`);
      }
    } finally {
      await store.close();
    }
  });
});
