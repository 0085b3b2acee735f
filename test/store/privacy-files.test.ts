/**
 * After /cs forget, the erased values are nowhere in the store's bytes: not in the SQLite
 * database, its WAL or any file of the data directory, and in no MongoDB collection.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { SECRET, seedPrivate } from '../contracts/privacy-contract.js';
import { mongoTarget } from '../support/mongo-wire/target.js';

const NEEDLES = [SECRET.email, SECRET.phone, SECRET.text, SECRET.name, SECRET.file, 'quokka'];

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Needles found in the files' bytes, as UTF-8 and as UTF-16 (SQLite may store either). */
function found(files: string[]): string[] {
  const hits: string[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const needle of NEEDLES)
      if (bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le')))
        hits.push(`${needle} in ${file}`);
  }
  return hits;
}

describe('erasure leaves no trace in the stored bytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'solodesk-forget-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('sqlite: the database file and its WAL hold none of the erased values', async () => {
    const store = createSqliteStore({ file: join(dir, 'solodesk.db') });
    try {
      const { ann, other } = await seedPrivate(store);
      assert.ok(found(filesUnder(dir)).length > 0, 'the values are in the files before (the check can fail)');
      await store.forgetCustomer(ann.id);
      assert.deepEqual(found(filesUnder(dir)), [], 'while open, after the checkpoint');
      assert.equal((await store.getCustomer(other.id))?.name, 'Bob Keep');
    } finally {
      await store.close();
    }
    assert.deepEqual(found(filesUnder(dir)), [], 'after close');
  });

  it('mongodb: no collection holds any of the erased values', async () => {
    const store = await mongoTarget().make();
    try {
      await store.migrate();
      const { ann } = await seedPrivate(store);
      const db = store.connection.db!;
      const scan = async (): Promise<string[]> => {
        const hits: string[] = [];
        for (const { name } of await db.listCollections().toArray()) {
          for (const doc of await db.collection(name).find({}).toArray()) {
            const text = JSON.stringify(doc, (_k, v: unknown) =>
              v && typeof v === 'object' && 'buffer' in v
                ? Buffer.from((v as { buffer: Uint8Array }).buffer).toString('latin1')
                : v,
            );
            for (const needle of NEEDLES) if (text.includes(needle)) hits.push(`${needle} in ${name}`);
          }
        }
        return hits;
      };
      assert.ok((await scan()).length > 0, 'the values are in the collections before');
      await store.forgetCustomer(ann.id);
      assert.deepEqual(await scan(), []);
    } finally {
      await store.close();
    }
  });
});
