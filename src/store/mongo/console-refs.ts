/**
 * The MongoDB store's small key-value collections: console refs (which console post shows
 * which record) and cursors (where a poller left off).
 */
import { isDuplicateKey } from './commit.js';
import type { Doc } from './docs.js';
import { lean } from './lean.js';
import type { Models } from './models.js';
import type { ConsoleRefMethods } from '../record-methods.js';

export function createMongoConsoleRefs(m: Models): ConsoleRefMethods {
  return {
    async getRef(console, key) {
      const doc = await lean<Doc | null>(m.consoleRefs.findOne({ console, key }));
      return doc?.value as string | undefined;
    },
    async setRef(console, key, value) {
      // Two first-time upserts of one key may race: the loser retries as an update.
      for (let attempt = 0; ; attempt += 1) {
        try {
          await m.consoleRefs.updateOne({ console, key }, { $set: { value } }, { upsert: true }).exec();
          return;
        } catch (err) {
          if (!isDuplicateKey(err) || attempt > 0) throw err;
        }
      }
    },
    async findRefKey(console, value) {
      const doc = await lean<Doc | null>(m.consoleRefs.findOne({ console, value }));
      return doc?.key as string | undefined;
    },
    async getCursor(name) {
      const doc = await lean<Doc | null>(m.cursors.findById(name));
      return doc?.value as string | undefined;
    },
    async setCursor(name, value) {
      await m.cursors.updateOne({ _id: name }, { $set: { value } }, { upsert: true }).exec();
    },
  };
}
