/**
 * The embedded store's multi-record writes, each one SQLite transaction (BEGIN IMMEDIATE,
 * so concurrent processes queue on the write lock instead of failing mid-way).
 */
import type Database from 'better-sqlite3';
import type { Clock, InsertResult, Store } from '../../core/ports.js';
import type {
  Channel,
  Customer,
  Decision,
  DeliveryState,
  Identity,
  Message,
  OutboxJob,
  Rating,
} from '../../core/model.js';
import { deliveryAdvances } from '../delivery-order.js';
import { decisionParams, jobParams, messageParams, type CustomerRow, type JobRow } from './rows.js';
import { StoreError } from './errors.js';
import { mergeClaims } from './claims.js';

export const MESSAGE_COLUMNS =
  'id, conversation_id, customer_id, direction, channel, kind, external_id, reply_ref, address, text, full_text, subject, attachments, meta, created_at, classification, intent, stage, delivery';
export const MESSAGE_VALUES =
  '@id, @conversation_id, @customer_id, @direction, @channel, @kind, @external_id, @reply_ref, @address, @text, @full_text, @subject, @attachments, @meta, @created_at, @classification, @intent, @stage, @delivery';
const JOB_COLUMNS =
  'id, idempotency_key, customer_id, conversation_id, draft_id, message_id, channel, reply_ref, text, purpose, status, attempts, next_attempt_at, lease_owner, lease_until, last_error, external_id, delivery, created_at, updated_at';
const JOB_VALUES =
  '@id, @idempotency_key, @customer_id, @conversation_id, @draft_id, @message_id, @channel, @reply_ref, @text, @purpose, @status, @attempts, @next_attempt_at, @lease_owner, @lease_until, @last_error, @external_id, @delivery, @created_at, @updated_at';

/** The multi-record writes, each one SQLite transaction. */
export type Transactions = ReturnType<typeof createTransactions>;

