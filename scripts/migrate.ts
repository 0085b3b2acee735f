/**
 * Moves a desk from the embedded store to MongoDB: copies every customer, identity,
 * conversation, message, draft, decision, outbox job, rating, console reference, connector
 * cursor, claim, attachment file, set-aside item, due-time record and timer mark, then verifies
 * the counts match table by table.
 *
 *   MONGODB_URI=mongodb+srv://… npm run migrate -- --to mongodb [--from data/solodesk.db] [--db name]
 *
 * Stop the desk first (the SQLite file must not change while it is copied). Copying is
 * idempotent — every record is an upsert keyed by its id or unique key — so an
 * interrupted run can simply be started again. Counts differ (and the script fails) when
 * the target database already held other data: migrate into an empty database.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { AnyBulkWriteOperation } from 'mongoose';
import { loadConfig } from '../src/config.js';
import { createMongoStore, redactUri, type MongoStore } from '../src/store/mongo/index.js';
import {
  conversationDoc,
  customerDoc,
  decisionDoc,
  draftDoc,
  identityDoc,
  jobDoc,
  messageDoc,
  ratingDoc,
  type Doc,
} from '../src/store/mongo/docs.js';
import type { Models } from '../src/store/mongo/models.js';
import { copyFilesAndSetAside } from './migrate-files.js';
import { copyCustomerNotes } from './migrate-notes.js';
import { createSqliteStore, type SqliteStore } from '../src/store/sqlite/index.js';
import {
  toConversation,
  toCustomer,
  toDecision,
  toDraft,
  toIdentity,
  toJob,
  toMessage,
  toRating,
  type ConversationRow,
  type CustomerRow,
  type DecisionRow,
  type DraftRow,
  type IdentityRow,
  type JobRow,
  type MessageRow,
  type RatingRow,
} from '../src/store/sqlite/rows.js';

export interface MigrateOptions {
  /** The embedded store's file. */
  sqliteFile: string;
  uri: string;
  /** Target database (default: the URI's). */
  dbName?: string;
  /** Documents per bulk write. Default 1000. */
  batchSize?: number;
  log?: (line: string) => void;
}

export interface TableCount {
  table: string;
  collection: string;
  sqlite: number;
  mongodb: number;
}

/** One table's copy: SQL, and how a row becomes an upsert. */
interface Plan {
  table: string;
  model: keyof Models;
  order: string;
  op: (row: Record<string, unknown>) => AnyBulkWriteOperation<Doc>;
}

/** Insert unless present: `$setOnInsert` of the document under `filter`. */
function upsert(filter: Doc, doc: Doc): AnyBulkWriteOperation<Doc> {
  const rest = { ...doc };
  delete rest._id;
  return { updateOne: { filter, update: { $setOnInsert: rest }, upsert: true } };
}
const byId = (doc: Doc) => upsert({ _id: doc._id }, doc);

