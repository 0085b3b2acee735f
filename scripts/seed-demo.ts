/**
 * Fills a store with realistic, deterministic demo history: customers on every channel,
 * English and Chinese, classified messages, drafts and decisions, first-response and
 * resolution times, rating requests and ratings (some customers rate twice).
 *
 *   npm run seed:demo -- --customers 1000 [--days 90] [--seed 1] [--file data/solodesk.db] [--now 2026-11-26T00:00:00Z]
 *
 * Without --file it seeds the desk's own store: DATA_DIR/solodesk.db, or MongoDB when MONGODB_URI is set.
 *
 * The same options give the same data. Each customer has about two conversations of
 * about five messages, so `--customers 100000` makes ~200,000 conversations and ~1,000,000 messages.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { Store } from '../src/core/ports.js';
import { DAY } from './seed-demo/demo-data.js';
import { seedDemo } from './seed-demo/seed.js';

export { seedDemo, type SeedCounts, type SeedOptions } from './seed-demo/seed.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '1000' },
      days: { type: 'string', default: '90' },
      seed: { type: 'string', default: '1' },
      file: { type: 'string' },
      now: { type: 'string' },
    },
  });
  const customers = Number(values.customers);
  const days = Number(values.days);
  if (!Number.isInteger(customers) || customers < 1 || !Number.isInteger(days) || days < 1) {
    console.error(
      'usage: npm run seed:demo -- --customers N [--days D] [--seed S] [--file path] [--now ISO]',
    );
    process.exit(2);
  }
  const { loadConfig } = await import('../src/config.js');
  const config = loadConfig();
  // Today's UTC midnight by default: re-running on the same day gives identical data.
  const now = values.now ? new Date(values.now) : new Date(Math.floor(Date.now() / DAY) * DAY);
  // --file seeds that SQLite file; otherwise the desk's own store (MongoDB when MONGODB_URI is set).
  let store: Store;
  let where: string;
  if (values.file) {
    const { createSqliteStore } = await import('../src/store/sqlite/index.js');
    store = createSqliteStore({ file: values.file });
    where = values.file;
  } else {
    const { buildStore } = await import('../src/compose/store.js');
    const { createLogger } = await import('../src/logging/logger.js');
    store = await buildStore(config, createLogger('warn'));
    where = config.MONGODB_URI ? 'the MongoDB store' : join(config.DATA_DIR, 'solodesk.db');
  }
  if (await store.getCustomer('cus1')) {
    await store.close();
    console.error(`${where} already holds demo data; seed another --file or delete this one first.`);
    process.exit(1);
  }
  const started = performance.now();
  const counts = await seedDemo(store, {
    customers,
    days,
    seed: Number(values.seed),
    now,
    onProgress: (done) => process.stderr.write(`\r${done}/${customers} customers`),
  });
  await store.close();
  process.stderr.write('\n');
  console.log(
    `seeded ${where}: ${counts.customers} customers, ${counts.conversations} conversations, ` +
      `${counts.messages} messages, ${counts.ratings} ratings in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
