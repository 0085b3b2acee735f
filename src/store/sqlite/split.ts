/**
 * Split in the embedded store (src/core/people.ts): one identity of a customer, with what came
 * through it, moves to a new customer in one transaction; and the merge records (migration 16).
 */
import type Database from 'better-sqlite3';
import type { Customer, Identity } from '../../core/model.js';
import type { MergeRecord, SplitOutcome, SplitSource } from '../../core/people.js';

type Write = <T>(fn: () => T) => Promise<T>;

interface MergeRow {
  into_id: string;
  from_id: string;
  from_name: string | null;
  from_language: string | null;
  identities: string;
  merged_at: number;
}

function toRecord(row: MergeRow): MergeRecord {
  return {
    intoId: row.into_id,
    fromId: row.from_id,
    ...(row.from_name !== null ? { fromName: row.from_name } : {}),
    ...(row.from_language !== null ? { fromLanguage: row.from_language } : {}),
    identities: JSON.parse(row.identities) as MergeRecord['identities'],
    mergedAt: new Date(row.merged_at),
  };
}

/** The merge records into any of `intoIds`, oldest first (for /cs export). */
export function mergeRecordsInto(db: Database.Database, intoIds: readonly string[]): MergeRecord[] {
  if (intoIds.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT * FROM merges WHERE into_id IN (${intoIds.map(() => '?').join(', ')}) ORDER BY merged_at, rowid`,
    )
    .all(...intoIds) as MergeRow[];
  return rows.map(toRecord);
}

export function createSqliteSplit(
  db: Database.Database,
  st: (sql: string) => Database.Statement,
  write: Write,
): SplitSource {
  const splitTx = db.transaction(
    (fromId: string, identity: Pick<Identity, 'channel' | 'address'>, into: Customer): SplitOutcome => {
      const own = st('SELECT 1 FROM identities WHERE channel = ? AND address = ? AND customer_id = ?').get(
        identity.channel,
        identity.address,
        fromId,
      );
      if (!own) return { kind: 'not_found' };
      const { n } = st('SELECT COUNT(*) AS n FROM identities WHERE customer_id = ?').get(fromId) as {
        n: number;
      };
      if (n < 2) return { kind: 'last_identity' };
      st(
        'INSERT INTO customers (id, name, language, created_at, opted_out, merged_into) VALUES (?, ?, ?, ?, ?, NULL)',
      ).run(
        into.id,
        into.name ?? null,
        into.language ?? null,
        into.createdAt.getTime(),
        JSON.stringify(into.optedOut),
      );
      st('UPDATE identities SET customer_id = ? WHERE channel = ? AND address = ?').run(
        into.id,
        identity.channel,
        identity.address,
      );
      const messages = st(
        'UPDATE messages SET customer_id = ? WHERE customer_id = ? AND channel = ? AND address = ?',
      ).run(into.id, fromId, identity.channel, identity.address).changes;
      // A conversation goes along only when none of its messages stayed behind.
      const conversations = st(
        `UPDATE conversations SET customer_id = @into
         WHERE customer_id = @from
           AND id IN (SELECT conversation_id FROM messages WHERE customer_id = @into)
           AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = conversations.id AND m.customer_id = @from)`,
      ).run({ into: into.id, from: fromId }).changes;
      const moved = `SELECT id FROM conversations WHERE customer_id = @into`;
      for (const table of ['ratings', 'attention']) {
        st(
          `UPDATE ${table} SET customer_id = @into WHERE customer_id = @from AND conversation_id IN (${moved})`,
        ).run({ into: into.id, from: fromId });
      }
      st(
        `UPDATE drafts SET customer_id = @into WHERE customer_id = @from
         AND (conversation_id IN (${moved}) OR in_reply_to IN (SELECT id FROM messages WHERE customer_id = @into))`,
      ).run({ into: into.id, from: fromId });
      st(
        `UPDATE outbox SET customer_id = @into WHERE customer_id = @from
         AND (message_id IN (SELECT id FROM messages WHERE customer_id = @into)
              OR draft_id IN (SELECT id FROM drafts WHERE customer_id = @into))`,
      ).run({ into: into.id, from: fromId });
      // The figures' last-inbound tables follow the messages (as in a merge).
      for (const table of ['customer_last_inbound', 'customer_channel_last_inbound']) {
        st(`DELETE FROM ${table} WHERE customer_id IN (?, ?)`).run(into.id, fromId);
      }
      for (const id of [into.id, fromId]) {
        st(
          `INSERT INTO customer_last_inbound (customer_id, at)
           SELECT customer_id, MAX(created_at) FROM messages WHERE customer_id = ? AND direction = 'in' GROUP BY customer_id`,
        ).run(id);
        st(
          `INSERT INTO customer_channel_last_inbound (customer_id, channel, at)
           SELECT customer_id, channel, MAX(created_at) FROM messages WHERE customer_id = ? AND direction = 'in'
           GROUP BY customer_id, channel`,
        ).run(id);
      }
      // The identity is no longer anyone's merge: no record keeps naming it (so forgetting the
      // new customer leaves no copy of its address behind).
      const named = st('SELECT rowid AS id, identities FROM merges WHERE instr(identities, ?) > 0').all(
        JSON.stringify(identity.address),
      ) as { id: number; identities: string }[];
      for (const row of named) {
        const kept = (JSON.parse(row.identities) as MergeRecord['identities']).filter(
          (i) => i.channel !== identity.channel || i.address !== identity.address,
        );
        st('UPDATE merges SET identities = ? WHERE rowid = ?').run(JSON.stringify(kept), row.id);
      }
      return { kind: 'split', messages, conversations };
    },
  );
  return {
    splitIdentity: (fromId, identity, into) => write(() => splitTx.immediate(fromId, identity, into)),
    recordMerge: (record) =>
      write(() => {
        st(
          `INSERT INTO merges (into_id, from_id, from_name, from_language, identities, merged_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        ).run(
          record.intoId,
          record.fromId,
          record.fromName ?? null,
          record.fromLanguage ?? null,
          JSON.stringify(record.identities.map((i) => ({ channel: i.channel, address: i.address }))),
          record.mergedAt.getTime(),
        );
      }),
    async mergeOrigin(intoId, identity) {
      const rows = st('SELECT * FROM merges WHERE into_id = ? ORDER BY merged_at DESC, rowid DESC').all(
        intoId,
      ) as MergeRow[];
      for (const row of rows) {
        const record = toRecord(row);
        if (record.identities.some((i) => i.channel === identity.channel && i.address === identity.address))
          return record;
      }
      return undefined;
    },
  };
}
