/**
 * Group commit for the embedded store.
 *
 * Every SQLite commit appends each page it dirtied to the WAL: one message insert touches the
 * table, eight indexes and three rollup tables, so committing each write on its own writes
 * ~50 KB and dominated the pipeline's cost. Here the writes issued in one turn of the event loop
 * share one transaction, committed before the loop moves on (`setImmediate`), and each write's
 * promise settles only after that COMMIT — so "stored before acknowledged" still holds: nobody
 * hears "done" about a write that is not durable yet.
 *
 * Reads run straight away on the same connection and see the open transaction's writes, which
 * is what the single-connection store always showed its one process.
 */
import type Database from 'better-sqlite3';

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface GroupCommit {
  /** Runs `write` inside the current batch; resolves with its result once the batch is committed. */
  write<T>(write: () => T): Promise<T>;
  /** Commits the open batch now (before closing the database). */
  flush(): void;
}

export function createGroupCommit(db: Database.Database): GroupCommit {
  let waiters: Waiter[] = [];
  let scheduled = false;
  let opened = false;
  const flush = (): void => {
    scheduled = false;
    const batch = waiters;
    waiters = [];
    const wasOpen = opened;
    opened = false;
    let failure: unknown;
    if (wasOpen) {
      if (!db.inTransaction) {
        failure = new Error('the store transaction ended before it was committed');
      } else {
        try {
          db.exec('COMMIT');
        } catch (err) {
          failure = err;
        }
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
      if (!opened && db.inTransaction) {
        // Someone else's transaction (a bulk load): it commits, not us.
        try {
          return Promise.resolve(write());
        } catch (err) {
          return Promise.reject(err);
        }
      }
      if (!opened) {
        // IMMEDIATE takes the write lock now, so another process queues on busy_timeout
        // instead of failing half-way through our batch.
        db.exec('BEGIN IMMEDIATE');
        opened = true;
      }
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
      let result: T;
      try {
        result = write();
      } catch (err) {
        // A constraint error undoes only its statement. An error that ended the transaction
        // (SQLite does for I/O errors) also undid the batch's earlier writes: their callers
        // hear it now, and the next write starts a fresh batch.
        if (!db.inTransaction) {
          opened = false;
          for (const w of waiters.splice(0)) w.reject(err);
        }
        return Promise.reject(err);
      }
      return new Promise<T>((resolve, reject) => {
        waiters.push({ resolve: () => resolve(result), reject });
      });
    },
    flush() {
      if (opened || waiters.length > 0) flush();
    },
  };
}
