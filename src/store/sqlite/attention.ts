/**
 * The embedded store's attention records and timer marks (src/core/attention). A mark is an
 * INSERT OR IGNORE on a primary key: exactly one caller, in any process, sees it inserted.
 */
import type Database from 'better-sqlite3';
import type { AttentionRecord } from '../../core/attention/record.js';
import type { Urgency } from '../../core/model.js';
import type { Store } from '../../core/ports.js';
import type { GroupCommit } from './group-commit.js';

type Prepare = (sql: string) => Database.Statement;

interface AttentionRow {
  conversation_id: string;
  customer_id: string;
  waiting_since: number | null;
  urgency: string | null;
  due_at: number | null;
  snoozed_until: number | null;
  reminders: number;
  reminded_at: number | null;
  answered_at: number | null;
  answered_in_due: number | null;
  last_ack_at: number | null;
  updated_at: number;
}

const date = (v: number | null) => (v === null ? undefined : new Date(v));

function toRecord(row: AttentionRow): AttentionRecord {
  const r: AttentionRecord = {
    conversationId: row.conversation_id,
    customerId: row.customer_id,
    reminders: row.reminders,
    updatedAt: new Date(row.updated_at),
  };
  const optional: Partial<AttentionRecord> = {
    waitingSince: date(row.waiting_since),
    urgency: (row.urgency ?? undefined) as Urgency | undefined,
    dueAt: date(row.due_at),
    snoozedUntil: date(row.snoozed_until),
    remindedAt: date(row.reminded_at),
    answeredAt: date(row.answered_at),
    answeredInDue: row.answered_in_due === null ? undefined : row.answered_in_due === 1,
    lastAckAt: date(row.last_ack_at),
  };
  for (const [k, v] of Object.entries(optional))
    if (v !== undefined) (r as unknown as Record<string, unknown>)[k] = v;
  return r;
}

const ms = (d: Date | undefined) => (d === undefined ? null : d.getTime());

type AttentionMethods = Pick<
  Store,
  'claimMark' | 'countMarks' | 'getAttention' | 'putAttention' | 'listWaiting' | 'listAnswered'
>;

export function createSqliteAttention(st: Prepare, commits: GroupCommit): AttentionMethods {
  return {
    claimMark(key, at) {
      return commits.write(
        () => st('INSERT OR IGNORE INTO marks (key, at) VALUES (?, ?)').run(key, at.getTime()).changes === 1,
      );
    },
    async countMarks(prefix, from, to) {
      // Prefixes are ours (`ack:`); escaping keeps a `%` or `_` in one from widening the match.
      const like = prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
      const row = st(
        "SELECT COUNT(*) AS n FROM marks WHERE key LIKE ? ESCAPE '\\' AND at >= ? AND at < ?",
      ).get(like, from.getTime(), to.getTime()) as { n: number };
      return row.n;
    },
    async getAttention(conversationId) {
      const row = st('SELECT * FROM attention WHERE conversation_id = ?').get(conversationId) as
        AttentionRow | undefined;
      return row && toRecord(row);
    },
    putAttention(r) {
      return commits.write(() => {
        st(
          `INSERT INTO attention (conversation_id, customer_id, waiting_since, urgency, due_at, snoozed_until,
             reminders, reminded_at, answered_at, answered_in_due, last_ack_at, updated_at)
           VALUES (@conversation_id, @customer_id, @waiting_since, @urgency, @due_at, @snoozed_until,
             @reminders, @reminded_at, @answered_at, @answered_in_due, @last_ack_at, @updated_at)
           ON CONFLICT (conversation_id) DO UPDATE SET customer_id = excluded.customer_id,
             waiting_since = excluded.waiting_since, urgency = excluded.urgency, due_at = excluded.due_at,
             snoozed_until = excluded.snoozed_until, reminders = excluded.reminders,
             reminded_at = excluded.reminded_at, answered_at = excluded.answered_at,
             answered_in_due = excluded.answered_in_due, last_ack_at = excluded.last_ack_at,
             updated_at = excluded.updated_at`,
        ).run({
          conversation_id: r.conversationId,
          customer_id: r.customerId,
          waiting_since: ms(r.waitingSince),
          urgency: r.urgency ?? null,
          due_at: ms(r.dueAt),
          snoozed_until: ms(r.snoozedUntil),
          reminders: r.reminders,
          reminded_at: ms(r.remindedAt),
          answered_at: ms(r.answeredAt),
          answered_in_due: r.answeredInDue === undefined ? null : r.answeredInDue ? 1 : 0,
          last_ack_at: ms(r.lastAckAt),
          updated_at: r.updatedAt.getTime(),
        });
      });
    },
    async listWaiting(limit) {
      const rows = st(
        `SELECT * FROM attention WHERE waiting_since IS NOT NULL
         ORDER BY due_at IS NULL, due_at, waiting_since LIMIT ?`,
      ).all(limit) as AttentionRow[];
      return rows.map(toRecord);
    },
    async listAnswered(from, to) {
      const rows = st(
        'SELECT * FROM attention WHERE answered_at >= ? AND answered_at < ? ORDER BY answered_at',
      ).all(from.getTime(), to.getTime()) as AttentionRow[];
      return rows.map(toRecord);
    },
  };
}
