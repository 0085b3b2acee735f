/**
 * The embedded store: SQLite through better-sqlite3 (synchronous, in-process).
 * WAL lets readers run beside the one writer; synchronous=NORMAL keeps commits
 * durable against process crashes (an OS crash may lose the last commits, never
 * corrupt). Statements are prepared once and cached by their SQL text.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Clock, FiguresSource, InsertResult, Store } from '../../core/ports.js';
import type {
  Channel,
  Conversation,
  Customer,
  Decision,
  DeliveryState,
  Draft,
  Identity,
  Message,
  OutboxJob,
  Rating,
} from '../../core/model.js';
import { deliveryAdvances } from '../delivery-order.js';
import { createSqliteFigures } from './figures.js';
import { applyMigrations, schemaVersion } from './migrations.js';
import {
  buildPatch,
  CONVERSATION_PATCH,
  CUSTOMER_PATCH,
  decisionParams,
  draftParams,
  jobParams,
  MESSAGE_PATCH,
  messageParams,
  ms,
  toConversation,
  toCustomer,
  toDecision,
  toDraft,
  toIdentity,
  toJob,
  toMessage,
  toRating,
  type ConversationRow,
  type CustomerRow,
  type DecisionRow,
  type DraftRow,
  type IdentityRow,
  type JobRow,
  type MessageRow,
  type RatingRow,
} from './rows.js';

export interface SqliteStoreOptions {
  /** Database file path, or `':memory:'`. Missing parent folders are created. */
  file: string;
  /** Milliseconds a writer waits for another process's lock before failing. Default 5000. */
  busyTimeoutMs?: number;
  /** Apply pending migrations when opening (default true; `migrate()` is idempotent anyway). */
  migrate?: boolean;
  /** For `updatedAt` stamps; defaults to the system clock. */
  clock?: Clock;
  /** Tests only: force the figures' large-period query path from this many values on. */
  figuresSortLimit?: number;
}

export interface SqliteStore extends Store, FiguresSource {
  readonly file: string;
  /** The highest applied migration version. */
  schemaVersion(): number;
  /** The underlying connection, for store-side extensions (figures) and scripts. */
  readonly db: Database.Database;
}

const MESSAGE_COLUMNS =
  'id, conversation_id, customer_id, direction, channel, kind, external_id, reply_ref, address, text, full_text, subject, attachments, meta, created_at, classification, intent, stage, delivery';
const MESSAGE_VALUES =
  '@id, @conversation_id, @customer_id, @direction, @channel, @kind, @external_id, @reply_ref, @address, @text, @full_text, @subject, @attachments, @meta, @created_at, @classification, @intent, @stage, @delivery';
const JOB_COLUMNS =
  'id, idempotency_key, customer_id, conversation_id, draft_id, message_id, channel, reply_ref, text, purpose, status, attempts, next_attempt_at, lease_owner, lease_until, last_error, external_id, delivery, created_at, updated_at';
const JOB_VALUES =
  '@id, @idempotency_key, @customer_id, @conversation_id, @draft_id, @message_id, @channel, @reply_ref, @text, @purpose, @status, @attempts, @next_attempt_at, @lease_owner, @lease_until, @last_error, @external_id, @delivery, @created_at, @updated_at';

