/**
 * `/cs find` and customer notes on MongoDB.
 *
 * A MongoDB text index does not split Chinese (a run of Han characters is one word), and a
 * regex over message bodies scans every document. So each message document carries `terms`,
 * the same terms the embedded store indexes (src/core/search.ts: words, CJK characters and
 * bigrams), under a multikey index with the date: a query is `terms: { $all: [...] }`, each
 * exact term (退货, 7781) an index lookup, each word prefix a bounded index range (`^retur`),
 * newest first, at most 200 candidates, ranked by the command as on SQLite.
 *
 * Keeping `terms` in step: every whole-message write builds its document with `messageDoc`,
 * which fills them; any update through the model that changes the text, subject or
 * classification (an erase, a reclassification) is followed by a hook that rewrites them from
 * the stored document, so an erased body leaves nothing findable. `migrate()` fills documents
 * written before `terms` existed.
 */
import { Schema, type Connection, type Model, type Query } from 'mongoose';
import {
  messageTerms,
  parseSearchQuery,
  phoneSuffix,
  type CustomerMatch,
  type CustomerNotesSource,
  type MessageMatch,
  type ParsedQuery,
  type SearchSource,
} from '../../core/search.js';
import type { Models } from './models.js';
import type { Doc } from './docs.js';

const CANDIDATES = 200;
const CUSTOMERS = 20;
const TERM_SOURCES = ['text', 'fullText', 'subject', 'classification'];

/** The terms of a stored message document. */
export function termsOfDoc(d: Doc): string[] {
  const classification = d.classification as { entities?: Parameters<typeof messageTerms>[0]['entities'] };
  return messageTerms({
    text: d.text as string | undefined,
    fullText: d.fullText as string | undefined,
    subject: d.subject as string | undefined,
    entities: classification?.entities,
  });
}

function touchesTerms(update: unknown): boolean {
  if (!update || typeof update !== 'object') return false;
  const u = update as Record<string, unknown>;
  const keys = [
    ...Object.keys(u).filter((k) => !k.startsWith('$')),
    ...['$set', '$unset', '$setOnInsert'].flatMap((op) => Object.keys((u[op] as Doc | undefined) ?? {})),
  ];
  return keys.some((k) => TERM_SOURCES.includes(k.split('.')[0] as string));
}

/** Adds `terms`, its index and the hook that keeps it in step to the messages schema. */
export function addSearchTerms(s: Schema): void {
  s.add({ terms: { type: [String], default: undefined } });
  s.index({ terms: 1, createdAt: -1 }, { name: 'messages_search' });
  s.post(['updateOne', 'updateMany', 'findOneAndUpdate'], async function (this: Query<unknown, Doc>) {
    if (!touchesTerms(this.getUpdate())) return;
    const model = this.model as Model<Doc>;
    const docs = await model
      .find(this.getFilter(), { text: 1, fullText: 1, subject: 1, classification: 1 })
      .lean<Doc[]>()
      .exec();
    if (docs.length === 0) return;
    await model.bulkWrite(
      docs.map((d) => ({
        updateOne: { filter: { _id: d._id }, update: { $set: { terms: termsOfDoc(d) } } },
      })),
    );
  });
}

