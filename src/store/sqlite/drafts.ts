/** The embedded store's drafts and the owner's decisions on them. */
import type Database from 'better-sqlite3';
import type { Draft } from '../../core/model.js';
import type { GroupCommit } from './group-commit.js';
import { draftParams, toDecision, toDraft, type DecisionRow, type DraftRow } from './rows.js';
import type { Transactions } from './transactions.js';
import type { DraftMethods } from '../record-methods.js';

type Prepare = (sql: string) => Database.Statement;

export function createSqliteDrafts(st: Prepare, commits: GroupCommit, tx: Transactions): DraftMethods {
  return {
    insertDraft(draft: Draft) {
      return commits.write(() => {
        st(
          `INSERT INTO drafts (id, customer_id, conversation_id, in_reply_to, text, language, channel, reply_ref, origin,
             status, created_at, decision_id, basis, attachments)
           VALUES (@id, @customer_id, @conversation_id, @in_reply_to, @text, @language, @channel, @reply_ref, @origin,
             @status, @created_at, @decision_id, @basis, @attachments)`,
        ).run(draftParams(draft));
      });
    },
    async getDraft(id) {
      const row = st('SELECT * FROM drafts WHERE id = ?').get(id) as DraftRow | undefined;
      return row && toDraft(row);
    },
    async listPendingDrafts(limit) {
      const rows = st("SELECT * FROM drafts WHERE status = 'pending' ORDER BY created_at, rowid LIMIT ?").all(
        limit === undefined ? -1 : Math.max(0, limit),
      ) as DraftRow[];
      return rows.map(toDraft);
    },
    commitDecision(decision, draftStatus, delivery) {
      return commits.write(() => {
        return tx.commitDecision(decision, draftStatus, delivery);
      });
    },
    async getDecision(id) {
      const row = st('SELECT * FROM decisions WHERE id = ?').get(id) as DecisionRow | undefined;
      return row && toDecision(row);
    },
  };
}
