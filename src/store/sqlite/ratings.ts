/** The embedded store's customer ratings of resolved conversations. */
import type Database from 'better-sqlite3';
import type { Rating } from '../../core/model.js';
import type { GroupCommit } from './group-commit.js';
import { toRating, type RatingRow } from './rows.js';
import type { Transactions } from './transactions.js';
import type { RatingMethods } from '../record-methods.js';

type Prepare = (sql: string) => Database.Statement;

export function createSqliteRatings(st: Prepare, commits: GroupCommit, tx: Transactions): RatingMethods {
  return {
    insertRating(r: Rating) {
      return commits.write(() => {
        tx.insertRating(r);
      });
    },
    async lastRating(customerId) {
      const row = st(
        'SELECT * FROM ratings WHERE customer_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
      ).get(customerId) as RatingRow | undefined;
      return row && toRating(row);
    },
    async listRatings(conversationId) {
      const rows = st('SELECT * FROM ratings WHERE conversation_id = ? ORDER BY created_at, rowid').all(
        conversationId,
      ) as RatingRow[];
      return rows.map(toRating);
    },
  };
}
