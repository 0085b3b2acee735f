/**
 * The MongoDB store's attention records and timer marks (src/core/attention). A mark is an
 * insert on a unique `_id`: exactly one caller, in any process, gets it in; the others get
 * a duplicate-key error, which means "already done".
 */
import { Schema, type Connection, type Model } from 'mongoose';
import type { AttentionRecord } from '../../core/attention/record.js';
import type { Store } from '../../core/ports.js';
import { isDuplicateKey } from './commit.js';

const OPTIONS = { versionKey: false, strict: true, autoIndex: false, autoCreate: false } as const;

type Doc = Record<string, unknown>;
type AttentionMethods = Pick<
  Store,
  'claimMark' | 'countMarks' | 'getAttention' | 'putAttention' | 'listWaiting' | 'listAnswered'
>;

function attentionSchema(): Schema {
  const s = new Schema(
    {
      _id: String,
      customerId: { type: String, required: true },
      waitingSince: Date,
      urgency: String,
      dueAt: Date,
      snoozedUntil: Date,
      reminders: { type: Number, required: true },
      remindedAt: Date,
      answeredAt: Date,
      answeredInDue: Boolean,
      lastAckAt: Date,
      updatedAt: { type: Date, required: true },
    },
    OPTIONS,
  );
  s.index({ waitingSince: 1, dueAt: 1 }, { name: 'attention_waiting' });
  s.index({ answeredAt: 1 }, { name: 'attention_answered', sparse: true });
  return s;
}

function markSchema(): Schema {
  const s = new Schema({ _id: String, at: { type: Date, required: true } }, OPTIONS);
  s.index({ at: 1 }, { name: 'marks_at' });
  return s;
}

const FIELDS = [
  'waitingSince',
  'urgency',
  'dueAt',
  'snoozedUntil',
  'remindedAt',
  'answeredAt',
  'answeredInDue',
  'lastAckAt',
] as const;

function toRecord(d: Doc): AttentionRecord {
  const r: AttentionRecord = {
    conversationId: d._id as string,
    customerId: d.customerId as string,
    reminders: d.reminders as number,
    updatedAt: d.updatedAt as Date,
  };
  const out = r as unknown as Doc;
  for (const f of FIELDS) if (d[f] !== undefined && d[f] !== null) out[f] = d[f];
  return r;
}

export interface MongoAttention extends AttentionMethods {
  migrate(): Promise<void>;
}

export function createMongoAttention(conn: Connection): MongoAttention {
  const attention: Model<Doc> = conn.model<Doc>('attention', attentionSchema(), 'attention');
  const marks: Model<Doc> = conn.model<Doc>('marks', markSchema(), 'marks');
  const waiting = { waitingSince: { $ne: null } };
  return {
    async migrate() {
      await attention.createIndexes();
      await marks.createIndexes();
    },
    async claimMark(key, at) {
      try {
        await marks.create({ _id: key, at });
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    },
    countMarks(prefix, from, to) {
      const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return marks.countDocuments({ _id: { $regex: `^${escaped}` }, at: { $gte: from, $lt: to } }).exec();
    },
    async getAttention(conversationId) {
      const doc = await attention.findById(conversationId).lean<Doc | null>().exec();
      return doc ? toRecord(doc) : undefined;
    },
    async putAttention(r) {
      const set: Doc = { customerId: r.customerId, reminders: r.reminders, updatedAt: r.updatedAt };
      const unset: Doc = {};
      for (const f of FIELDS) {
        if (r[f] === undefined) unset[f] = '';
        else set[f] = r[f];
      }
      await attention
        .updateOne(
          { _id: r.conversationId },
          { $set: set, ...(Object.keys(unset).length ? { $unset: unset } : {}) },
          { upsert: true },
        )
        .exec();
    },
    async listWaiting(limit) {
      const docs = await attention.find(waiting).lean<Doc[]>().exec();
      // Few conversations wait at once; sorting here keeps "no due time" last as SQLite does.
      const key = (d: Doc) => (d.dueAt instanceof Date ? d.dueAt.getTime() : Number.MAX_SAFE_INTEGER);
      return docs
        .sort(
          (a, b) =>
            key(a) - key(b) || (a.waitingSince as Date).getTime() - (b.waitingSince as Date).getTime(),
        )
        .slice(0, limit)
        .map(toRecord);
    },
    async listAnswered(from, to) {
      const docs = await attention
        .find({ answeredAt: { $gte: from, $lt: to } })
        .sort({ answeredAt: 1 })
        .lean<Doc[]>()
        .exec();
      return docs.map(toRecord);
    },
  };
}
