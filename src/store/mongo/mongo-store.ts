/**
 * The MongoDB store: the same Store port as the embedded SQLite store, on mongoose.
 * Works on a standalone server as well as a replica set or Atlas: nothing here needs a
 * transaction (see commit.ts for decisions and the outbox, and mergeCustomers below).
 */
import type { Channel } from '../../core/model.js';
import type { FiguresSource, InsertResult, Logger, Store } from '../../core/ports.js';
import { commitDecision, enqueue, INTENT_STALE_MS, isDuplicateKey, recoverIntents } from './commit.js';
import { createMongoClaims, mergeMongoClaims } from './claims.js';
import { openConnection } from './connect.js';
import {
  CONVERSATION_FIELDS,
  conversationDoc,
  CUSTOMER_FIELDS,
  customerDoc,
  draftDoc,
  identityDoc,
  MESSAGE_FIELDS,
  messageDoc,
  patchUpdate,
  ratingDoc,
  toConversation,
  toCustomer,
  toDecision,
  toDraft,
  toIdentity,
  toJob,
  toMessage,
  toRating,
  type Doc,
} from './docs.js';
import { createMongoAttention } from './attention.js';
import { createMongoAnswers } from './answers.js';
import { createMongoFigures } from './figures.js';
import { createIntakeFiles } from './intake-files.js';
import { defineModels, type Models } from './models.js';
import { createOutbox } from './outbox.js';
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

export class MongoStoreError extends Error {
  constructor(
    readonly code: 'not_found',
    message: string,
  ) {
    super(message);
    this.name = 'MongoStoreError';
  }
}

const PING_TIMEOUT_MS = 2000;

