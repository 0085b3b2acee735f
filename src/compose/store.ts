/** Chooses the store: MongoDB when MONGODB_URI is set, else the embedded SQLite file in DATA_DIR. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Logger, Store } from '../core/ports.js';

export async function buildStore(config: Config, logger: Logger): Promise<Store> {
  if (config.MONGODB_URI) {
    // mongoose is imported only when MongoDB is configured.
    const { createMongoStore, redactUri } = await import('../store/mongo/index.js');
    // Fails at start with the cause named (bad URI, unreachable, auth), never the password.
    const store = await createMongoStore({ uri: config.MONGODB_URI, logger });
    logger.info({ store: 'mongodb', uri: redactUri(config.MONGODB_URI) }, 'using the MongoDB store');
    return store;
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  const file = join(config.DATA_DIR, 'solodesk.db');
  logger.info({ store: 'sqlite' }, 'using the embedded store');
  const { createSqliteStore } = await import('../store/sqlite/index.js');
  return createSqliteStore({ file });
}
