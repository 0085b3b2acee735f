/**
 * A mongodump-compatible JSON backup: one file per collection, `<dir>/<db>/<collection>.json`,
 * one canonical Extended JSON document per line (what `mongoexport` writes and `mongoimport`
 * reads back, types intact: dates, binaries, ObjectIds). Each collection is read in `_id`
 * order through one cursor; MongoDB without a replica set offers no snapshot across
 * collections, so the desk should be quiet (or stopped) for a cross-collection consistent copy.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import mongoose, { type Connection } from 'mongoose';

export interface DumpedCollection {
  name: string;
  documents: number;
  file: string;
}

export async function dumpMongo(connection: Connection, dir: string): Promise<DumpedCollection[]> {
  const db = connection.db;
  if (!db) throw new Error('mongodb not connected');
  const folder = join(dir, db.databaseName);
  await mkdir(folder, { recursive: true });
  const { EJSON } = mongoose.mongo.BSON;
  const out: DumpedCollection[] = [];
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((n) => !n.startsWith('system.'))
    .sort();
  for (const name of names) {
    const file = join(folder, `${name}.json`);
    const stream = createWriteStream(file, { mode: 0o600 });
    let documents = 0;
    for await (const doc of db.collection(name).find({}).sort({ _id: 1 })) {
      if (!stream.write(`${EJSON.stringify(doc, { relaxed: false })}\n`)) await once(stream, 'drain');
      documents += 1;
    }
    stream.end();
    await once(stream, 'finish');
    out.push({ name, documents, file });
  }
  return out;
}
