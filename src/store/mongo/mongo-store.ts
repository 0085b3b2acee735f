/**
 * The MongoDB store: the same Store port as the embedded SQLite store, on mongoose.
 * Works on a standalone server as well as a replica set or Atlas: nothing here needs a
 * transaction (see commit.ts for decisions and the outbox, and customers.ts for merging). Each
 * kind of record has its own file (customers.ts, messages.ts, …); the outbox stays here.
 */
import type { FiguresSource, Logger, Store } from '../../core/ports.js';
import { enqueue, INTENT_STALE_MS, isDuplicateKey, recoverIntents } from './commit.js';
import { createMongoClaims } from './claims.js';
import { openConnection } from './connect.js';
import { toJob, type Doc } from './docs.js';
import { lean } from './lean.js';
import { createMongoConsoleRefs } from './console-refs.js';
import { createMongoConversations } from './conversations.js';
import { createMongoCustomers } from './customers.js';
import { createMongoDrafts } from './drafts.js';
import { createMongoMessages } from './messages.js';
import { createMongoRatings } from './ratings.js';
import { createMongoAttention } from './attention.js';
import { createMongoAnswers } from './answers.js';
import { createMongoFigures } from './figures.js';
import { createIntakeFiles } from './intake-files.js';
import { defineModels, type Models } from './models.js';
import { createOutbox } from './outbox.js';
import { listJobsNeedingOwner } from './outbox-needs-owner.js';
import { createMongoSearch } from './search.js';
import { createMongoSplit } from './split.js';
import type { SplitSource } from '../../core/people.js';
import type { CustomerNotesSource, SearchSource } from '../../core/search.js';
import { createMongoPrivacy } from './privacy.js';
import type { PrivacyStore } from '../../core/privacy.js';
import type { Connection } from 'mongoose';

export interface MongoStoreOptions {
  /** A MongoDB connection string (mongodb:// or mongodb+srv://, Atlas or self-hosted). */
  uri: string;
  /** Overrides the database named in the URI (default: the URI's, else `test` as the driver does). */
  dbName?: string;
  logger?: Logger;
  /** How long an operation waits for a reachable server before it fails. Default 10 s. */
  serverSelectionTimeoutMS?: number;
}

export interface MongoStore
  extends Store, FiguresSource, SearchSource, CustomerNotesSource, PrivacyStore, SplitSource {
  readonly connection: Connection;
  readonly models: Models;
  /** Replays decision/enqueue intents left by a crash (commit.ts); returns how many. */
  recover(olderThan?: Date): Promise<number>;
}

export { MongoStoreError } from './errors.js';

const PING_TIMEOUT_MS = 2000;

/** Connects (failing with a named cause) and returns the store. Call `migrate()` before use. */
export async function createMongoStore(options: MongoStoreOptions): Promise<MongoStore> {
  const connection = await openConnection(options);
  const models = defineModels(connection);
  const m = models;
  const outbox = createOutbox(models);
  const { ensureIndexes: ensureFileIndexes, ...intakeFiles } = createIntakeFiles(connection);
  const { migrate: migrateAttention, ...attention } = createMongoAttention(connection);
  const { migrate: migrateAnswers, ...answers } = createMongoAnswers(connection);
  const { migrate: migrateSearch, ...search } = createMongoSearch(connection, models);
  let closed = false;
  let lastRecovery = 0;

  const store: MongoStore = {
    connection,
    models,
    figures: createMongoFigures(models),
    ...attention,
    ...answers,
    ...search,
    ...createMongoSplit(connection, models),
    recover: (olderThan = new Date(Date.now() - INTENT_STALE_MS)) => recoverIntents(models, olderThan),
    ...intakeFiles,
    ...createMongoPrivacy(models, connection),
    ...createMongoCustomers(models),
    ...createMongoClaims(m.claims, m.customers, isDuplicateKey),
    ...createMongoConversations(models),
    ...createMongoMessages(models),
    ...createMongoDrafts(models),
    ...createMongoRatings(models),
    ...createMongoConsoleRefs(models),

    async migrate() {
      for (const model of Object.values(models)) await model.createIndexes();
      await ensureFileIndexes();
      await migrateAttention();
      await migrateAnswers();
      await migrateSearch();
      // At start every intent is from a previous process: replay them all.
      const n = await recoverIntents(models, new Date());
      if (n > 0)
        options.logger?.warn({ store: 'mongodb', recovered: n }, 'finished writes interrupted by a crash');
    },
    async ping() {
      if (closed) return false;
      // /health asks often: answer from the connection state, and never wait long.
      const db = connection.db;
      if (!db || connection.readyState !== 1) return false;
      let timer: NodeJS.Timeout | undefined;
      try {
        const res = await Promise.race([
          db.command({ ping: 1 }),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('ping timed out')), PING_TIMEOUT_MS);
          }),
        ]);
        return res.ok === 1;
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await connection.close();
    },

    // ------------------------------------------------------------ outbox
    enqueue: (message, job) => enqueue(models, message, job),
    async claimJobs(owner, now, leaseMs, limit) {
      if (limit <= 0) return [];
      // The outbox worker claims often: it also finishes writes a crashed process left.
      if (Date.now() - lastRecovery > INTENT_STALE_MS) {
        lastRecovery = Date.now();
        await recoverIntents(models, new Date(Date.now() - INTENT_STALE_MS));
      }
      return outbox.claimJobs(owner, now, leaseMs, limit);
    },
    renewJobLease: (id, owner, now, leaseMs) => outbox.renewJobLease(id, owner, now, leaseMs),
    startJobAttempt: (id, owner, now, leaseMs) => outbox.startJobAttempt(id, owner, now, leaseMs),
    markJobSent: (id, marker) => outbox.markJobSent(id, marker),
    finishJob: (id, owner, patch) => outbox.finishJob(id, owner, patch),
    async getJob(id) {
      const doc = await lean<Doc | null>(m.jobs.findById(id));
      return doc ? toJob(doc) : undefined;
    },
    async findJobByExternalId(channel, externalId) {
      if (externalId === '') return undefined;
      const doc = await lean<Doc | null>(m.jobs.findOne({ channel, externalId }).sort({ createdAt: -1 }));
      return doc ? toJob(doc) : undefined;
    },
    setJobDelivery: (id, delivery, error) => outbox.setJobDelivery(id, delivery, error),
    requeueJob: (id, now) => outbox.requeueJob(id, now),
    answerUncertainJob: (id, answer, now) => outbox.answerUncertainJob(id, answer, now),
    listJobsNeedingOwner: (limit) => listJobsNeedingOwner(models, limit),
  };
  return store;
}
