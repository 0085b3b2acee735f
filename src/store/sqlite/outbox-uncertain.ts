/**
 * The owner's answer to an uncertain outbox job on SQLite (see Store.answerUncertainJob): one
 * conditional UPDATE on the status, so a second tap (or another console's) changes nothing.
 * Runs inside the caller's write (the group commit), together with the message's mirror.
 */
import type Database from 'better-sqlite3';
import type { OutboxJob, UncertainAnswer } from '../../core/model.js';
import { toJob, type JobRow } from './rows.js';

export function answerUncertain(
  st: (sql: string) => Database.Statement,
  id: string,
  answer: UncertainAnswer,
  now: number,
): OutboxJob | undefined {
  const row = (
    answer === 'resend'
      ? // Due now, no attempt in flight; the attempts so far stay counted.
        st(
          `UPDATE outbox SET status = 'pending', next_attempt_at = ?, delivery = 'queued',
             attempt_started_at = NULL, lease_owner = NULL, lease_until = NULL, updated_at = ?
           WHERE id = ? AND status = 'uncertain' RETURNING *`,
        ).get(now, now, id)
      : st(
          `UPDATE outbox SET status = 'sent', delivery = 'sent', updated_at = ?
           WHERE id = ? AND status = 'uncertain' RETURNING *`,
        ).get(now, id)
  ) as JobRow | undefined;
  if (!row) return undefined;
  st('UPDATE messages SET delivery = ? WHERE id = ?').run(row.delivery, row.message_id);
  return toJob(row);
}