/** Fills `terms` on documents written before search existed (once; later runs find none). */
export async function backfillTerms(messages: Model<Doc>, batch = 1000): Promise<number> {
  let done = 0;
  for (;;) {
    const docs = await messages
      .find({ terms: { $exists: false } }, { text: 1, fullText: 1, subject: 1, classification: 1 })
      .limit(batch)
      .lean<Doc[]>()
      .exec();
    if (docs.length === 0) return done;
    await messages.collection.bulkWrite(
      docs.map((d) => ({
        updateOne: { filter: { _id: d._id as never }, update: { $set: { terms: termsOfDoc(d) } } },
      })),
    );
    done += docs.length;
  }
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function notesSchema(): Schema {
  return new Schema(
    { _id: String, note: String, tags: { type: [String], default: undefined }, updatedAt: Date },
    { versionKey: false, strict: true, autoIndex: false, autoCreate: false },
  );
}

export interface MongoSearch extends SearchSource, CustomerNotesSource {
  migrate(): Promise<void>;
}

export function createMongoSearch(conn: Connection, models: Models): MongoSearch {
  const notes: Model<Doc> = conn.model<Doc>('customerNotes', notesSchema(), 'customer_notes');
  const messages = models.messages as unknown as Model<Doc>;

  async function names(ids: string[]): Promise<Map<string, string>> {
    const docs = await models.customers
      .find({ _id: { $in: [...new Set(ids)] } }, { name: 1 })
      .lean<Doc[]>()
      .exec();
    return new Map(docs.filter((d) => d.name).map((d) => [d._id as string, d.name as string]));
  }

  async function customers(q: ParsedQuery): Promise<CustomerMatch[]> {
    if (!q.raw) return [];
    const re = new RegExp(escapeRegex(q.raw), 'i');
    const out: CustomerMatch[] = [];
    const byName = await models.customers
      .find({ name: re, mergedInto: { $exists: false } }, { name: 1 })
      .limit(CUSTOMERS)
      .lean<Doc[]>()
      .exec();
    for (const d of byName)
      out.push({
        customerId: d._id as string,
        name: d.name as string,
        field: 'name',
        value: d.name as string,
      });
    const or: Doc[] = [{ address: re }, { displayName: re }];
    if (q.phoneDigits) or.push({ address: new RegExp(`${phoneSuffix(q.phoneDigits)}$`) });
    const ids = await models.identities.find({ $or: or }).limit(CUSTOMERS).lean<Doc[]>().exec();
    const noted = await notes
      .find({ $or: [{ note: re }, { tags: re }] })
      .limit(CUSTOMERS)
      .lean<Doc[]>()
      .exec();
    const named = await names([
      ...ids.map((d) => d.customerId as string),
      ...noted.map((d) => d._id as string),
    ]);
    const merged = new Set(
      (
        await models.customers
          .find({ _id: { $in: ids.map((d) => d.customerId) }, mergedInto: { $exists: true } }, { _id: 1 })
          .lean<Doc[]>()
          .exec()
      ).map((d) => d._id as string),
    );
    for (const d of ids) {
      const id = d.customerId as string;
      if (merged.has(id)) continue;
      const name = named.get(id);
      out.push({ customerId: id, ...(name ? { name } : {}), field: 'address', value: d.address as string });
    }
    for (const d of noted) {
      const id = d._id as string;
      const name = named.get(id);
      const tag = ((d.tags as string[] | undefined) ?? []).find((t) => t.toLowerCase().includes(q.raw));
      out.push({
        customerId: id,
        ...(name ? { name } : {}),
        ...(tag
          ? { field: 'tag', value: tag }
          : { field: 'note', value: (d.note as string | undefined) ?? '' }),
      });
    }
    return out;
  }

  async function findMessages(q: ParsedQuery): Promise<MessageMatch[]> {
    if (q.terms.length === 0) return [];
    const all = q.terms.map((t) => (t.prefix ? new RegExp(`^${escapeRegex(t.term)}`) : t.term));
    const docs = await messages
      .find(
        { terms: { $all: all } },
        { customerId: 1, channel: 1, direction: 1, createdAt: 1, text: 1, fullText: 1, subject: 1 },
      )
      .sort({ createdAt: -1, _id: -1 })
      .limit(CANDIDATES)
      .lean<Doc[]>()
      .exec();
    const named = await names(docs.map((d) => d.customerId as string));
    return docs.map((d) => {
      const name = named.get(d.customerId as string);
      return {
        messageId: d._id as string,
        customerId: d.customerId as string,
        ...(name ? { customerName: name } : {}),
        channel: d.channel as string,
        direction: d.direction as 'in' | 'out',
        createdAt: d.createdAt as Date,
        text: [d.subject, d.fullText ?? d.text].filter(Boolean).join(' — '),
      };
    });
  }

  return {
    async migrate() {
      await notes.createIndexes();
      await backfillTerms(messages);
    },
    async search(query) {
      const q = parseSearchQuery(query.text);
      const [c, m] = await Promise.all([customers(q), findMessages(q)]);
      return { customers: c, messages: m };
    },
    async customerNotes(customerId) {
      const d = await notes.findById(customerId).lean<Doc | null>().exec();
      if (!d) return { tags: [] };
      return { ...(d.note ? { note: d.note as string } : {}), tags: (d.tags as string[] | undefined) ?? [] };
    },
    async setCustomerNote(customerId, note) {
      const text = note.trim();
      const update = text
        ? { $set: { note: text, updatedAt: new Date() } }
        : { $unset: { note: '' }, $set: { updatedAt: new Date() } };
      await notes.updateOne({ _id: customerId }, update, { upsert: true }).exec();
    },
    async setCustomerTags(customerId, tags) {
      await notes
        .updateOne(
          { _id: customerId },
          { $set: { tags: [...tags], updatedAt: new Date() } },
          { upsert: true },
        )
        .exec();
    },
  };
}
