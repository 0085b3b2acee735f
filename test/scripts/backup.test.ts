/**
 * `npm run backup`: SQLite through the online backup API (a whole, valid copy while the store
 * stays open and in use); MongoDB as one Extended JSON lines file per collection whose
 * documents parse back with their types.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import mongoose from 'mongoose';
import { backup } from '../../scripts/backup.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { seedPrivate, SECRET } from '../contracts/privacy-contract.js';
import { mongoTarget } from '../support/mongo-wire/target.js';
import { tempDir, testConfig } from '../support/test-config.js';

describe('npm run backup', () => {
  it('sqlite: a consistent copy of the open database in the chosen folder', async () => {
    const dataDir = tempDir('solodesk-backup-');
    const store = createSqliteStore({ file: join(dataDir, 'solodesk.db') });
    try {
      await seedPrivate(store);
      const out = join(dataDir, 'copy');
      const result = await backup(testConfig({ DATA_DIR: dataDir }), out);
      assert.deepEqual(result.files, [join(out, 'solodesk.db')]);
      // The desk keeps writing meanwhile; the copy is the moment of the backup.
      const copy = new Database(result.files[0]!, { readonly: true });
      try {
        assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
        const count = (sql: string) => (copy.prepare(sql).get() as { n: number }).n;
        assert.equal(count('SELECT COUNT(*) AS n FROM messages'), 3);
        assert.equal(count('SELECT COUNT(*) AS n FROM attachment_files'), 1);
        assert.equal(
          (copy.prepare('SELECT name FROM customers WHERE name = ?').get(SECRET.name) as { name: string })
            .name,
          SECRET.name,
        );
      } finally {
        copy.close();
      }
    } finally {
      await store.close();
    }
  });

  it('mongodb: one Extended JSON lines file per collection, types kept', async () => {
    const target = mongoTarget();
    const store = await target.make();
    try {
      await store.migrate();
      await seedPrivate(store);
      const dbName = store.connection.db!.databaseName;
      const out = tempDir('solodesk-mongo-backup-');
      const result = await backup(testConfig({ MONGODB_URI: await target.uriFor(dbName) }), out);
      const file = (name: string) => join(out, dbName, `${name}.json`);
      assert.ok(result.files.includes(file('messages')));
      assert.ok(result.files.includes(file('attachment_chunks')));
      const { EJSON } = mongoose.mongo.BSON;
      const lines = (name: string) =>
        readFileSync(file(name), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => EJSON.parse(l) as Record<string, unknown>);
      const messages = lines('messages');
      assert.equal(messages.length, 3);
      assert.ok(messages[0]!.createdAt instanceof Date, 'dates come back as dates');
      assert.match(readFileSync(file('messages'), 'utf8'), /"\$date"/);
      assert.equal(lines('customers').length, 3);
      const chunk = lines('attachment_chunks')[0]!;
      assert.equal(Buffer.from((chunk.data as { buffer: Uint8Array }).buffer).toString(), SECRET.file);
    } finally {
      await store.close();
    }
  });
});