export function createTransactions(
  db: Database.Database,
  st: (sql: string) => Database.Statement,
  clock: Clock,
) {
  const getJobRow = (id: string): JobRow | undefined =>
    st('SELECT * FROM outbox WHERE id = ?').get(id) as JobRow | undefined;
  const insertMessageRow = (m: Message): void => {
    st(`INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES (${MESSAGE_VALUES})`).run(messageParams(m));
  };
  const insertJobRow = (j: OutboxJob): void => {
    st(`INSERT INTO outbox (${JOB_COLUMNS}) VALUES (${JOB_VALUES})`).run(jobParams(j));
  };
  const mirrorDelivery = (messageId: string, delivery: DeliveryState): void => {
    st('UPDATE messages SET delivery = ? WHERE id = ?').run(delivery, messageId);
  };

  const createCustomerTx = db.transaction((customer: Customer, identity: Identity): InsertResult => {
    const owner = st('SELECT customer_id FROM identities WHERE channel = ? AND address = ?').get(
      identity.channel,
      identity.address,
    ) as { customer_id: string } | undefined;
    if (owner) return { kind: 'duplicate', existingId: owner.customer_id };
    st(
      'INSERT INTO customers (id, name, language, created_at, opted_out, merged_into) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      customer.id,
      customer.name ?? null,
      customer.language ?? null,
      customer.createdAt.getTime(),
      JSON.stringify(customer.optedOut ?? []),
      customer.mergedInto ?? null,
    );
    st('INSERT INTO identities (channel, address, customer_id, display_name) VALUES (?, ?, ?, ?)').run(
      identity.channel,
      identity.address,
      customer.id,
      identity.displayName ?? null,
    );
    return { kind: 'inserted' };
  });

  const mergeTx = db.transaction((intoId: string, fromId: string): void => {
    const into = st('SELECT * FROM customers WHERE id = ?').get(intoId) as CustomerRow | undefined;
    const from = st('SELECT * FROM customers WHERE id = ?').get(fromId) as CustomerRow | undefined;
    if (!into) throw new StoreError('not_found', `merge target customer ${intoId} does not exist`);
    if (!from) throw new StoreError('not_found', `merged customer ${fromId} does not exist`);
    for (const table of ['identities', 'conversations', 'messages', 'drafts', 'ratings', 'outbox']) {
      st(`UPDATE ${table} SET customer_id = ? WHERE customer_id = ?`).run(intoId, fromId);
    }
    mergeClaims(st, intoId, fromId);
    // The figures' last-inbound tables follow the messages.
    for (const table of ['customer_last_inbound', 'customer_channel_last_inbound']) {
      st(`DELETE FROM ${table} WHERE customer_id IN (?, ?)`).run(intoId, fromId);
    }
    st(
      `INSERT INTO customer_last_inbound (customer_id, at)
       SELECT customer_id, MAX(created_at) FROM messages WHERE customer_id = ? AND direction = 'in' GROUP BY customer_id`,
    ).run(intoId);
    st(
      `INSERT INTO customer_channel_last_inbound (customer_id, channel, at)
       SELECT customer_id, channel, MAX(created_at) FROM messages WHERE customer_id = ? AND direction = 'in'
       GROUP BY customer_id, channel`,
    ).run(intoId);
    // An opt-out on either side still holds for the merged customer; missing facts are filled in.
    const optedOut = [
      ...new Set([
        ...(JSON.parse(into.opted_out) as Channel[]),
        ...(JSON.parse(from.opted_out) as Channel[]),
      ]),
    ];
    st(
      'UPDATE customers SET opted_out = ?, name = COALESCE(name, ?), language = COALESCE(language, ?) WHERE id = ?',
    ).run(JSON.stringify(optedOut), from.name, from.language, intoId);
    st('UPDATE customers SET merged_into = ? WHERE id = ? OR merged_into = ?').run(intoId, fromId, fromId);
  });

  const commitDecisionTx = db.transaction(
    (
      decision: Decision,
      draftStatus: 'sent' | 'discarded',
      delivery?: { message: Message; job: OutboxJob },
    ) => {
      // The decision's time and kind are copied onto the draft for the figures index.
      const changed = st(
        `UPDATE drafts SET status = ?, decision_id = ?, decided_at = ?, decision_kind = ?, decision_auto = ?
         WHERE id = ? AND status = 'pending'`,
      ).run(
        draftStatus,
        decision.id,
        decision.decidedAt.getTime(),
        decision.kind,
        decision.actor.console === 'auto' ? 1 : 0,
        decision.draftId,
      ).changes;
      if (changed === 0) return false;
      st(
        `INSERT INTO decisions (id, draft_id, kind, actor_console, actor_user_id, actor_name, channel, text, decided_at)
         VALUES (@id, @draft_id, @kind, @actor_console, @actor_user_id, @actor_name, @channel, @text, @decided_at)`,
      ).run(decisionParams(decision));
      if (delivery) {
        insertMessageRow(delivery.message);
        insertJobRow(delivery.job);
      }
      return true;
    },
  );

  const enqueueTx = db.transaction((message: Message, job: OutboxJob): InsertResult => {
    const existing = st('SELECT id FROM outbox WHERE idempotency_key = ?').get(job.idempotencyKey) as
      { id: string } | undefined;
    if (existing) return { kind: 'duplicate', existingId: existing.id };
    insertMessageRow(message);
    insertJobRow(job);
    return { kind: 'inserted' };
  });

  const claimTx = db.transaction((owner: string, now: number, leaseMs: number, limit: number): JobRow[] => {
    // Two index range scans (due pending jobs, expired leases) instead of one OR scan. A job
    // this owner holds is never taken back: its send may still be in flight (a pacing queue).
    const rows = st(
      `UPDATE outbox SET status = 'sending', lease_owner = @owner, lease_until = @until, updated_at = @now
       WHERE id IN (
         SELECT id FROM (
           SELECT id, next_attempt_at FROM outbox WHERE status = 'pending' AND next_attempt_at <= @now
           UNION ALL
           SELECT id, next_attempt_at FROM outbox
             WHERE status = 'sending' AND lease_until < @now AND lease_owner <> @owner
         ) ORDER BY next_attempt_at LIMIT @limit
       )
       RETURNING *`,
    ).all({ owner, now, until: now + leaseMs, limit }) as JobRow[];
    return rows.sort((a, b) => a.next_attempt_at - b.next_attempt_at || a.created_at - b.created_at);
  });

  type FinishPatch = Parameters<Store['finishJob']>[2];
  const finishTx = db.transaction((id: string, owner: string, patch: FinishPatch): boolean => {
    const row = getJobRow(id);
    if (!row || row.status !== 'sending' || row.lease_owner !== owner) return false;
    // A platform callback may already have reported delivered/read; never lower that.
    const current = row.delivery as DeliveryState;
    const delivery =
      (current === 'delivered' || current === 'read') && !deliveryAdvances(current, patch.delivery)
        ? current
        : patch.delivery;
    st(
      `UPDATE outbox SET status = @status, attempts = @attempts, next_attempt_at = @next, delivery = @delivery,
         last_error = COALESCE(@last_error, last_error), external_id = COALESCE(@external_id, external_id),
         attempt_started_at = CASE WHEN @status = 'uncertain' THEN attempt_started_at END,
         lease_owner = NULL, lease_until = NULL, updated_at = @now
       WHERE id = @id`,
    ).run({
      id,
      status: patch.status,
      attempts: patch.attempts,
      next: patch.nextAttemptAt.getTime(),
      delivery,
      last_error: patch.lastError ?? null,
      external_id: patch.externalId ?? null,
      now: clock.now().getTime(),
    });
    mirrorDelivery(row.message_id, delivery);
    return true;
  });

  const setDeliveryTx = db.transaction((id: string, delivery: DeliveryState, error?: string): void => {
    const row = getJobRow(id);
    if (!row) return;
    if (!deliveryAdvances(row.delivery as DeliveryState, delivery)) return;
    // The platform's word settles the job too: a sent job it reports failed becomes failed
    // (so the owner's Retry can requeue it), and proof of arrival un-fails a failed one.
    const status =
      delivery === 'failed' && row.status === 'sent'
        ? 'failed'
        : (delivery === 'delivered' || delivery === 'read') && row.status === 'failed'
          ? 'sent'
          : row.status;
    st(
      'UPDATE outbox SET delivery = ?, status = ?, last_error = COALESCE(?, last_error), updated_at = ? WHERE id = ?',
    ).run(delivery, status, error ?? null, clock.now().getTime(), id);
    mirrorDelivery(row.message_id, delivery);
  });

  const requeueTx = db.transaction((id: string, now: number): boolean => {
    const row = getJobRow(id);
    if (!row || row.status !== 'failed') return false;
    // The owner's Retry starts the backoff over. When the platform had accepted the job and
    // then reported it failed, the retry is a new delivery: it gets a new idempotency key, or
    // the connector (rightly) answers with the first, failed send.
    let key = row.idempotency_key;
    if (row.external_id !== null) {
      const m = /^(.*)#retry(\d+)$/.exec(key);
      key = m ? `${m[1]}#retry${Number(m[2]) + 1}` : `${key}#retry1`;
    }
    st(
      `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, lease_owner = NULL, lease_until = NULL,
         delivery = 'queued', idempotency_key = ?, sent_marker = NULL, attempt_started_at = NULL, updated_at = ?
       WHERE id = ?`,
    ).run(now, key, now, id);
    mirrorDelivery(row.message_id, 'queued');
    return true;
  });

  // Only a conversation's latest rating counts in the figures; earlier ones are marked.
  const insertRatingTx = db.transaction((r: Rating): void => {
    const at = r.createdAt.getTime();
    const later = st('SELECT 1 FROM ratings WHERE conversation_id = ? AND created_at > ? LIMIT 1').get(
      r.conversationId,
      at,
    );
    st(
      `INSERT INTO ratings (id, customer_id, conversation_id, channel, score, comment, created_at, superseded)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(r.id, r.customerId, r.conversationId, r.channel, r.score, r.comment ?? null, at, later ? 1 : 0);
    if (!later) {
      st('UPDATE ratings SET superseded = 1 WHERE conversation_id = ? AND id <> ? AND superseded = 0').run(
        r.conversationId,
        r.id,
      );
    }
  });

  return {
    getJobRow,
    createCustomer: (customer: Customer, identity: Identity) =>
      createCustomerTx.immediate(customer, identity),
    merge: (intoId: string, fromId: string) => mergeTx.immediate(intoId, fromId),
    commitDecision: (
      decision: Decision,
      draftStatus: 'sent' | 'discarded',
      delivery?: { message: Message; job: OutboxJob },
    ) => commitDecisionTx.immediate(decision, draftStatus, delivery),
    enqueue: (message: Message, job: OutboxJob) => enqueueTx.immediate(message, job),
    claim: (owner: string, now: number, leaseMs: number, limit: number) =>
      claimTx.immediate(owner, now, leaseMs, limit),
    finish: (id: string, owner: string, patch: FinishPatch) => finishTx.immediate(id, owner, patch),
    setDelivery: (id: string, delivery: DeliveryState, error?: string) =>
      setDeliveryTx.immediate(id, delivery, error),
    requeue: (id: string, now: number) => requeueTx.immediate(id, now),
    insertRating: (r: Rating) => insertRatingTx.immediate(r),
  };
}
