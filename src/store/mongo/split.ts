/**
 * Split in the MongoDB store (src/core/people.ts). Like the merge, a sequence of steps rather
 * than one transaction (a standalone server has none); the identity moves last, so until the
 * split is through, new messages from the address still reach the customer the owner sees.
 */
import type { Connection } from 'mongoose';
import type { Customer, Identity } from '../../core/model.js';
import type { MergeRecord, SplitOutcome, SplitSource } from '../../core/people.js';
import { customerDoc, type Doc } from './docs.js';
import type { Models } from './models.js';

/** Merge records: a plain collection (merges are rare; looked up by `intoId`); /cs forget erases them. */
export const MERGES_COLLECTION = 'merges';

function toRecord(doc: Doc): MergeRecord {
  return {
    intoId: String(doc.intoId),
    fromId: String(doc.fromId),
    ...(typeof doc.fromName === 'string' ? { fromName: doc.fromName } : {}),
    ...(typeof doc.fromLanguage === 'string' ? { fromLanguage: doc.fromLanguage } : {}),
    identities: doc.identities as MergeRecord['identities'],
    mergedAt: doc.mergedAt as Date,
  };
}

/** The merge records into any of `intoIds`, oldest first (for /cs export). */
export async function mongoMergeRecordsInto(
  connection: Connection,
  intoIds: readonly string[],
): Promise<MergeRecord[]> {
  const docs = await connection
    .collection(MERGES_COLLECTION)
    .find({ intoId: { $in: [...intoIds] } })
    .sort({ mergedAt: 1, _id: 1 })
    .toArray();
  return docs.map((d) => toRecord(d as Doc));
}

export function createMongoSplit(connection: Connection, m: Models): SplitSource {
  const merges = () => connection.collection(MERGES_COLLECTION);
  return {
    async recordMerge(record: MergeRecord) {
      await merges().insertOne({
        intoId: record.intoId,
        fromId: record.fromId,
        ...(record.fromName !== undefined ? { fromName: record.fromName } : {}),
        ...(record.fromLanguage !== undefined ? { fromLanguage: record.fromLanguage } : {}),
        identities: record.identities.map((i) => ({ channel: i.channel, address: i.address })),
        mergedAt: record.mergedAt,
      });
    },
    async mergeOrigin(intoId, identity) {
      const doc = await merges().findOne(
        { intoId, identities: { $elemMatch: { channel: identity.channel, address: identity.address } } },
        { sort: { mergedAt: -1, _id: -1 } },
      );
      return doc ? toRecord(doc as Doc) : undefined;
    },
    async splitIdentity(
      fromId: string,
      identity: Pick<Identity, 'channel' | 'address'>,
      into: Customer,
    ): Promise<SplitOutcome> {
      const { channel, address } = identity;
      const own = await m.identities.exists({ channel, address, customerId: fromId }).exec();
      if (!own) return { kind: 'not_found' };
      if ((await m.identities.countDocuments({ customerId: fromId }).exec()) < 2)
        return { kind: 'last_identity' };
      await m.customers.create(customerDoc({ ...into, optedOut: into.optedOut }));
      const movedMessages = (
        await m.messages
          .find({ customerId: fromId, channel, address }, { _id: 1, conversationId: 1 })
          .lean<Doc[]>()
      ).map((d) => ({ id: String(d._id), conversationId: String(d.conversationId) }));
      const messageIds = movedMessages.map((d) => d.id);
      await m.messages.updateMany({ _id: { $in: messageIds } }, { $set: { customerId: into.id } }).exec();
      // A conversation goes along only when none of its messages stayed behind.
      const conversationIds: string[] = [];
      for (const id of new Set(movedMessages.map((d) => d.conversationId))) {
        const stays = await m.messages.exists({ conversationId: id, customerId: fromId }).exec();
        if (!stays) conversationIds.push(id);
      }
      const moved = { customerId: fromId, conversationId: { $in: conversationIds } };
      const set = { $set: { customerId: into.id } };
      await m.conversations.updateMany({ customerId: fromId, _id: { $in: conversationIds } }, set).exec();
      await m.ratings.updateMany(moved, set).exec();
      await connection
        .collection('attention')
        .updateMany({ customerId: fromId, _id: { $in: conversationIds } } as Record<string, unknown>, set);
      await m.drafts
        .updateMany(
          {
            customerId: fromId,
            $or: [{ conversationId: { $in: conversationIds } }, { inReplyTo: { $in: messageIds } }],
          },
          set,
        )
        .exec();
      const draftIds = (await m.drafts.find({ customerId: into.id }, { _id: 1 }).lean<Doc[]>()).map((d) =>
        String(d._id),
      );
      await m.jobs
        .updateMany(
          { customerId: fromId, $or: [{ messageId: { $in: messageIds } }, { draftId: { $in: draftIds } }] },
          set,
        )
        .exec();
      await m.identities.updateOne({ channel, address, customerId: fromId }, set).exec();
      // No merge record keeps naming it (so forgetting the new customer leaves no copy behind).
      await connection.collection(MERGES_COLLECTION).updateMany({ 'identities.address': address }, {
        $pull: { identities: { channel, address } },
      } as never);
      return { kind: 'split', messages: messageIds.length, conversations: conversationIds.length };
    },
  };
}
