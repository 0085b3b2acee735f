/**
 * The outbox jobs that need the owner on SQLite (see Store.listJobsNeedingOwner): one read.
 * Migration 18 indexes it: the two statuses are a partial index on updated_at (the outbox
 * otherwise grows with every reply ever sent), and "is there a newer reply in this
 * conversation" is a range on (conversation_id, created_at); the customer check uses
 * outbox_customer.
 */
import type Database from 'better-sqlite3';
import type { OutboxJob } from '../../core/model.js';
import { toJob, type JobRow } from './rows.js';

/** Exported for the query-plan test (every lookup is served by an index). */
export const NEEDS_OWNER_SQL = `SELECT o.* FROM outbox o
   WHERE o.status IN ('failed', 'uncertain')
     AND (
       o.status = 'uncertain'
       OR (
         o.purpose = 'reply'
         AND NOT EXISTS (
           SELECT 1 FROM outbox n
           WHERE n.conversation_id = o.conversation_id AND n.created_at > o.created_at
             AND n.purpose = 'reply'
         )
         AND NOT EXISTS (
           SELECT 1 FROM outbox d
           WHERE d.customer_id = o.customer_id AND d.created_at > o.created_at
             AND d.purpose = 'reply' AND d.status = 'sent'
         )
       )
     )
   ORDER BY o.updated_at, o.id
   LIMIT ?`;

export function listJobsNeedingOwner(st: (sql: string) => Database.Statement, limit: number): OutboxJob[] {
  if (limit <= 0) return [];
  const rows = st(NEEDS_OWNER_SQL).all(limit) as JobRow[];
  return rows.map(toJob);
}