const lean = <T = Doc>(q: { lean<R>(): { exec(): Promise<R> } }) => q.lean<T>().exec();

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

  const identityOwner = async (channel: Channel, address: string): Promise<string | undefined> => {
    const doc = await lean<Doc | null>(m.identities.findOne({ channel, address }, { customerId: 1 }));
    return doc?.customerId as string | undefined;
  };

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

    // ------------------------------------------------------------ customers and identities
    async findCustomerByIdentity(channel, address) {
      const id = await identityOwner(channel, address);
      return id === undefined ? undefined : store.getCustomer(id);
    },
    async createCustomer(customer, identity) {
      const owner = await identityOwner(identity.channel, identity.address);
      if (owner !== undefined) return { kind: 'duplicate', existingId: owner };
      // Customer first, then the identity under its unique index. A crash in between leaves
      // a customer nobody can find by identity, with no messages: harmless.
      await m.customers.create(customerDoc(customer));
      try {
        await m.identities.create(identityDoc(customer.id, identity));
        return { kind: 'inserted' };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        await m.customers.deleteOne({ _id: customer.id }).exec();
        const winner = await identityOwner(identity.channel, identity.address);
        if (winner === undefined) throw err;
        return { kind: 'duplicate', existingId: winner };
      }
    },
    async getCustomer(id) {
      const doc = await lean<Doc | null>(m.customers.findById(id));
      return doc ? toCustomer(doc) : undefined;
    },
    async updateCustomer(id, patch) {
      const update = patchUpdate(patch, CUSTOMER_FIELDS);
      if (update) await m.customers.updateOne({ _id: id }, update).exec();
    },
    async addIdentity(customerId, identity): Promise<InsertResult> {
      try {
        await m.identities.create(identityDoc(customerId, identity));
        return { kind: 'inserted' };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        const owner = await identityOwner(identity.channel, identity.address);
        if (owner === undefined) throw err;
        return { kind: 'duplicate', existingId: owner };
      }
    },
    async listIdentities(customerId) {
      // ObjectId ids grow with creation: the order the identities were added.
      const docs = await lean<Doc[]>(m.identities.find({ customerId }).sort({ _id: 1 }));
      return docs.map(toIdentity);
    },
    ...createMongoClaims(m.claims, m.customers, isDuplicateKey),
    async mergeCustomers(intoId, fromId) {
      if (intoId === fromId) return;
      const [into, from] = await Promise.all([store.getCustomer(intoId), store.getCustomer(fromId)]);
      if (!into) throw new MongoStoreError('not_found', `merge target customer ${intoId} does not exist`);
      if (!from) throw new MongoStoreError('not_found', `merged customer ${fromId} does not exist`);
      // Each step is idempotent, and `from` is marked merged last: after a crash, merging
      // again finishes the job.
      for (const model of [m.identities, m.conversations, m.messages, m.drafts, m.ratings, m.jobs]) {
        await model.updateMany({ customerId: fromId }, { $set: { customerId: intoId } }).exec();
      }
      await mergeMongoClaims(m.claims, intoId, fromId);
      // An opt-out on either side still holds; missing facts are filled in.
      const fill: Doc = {};
      if (into.name === undefined && from.name !== undefined) fill.name = from.name;
      if (into.language === undefined && from.language !== undefined) fill.language = from.language;
      await m.customers
        .updateOne(
          { _id: intoId },
          {
            $addToSet: { optedOut: { $each: from.optedOut } },
            ...(Object.keys(fill).length ? { $set: fill } : {}),
          },
        )
        .exec();
      await m.customers
        .updateMany({ $or: [{ _id: fromId }, { mergedInto: fromId }] }, { $set: { mergedInto: intoId } })
        .exec();
    },

    // ------------------------------------------------------------ conversations
    async latestConversation(customerId) {
      const doc = await lean<Doc | null>(
        m.conversations.findOne({ customerId }).sort({ openedAt: -1, _id: -1 }),
      );
      return doc ? toConversation(doc) : undefined;
    },
    async createConversation(conversation) {
      await m.conversations.create(conversationDoc(conversation));
    },
    async getConversation(id) {
      const doc = await lean<Doc | null>(m.conversations.findById(id));
      return doc ? toConversation(doc) : undefined;
    },
    async updateConversation(id, patch) {
      const update = patchUpdate(patch, CONVERSATION_FIELDS);
      if (update) await m.conversations.updateOne({ _id: id }, update).exec();
    },
    async countConversations(customerId) {
      return m.conversations.countDocuments({ customerId }).exec();
    },

    // ------------------------------------------------------------ messages
    async insertMessage(message) {
      try {
        await m.messages.create(messageDoc(message));
        return { kind: 'inserted' };
      } catch (err) {
        if (!isDuplicateKey(err) || message.externalId === '') throw err;
        const existing = await lean<Doc | null>(
          m.messages.findOne({ channel: message.channel, externalId: message.externalId }, { _id: 1 }),
        );
        if (!existing) throw err;
        return { kind: 'duplicate', existingId: existing._id as string };
      }
    },
    async getMessage(id) {
      const doc = await lean<Doc | null>(m.messages.findById(id));
      return doc ? toMessage(doc) : undefined;
    },
    async findMessageByExternalId(channel, externalId) {
      if (externalId === '') return undefined;
      const doc = await lean<Doc | null>(m.messages.findOne({ channel, externalId }));
      return doc ? toMessage(doc) : undefined;
    },
    async updateMessage(id, patch) {
      const update = patchUpdate(patch, MESSAGE_FIELDS);
      if (update) await m.messages.updateOne({ _id: id }, update).exec();
    },
    async listMessages(conversationId, limit) {
      // The latest `limit` messages, returned oldest first (how a thread reads).
      if (limit === undefined) {
        const docs = await lean<Doc[]>(m.messages.find({ conversationId }).sort({ createdAt: 1, _id: 1 }));
        return docs.map(toMessage);
      }
      if (limit <= 0) return [];
      const docs = await lean<Doc[]>(
        m.messages.find({ conversationId }).sort({ createdAt: -1, _id: -1 }).limit(limit),
      );
      return docs.reverse().map(toMessage);
    },
    async countMessages(customerId) {
      const rows = await m.messages
        .aggregate<{ _id: string; n: number }>([
          { $match: { customerId } },
          { $group: { _id: '$direction', n: { $sum: 1 } } },
        ])
        .exec();
      const counts = { in: 0, out: 0 };
      for (const r of rows) if (r._id === 'in' || r._id === 'out') counts[r._id] = r.n;
      return counts;
    },
    async listUnpresented(limit) {
      if (limit <= 0) return [];
      const docs = await lean<Doc[]>(
        m.messages.find({ stage: 'stored', direction: 'in' }).sort({ createdAt: 1, _id: 1 }).limit(limit),
      );
      return docs.map(toMessage);
    },

    // ------------------------------------------------------------ drafts and decisions
    async insertDraft(draft) {
      await m.drafts.create(draftDoc(draft));
    },
    async getDraft(id) {
      const doc = await lean<Doc | null>(m.drafts.findById(id));
      return doc ? toDraft(doc) : undefined;
    },
    async listPendingDrafts(limit) {
      if (limit !== undefined && limit <= 0) return [];
      const q = m.drafts.find({ status: 'pending' }).sort({ createdAt: 1, _id: 1 });
      if (limit !== undefined) q.limit(limit);
      return (await lean<Doc[]>(q)).map(toDraft);
    },
    commitDecision: (decision, draftStatus, delivery) =>
      commitDecision(models, decision, draftStatus, delivery),
    async getDecision(id) {
      const doc = await lean<Doc | null>(m.decisions.findById(id));
      return doc ? toDecision(doc) : undefined;
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

    // ------------------------------------------------------------ ratings
    async insertRating(rating) {
      // Only a conversation's latest rating counts in the figures; earlier ones are marked.
      // Two writes: a crash in between leaves two current ratings until the next one.
      const later = await m.ratings
        .exists({ conversationId: rating.conversationId, createdAt: { $gt: rating.createdAt } })
        .exec();
      await m.ratings.create({ ...ratingDoc(rating), superseded: Boolean(later) });
      if (!later) {
        await m.ratings
          .updateMany(
            { conversationId: rating.conversationId, _id: { $ne: rating.id }, superseded: false },
            { $set: { superseded: true } },
          )
          .exec();
      }
    },
    async lastRating(customerId) {
      const doc = await lean<Doc | null>(m.ratings.findOne({ customerId }).sort({ createdAt: -1, _id: -1 }));
      return doc ? toRating(doc) : undefined;
    },
    async listRatings(conversationId) {
      const docs = await lean<Doc[]>(m.ratings.find({ conversationId }).sort({ createdAt: 1, _id: 1 }));
      return docs.map(toRating);
    },

    // ------------------------------------------------------------ console refs and cursors
    async getRef(console, key) {
      const doc = await lean<Doc | null>(m.consoleRefs.findOne({ console, key }));
      return doc?.value as string | undefined;
    },
    async setRef(console, key, value) {
      // Two first-time upserts of one key may race: the loser retries as an update.
      for (let attempt = 0; ; attempt += 1) {
        try {
          await m.consoleRefs.updateOne({ console, key }, { $set: { value } }, { upsert: true }).exec();
          return;
        } catch (err) {
          if (!isDuplicateKey(err) || attempt > 0) throw err;
        }
      }
    },
    async findRefKey(console, value) {
      const doc = await lean<Doc | null>(m.consoleRefs.findOne({ console, value }));
      return doc?.key as string | undefined;
    },
    async getCursor(name) {
      const doc = await lean<Doc | null>(m.cursors.findById(name));
      return doc?.value as string | undefined;
    },
    async setCursor(name, value) {
      await m.cursors.updateOne({ _id: name }, { $set: { value } }, { upsert: true }).exec();
    },
  };
  return store;
}
