/**
 * The embedded store's messages. An inbound message is deduplicated by (channel, external id),
 * so a platform's redelivery lands on the stored row instead of a second one.
 */
import type Database from 'better-sqlite3';
import type { GroupCommit } from './group-commit.js';
import { MESSAGE_PATCH, buildPatch } from './patch-columns.js';
import { messageParams, toMessage, type MessageRow } from './rows.js';
import { MESSAGE_COLUMNS, MESSAGE_VALUES } from './transactions.js';
import type { MessageMethods } from '../record-methods.js';

type Prepare = (sql: string) => Database.Statement;

export function createSqliteMessages(st: Prepare, commits: GroupCommit): MessageMethods {
  return {
    insertMessage(message) {
      return commits.write(() => {
        const changes = st(
          `INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES (${MESSAGE_VALUES})
           ON CONFLICT (channel, external_id) WHERE external_id <> '' DO NOTHING`,
        ).run(messageParams(message)).changes;
        if (changes > 0) return { kind: 'inserted' };
        const existing = st(
          "SELECT id FROM messages WHERE channel = ? AND external_id = ? AND external_id <> ''",
        ).get(message.channel, message.externalId) as { id: string };
        return { kind: 'duplicate', existingId: existing.id };
      });
    },
    async getMessage(id) {
      const row = st('SELECT * FROM messages WHERE id = ?').get(id) as MessageRow | undefined;
      return row && toMessage(row);
    },
    async findMessageByExternalId(channel, externalId) {
      if (externalId === '') return undefined;
      const row = st(
        "SELECT * FROM messages WHERE channel = ? AND external_id = ? AND external_id <> ''",
      ).get(channel, externalId) as MessageRow | undefined;
      return row && toMessage(row);
    },
    updateMessage(id, patch) {
      return commits.write(() => {
        // The intent column mirrors the classification for the figures indexes.
        const full = 'classification' in patch ? { ...patch, intent: patch.classification?.intent } : patch;
        const { sets, params } = buildPatch(full, MESSAGE_PATCH);
        if (sets.length === 0) return;
        st(`UPDATE messages SET ${sets.join(', ')} WHERE id = @id`).run({ ...params, id });
      });
    },
    async listMessages(conversationId, limit) {
      // The latest `limit` messages, returned oldest first (how a thread reads).
      const rows =
        limit === undefined
          ? (st('SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at, rowid').all(
              conversationId,
            ) as MessageRow[])
          : (
              st(
                'SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?',
              ).all(conversationId, Math.max(0, limit)) as MessageRow[]
            ).reverse();
      return rows.map(toMessage);
    },
    async countMessages(customerId) {
      const rows = st(
        'SELECT direction, COUNT(*) AS n FROM messages WHERE customer_id = ? GROUP BY direction',
      ).all(customerId) as { direction: string; n: number }[];
      const counts = { in: 0, out: 0 };
      for (const r of rows) if (r.direction === 'in' || r.direction === 'out') counts[r.direction] = r.n;
      return counts;
    },
    async listUnpresented(limit) {
      const rows = st(
        "SELECT * FROM messages WHERE direction = 'in' AND stage = 'stored' ORDER BY created_at, rowid LIMIT ?",
      ).all(Math.max(0, limit)) as MessageRow[];
      return rows.map(toMessage);
    },
  };
}
