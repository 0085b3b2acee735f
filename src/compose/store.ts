/** Chooses the store: MongoDB when MONGODB_URI is set, else the embedded SQLite file in DATA_DIR. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Logger, Store } from '../core/ports.js';
import { createSqliteStore } from '../store/sqlite/index.js';

export async function buildStore(config: Config, logger: Logger): Promise<Store> {
  if (config.MONGODB_URI) {
    throw new Error(
      'MONGODB_URI is set, but this build has no MongoDB store yet; unset it to use the embedded store.',
    );
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  const file = join(config.DATA_DIR, 'solodesk.db');
  logger.info({ store: 'sqlite' }, 'using the embedded store');
  return createSqliteStore({ file });
}