export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const { file } = options;
  const clock: Clock = options.clock ?? { now: () => new Date() };
  if (file !== ':memory:' && !file.startsWith('file:')) mkdirSync(dirname(file), { recursive: true });
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  const db = new Database(file, { timeout: busyTimeoutMs });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  db.pragma('temp_store = MEMORY');
  if (options.migrate !== false) applyMigrations(db);

  const cache = new Map<string, Database.Statement>();
  /** The prepared statement for `sql`, prepared on first use. */
  const st = (sql: string): Database.Statement => {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
  let closed = false;

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
    // Two index range scans (due pending jobs, expired leases) instead of one OR scan.
    const rows = st(
      `UPDATE outbox SET status = 'sending', lease_owner = @owner, lease_until = @until, updated_at = @now
       WHERE id IN (
         SELECT id FROM (
           SELECT id, next_attempt_at FROM outbox WHERE status = 'pending' AND next_attempt_at <= @now
           UNION ALL
           SELECT id, next_attempt_at FROM outbox WHERE status = 'sending' AND lease_until < @now
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
    st(
      'UPDATE outbox SET delivery = ?, last_error = COALESCE(?, last_error), updated_at = ? WHERE id = ?',
    ).run(delivery, error ?? null, clock.now().getTime(), id);
    mirrorDelivery(row.message_id, delivery);
  });

  const requeueTx = db.transaction((id: string, now: number): boolean => {
    const row = getJobRow(id);
    if (!row || row.status !== 'failed') return false;
    // The owner's Retry starts the backoff over.
    st(
      `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, lease_owner = NULL, lease_until = NULL,
         delivery = 'queued', updated_at = ? WHERE id = ?`,
    ).run(now, now, id);
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

  const store: SqliteStore = {
    file,
    db,
    schemaVersion: () => schemaVersion(db),
    figures: createSqliteFigures(st, options.figuresSortLimit),

    async migrate() {
      applyMigrations(db);
    },
    async ping() {
      if (closed) return false;
      try {
        return (st('SELECT 1 AS ok').get() as { ok: number }).ok === 1;
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      cache.clear();
      db.close();
    },

    // ------------------------------------------------------------ customers and identities
    async findCustomerByIdentity(channel, address) {
      const row = st(
        `SELECT c.* FROM identities i JOIN customers c ON c.id = i.customer_id
         WHERE i.channel = ? AND i.address = ?`,
      ).get(channel, address) as CustomerRow | undefined;
      return row && toCustomer(row);
    },
    async createCustomer(customer, identity) {
      return createCustomerTx.immediate(customer, identity);
    },
    async getCustomer(id) {
      const row = st('SELECT * FROM customers WHERE id = ?').get(id) as CustomerRow | undefined;
      return row && toCustomer(row);
    },
    async updateCustomer(id, patch) {
      const { sets, params } = buildPatch(patch, CUSTOMER_PATCH);
      if (sets.length === 0) return;
      st(`UPDATE customers SET ${sets.join(', ')} WHERE id = @id`).run({ ...params, id });
    },
    async addIdentity(customerId, identity) {
      const changes = st(
        `INSERT INTO identities (channel, address, customer_id, display_name) VALUES (?, ?, ?, ?)
         ON CONFLICT (channel, address) DO NOTHING`,
      ).run(identity.channel, identity.address, customerId, identity.displayName ?? null).changes;
      if (changes > 0) return { kind: 'inserted' };
      const owner = st('SELECT customer_id FROM identities WHERE channel = ? AND address = ?').get(
        identity.channel,
        identity.address,
      ) as { customer_id: string };
      return { kind: 'duplicate', existingId: owner.customer_id };
    },
    async listIdentities(customerId) {
      const rows = st('SELECT * FROM identities WHERE customer_id = ? ORDER BY rowid').all(
        customerId,
      ) as IdentityRow[];
      return rows.map(toIdentity);
    },
    async mergeCustomers(intoId, fromId) {
      if (intoId === fromId) return;
      mergeTx.immediate(intoId, fromId);
    },

    // ------------------------------------------------------------ conversations
    async latestConversation(customerId) {
      const row = st(
        'SELECT * FROM conversations WHERE customer_id = ? ORDER BY opened_at DESC, rowid DESC LIMIT 1',
      ).get(customerId) as ConversationRow | undefined;
      return row && toConversation(row);
    },
    async createConversation(c: Conversation) {
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
    },
    async getConversation(id) {
      const row = st('SELECT * FROM conversations WHERE id = ?').get(id) as ConversationRow | undefined;
      return row && toConversation(row);
    },
    async updateConversation(id, patch) {
      const { sets, params } = buildPatch(patch, CONVERSATION_PATCH);
      if (sets.length === 0) return;
      st(`UPDATE conversations SET ${sets.join(', ')} WHERE id = @id`).run({ ...params, id });
    },
    async countConversations(customerId) {
      return (
        st('SELECT COUNT(*) AS n FROM conversations WHERE customer_id = ?').get(customerId) as { n: number }
      ).n;
    },

    // ------------------------------------------------------------ messages
    async insertMessage(message) {
      const changes = st(
        `INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES (${MESSAGE_VALUES})
         ON CONFLICT (channel, external_id) WHERE external_id <> '' DO NOTHING`,
      ).run(messageParams(message)).changes;
      if (changes > 0) return { kind: 'inserted' };
      const existing = st(
        "SELECT id FROM messages WHERE channel = ? AND external_id = ? AND external_id <> ''",
      ).get(message.channel, message.externalId) as { id: string };
      return { kind: 'duplicate', existingId: existing.id };
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
    async updateMessage(id, patch) {
      // The intent column mirrors the classification for the figures indexes.
      const full = 'classification' in patch ? { ...patch, intent: patch.classification?.intent } : patch;
      const { sets, params } = buildPatch(full, MESSAGE_PATCH);
      if (sets.length === 0) return;
      st(`UPDATE messages SET ${sets.join(', ')} WHERE id = @id`).run({ ...params, id });
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

    // ------------------------------------------------------------ drafts and decisions
    async insertDraft(draft: Draft) {
      st(
        `INSERT INTO drafts (id, customer_id, conversation_id, in_reply_to, text, language, channel, reply_ref, origin,
           status, created_at, decision_id)
         VALUES (@id, @customer_id, @conversation_id, @in_reply_to, @text, @language, @channel, @reply_ref, @origin,
           @status, @created_at, @decision_id)`,
      ).run(draftParams(draft));
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
    async commitDecision(decision, draftStatus, delivery) {
      return commitDecisionTx.immediate(decision, draftStatus, delivery);
    },
    async getDecision(id) {
      const row = st('SELECT * FROM decisions WHERE id = ?').get(id) as DecisionRow | undefined;
      return row && toDecision(row);
    },

    // ------------------------------------------------------------ outbox
    async enqueue(message, job) {
      return enqueueTx.immediate(message, job);
    },
    async claimJobs(owner, now, leaseMs, limit) {
      if (limit <= 0) return [];
      return claimTx.immediate(owner, now.getTime(), leaseMs, limit).map(toJob);
    },
    async finishJob(id, owner, patch) {
      return finishTx.immediate(id, owner, patch);
    },
    async getJob(id) {
      const row = getJobRow(id);
      return row && toJob(row);
    },
    async findJobByExternalId(channel, externalId) {
      const row = st(
        'SELECT * FROM outbox WHERE channel = ? AND external_id = ? ORDER BY created_at DESC LIMIT 1',
      ).get(channel, externalId) as JobRow | undefined;
      return row && toJob(row);
    },
    async setJobDelivery(id, delivery, error) {
      setDeliveryTx.immediate(id, delivery, error);
    },
    async requeueJob(id, now) {
      return requeueTx.immediate(id, now.getTime());
    },

    // ------------------------------------------------------------ ratings
    async insertRating(r: Rating) {
      insertRatingTx.immediate(r);
    },
    async lastRating(customerId) {
      const row = st(
        'SELECT * FROM ratings WHERE customer_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
      ).get(customerId) as RatingRow | undefined;
      return row && toRating(row);
    },
    async listRatings(conversationId) {
      const rows = st('SELECT * FROM ratings WHERE conversation_id = ? ORDER BY created_at, rowid').all(
        conversationId,
      ) as RatingRow[];
      return rows.map(toRating);
    },

    // ------------------------------------------------------------ console refs and cursors
    async getRef(console, key) {
      const row = st('SELECT value FROM console_refs WHERE console = ? AND key = ?').get(console, key) as
        { value: string } | undefined;
      return row?.value;
    },
    async setRef(console, key, value) {
      st(
        `INSERT INTO console_refs (console, key, value) VALUES (?, ?, ?)
         ON CONFLICT (console, key) DO UPDATE SET value = excluded.value`,
      ).run(console, key, value);
    },
    async findRefKey(console, value) {
      const row = st('SELECT key FROM console_refs WHERE console = ? AND value = ? LIMIT 1').get(
        console,
        value,
      ) as { key: string } | undefined;
      return row?.key;
    },
    async getCursor(name) {
      const row = st('SELECT value FROM cursors WHERE name = ?').get(name) as { value: string } | undefined;
      return row?.value;
    },
    async setCursor(name, value) {
      st(
        'INSERT INTO cursors (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
      ).run(name, value);
    },
  };
  return store;
}

/** Infrastructure errors carry a stable code (ARCHITECTURE.md "Errors"). */
export class StoreError extends Error {
  constructor(
    readonly code: 'not_found',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
