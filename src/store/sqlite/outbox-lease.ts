/**
 * The outbox's heartbeat, attempt stamp and send marker on SQLite: each a single conditional
 * UPDATE, so they need no transaction of their own (the group commit may still batch them with
 * other writes).
 */
import type Database from 'better-sqlite3';
import type { OutboxJob } from '../../core/model.js';
import { toJob, type JobRow } from './rows.js';

export function createOutboxLease(st: (sql: string) => Database.Statement) {
  return {
    renew(id: string, owner: string, now: number, leaseMs: number): OutboxJob | undefined {
      const row = st(
        `UPDATE outbox SET lease_until = ?, updated_at = ?
         WHERE id = ? AND status = 'sending' AND lease_owner = ? RETURNING *`,
      ).get(now + leaseMs, now, id, owner) as JobRow | undefined;
      return row && toJob(row);
    },
    startAttempt(id: string, owner: string, now: number, leaseMs: number): OutboxJob | undefined {
      const row = st(
        `UPDATE outbox SET lease_until = ?, attempt_started_at = ?, updated_at = ?
         WHERE id = ? AND status = 'sending' AND lease_owner = ? RETURNING *`,
      ).get(now + leaseMs, now, now, id, owner) as JobRow | undefined;
      return row && toJob(row);
    },
    markSent(id: string, marker: string, now: number): void {
      st(
        `UPDATE outbox SET sent_marker = ?, attempt_started_at = NULL, updated_at = ?
         WHERE id = ? AND status = 'sending'`,
      ).run(marker, now, id);
    },
  };
}
