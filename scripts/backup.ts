/**
 * A consistent backup of the whole store, while the desk runs.
 *
 *   npm run backup [-- --out folder]     (default: DATA_DIR/backups/<UTC time>)
 *
 * Embedded store: SQLite's online backup API (better-sqlite3) copies the database to
 * `<folder>/solodesk.db`, a point-in-time copy even while the desk writes. MongoDB: one
 * Extended JSON lines file per collection under `<folder>/<db>/` (mongodump/mongoimport
 * compatible; see src/store/mongo/dump.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { loadConfig, type Config } from '../src/config.js';

export interface BackupResult {
  folder: string;
  files: string[];
}

export async function backup(config: Config, folder?: string): Promise<BackupResult> {
  const out = folder ?? join(config.DATA_DIR, 'backups', new Date().toISOString().replace(/[:.]/g, '-'));
  if (config.MONGODB_URI) {
    const { createMongoStore } = await import('../src/store/mongo/index.js');
    const { dumpMongo } = await import('../src/store/mongo/dump.js');
    const store = await createMongoStore({ uri: config.MONGODB_URI });
    try {
      const dumped = await dumpMongo(store.connection, out);
      return { folder: out, files: dumped.map((d) => d.file) };
    } finally {
      await store.close();
    }
  }
  const source = join(config.DATA_DIR, 'solodesk.db');
  if (!existsSync(source)) throw new Error(`no database at ${source} (DATA_DIR)`);
  const { createSqliteStore } = await import('../src/store/sqlite/index.js');
  // No migration: a backup copies the file as it is.
  const store = createSqliteStore({ file: source, migrate: false });
  try {
    const file = join(out, 'solodesk.db');
    await store.backup(file);
    return { folder: out, files: [file] };
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  try {
    const result = await backup(loadConfig(), values.out);
    for (const file of result.files) console.log(file);
  } catch (err) {
    console.error(`backup failed: ${(err as Error).message}`);
    process.exit(1);
  }
}
