/** The embedded store's conversations: one customer's thread on one channel until resolved. */
import type Database from 'better-sqlite3';
import type { Conversation } from '../../core/model.js';
import type { GroupCommit } from './group-commit.js';
import { buildPatch, CONVERSATION_PATCH } from './patch-columns.js';
import { ms } from './row-values.js';
import { toConversation, type ConversationRow } from './rows.js';
import type { ConversationMethods } from '../record-methods.js';

type Prepare = (sql: string) => Database.Statement;

export function createSqliteConversations(st: Prepare, commits: GroupCommit): ConversationMethods {
  return {
    async latestConversation(customerId) {
      const row = st(
        'SELECT * FROM conversations WHERE customer_id = ? ORDER BY opened_at DESC, rowid DESC LIMIT 1',
      ).get(customerId) as ConversationRow | undefined;
      return row && toConversation(row);
    },
    createConversation(c: Conversation) {
      return commits.write(() => {
        st(
          `INSERT INTO conversations (id, customer_id, channel, status, opened_at, last_inbound_at, first_response_at,
             resolved_at, rating_requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          c.id,
          c.customerId,
          c.channel,
          c.status,
          c.openedAt.getTime(),
          c.lastInboundAt.getTime(),
          ms(c.firstResponseAt),
          ms(c.resolvedAt),
          ms(c.ratingRequestedAt),
        );
      });
    },
    async getConversation(id) {
      const row = st('SELECT * FROM conversations WHERE id = ?').get(id) as ConversationRow | undefined;
      return row && toConversation(row);
    },
    updateConversation(id, patch) {
      return commits.write(() => {
        const { sets, params } = buildPatch(patch, CONVERSATION_PATCH);
        if (sets.length === 0) return;
        st(`UPDATE conversations SET ${sets.join(', ')} WHERE id = @id`).run({ ...params, id });
      });
    },
    async countConversations(customerId) {
      return (
        st('SELECT COUNT(*) AS n FROM conversations WHERE customer_id = ?').get(customerId) as { n: number }
      ).n;
    },
  };
}
