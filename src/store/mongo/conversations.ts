/** The MongoDB store's conversations: one customer's thread on one channel until resolved. */
import { CONVERSATION_FIELDS, conversationDoc, patchUpdate, toConversation, type Doc } from './docs.js';
import { lean } from './lean.js';
import type { Models } from './models.js';
import type { ConversationMethods } from '../record-methods.js';

export function createMongoConversations(m: Models): ConversationMethods {
  return {
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
  };
}