const PLANS: readonly Plan[] = [
  {
    table: 'customers',
    model: 'customers',
    order: 'rowid',
    op: (r) => byId(customerDoc(toCustomer(r as unknown as CustomerRow))),
  },
  {
    table: 'identities',
    model: 'identities',
    // Insertion order becomes ObjectId order: listIdentities keeps its order.
    order: 'rowid',
    op: (r) => {
      const row = r as unknown as IdentityRow;
      const doc = identityDoc(row.customer_id, toIdentity(row));
      return upsert({ channel: doc.channel, address: doc.address }, doc);
    },
  },
  {
    table: 'conversations',
    model: 'conversations',
    order: 'rowid',
    op: (r) => byId(conversationDoc(toConversation(r as unknown as ConversationRow))),
  },
  {
    table: 'messages',
    model: 'messages',
    order: 'rowid',
    op: (r) => byId(messageDoc(toMessage(r as unknown as MessageRow))),
  },
  {
    table: 'drafts',
    model: 'drafts',
    order: 'rowid',
    op: (r) => byId(draftDoc(toDraft(r as unknown as DraftRow))),
  },
  {
    table: 'decisions',
    model: 'decisions',
    order: 'rowid',
    op: (r) => byId(decisionDoc(toDecision(r as unknown as DecisionRow))),
  },
  { table: 'outbox', model: 'jobs', order: 'rowid', op: (r) => byId(jobDoc(toJob(r as unknown as JobRow))) },
  {
    table: 'ratings',
    model: 'ratings',
    order: 'rowid',
    op: (r) => byId({ ...ratingDoc(toRating(r as unknown as RatingRow)), superseded: Boolean(r.superseded) }),
  },
  {
    table: 'console_refs',
    model: 'consoleRefs',
    order: 'console, key',
    op: (r) => upsert({ console: r.console, key: r.key }, { console: r.console, key: r.key, value: r.value }),
  },
  { table: 'cursors', model: 'cursors', order: 'name', op: (r) => byId({ _id: r.name, value: r.value }) },
  {
    table: 'claims',
    model: 'claims',
    order: 'rowid',
    op: (r) =>
      upsert(
        { customerId: r.customer_id, channel: r.channel, address: r.address },
        {
          customerId: r.customer_id,
          channel: r.channel,
          address: r.address,
          kind: r.kind,
          ...(r.reason !== null ? { reason: r.reason } : {}),
          ...(r.display_name !== null ? { displayName: r.display_name } : {}),
          claimedAt: new Date(r.claimed_at as number),
        },
      ),
  },
];

/**
 * Due times, snooze and the timers' idempotency marks (src/core/attention), through the Store
 * API: a mark is claimed (insert-if-absent) and a record put, so running again is harmless.
 */
async function copyAttention(
  sqlite: SqliteStore,
  mongo: MongoStore,
  log: (line: string) => void,
): Promise<void> {
  let marks = 0;
  for (const row of sqlite.db.prepare('SELECT key, at FROM marks ORDER BY key').iterate()) {
    const r = row as { key: string; at: number };
    await mongo.claimMark(r.key, new Date(r.at));
    marks += 1;
  }
  let records = 0;
  for (const row of sqlite.db
    .prepare('SELECT conversation_id FROM attention ORDER BY conversation_id')
    .iterate()) {
    const record = await sqlite.getAttention((row as { conversation_id: string }).conversation_id);
    if (record) await mongo.putAttention(record);
    records += 1;
  }
  log(`  ${'attention'.padEnd(13)} ${String(records).padStart(9)} copied`);
  log(`  ${'marks'.padEnd(13)} ${String(marks).padStart(9)} copied`);
}

