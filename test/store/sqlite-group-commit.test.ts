import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { createGroupCommit } from '../../src/store/sqlite/group-commit.js';

function open() {
  const file = join(mkdtempSync(join(tmpdir(), 'solodesk-gc-')), 'db.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)');
  const reader = new Database(file, { readonly: true });
  const seen = () => (reader.prepare('SELECT v FROM t ORDER BY id').all() as { v: string }[]).map((r) => r.v);
  return { db, reader, seen };
}

describe('group commit (embedded store)', () => {
  test('writes of one event-loop turn share a commit, and resolve only once it is durable', async () => {
    const { db, reader, seen } = open();
    const commits = createGroupCommit(db);
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    // The turn's first write commits on its own (SQLite autocommit)...
    const a = commits.write(() => insert.run('a').changes);
    assert.deepEqual(seen(), ['a']);
    // ...the next ones share a batch that nobody else sees before it is committed.
    const b = commits.write(() => insert.run('b').changes);
    const c = commits.write(() => insert.run('c').changes);
    assert.deepEqual(seen(), ['a']);
    assert.equal(db.inTransaction, true);
    let resolvedEarly = false;
    void b.then(() => (resolvedEarly = !seen().includes('b')));
    assert.deepEqual(await Promise.all([a, b, c]), [1, 1, 1]);
    assert.equal(resolvedEarly, false, 'a write resolved before its commit');
    assert.deepEqual(seen(), ['a', 'b', 'c']);
    assert.equal(db.inTransaction, false);
    db.close();
    reader.close();
  });

  test('a writer that awaits each write commits each on its own, with no batch left open', async () => {
    const { db, reader, seen } = open();
    const commits = createGroupCommit(db);
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    for (const v of ['1', '2', '3']) {
      await commits.write(() => insert.run(v));
      assert.equal(db.inTransaction, false);
    }
    assert.deepEqual(seen(), ['1', '2', '3']);
    db.close();
    reader.close();
  });

  test('a failing statement rejects only itself; the batch still commits', async () => {
    const { db, reader, seen } = open();
    const commits = createGroupCommit(db);
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const lone = commits.write(() => insert.run('w'));
    const ok1 = commits.write(() => insert.run('x'));
    const dup = commits.write(() => insert.run('x'));
    const ok2 = commits.write(() => insert.run('y'));
    await assert.rejects(dup, /UNIQUE/);
    await Promise.all([lone, ok1, ok2]);
    assert.deepEqual(seen(), ['w', 'x', 'y']);
    db.close();
    reader.close();
  });

  test('inside a transaction someone else opened, writes are theirs to commit', async () => {
    const { db, reader, seen } = open();
    const commits = createGroupCommit(db);
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    db.exec('BEGIN');
    await commits.write(() => insert.run('bulk'));
    await new Promise((r) => setImmediate(r));
    assert.equal(db.inTransaction, true, 'the batch must not commit a transaction it did not open');
    assert.deepEqual(seen(), []);
    db.exec('COMMIT');
    assert.deepEqual(seen(), ['bulk']);
    db.close();
    reader.close();
  });

  test('flush commits at once (before the store closes)', async () => {
    const { db, reader, seen } = open();
    const commits = createGroupCommit(db);
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const first = commits.write(() => insert.run('first'));
    const pending = commits.write(() => insert.run('last'));
    assert.deepEqual(seen(), ['first']);
    commits.flush();
    assert.deepEqual(seen(), ['first', 'last']);
    db.close();
    await Promise.all([first, pending]);
    reader.close();
  });

  test('when the commit fails, every write of the batch is rejected and nothing is kept', async () => {
    const { db, reader, seen } = open();
    const commits = createGroupCommit(db);
    // A deferred foreign key is checked at COMMIT: the commit itself fails.
    db.pragma('foreign_keys = ON');
    db.exec(
      'CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES t (id) DEFERRABLE INITIALLY DEFERRED)',
    );
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const lone = commits.write(() => insert.run('alone'));
    const good = commits.write(() => insert.run('kept?'));
    const bad = commits.write(() => db.prepare('INSERT INTO child (parent) VALUES (999)').run());
    await lone;
    await assert.rejects(good, /FOREIGN KEY/);
    await assert.rejects(bad, /FOREIGN KEY/);
    assert.deepEqual(seen(), ['alone']);
    assert.equal(db.inTransaction, false);
    // The next write starts a fresh batch.
    await commits.write(() => insert.run('after'));
    assert.deepEqual(seen(), ['alone', 'after']);
    db.close();
    reader.close();
  });
});
