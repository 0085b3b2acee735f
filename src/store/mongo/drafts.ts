/** The MongoDB store's drafts and the owner's decisions on them (the decision's writes: commit.ts). */
import { commitDecision } from './commit.js';
import { draftDoc, toDecision, toDraft, type Doc } from './docs.js';
import { lean } from './lean.js';
import type { Models } from './models.js';
import type { DraftMethods } from '../record-methods.js';

export function createMongoDrafts(m: Models): DraftMethods {
  return {
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
    commitDecision: (decision, draftStatus, delivery) => commitDecision(m, decision, draftStatus, delivery),
    async getDecision(id) {
      const doc = await lean<Doc | null>(m.decisions.findById(id));
      return doc ? toDecision(doc) : undefined;
    },
  };
}
