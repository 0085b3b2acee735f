/**
 * The embedded store: SQLite through better-sqlite3 (synchronous, in-process).
 * WAL lets readers run beside the one writer; synchronous=NORMAL keeps commits
 * durable against process crashes (an OS crash may lose the last commits, never
 * corrupt). Statements are prepared once and cached by their SQL text; writes that
 * touch several records are transactions in transactions.ts, figures in figures.ts, and each
 * kind of record has its own file (customers.ts, messages.ts, …); the outbox stays here.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Clock, FiguresSource, Store } from '../../core/ports.js';
import { createSqliteAttention } from './attention.js';
import { createSqliteAnswers } from './answers.js';
import { createSqliteFigures } from './figures.js';
import { createClaims } from './claims.js';
import { createSqliteConsoleRefs } from './console-refs.js';
import { createSqliteConversations } from './conversations.js';
import { createSqliteCustomers } from './customers.js';
import { createSqliteDrafts } from './drafts.js';
import { createSqliteMessages } from './messages.js';
import { createSqliteRatings } from './ratings.js';
import { createGroupCommit } from './group-commit.js';
import { createIntakeFiles } from './intake-files.js';
import { createTransactions } from './transactions.js';
import { applyMigrations, schemaVersion } from './migrations.js';
import { createOutboxLease } from './outbox-lease.js';
import { answerUncertain } from './outbox-uncertain.js';
import { listJobsNeedingOwner } from './outbox-needs-owner.js';
import { createSqliteSearch, registerSearchFunctions } from './search.js';
import { createSqliteSplit } from './split.js';
import type { SplitSource } from '../../core/people.js';
import type { CustomerNotesSource, SearchSource } from '../../core/search.js';
import { createSqlitePrivacy } from './privacy.js';
import type { PrivacyStore } from '../../core/privacy.js';
import { toJob, type JobRow } from './rows.js';

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
    ...createSqliteCustomers(st, commits, tx),
    ...createClaims(db, st, (fn) => commits.write(fn)),
    ...createSqliteConversations(st, commits),
    ...createSqliteMessages(st, commits),
    ...createSqliteDrafts(st, commits, tx),
    ...createSqliteRatings(st, commits, tx),
    ...createSqliteConsoleRefs(st, commits),
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
    async listJobsNeedingOwner(limit) {
      return listJobsNeedingOwner(st, limit);
    },
  };
  return store;
}
