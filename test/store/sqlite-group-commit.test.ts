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
    const a = commits.write(() => insert.run('a').changes);
    const b = commits.write(() => insert.run('b').changes);
    // Another connection cannot see them yet: nothing has been acknowledged.
    assert.deepEqual(seen(), []);
    assert.equal(db.inTransaction, true);
    let resolvedEarly = false;
    void a.then(() => (resolvedEarly = !seen().includes('a')));
    assert.deepEqual(await Promise.all([a, b]), [1, 1]);
    assert.equal(resolvedEarly, false, 'a write resolved before its commit');
    assert.deepEqual(seen(), ['a', 'b']);
    assert.equal(db.inTransaction, false);
    db.close();
    reader.close();
  });

  test('a failing statement rejects only itself; the batch still commits', async () => {
    const { db, reader, seen } = open();
    const commits = createGroupCommit(db);
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const ok1 = commits.write(() => insert.run('x'));
    const dup = commits.write(() => insert.run('x'));
    const ok2 = commits.write(() => insert.run('y'));
    await assert.rejects(dup, /UNIQUE/);
    await Promise.all([ok1, ok2]);
    assert.deepEqual(seen(), ['x', 'y']);
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
    const pending = commits.write(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('last'));
    commits.flush();
    assert.deepEqual(seen(), ['last']);
    db.close();
    await pending;
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
    const good = commits.write(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('kept?'));
    const bad = commits.write(() => db.prepare('INSERT INTO child (parent) VALUES (999)').run());
    await assert.rejects(good, /FOREIGN KEY/);
    await assert.rejects(bad, /FOREIGN KEY/);
    assert.deepEqual(seen(), []);
    assert.equal(db.inTransaction, false);
    // The next write starts a fresh batch.
    await commits.write(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('after'));
    assert.deepEqual(seen(), ['after']);
    db.close();
    reader.close();
  });
});
