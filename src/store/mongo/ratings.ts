/** The MongoDB store's customer ratings of resolved conversations. */
import { ratingDoc, toRating, type Doc } from './docs.js';
import { lean } from './lean.js';
import type { Models } from './models.js';
import type { RatingMethods } from '../record-methods.js';

export function createMongoRatings(m: Models): RatingMethods {
  return {
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
  };
}
