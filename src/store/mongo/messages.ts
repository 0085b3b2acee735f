/**
 * The MongoDB store's messages. An inbound message is deduplicated by (channel, external id)
 * under a unique index, so a platform's redelivery lands on the stored document.
 */
import { isDuplicateKey } from './commit.js';
import { MESSAGE_FIELDS, messageDoc, patchUpdate, toMessage, type Doc } from './docs.js';
import { lean } from './lean.js';
import type { Models } from './models.js';
import type { MessageMethods } from '../record-methods.js';

export function createMongoMessages(m: Models): MessageMethods {
  return {
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
  };
}
