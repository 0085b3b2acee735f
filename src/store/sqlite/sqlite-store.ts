/**
 * The embedded store: SQLite through better-sqlite3 (synchronous, in-process).
 * WAL lets readers run beside the one writer; synchronous=NORMAL keeps commits
 * durable against process crashes (an OS crash may lose the last commits, never
 * corrupt). Statements are prepared once and cached by their SQL text; writes that
 * touch several records are transactions in transactions.ts, figures in figures.ts.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Clock, FiguresSource, Store } from '../../core/ports.js';
import type { Conversation, Draft, Rating } from '../../core/model.js';
import { createSqliteAttention } from './attention.js';
import { createSqliteAnswers } from './answers.js';
import { createSqliteFigures } from './figures.js';
import { createClaims } from './claims.js';
import { createGroupCommit } from './group-commit.js';
import { createIntakeFiles } from './intake-files.js';
import { createTransactions, MESSAGE_COLUMNS, MESSAGE_VALUES } from './transactions.js';
import { applyMigrations, schemaVersion } from './migrations.js';
import { createOutboxLease } from './outbox-lease.js';
import { answerUncertain } from './outbox-uncertain.js';
import { createSqliteSearch, registerSearchFunctions } from './search.js';
import { createSqliteSplit } from './split.js';
import type { SplitSource } from '../../core/people.js';
import type { CustomerNotesSource, SearchSource } from '../../core/search.js';
import { createSqlitePrivacy } from './privacy.js';
import type { PrivacyStore } from '../../core/privacy.js';
import {
  buildPatch,
  CONVERSATION_PATCH,
  CUSTOMER_PATCH,
  draftParams,
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

export { StoreError } from './errors.js';

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

export interface SqliteStore
  extends Store, FiguresSource, SearchSource, CustomerNotesSource, PrivacyStore, SplitSource {
  readonly file: string;
  /** The highest applied migration version. */
  schemaVersion(): number;
  /** The underlying connection, for store-side extensions (figures) and scripts. */
  readonly db: Database.Database;
  /** A consistent copy of the whole database at `file` (SQLite's online backup), while in use. */
  backup(file: string): Promise<void>;
}

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
  // The search triggers (migration 12) call it on every write: registered before anything runs.
  registerSearchFunctions(db);
  // Deleted and rewritten rows are zeroed, not left in free space: after /cs forget (and a WAL
  // checkpoint) no erased text survives in the file. Costs a little I/O on updates.
  db.pragma('secure_delete = ON');
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

  const tx = createTransactions(db, st, clock);
  const commits = createGroupCommit(db);
  const lease = createOutboxLease(st);

  const store: SqliteStore = {
    file,
    db,
    schemaVersion: () => schemaVersion(db),
    figures: createSqliteFigures(st, options.figuresSortLimit),
    ...createIntakeFiles(st, commits),
    ...createSqliteAttention(st, commits),
    ...createSqliteAnswers(st, commits),
    ...createSqliteSearch(st, commits),
    ...createSqliteSplit(db, st, (fn) => commits.write(fn)),
    ...createSqlitePrivacy(db, st, () => commits.flush()),
    async backup(target) {
      commits.flush();
      mkdirSync(dirname(target), { recursive: true });
      await db.backup(target);
    },

    async migrate() {
      commits.flush();
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
      commits.flush();
      cache.clear();
      // Refreshes the planner's statistics where they drifted (cheap; SQLite's advice on close).
      if (db.open && !db.readonly) db.pragma('optimize');
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
    createCustomer(customer, identity) {
      return commits.write(() => {
        return tx.createCustomer(customer, identity);
      });
    },
    async getCustomer(id) {
      const row = st('SELECT * FROM customers WHERE id = ?').get(id) as CustomerRow | undefined;
      return row && toCustomer(row);
    },
    updateCustomer(id, patch) {
      return commits.write(() => {
        const { sets, params } = buildPatch(patch, CUSTOMER_PATCH);
        if (sets.length === 0) return;
        st(`UPDATE customers SET ${sets.join(', ')} WHERE id = @id`).run({ ...params, id });
      });
    },
    addIdentity(customerId, identity) {
      return commits.write(() => {
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
      });
    },
    async listIdentities(customerId) {
      const rows = st('SELECT * FROM identities WHERE customer_id = ? ORDER BY rowid').all(
        customerId,
      ) as IdentityRow[];
      return rows.map(toIdentity);
    },
    ...createClaims(db, st, (fn) => commits.write(fn)),
    mergeCustomers(intoId, fromId) {
      return commits.write(() => {
        if (intoId === fromId) return;
        tx.merge(intoId, fromId);
      });
    },

    // ------------------------------------------------------------ conversations
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

    // ------------------------------------------------------------ messages
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

    // ------------------------------------------------------------ drafts and decisions
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

    // ------------------------------------------------------------ outbox
    enqueue(message, job) {
      return commits.write(() => {
        return tx.enqueue(message, job);
      });
    },
    claimJobs(owner, now, leaseMs, limit) {
      return commits.write(() => {
        if (limit <= 0) return [];
        return tx.claim(owner, now.getTime(), leaseMs, limit).map(toJob);
      });
    },
    renewJobLease(id, owner, now, leaseMs) {
      return commits.write(() => lease.renew(id, owner, now.getTime(), leaseMs));
    },
    startJobAttempt(id, owner, now, leaseMs) {
      return commits.write(() => lease.startAttempt(id, owner, now.getTime(), leaseMs));
    },
    markJobSent(id, marker) {
      return commits.write(() => lease.markSent(id, marker, clock.now().getTime()));
    },
    finishJob(id, owner, patch) {
      return commits.write(() => {
        return tx.finish(id, owner, patch);
      });
    },
    async getJob(id) {
      const row = tx.getJobRow(id);
      return row && toJob(row);
    },
    async findJobByExternalId(channel, externalId) {
      const row = st(
        'SELECT * FROM outbox WHERE channel = ? AND external_id = ? ORDER BY created_at DESC LIMIT 1',
      ).get(channel, externalId) as JobRow | undefined;
      return row && toJob(row);
    },
    setJobDelivery(id, delivery, error) {
      return commits.write(() => {
        tx.setDelivery(id, delivery, error);
      });
    },
    requeueJob(id, now) {
      return commits.write(() => {
        return tx.requeue(id, now.getTime());
      });
    },
    answerUncertainJob(id, answer, now) {
      // A transaction of its own: the job and its message's mirror change together.
      return commits.write(() => db.transaction(() => answerUncertain(st, id, answer, now.getTime()))());
    },

    // ------------------------------------------------------------ ratings
    insertRating(r: Rating) {
      return commits.write(() => {
        tx.insertRating(r);
      });
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
    setRef(console, key, value) {
      return commits.write(() => {
        st(
          `INSERT INTO console_refs (console, key, value) VALUES (?, ?, ?)
           ON CONFLICT (console, key) DO UPDATE SET value = excluded.value`,
        ).run(console, key, value);
      });
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
    setCursor(name, value) {
      return commits.write(() => {
        st(
          'INSERT INTO cursors (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
        ).run(name, value);
      });
    },
  };
  return store;
}
