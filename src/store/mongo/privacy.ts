/**
 * Export and erase for the MongoDB store (src/core/privacy.ts). Erasure overwrites the
 * customer's documents in place ($set to blanks, $unset of names) and deletes identities,
 * claims and attachment files with their chunks, so no collection keeps the erased values.
 */
import type { Connection } from 'mongoose';
import type { Classification } from '../../core/model.js';
import {
  anonymousClassification,
  fileIdsOf,
  type AttachmentMeta,
  type CustomerExport,
  type PrivacyStore,
  type RetentionSummary,
} from '../../core/privacy.js';
import { toClaim } from './claims.js';
import { MERGES_COLLECTION, mongoMergeRecordsInto } from './split.js';
import {
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
import type { Models } from './models.js';

const FILES = 'attachment_files';
const CHUNKS = 'attachment_chunks';
const FAILURES = 'intake_failures';

const lean = <T = Doc>(q: { lean<R>(): { exec(): Promise<R> } }) => q.lean<T>().exec();

export function createMongoPrivacy(m: Models, connection: Connection): PrivacyStore {
  const coll = (name: string) => {
    if (!connection.db) throw Object.assign(new Error('mongodb not connected'), { code: 'NOT_CONNECTED' });
    return connection.db.collection<Doc & { _id: string }>(name);
  };
  const profileIds = async (customerId: string): Promise<string[]> => {
    const merged = await lean<Doc[]>(m.customers.find({ mergedInto: customerId }, { _id: 1 }));
    return [customerId, ...merged.map((d) => d._id as string)];
  };
  const deleteFiles = async (ids: string[]): Promise<number> => {
    if (ids.length === 0) return 0;
    await coll(CHUNKS).deleteMany({ fileId: { $in: ids } });
    return (await coll(FILES).deleteMany({ _id: { $in: ids } })).deletedCount;
  };

  return {
    async exportCustomer(customerId, now) {
      const doc = await lean<Doc | null>(m.customers.findOne({ _id: customerId }));
      if (!doc) return undefined;
      const ids = await profileIds(customerId);
      const byCustomer = { customerId: { $in: ids } };
      const messages = (await lean<Doc[]>(m.messages.find(byCustomer).sort({ createdAt: 1, _id: 1 }))).map(
        toMessage,
      );
      const drafts = (await lean<Doc[]>(m.drafts.find(byCustomer).sort({ createdAt: 1, _id: 1 }))).map(
        toDraft,
      );
      const attachments: AttachmentMeta[] = messages.flatMap((msg) =>
        msg.attachments.map(({ dataBase64: _bytes, ...a }) => ({ ...a, messageId: msg.id })),
      );
      const result: CustomerExport = {
        exportedAt: now,
        customer: toCustomer(doc),
        mergedProfiles: (await lean<Doc[]>(m.customers.find({ _id: { $in: ids.slice(1) } }))).map(toCustomer),
        identities: (await lean<Doc[]>(m.identities.find(byCustomer).sort({ _id: 1 }))).map(toIdentity),
        claims: (await lean<Doc[]>(m.claims.find(byCustomer).sort({ claimedAt: 1, _id: 1 }))).map(toClaim),
        conversations: (await lean<Doc[]>(m.conversations.find(byCustomer).sort({ openedAt: 1 }))).map(
          toConversation,
        ),
        messages: messages.map(({ attachments: list, ...msg }) => ({
          ...msg,
          attachments: list.map(({ dataBase64: _bytes, ...a }) => a),
        })),
        drafts,
        decisions: (
          await lean<Doc[]>(
            m.decisions.find({ draftId: { $in: drafts.map((d) => d.id) } }).sort({ decidedAt: 1 }),
          )
        ).map(toDecision),
        ratings: (await lean<Doc[]>(m.ratings.find(byCustomer).sort({ createdAt: 1, _id: 1 }))).map(toRating),
        jobs: (await lean<Doc[]>(m.jobs.find(byCustomer).sort({ createdAt: 1, _id: 1 }))).map(toJob),
        attachments,
      };
      const merges = await mongoMergeRecordsInto(connection, ids);
      if (merges.length) result.merges = merges;
      return result;
    },

    async forgetCustomer(customerId) {
      const ids = await profileIds(customerId);
      const byCustomer = { customerId: { $in: ids } };
      const addresses = [
        ...(await lean<Doc[]>(m.identities.find(byCustomer, { address: 1 }))),
        ...(await lean<Doc[]>(m.claims.find(byCustomer, { address: 1 }))),
      ].map((d) => d.address as string);
      const messages = await lean<Doc[]>(m.messages.find(byCustomer, { attachments: 1, classification: 1 }));
      let fileIds: string[] = [];
      for (const msg of messages) {
        fileIds = fileIds.concat(fileIdsOf((msg.attachments as []) ?? []));
        const c = msg.classification as Classification | undefined;
        await m.messages.updateOne(
          { _id: msg._id },
          {
            $set: {
              text: '',
              address: '',
              replyRef: '',
              attachments: [],
              meta: {},
              ...(c ? { classification: anonymousClassification(c) } : {}),
            },
            $unset: { fullText: 1, subject: 1 },
          },
        );
      }
      const drafts = await lean<Doc[]>(m.drafts.find(byCustomer, { _id: 1, attachments: 1 }));
      // Files the owner shared with a reply, sent or not.
      for (const d of drafts) fileIds = fileIds.concat(fileIdsOf((d.attachments as []) ?? []));
      await m.drafts.updateMany(byCustomer, { $set: { text: '', replyRef: '' }, $unset: { attachments: 1 } });
      await m.decisions.updateMany({ draftId: { $in: drafts.map((d) => d._id) } }, { $unset: { text: 1 } });
      await m.jobs.updateMany(byCustomer, {
        $set: { text: '', replyRef: '' },
        $unset: { lastError: 1, pendingMessage: 1, pendingAt: 1 },
      });
      await m.ratings.updateMany(byCustomer, { $unset: { comment: 1 } });
      const identities = (await m.identities.deleteMany(byCustomer)).deletedCount;
      const claims = (await m.claims.deleteMany(byCustomer)).deletedCount;
      // Merge records name the profiles and their addresses (split.ts).
      await coll(MERGES_COLLECTION).deleteMany({ $or: [{ intoId: { $in: ids } }, { fromId: { $in: ids } }] });
      await m.customers.updateMany({ _id: { $in: ids } }, { $unset: { name: 1 } });
      // Set-aside items name their sender in the summary (never linked to a customer).
      if (addresses.length > 0) {
        const failures = await coll(FAILURES)
          .find({}, { projection: { summary: 1 } })
          .toArray();
        const named = failures.filter((f) => {
          const text = JSON.stringify(f.summary ?? {});
          return addresses.some((a) => text.includes(JSON.stringify(a).slice(1, -1)));
        });
        if (named.length > 0) await coll(FAILURES).deleteMany({ _id: { $in: named.map((f) => f._id) } });
      }
      return {
        customers: ids.length,
        messages: messages.length,
        files: await deleteFiles(fileIds),
        identities,
        claims,
      };
    },

    async eraseOlderThan(cutoff): Promise<RetentionSummary> {
      const filter = {
        createdAt: { $lt: cutoff },
        $or: [
          { text: { $gt: '' } },
          { fullText: { $exists: true } },
          { subject: { $exists: true } },
          { 'attachments.0': { $exists: true } },
        ],
      };
      const docs = await lean<Doc[]>(m.messages.find(filter, { attachments: 1 }));
      const fileIds = docs.flatMap((d) => fileIdsOf((d.attachments as []) ?? []));
      if (docs.length > 0)
        await m.messages.updateMany(
          { _id: { $in: docs.map((d) => d._id) } },
          { $set: { text: '', attachments: [] }, $unset: { fullText: 1, subject: 1 } },
        );
      return { messages: docs.length, files: await deleteFiles(fileIds) };
    },
  };
}
