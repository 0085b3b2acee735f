/** Chooses the store: MongoDB when MONGODB_URI is set, else the embedded SQLite file in DATA_DIR. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Logger, Store } from '../core/ports.js';
import { createMongoStore, redactUri } from '../store/mongo/index.js';
import { createSqliteStore } from '../store/sqlite/index.js';

export async function buildStore(config: Config, logger: Logger): Promise<Store> {
  if (config.MONGODB_URI) {
    // Fails at start with the cause named (bad URI, unreachable, auth), never the password.
    const store = await createMongoStore({ uri: config.MONGODB_URI, logger });
    logger.info({ store: 'mongodb', uri: redactUri(config.MONGODB_URI) }, 'using the MongoDB store');
    return store;
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  const file = join(config.DATA_DIR, 'solodesk.db');
  logger.info({ store: 'sqlite' }, 'using the embedded store');
  return createSqliteStore({ file });
}