async function attentionCounts(sqlite: SqliteStore, mongo: MongoStore): Promise<TableCount[]> {
  const db = mongo.connection.db;
  const count = (table: string) =>
    (sqlite.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return [
    {
      table: 'attention',
      collection: 'attention',
      sqlite: count('attention'),
      mongodb: db ? await db.collection('attention').countDocuments({}) : -1,
    },
    {
      table: 'marks',
      collection: 'marks',
      sqlite: count('marks'),
      mongodb: db ? await db.collection('marks').countDocuments({}) : -1,
    },
  ];
}

async function flush(model: Models[keyof Models], ops: AnyBulkWriteOperation<Doc>[]): Promise<void> {
  if (ops.length === 0) return;
  await model.bulkWrite(ops, { ordered: true });
  ops.length = 0;
}

/** Copies the embedded store into MongoDB and returns the verified counts; throws on a mismatch. */
export async function migrateToMongo(options: MigrateOptions): Promise<TableCount[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const batch = options.batchSize ?? 1000;
  if (!existsSync(options.sqliteFile)) throw new Error(`no embedded store at ${options.sqliteFile}`);
  const sqlite: SqliteStore = createSqliteStore({ file: options.sqliteFile });
  let mongo: MongoStore | undefined;
  try {
    mongo = await createMongoStore({
      uri: options.uri,
      ...(options.dbName ? { dbName: options.dbName } : {}),
    });
    await mongo.migrate(); // indexes first: the unique keys guard the copy
    log(`migrating ${options.sqliteFile} → ${redactUri(options.uri)} (database ${mongo.connection.name})`);
    for (const plan of PLANS) {
      const model = mongo.models[plan.model];
      const ops: AnyBulkWriteOperation<Doc>[] = [];
      let n = 0;
      for (const row of sqlite.db.prepare(`SELECT * FROM ${plan.table} ORDER BY ${plan.order}`).iterate()) {
        ops.push(plan.op(row as Record<string, unknown>));
        n += 1;
        if (ops.length >= batch) await flush(model, ops);
      }
      await flush(model, ops);
      log(`  ${plan.table.padEnd(13)} ${String(n).padStart(9)} copied`);
    }
    // The figures read each decided draft's decision time and kind from the draft itself.
    const ops: AnyBulkWriteOperation<Doc>[] = [];
    for (const row of sqlite.db.prepare('SELECT * FROM decisions ORDER BY rowid').iterate()) {
      const d = toDecision(row as DecisionRow);
      ops.push({
        updateOne: {
          filter: { _id: d.draftId, decisionId: d.id },
          update: {
            $set: { decidedAt: d.decidedAt, decisionKind: d.kind, decisionAuto: d.actor.console === 'auto' },
          },
        },
      });
      if (ops.length >= batch) await flush(mongo.models.drafts, ops);
    }
    await flush(mongo.models.drafts, ops);
    const extra = await copyFilesAndSetAside(sqlite, mongo, log);
    await copyAttention(sqlite, mongo, log);
    const notes = await copyCustomerNotes(sqlite, mongo, log);

    const counts: TableCount[] = [...extra, notes];
    for (const plan of PLANS) {
      const model = mongo.models[plan.model];
      counts.push({
        table: plan.table,
        collection: model.collection.collectionName,
        sqlite: (sqlite.db.prepare(`SELECT COUNT(*) AS n FROM ${plan.table}`).get() as { n: number }).n,
        mongodb: await model.countDocuments({}).exec(),
      });
    }
    counts.push(...(await attentionCounts(sqlite, mongo)));
    const wrong = counts.filter((c) => c.sqlite !== c.mongodb);
    for (const c of counts) {
      log(
        `  ${c.table.padEnd(13)} sqlite ${String(c.sqlite).padStart(9)}   mongodb ${String(c.mongodb).padStart(9)}${c.sqlite === c.mongodb ? '' : '   MISMATCH'}`,
      );
    }
    if (wrong.length > 0) {
      throw new Error(
        `counts differ for ${wrong.map((c) => c.table).join(', ')}: was the target database empty? ` +
          'Migrate into an empty database.',
      );
    }
    log('  counts verified: every table matches.');
    return counts;
  } finally {
    await mongo?.close();
    await sqlite.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      to: { type: 'string' },
      from: { type: 'string' },
      db: { type: 'string' },
      uri: { type: 'string' },
    },
  });
  if (values.to !== 'mongodb') {
    console.error(
      'usage: npm run migrate -- --to mongodb [--from data/solodesk.db] [--db name]  (MONGODB_URI must be set)',
    );
    process.exit(2);
  }
  const config = loadConfig();
  const uri = values.uri ?? config.MONGODB_URI;
  if (!uri) {
    console.error(
      'MONGODB_URI is not set: put the target MongoDB connection string in .env or the environment.',
    );
    process.exit(2);
  }
  try {
    await migrateToMongo({
      sqliteFile: values.from ?? join(config.DATA_DIR, 'solodesk.db'),
      uri,
      ...(values.db ? { dbName: values.db } : {}),
    });
  } catch (err) {
    console.error(`migration failed: ${(err as Error).message}`);
    process.exit(1);
  }
}
