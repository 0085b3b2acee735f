/**
 * Group commit for the embedded store.
 *
 * Every SQLite commit appends each page it dirtied to the WAL: one message insert touches the
 * table, its indexes and three rollup tables, so committing each write on its own writes tens
 * of kilobytes and dominated the pipeline's cost. When writes arrive together (many messages in
 * flight), the ones issued in the same turn of the event loop share one transaction, committed
 * before the loop moves on (`setImmediate`); each write's promise settles only after that
 * COMMIT, so "stored before acknowledged" still holds.
 *
 * A lone writer (a loop that awaits each write) gains nothing from batching and would pay for
 * the explicit transaction, so the first write of a turn commits on its own as before; only a
 * second write in the same turn opens a batch.
 *
 * Reads run straight away on the same connection and see the open batch's writes, which is what
 * the single-connection store always showed its one process.
 */
import type Database from 'better-sqlite3';

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface GroupCommit {
  /** Runs `write` now; resolves with its result once it is committed. */
  write<T>(write: () => T): Promise<T>;
  /** Commits the open batch now (before closing the database). */
  flush(): void;
}

function attempt<T>(write: () => T): Promise<T> {
  try {
    return Promise.resolve(write());
  } catch (err) {
    return Promise.reject(err);
  }
}

export function createGroupCommit(db: Database.Database): GroupCommit {
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  let waiters: Waiter[] = [];
  let batchOpen = false;
  /** Whether this turn already had its lone, self-committing write. */
  let turnBusy = false;
  const endTurn = (): void => {
    turnBusy = false;
  };

  const flush = (): void => {
    if (!batchOpen) return;
    batchOpen = false;
    const batch = waiters;
    waiters = [];
    let failure: unknown;
    if (!db.inTransaction) failure = new Error('the store transaction ended before it was committed');
    else {
      try {
        commit.run();
      } catch (err) {
        failure = err;
      }
    }
    if (failure !== undefined && db.inTransaction) {
      try {
        db.exec('ROLLBACK');
      } catch {
        // Already rolled back by SQLite; the waiters hear the original error below.
      }
    }
    for (const w of batch) {
      if (failure === undefined) w.resolve();
      else w.reject(failure);
    }
  };

  return {
    write<T>(write: () => T): Promise<T> {
      if (!batchOpen) {
        // Someone else's transaction (a bulk load) commits its own writes.
        if (db.inTransaction) return attempt(write);
        if (!turnBusy) {
          turnBusy = true;
          queueMicrotask(endTurn);
          return attempt(write); // SQLite's autocommit: durable when it returns
        }
        // IMMEDIATE takes the write lock now, so another process queues on busy_timeout
        // instead of failing half-way through our batch.
        begin.run();
        batchOpen = true;
        setImmediate(flush);
      }
      let result: T;
      try {
        result = write();
      } catch (err) {
        // A constraint error undoes only its statement. An error that ended the transaction
        // (SQLite does for I/O errors) also undid the batch's earlier writes: their callers
        // hear it now, and the next write starts afresh.
        if (!db.inTransaction) {
          batchOpen = false;
          for (const w of waiters.splice(0)) w.reject(err);
        }
        return Promise.reject(err);
      }
      return new Promise<T>((resolve, reject) => {
        waiters.push({ resolve: () => resolve(result), reject });
      });
    },
    flush,
  };
}
