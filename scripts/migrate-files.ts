/**
 * The part of `npm run migrate` that copies attachment files and set-aside inbound items:
 * through the stores' own methods, because MongoDB keeps a file as chunk documents.
 */
import type { Channel } from '../src/core/model.js';
import type { MongoStore } from '../src/store/mongo/index.js';
import type { SqliteStore } from '../src/store/sqlite/index.js';

export interface CopiedCount {
  table: string;
  collection: string;
  sqlite: number;
  mongodb: number;
}

export async function copyFilesAndSetAside(
  sqlite: SqliteStore,
  mongo: MongoStore,
  log: (line: string) => void,
): Promise<CopiedCount[]> {
  // Ids first: no other statement may run on the connection while an iterator is open.
  const fileIds = sqlite.db.prepare('SELECT id FROM attachment_files ORDER BY rowid').all() as {
    id: string;
  }[];
  for (const { id } of fileIds) {
    const file = await sqlite.getFile(id);
    if (file) await mongo.putFile(file);
  }
  log(`  ${'attachment_files'.padEnd(13)} ${String(fileIds.length).padStart(9)} copied`);
  const keys = sqlite.db.prepare('SELECT channel, external_id FROM intake_failures ORDER BY rowid').all() as {
    channel: Channel;
    external_id: string;
  }[];
  for (const key of keys) {
    const failure = await sqlite.getIntakeFailure(key.channel, key.external_id);
    if (failure) await mongo.putIntakeFailure(failure);
  }
  log(`  ${'intake_failures'.padEnd(13)} ${String(keys.length).padStart(9)} copied`);
  const db = mongo.connection.db;
  if (!db) throw new Error('mongodb not connected');
  return [
    {
      table: 'attachment_files',
      collection: 'attachment_files',
      sqlite: fileIds.length,
      mongodb: await db.collection('attachment_files').countDocuments({}),
    },
    {
      table: 'intake_failures',
      collection: 'intake_failures',
      sqlite: keys.length,
      mongodb: await db.collection('intake_failures').countDocuments({}),
    },
  ];
}
