/**
 * `/cs stats` timing on the MongoDB store (issue 9), called by scripts/bench-stats.ts after
 * the embedded store's figures. It measures only against a real server: with MONGODB_URI
 * unset it says so and returns (the wire test server would time mingo, not MongoDB).
 *
 * The same seeded history as the embedded bench (~1,000,000 messages for 100,000 customers)
 * is copied into the database `solodesk_bench_c<N>_v<schema>` with scripts/migrate.ts once,
 * and reused by later runs (the copied `bench:seeded` cursor marks a complete copy).
 *   MONGODB_URI=mongodb://127.0.0.1:27017 tsx scripts/bench-stats-mongo.ts [--customers N]
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createStatsCommand } from '../commands/stats.js';
import { createMongoStore, redactUri } from '../src/store/mongo/index.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import { MIGRATIONS } from '../src/store/sqlite/migrations.js';
import { migrateToMongo } from './migrate.js';
import { seedDemo } from './seed-demo.js';

export interface BenchStatsMongoOptions {
  customers?: number;
  /** The seeded embedded store to copy from (default: the embedded bench's cached file). */
  file?: string;
  runs?: number;
  /** Default: process.env.MONGODB_URI. */
  uri?: string;
  log?: (line: string) => void;
}

const SEED_NOW = new Date('2026-11-26T00:00:00Z');
const TZ = 'Asia/Shanghai';
const SEEDED_MARK = 'bench:seeded';

export async function benchStatsMongo(options: BenchStatsMongoOptions = {}): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  const uri = options.uri ?? process.env.MONGODB_URI;
  if (!uri) {
    log('  MongoDB store: not measured: MONGODB_URI not set (point it at a real MongoDB server to measure).');
    return;
  }
  const customers = options.customers ?? 100_000;
  const runs = options.runs ?? 5;
  const version = Math.max(...MIGRATIONS.map((m) => m.version));
  const file = options.file ?? join(tmpdir(), `solodesk-bench-stats-c${customers}-s1.db`);
  const dbName = `solodesk_bench_c${customers}_v${version}`;

  // The seeded embedded store (normally left by the embedded bench that ran just before).
  const sqlite = existsSync(file) ? createSqliteStore({ file }) : undefined;
  if (!sqlite || (await sqlite.getCursor(SEEDED_MARK)) !== String(customers)) {
    await sqlite?.close();
    const fresh = createSqliteStore({ file });
    log(`/cs stats bench (MongoDB): seeding ${customers} customers into ${file} …`);
    await seedDemo(fresh, { customers, days: 365, seed: 1, now: SEED_NOW });
    await fresh.setCursor(SEEDED_MARK, String(customers));
    await fresh.close();
  } else await sqlite.close();

  let store = await createMongoStore({ uri, dbName });
  try {
    if ((await store.getCursor(SEEDED_MARK)) !== String(customers)) {
      log(`/cs stats bench: copying the seeded history into ${redactUri(uri)} database ${dbName} (once) …`);
      await store.connection.dropDatabase();
      await store.close();
      const started = performance.now();
      await migrateToMongo({ sqliteFile: file, uri, dbName, log: () => undefined });
      log(`  copied in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      store = await createMongoStore({ uri, dbName });
    }
    const messages = await store.models.messages.estimatedDocumentCount().exec();
    const conversations = await store.models.conversations.estimatedDocumentCount().exec();
    const clock = { now: () => new Date(SEED_NOW.getTime() + 12 * 3600_000) };
    const owner = { console: 'bench', userId: 'bench' };
    const stats = createStatsCommand({ figures: store, clock, tz: TZ, chart: false });
    log(
      `/cs stats on the MongoDB store (${redactUri(uri)}): ${messages.toLocaleString('en-US')} messages, ` +
        `${conversations.toLocaleString('en-US')} conversations (median of ${runs} runs after a warm-up)`,
    );
    for (const period of ['30d', 'all', '7d']) {
      await stats.run([period], owner); // warm-up: the server's cache
      const times: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        const t0 = performance.now();
        await stats.run([period], owner);
        times.push(performance.now() - t0);
      }
      const median = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
      log(`  /cs stats ${period.padEnd(4)} figures ${median.toFixed(0).padStart(5)} ms (MongoDB)`);
    }
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { customers: { type: 'string' }, file: { type: 'string' } } });
  await benchStatsMongo({
    ...(values.customers ? { customers: Number(values.customers) } : {}),
    ...(values.file ? { file: values.file } : {}),
  });
}
