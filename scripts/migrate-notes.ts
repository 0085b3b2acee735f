/**
 * `npm run migrate`'s copy of the owner's customer notes and tags (issue 19), through the
 * store API, so running again only rewrites the same values. Message search terms need no
 * copy: MongoDB's are built from each message document (and backfilled by `migrate()`).
 */
import type { MongoStore } from '../src/store/mongo/index.js';
import type { SqliteStore } from '../src/store/sqlite/index.js';

export async function copyCustomerNotes(
  sqlite: SqliteStore,
  mongo: MongoStore,
  log: (line: string) => void,
): Promise<{ table: string; collection: string; sqlite: number; mongodb: number }> {
  let copied = 0;
  for (const row of sqlite.db
    .prepare('SELECT customer_id, note, tags FROM customer_notes ORDER BY customer_id')
    .iterate()) {
    const r = row as { customer_id: string; note: string | null; tags: string };
    await mongo.setCustomerNote(r.customer_id, r.note ?? '');
    await mongo.setCustomerTags(r.customer_id, JSON.parse(r.tags) as string[]);
    copied += 1;
  }
  log(`  ${'notes'.padEnd(13)} ${String(copied).padStart(9)} copied`);
  const db = mongo.connection.db;
  return {
    table: 'customer_notes',
    collection: 'customer_notes',
    sqlite: copied,
    mongodb: db ? await db.collection('customer_notes').countDocuments({}) : -1,
  };
}
