/**
 * Versioned schema migrations for the embedded store. Append only: a released
 * migration is never edited, a change is a new entry with the next version, at the end of
 * the newest migrations-*.ts file.
 * Each migration runs in its own transaction together with its schema_migrations row,
 * so a crash mid-way leaves the schema at the previous version and a restart retries.
 */
import { registerSearchFunctions } from './search.js';
import type Database from 'better-sqlite3';
import { MIGRATIONS_1_4 } from './migrations-1-4.js';
import { MIGRATIONS_5_16 } from './migrations-5-16.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, oldest first (one file per era keeps each file readable). */
export const MIGRATIONS: readonly Migration[] = [...MIGRATIONS_1_4, ...MIGRATIONS_5_16];

/** Applies every migration newer than the database's version; returns the versions applied. */
export function applyMigrations(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  registerSearchFunctions(db);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  const done: number[] = [];
  for (const m of ordered) {
    if (applied.has(m.version)) continue;
    // IMMEDIATE: two processes starting together serialise here; the loser re-checks.
    db.transaction(() => {
      const again = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version);
      if (again) return;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        Date.now(),
      );
      done.push(m.version);
    }).immediate();
  }
  return done;
}

export function schemaVersion(db: Database.Database): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as
    { v: number | null } | undefined;
  return row?.v ?? 0;
}
