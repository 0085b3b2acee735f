/**
 * The embedded store's small key-value tables: console refs (which console post shows which
 * record) and cursors (where a poller left off).
 */
import type Database from 'better-sqlite3';
import type { GroupCommit } from './group-commit.js';
import type { ConsoleRefMethods } from '../record-methods.js';

type Prepare = (sql: string) => Database.Statement;

export function createSqliteConsoleRefs(st: Prepare, commits: GroupCommit): ConsoleRefMethods {
  return {
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
}
