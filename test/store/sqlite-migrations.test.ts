import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createSqliteStore } from '../../src/store/sqlite/index.js';
import { applyMigrations, MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { periodRange } from '../../src/core/figures.js';
import type { FiguresQuery } from '../../src/core/ports.js';
import { seedDemo } from '../../scripts/seed-demo.js';

const dir = mkdtempSync(join(tmpdir(), 'solodesk-migrations-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const NOW = new Date('2026-11-26T06:00:00Z');
const TABLES = [
  'customers',
  'identities',
  'conversations',
  'messages',
  'drafts',
  'decisions',
  'outbox',
  'ratings',
];

describe('sqlite migrations on existing data', () => {
  it('a database with history from the first schema gets the same figures once migrated', async () => {
    // The reference: history written by today's store.
    const currentFile = join(dir, 'current.db');
    const current = createSqliteStore({ file: currentFile });
    await seedDemo(current, { customers: 80, days: 45, seed: 3, now: NOW });

    // The same rows in a database that only ever had migration 1.
    const oldFile = join(dir, 'old.db');
    const old = new Database(oldFile);
    applyMigrations(old, MIGRATIONS.slice(0, 1));
    old.exec(`ATTACH DATABASE '${currentFile}' AS src`);
    for (const table of TABLES) {
      const columns = (old.prepare(`PRAGMA main.table_info(${table})`).all() as { name: string }[])
        .map((c) => c.name)
        .join(', ');
      old.exec(`INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM src.${table} ORDER BY rowid`);
    }
    old.exec('DETACH DATABASE src');
    old.close();

    const migrated = createSqliteStore({ file: oldFile });
    try {
      assert.equal(migrated.schemaVersion(), Math.max(...MIGRATIONS.map((m) => m.version)));
      const queries: FiguresQuery[] = [
        { ...periodRange('all', NOW, 'Asia/Shanghai'), tz: 'Asia/Shanghai' },
        { ...periodRange('30d', NOW, 'America/New_York'), tz: 'America/New_York' },
        { ...periodRange('7d', NOW, 'UTC'), tz: 'UTC', channel: 'email' },
        { ...periodRange('today', NOW, 'UTC'), tz: 'UTC' },
      ];
      for (const q of queries) {
        assert.deepEqual(
          await migrated.figures(q),
          await current.figures(q),
          `figures for ${JSON.stringify(q)}`,
        );
      }
      const some = current.db
        .prepare('SELECT id FROM customers ORDER BY rowid LIMIT 5')
        .pluck()
        .all() as string[];
      for (const id of some) {
        assert.deepEqual(await migrated.lastRating(id), await current.lastRating(id));
        assert.deepEqual(await migrated.countMessages(id), await current.countMessages(id));
      }
    } finally {
      await migrated.close();
      await current.close();
    }
  });
});
